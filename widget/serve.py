"""Serves the Wegwijzer widget and its demo page with strict security headers.

Standard library only, so it runs with any Python 3.8+ (also the Rasa venv).

Environment:
  WEB_PORT          port (default 8080)
  WEB_HOST          interface (default 127.0.0.1)
  RASA_URL          where the widget finds Rasa's socketio channel
                    (default http://localhost:$RASA_PORT, RASA_PORT default 5005)
  WIDGET_EXIT_URL   where "Snel weg" goes (default https://www.google.nl)

Only a fixed list of files is served (no directory listing, no path from the URL touches the disk)
and no cookie is ever set.
"""
from __future__ import annotations

import html
import os
import signal
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

HIER = Path(__file__).resolve().parent
PUBLIC = HIER / "public"
SOCKET_IO = HIER / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"

BESTANDEN = {
    "/wegwijzer.js": (PUBLIC / "wegwijzer.js", "text/javascript; charset=utf-8"),
    "/wegwijzer.css": (PUBLIC / "wegwijzer.css", "text/css; charset=utf-8"),
    "/demo.css": (PUBLIC / "demo.css", "text/css; charset=utf-8"),
    "/vendor/socket.io.min.js": (SOCKET_IO, "text/javascript; charset=utf-8"),
}


def oorsprong(url: str) -> str:
    """scheme://host[:port] of a URL; refuses anything but http(s)."""
    delen = urlsplit(url)
    if delen.scheme not in ("http", "https") or not delen.netloc:
        raise ValueError(f"geen http(s)-URL: {url!r}")
    return f"{delen.scheme}://{delen.netloc}"


def csp(rasa_url: str) -> str:
    rasa = oorsprong(rasa_url)
    ws = "wss" + rasa[5:] if rasa.startswith("https") else "ws" + rasa[4:]
    return "; ".join([
        "default-src 'self'",
        f"connect-src 'self' {rasa} {ws}",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def maak_handler(rasa_url: str, exit_url: str) -> type[BaseHTTPRequestHandler]:
    beleid = csp(rasa_url)
    oorsprong(exit_url)  # fail at start, not at the moment a pupil needs it
    pagina = (PUBLIC / "index.html").read_text(encoding="utf-8")
    pagina = pagina.replace("{{RASA_URL}}", html.escape(rasa_url, quote=True))
    pagina = pagina.replace("{{EXIT_URL}}", html.escape(exit_url, quote=True)).encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        server_version = "wegwijzer-widget"
        sys_version = ""

        def version_string(self) -> str:
            return self.server_version

        def kopjes(self, type_: str, lengte: int, cache: str) -> None:
            self.send_header("Content-Type", type_)
            self.send_header("Content-Length", str(lengte))
            self.send_header("Content-Security-Policy", beleid)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("X-Frame-Options", "DENY")
            self.send_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cache-Control", cache)
            # Behind a TLS-terminating proxy: browsers keep to https from then on. Only sent over
            # TLS (RFC 6797 says browsers ignore it on plain http anyway).
            koppen = getattr(self, "headers", None)  # absent when the request line itself was bad
            if koppen is not None and koppen.get("X-Forwarded-Proto", "").split(",")[0].strip().lower() == "https":
                self.send_header("Strict-Transport-Security", "max-age=31536000")
            self.end_headers()

        def antwoord(self, kop_only: bool) -> None:
            pad = urlsplit(self.path).path
            if pad in ("/", "/index.html"):
                # no-store: nothing of the chat page stays in the browser cache.
                self.send_response(HTTPStatus.OK)
                self.kopjes("text/html; charset=utf-8", len(pagina), "no-store")
                if not kop_only:
                    self.wfile.write(pagina)
                return
            if pad in BESTANDEN:
                bestand, type_ = BESTANDEN[pad]
                try:
                    inhoud = bestand.read_bytes()
                except FileNotFoundError:
                    self.send_error(HTTPStatus.INTERNAL_SERVER_ERROR, "widget niet ingericht: draai widget/setup.sh")
                    return
                self.send_response(HTTPStatus.OK)
                self.kopjes(type_, len(inhoud), "no-cache")
                if not kop_only:
                    self.wfile.write(inhoud)
                return
            tekst = b"Niet gevonden\n"
            self.send_response(HTTPStatus.NOT_FOUND)
            self.kopjes("text/plain; charset=utf-8", len(tekst), "no-store")
            if not kop_only:
                self.wfile.write(tekst)

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            # http.server's own error pages (bad request line, POST, too long URL) carry no CSP:
            # send every error with the same headers as the pages.
            tekst = f"{int(code)} {message or HTTPStatus(code).phrase}\n".encode("utf-8", "replace")
            self.close_connection = True
            self.send_response(code, message)
            self.kopjes("text/plain; charset=utf-8", len(tekst), "no-store")
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(tekst)

        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            self.antwoord(False)

        def do_HEAD(self) -> None:  # noqa: N802
            self.antwoord(True)

        def log_message(self, fmt: str, *args) -> None:
            # Paths only; no query strings or client details in the log.
            if os.environ.get("WIDGET_LOG"):
                sys.stderr.write("widget: %s %s\n" % (self.command, urlsplit(self.path).path))

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser that closes a connection early (reload, Snel weg) is normal, not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def main() -> None:
    poort = int(os.environ.get("WEB_PORT", "8080"))
    host = os.environ.get("WEB_HOST", "127.0.0.1")
    rasa_url = os.environ.get("RASA_URL") or f"http://localhost:{os.environ.get('RASA_PORT', '5005')}"
    exit_url = os.environ.get("WIDGET_EXIT_URL", "https://www.google.nl")
    if not SOCKET_IO.exists():
        sys.exit(f"{SOCKET_IO} ontbreekt: draai eerst widget/setup.sh")
    server = Server((host, poort), maak_handler(rasa_url, exit_url))
    # SIGTERM from `make run` stops cleanly, like Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    naam = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    print(f"Widget-demopagina: http://{naam}:{poort}/  (Rasa: {rasa_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
