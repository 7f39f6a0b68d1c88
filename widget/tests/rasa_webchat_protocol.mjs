// Speaks to Rasa's socketio channel exactly as the rasa-webchat widget (1.x) does, from Node:
// session_request {session_id}, then user_uttered {message, customData, session_id}, and expects
// bot_uttered in the session's room. A second socket with the same session_id (what rasa-webchat
// does after a reload) must get the replies. With python-socketio >= 5.10 and Rasa 3.6 this fails:
// the room is never joined and no bot_uttered arrives (shared/kennis/valkuilen.md).
// Usage: node rasa_webchat_protocol.mjs <rasa-url> <origin>
import { io } from "socket.io-client";
import assert from "node:assert/strict";

const [url, origin] = process.argv.slice(2);
const WACHT = 45000;

function verbind() {
  // rasa-webchat connects with the default transports (polling, then websocket upgrade).
  const s = io(url, { path: "/socket.io/", extraHeaders: { Origin: origin }, reconnection: false });
  return new Promise((ok, mis) => {
    s.on("connect", () => ok(s));
    s.on("connect_error", mis);
  });
}

function sessie(s, id) {
  return new Promise((ok, mis) => {
    const t = setTimeout(() => mis(new Error("geen session_confirm")), WACHT);
    s.once("session_confirm", (antwoord) => {
      clearTimeout(t);
      // rasa-webchat accepts both forms: a bare id (Rasa 3.x) or {session_id}.
      ok(typeof antwoord === "string" ? antwoord : antwoord.session_id);
    });
    s.emit("session_request", { session_id: id });
  });
}

function antwoorden(s, bericht, id, stop) {
  return new Promise((ok, mis) => {
    const ontvangen = [];
    const t = setTimeout(() => mis(new Error(`geen antwoord op "${bericht}" (ontvangen: ${JSON.stringify(ontvangen)})`)), WACHT);
    s.on("bot_uttered", (m) => {
      ontvangen.push(m);
      if (stop(m)) { clearTimeout(t); s.off("bot_uttered"); ok(ontvangen); }
    });
    s.emit("user_uttered", { message: bericht, customData: { language: "nl" }, session_id: id });
  });
}

const eerste = await verbind();
const id = await sessie(eerste, null);
// Issued and signed by the server (channels/socketio.py): <uuid4 hex>.<128-bit HMAC>.
assert.match(id, /^[0-9a-f]{32}\.[0-9a-f]{32}$/);
console.log(`- sessie ${id}`);
const a = await antwoorden(eerste, "hoi", id, (m) => (m.quick_replies || []).length > 0);
const titels = a.flatMap((m) => (m.quick_replies || []).map((q) => q.title));
assert.deepEqual(titels, ["Leerling", "Ouder of verzorger", "Ik werk op school"]);
const leerling = a.flatMap((m) => m.quick_replies || []).find((q) => q.title === "Leerling");
console.log(`- hoi -> knoppen ${titels.join(", ")}`);
eerste.disconnect();

// As after a page reload: a new socket, the stored session id.
const tweede = await verbind();
assert.equal(await sessie(tweede, id), id);
const b = await antwoorden(tweede, leerling.payload, id, () => true);
assert.ok(b[0].text, "leeg antwoord");
console.log(`- nieuwe socket, zelfde sessie: "${leerling.payload}" -> "${b[0].text.slice(0, 60)}…"`);
tweede.disconnect();
console.log("OK rasa-webchat-protocol");
