// Can a client that says it comes from <origin> open a socket.io session on <rasa-url>?
// Node is not a browser: it ignores CORS, so this shows what the *server* allows.
// Usage: node oorsprong.mjs <rasa-url> <origin> <websocket|polling>   prints TOEGELATEN or GEWEIGERD
import { io } from "socket.io-client";

const [url, origin, transport] = process.argv.slice(2);
const s = io(url, { transports: [transport], extraHeaders: { Origin: origin }, reconnection: false, timeout: 10000 });
const klaar = (w) => { console.log(w); s.close(); process.exit(0); };
s.on("connect", () => s.emit("session_request", { session_id: null }));
s.on("session_confirm", () => klaar("TOEGELATEN"));
s.on("connect_error", () => klaar("GEWEIGERD"));
setTimeout(() => klaar("GEWEIGERD"), 15000);
