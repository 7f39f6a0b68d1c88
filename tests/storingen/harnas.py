"""Real processes for fault tests: the real action server, a switchable stand-in on loopback that
Rasa calls as its action server (it forwards, answers 500, sleeps, talks nonsense or is down), and
a real `rasa run` with ACTIONS_PORT pointed at the stand-in.

Rasa is started with the checkout's endpoints.yml and its credentials.yml with the guard from
channels/noodantwoord.py switched on or off explicitly, so these tests are valid before and after
the one-entry patch to credentials.yml is applied."""
from __future__ import annotations

import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Optional

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integratie"))
from servers import MODEL, RASA, vrije_poort, wacht_tot  # noqa: E402  (reused helpers)

NOOD_KANAAL = "channels.noodantwoord.ActieNoodantwoord"
WACHT_TIMEOUT = 8  # seconds; the value proposed for credentials.yml


class Schakelaar:
    """Loopback HTTP server in this test process that Rasa uses as its action server.

    modus: "door" (forward to the real action server), "500", "400-eenmaal" (one rejection, as
    rasa_sdk sends it), "traag" (sleep, then forward),
    "onzin" (200 with HTML), and stop()/start() for "down" (port closed)."""

    def __init__(self, doel_poort: int) -> None:
        self.poort = vrije_poort()
        self.doel = f"http://127.0.0.1:{doel_poort}/webhook"
        self.modus = "door"
        self.slaap = 0.0
        self.aanroepen = 0
        self._server: Optional[http.server.ThreadingHTTPServer] = None

    def _handler(self):
        schakelaar = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def do_POST(self):
                lengte = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(lengte)
                schakelaar.aanroepen += 1
                modus = schakelaar.modus
                if modus == "500":
                    return self._stuur(500, b'{"error": "kapot"}', "application/json")
                if modus == "400-eenmaal":  # what rasa_sdk sends for ActionExecutionRejection, once
                    schakelaar.modus = "door"  # always rejecting would make Rasa itself loop
                    naam = json.loads(body or b"{}").get("next_action", "")
                    return self._stuur(400, json.dumps({"error": "afgewezen", "action_name": naam}).encode(),
                                       "application/json")
                if modus == "onzin":
                    return self._stuur(200, b"<html>storing</html>", "text/html")
                if modus == "traag":
                    time.sleep(schakelaar.slaap)
                try:
                    r = requests.post(schakelaar.doel, data=body, timeout=60,
                                      headers={"Content-Type": "application/json"})
                    self._stuur(r.status_code, r.content, r.headers.get("Content-Type", "application/json"))
                except (requests.RequestException, OSError):
                    pass  # Rasa gave up waiting and closed the connection

            def _stuur(self, status, inhoud, soort):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", soort)
                    self.send_header("Content-Length", str(len(inhoud)))
                    self.end_headers()
                    self.wfile.write(inhoud)
                except OSError:
                    pass

        return Handler

    def start(self) -> None:
        http.server.ThreadingHTTPServer.allow_reuse_address = True
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.poort), self._handler())
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def _credentials_zonder_wacht() -> str:
    return re.sub(rf"(?m)^{re.escape(NOOD_KANAAL)}:\n(?:[ \t]+.*\n?)*", "", (ROOT / "credentials.yml").read_text())


def config_met_wacht(werkmap: Path) -> Path:
    """credentials.yml of the checkout with the guard switched on (endpoints.yml needs no change)."""
    pad = werkmap / "credentials.yml"
    pad.write_text(_credentials_zonder_wacht() + f"\n{NOOD_KANAAL}:\n  timeout_seconden: {WACHT_TIMEOUT}\n")
    return pad


def config_zonder_wacht(werkmap: Path) -> Path:
    """The checkout's credentials.yml with the guard switched off: Rasa as it is, for the baseline."""
    pad = werkmap / "credentials.yml"
    pad.write_text(_credentials_zonder_wacht())
    return pad


class StoringServers:
    """Real action server + Schakelaar + real Rasa. met_wacht: use the noodantwoord guard."""

    def __init__(self, werkmap: Path, met_wacht: bool) -> None:
        if not MODEL.exists():
            raise FileNotFoundError(f"{MODEL} ontbreekt: eerst trainen (make train)")
        self.werkmap = werkmap
        self.met_wacht = met_wacht
        self.actie_poort = vrije_poort()
        self.schakelaar = Schakelaar(self.actie_poort)
        self.rasa_poort = vrije_poort()
        self.url = f"http://127.0.0.1:{self.rasa_poort}"
        self.rasa_log = werkmap / "rasa.log"
        self.processen: list[subprocess.Popen] = []

    def __enter__(self) -> "StoringServers":
        env = {
            **os.environ,
            "ACTIONS_PORT": str(self.schakelaar.poort),  # Rasa talks to the stand-in
            "TRACKER_DB": str(self.werkmap / "tracker.db"),
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
        }
        credentials = (config_met_wacht if self.met_wacht else config_zonder_wacht)(self.werkmap)
        endpoints = ROOT / "endpoints.yml"
        actie_log = self.werkmap / "actions.log"
        self.processen.append(subprocess.Popen(
            [RASA, "run", "actions", "--actions", "actions", "--port", str(self.actie_poort)],
            cwd=ROOT, env=env, stdout=actie_log.open("w"), stderr=subprocess.STDOUT,
        ))
        self.schakelaar.start()
        self.processen.append(subprocess.Popen(
            [RASA, "run", "--model", str(MODEL), "--port", str(self.rasa_poort), "--interface", "127.0.0.1",
             "--credentials", str(credentials), "--endpoints", str(endpoints)],
            cwd=ROOT, env=env, stdout=self.rasa_log.open("w"), stderr=subprocess.STDOUT,
        ))
        try:
            wacht_tot(f"http://127.0.0.1:{self.actie_poort}/health", 90, self.processen[0], actie_log)
            wacht_tot(self.url + "/", 180, self.processen[1], self.rasa_log)
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.schakelaar.stop()
        for p in self.processen:
            p.terminate()
        for p in self.processen:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()

    def zeg(self, afzender: str, tekst: str, timeout: float = 60) -> list[dict]:
        r = requests.post(self.url + "/webhooks/rest/webhook", json={"sender": afzender, "message": tekst},
                          timeout=timeout)
        r.raise_for_status()
        return r.json()


def tekst(antwoorden: list[dict]) -> str:
    return " ".join(a.get("text") or "" for a in antwoorden)
