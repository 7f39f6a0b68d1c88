"""Everything the browser tests talk to, on free loopback ports:

- the real action server and `rasa run` (model models/wegwijzer.tar.gz, the repo's credentials.yml,
  a fresh SQLite tracker store, RASA_CORS = the widget page's origin only, read by channels/socketio.py),
- a TCP proxy in front of Rasa whose connections the test can cut (a dropped connection),
- widget/serve.py, the page server `make run` uses, pointed at the proxy,
- a stand-in "neutral website" on its own origin for Snel weg.
"""
from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import requests

from scripts.processen import stop, vrije_poort, wacht_tot

WIDGET = Path(__file__).resolve().parents[1]
ROOT = WIDGET.parent
MODEL = ROOT / "models" / "wegwijzer.tar.gz"
RASA = str(Path(sys.executable).with_name("rasa"))
HIER = Path(__file__).resolve().parent








class Proxy:
    """Forwards TCP to Rasa. `verbreek()` cuts every open connection, like a train entering a
    tunnel; new connections keep working."""

    def __init__(self, doel_poort: int) -> None:
        self.doel = ("127.0.0.1", doel_poort)
        self.luister = socket.create_server(("127.0.0.1", 0))
        self.poort = self.luister.getsockname()[1]
        self.open: list[socket.socket] = []
        self.slot = threading.Lock()
        threading.Thread(target=self._accepteer, daemon=True).start()

    def _accepteer(self) -> None:
        while True:
            try:
                klant, _ = self.luister.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.doel)
            except OSError:
                klant.close()
                continue
            with self.slot:
                self.open += [klant, server]
            threading.Thread(target=self._pomp, args=(klant, server), daemon=True).start()
            threading.Thread(target=self._pomp, args=(server, klant), daemon=True).start()

    def _pomp(self, van: socket.socket, naar: socket.socket) -> None:
        try:
            while data := van.recv(65536):
                naar.sendall(data)
        except OSError:
            pass
        for s in (van, naar):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        with self.slot:
            self.open = [s for s in self.open if s not in (van, naar)]

    def verbreek(self) -> int:
        with self.slot:
            weg, self.open = self.open, []
        for s in weg:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
        return len(weg) // 2

    def stop(self) -> None:
        self.luister.close()
        self.verbreek()


class StilleServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a browser closing a connection early is not a test failure


def http_thread(handler: type[http.server.BaseHTTPRequestHandler]) -> tuple[http.server.ThreadingHTTPServer, int]:
    server = StilleServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


class Omgeving:
    def __init__(self, werkmap: Path, credentials: Path = ROOT / "credentials.yml", cors: bool = False) -> None:
        if not MODEL.exists():
            raise FileNotFoundError(f"{MODEL} ontbreekt: draai de tests met `make test` (dat traint eerst)")
        self.werkmap = werkmap
        self.credentials = credentials
        self.cors = cors
        self.rasa_poort = vrije_poort()
        self.actie_poort = vrije_poort()
        self.web_poort = vrije_poort()
        self.web = f"http://127.0.0.1:{self.web_poort}"
        self.rasa_direct = f"http://127.0.0.1:{self.rasa_poort}"
        self.processen: list[subprocess.Popen] = []
        self.servers: list[http.server.ThreadingHTTPServer] = []
        self.proxy: Proxy | None = None

    def __enter__(self) -> "Omgeving":
        try:
            self._start()
        except Exception:
            self.__exit__()
            raise
        return self

    def _start(self) -> None:
        env = {
            **os.environ,
            "ACTIONS_PORT": str(self.actie_poort),
            "TRACKER_DB": str(self.werkmap / "tracker.db"),
            # The project first; an existing PYTHONPATH after it (lets one try other package versions).
            "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONHASHSEED": "0",
            # Read by channels.socketio when credentials.yml uses it (as make run sets it).
            "RASA_CORS": self.web,
        }
        self.actie_log = self.werkmap / "actions.log"
        self.rasa_log = self.werkmap / "rasa.log"
        self.web_log = self.werkmap / "web.log"
        acties = subprocess.Popen(
            [RASA, "run", "actions", "--actions", "actions", "--port", str(self.actie_poort)],
            cwd=ROOT, env=env, stdout=self.actie_log.open("w"), stderr=subprocess.STDOUT,
        )
        self.processen.append(acties)
        rasa = subprocess.Popen(
            [RASA, "run", "--model", str(MODEL), "--port", str(self.rasa_poort), "--interface", "127.0.0.1",
             "--credentials", str(self.credentials), "--endpoints", "endpoints.yml",
             # Only the widget page may call from a browser (make run passes RASA_CORS the same way).
             *(["--cors", self.web] if self.cors else [])],
            cwd=ROOT, env=env, stdout=self.rasa_log.open("w"), stderr=subprocess.STDOUT,
        )
        self.processen.append(rasa)

        self.proxy = Proxy(self.rasa_poort)
        self.rasa = f"http://127.0.0.1:{self.proxy.poort}"
        proxy = self.proxy

        class Bediening(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                n = proxy.verbreek() if self.path == "/verbreek" else -1
                body = str(n).encode()
                self.send_response(200 if n >= 0 else 404)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a) -> None:
                pass

        server, poort = http_thread(Bediening)
        self.servers.append(server)
        self.bediening = f"http://127.0.0.1:{poort}"

        class Neutraal(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                body = ("<!doctype html><html lang=nl><title>Het weer</title>"
                        "<h1>Het weer vandaag</h1><p>Zonnig, 18 graden.</p></html>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a) -> None:
                pass

        server, poort = http_thread(Neutraal)
        self.servers.append(server)
        self.neutraal = f"http://127.0.0.1:{poort}/weer"

        web = subprocess.Popen(
            [sys.executable, str(WIDGET / "serve.py")],
            env={**os.environ, "WEB_PORT": str(self.web_poort), "WEB_HOST": "127.0.0.1",
                 "RASA_URL": self.rasa, "WIDGET_EXIT_URL": self.neutraal},
            stdout=self.web_log.open("w"), stderr=subprocess.STDOUT,
        )
        self.processen.append(web)
        wacht_tot(self.web + "/wegwijzer.js", 20, web, self.web_log)
        wacht_tot(f"http://127.0.0.1:{self.actie_poort}/health", 90, acties, self.actie_log)
        wacht_tot(self.rasa_direct + "/", 180, rasa, self.rasa_log)

    def __exit__(self, *exc) -> None:
        if self.proxy:
            self.proxy.stop()
        for s in self.servers:
            s.shutdown()
            s.server_close()
        stop(self.processen, 20)


def draai(omgeving: "Omgeving", screenshots: Path, *args: str, script: str = "browser.mjs", timeout: int = 300) -> str:
    """Runs a Node script of widget/tests against the environment; its log is printed (shown by
    pytest when a test fails) and a non-zero exit fails the test."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "WW_WEB": omgeving.web,
        "WW_RASA": omgeving.rasa,
        "WW_EXIT": omgeving.neutraal,
        "WW_BEDIENING": omgeving.bediening,
        "WW_SCREENSHOTS": str(screenshots),
    }
    r = subprocess.run(["node", str(HIER / script), *args], cwd=HIER, env=env,
                       capture_output=True, text=True, timeout=timeout)
    uitvoer = r.stdout + r.stderr
    print(uitvoer)
    assert r.returncode == 0, uitvoer[-6000:]
    return uitvoer
