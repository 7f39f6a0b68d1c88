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
from scripts.processen import stop  # noqa: E402

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
        stop(self.processen, 20)

    def zeg(self, afzender: str, tekst: str, timeout: float = 60) -> list[dict]:
        r = requests.post(self.url + "/webhooks/rest/webhook", json={"sender": afzender, "message": tekst},
                          timeout=timeout)
        r.raise_for_status()
        return r.json()


def tekst(antwoorden: list[dict]) -> str:
    return " ".join(a.get("text") or "" for a in antwoorden)


# --- storage, lock store, broker and restarts (test_opslag_storing.py, test_herstart.py) -------

import signal  # noqa: E402
import socket  # noqa: E402

STORING_KANAAL = "channels.storingsantwoord.Storingsantwoord"
TRACKER_KLASSE = "deploy.sql_opslag.HerverbindendeSQLTrackerStore"
BROKER_KLASSE = "deploy.rabbit_broker.StilleRabbitBroker"


class TcpProxy:
    """TCP proxy on loopback in this test process, between Rasa and a real service (PostgreSQL,
    Redis, RabbitMQ). knip(): every open connection is closed and new ones are refused (the port
    is closed), as when the service restarts; herstel(): the same port accepts again."""

    def __init__(self, doel_poort: int, doel_host: str = "127.0.0.1") -> None:
        self.poort = vrije_poort()
        self.doel = (doel_host, doel_poort)
        self._luister: Optional[socket.socket] = None
        self._open: set[socket.socket] = set()
        self._slot = threading.Lock()
        self.verbindingen = 0  # connections accepted, to see that Rasa really goes through here

    def start(self) -> "TcpProxy":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        einde = time.monotonic() + 5
        while True:  # the old listener may still be closing (an accept() in flight)
            try:
                s.bind(("127.0.0.1", self.poort))
                break
            except OSError:
                if time.monotonic() > einde:
                    s.close()
                    raise
                time.sleep(0.05)
        s.listen(128)
        s.settimeout(0.2)  # so the accept loop notices knip() quickly
        self._luister = s
        threading.Thread(target=self._accepteer, args=(s,), daemon=True).start()
        return self

    herstel = start

    def _accepteer(self, luister: socket.socket) -> None:
        while self._luister is luister:
            try:
                klant, _ = luister.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            try:
                dienst = socket.create_connection(self.doel, timeout=5)
            except OSError:
                klant.close()
                continue
            klant.settimeout(None)
            dienst.settimeout(None)
            with self._slot:
                if self._luister is not luister:  # cut while connecting
                    klant.close()
                    dienst.close()
                    return
                self._open.update((klant, dienst))
                self.verbindingen += 1
            for van, naar in ((klant, dienst), (dienst, klant)):
                threading.Thread(target=self._pomp, args=(van, naar), daemon=True).start()

    def _pomp(self, van: socket.socket, naar: socket.socket) -> None:
        try:
            while True:
                data = van.recv(65536)
                if not data:
                    break
                naar.sendall(data)
        except OSError:
            pass
        finally:
            for s in (van, naar):
                self._sluit(s)

    def _sluit(self, s: socket.socket) -> None:
        with self._slot:
            self._open.discard(s)
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()

    def knip(self) -> None:
        with self._slot:
            luister, self._luister = self._luister, None
            open_ = list(self._open)
        if luister is not None:
            try:
                luister.shutdown(socket.SHUT_RDWR)  # wakes the accept() at once: port closed now
            except OSError:
                pass
            luister.close()
        for s in open_:
            self._sluit(s)

    stop = knip


def credentials_met_storingsantwoord(werkmap: Path) -> Path:
    """The checkout's credentials.yml with channels/storingsantwoord.py switched on (added when the
    checkout does not have it yet), so the tests hold before and after that one-entry patch."""
    tekst_ = (ROOT / "credentials.yml").read_text()
    if not re.search(rf"(?m)^{re.escape(STORING_KANAAL)}:", tekst_):
        tekst_ += f"\n{STORING_KANAAL}:\n"
    pad = werkmap / "credentials.yml"
    pad.write_text(tekst_)
    return pad


def _zet_type(tekst_: str, blok: str, klasse: str) -> str:
    uit = re.sub(rf"(?m)^({blok}:\n(?:[ \t]*#.*\n)*[ \t]+type:)[ \t]*\S+", rf"\1 {klasse}", tekst_)
    assert f"type: {klasse}" in uit, f"{blok}.type not found in endpoints.productie.yml"
    return uit


def endpoints_productie(werkmap: Path, tracker_klasse: Optional[str] = TRACKER_KLASSE,
                        broker_klasse: Optional[str] = BROKER_KLASSE) -> Path:
    """endpoints.productie.yml with the tracker store of deploy/sql_opslag.py and the broker of
    deploy/rabbit_broker.py (None: as in the checkout, e.g. Rasa's own `type: SQL` / `pika`)."""
    tekst_ = (ROOT / "endpoints.productie.yml").read_text()
    if tracker_klasse:
        tekst_ = _zet_type(tekst_, "tracker_store", tracker_klasse)
    if broker_klasse:
        tekst_ = _zet_type(tekst_, "event_broker", broker_klasse)
    pad = werkmap / "endpoints.yml"
    pad.write_text(tekst_)
    return pad


class RasaProces:
    """A real action server and one real `rasa run` that can be killed with SIGKILL and started
    again on the same port with the same stores. HTTP API on (token) to read trackers back."""

    def __init__(self, werkmap: Path, credentials: Path, endpoints: Path,
                 env: Optional[dict[str, str]] = None, actie_poort: Optional[int] = None) -> None:
        if not MODEL.exists():
            raise FileNotFoundError(f"{MODEL} ontbreekt: eerst trainen (make train)")
        self.werkmap = werkmap
        self.credentials = credentials
        self.endpoints = endpoints
        self.actie_poort = actie_poort or vrije_poort()
        self.rasa_poort = vrije_poort()
        self.url = f"http://127.0.0.1:{self.rasa_poort}"
        self.token = os.urandom(18).hex()
        self.env = {
            **os.environ, "ACTIONS_PORT": str(self.actie_poort),
            "TRACKER_DB": str(werkmap / "tracker.db"),
            "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "SANIC_WORKERS": "1",
            **(env or {}),
        }
        self.actieserver: Optional[subprocess.Popen] = None
        self.rasa: Optional[subprocess.Popen] = None
        self.starts = 0
        # Own copy of the model: a retraining elsewhere must not swap it between two starts.
        self.model = werkmap / "wegwijzer.tar.gz"
        import shutil

        shutil.copyfile(MODEL, self.model)

    @property
    def rasa_log(self) -> Path:
        return self.werkmap / f"rasa{self.starts}.log"

    def start_rasa(self) -> None:
        self.starts += 1
        self.rasa = subprocess.Popen(
            [RASA, "run", "--model", str(self.model), "--port", str(self.rasa_poort), "--interface", "127.0.0.1",
             "--credentials", str(self.credentials), "--endpoints", str(self.endpoints),
             "--enable-api", f"--auth-token={self.token}"],
            cwd=ROOT, env=self.env, stdout=self.rasa_log.open("w"), stderr=subprocess.STDOUT,
        )
        wacht_tot(self.url + "/", 240, self.rasa, self.rasa_log)

    def kill9(self) -> None:
        """SIGKILL: no shutdown handlers, no flushing, as when a container is OOM-killed."""
        assert self.rasa is not None
        self.rasa.send_signal(signal.SIGKILL)
        self.rasa.wait(timeout=30)

    def __enter__(self) -> "RasaProces":
        actie_log = self.werkmap / "actions.log"
        self.actieserver = subprocess.Popen(
            [RASA, "run", "actions", "--actions", "actions", "--port", str(self.actie_poort)],
            cwd=ROOT, env={**self.env, "SANIC_HOST": "127.0.0.1"}, stdout=actie_log.open("w"),
            stderr=subprocess.STDOUT,
        )
        try:
            self.start_rasa()
            wacht_tot(f"http://127.0.0.1:{self.actie_poort}/health", 120, self.actieserver, actie_log)
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        # Sanic waits up to 15 s for open (socketio) connections; every turn is already stored,
        # so a test need not wait for a graceful end.
        stop([self.rasa, self.actieserver], 5)

    def zeg(self, afzender: str, tekst_: str, timeout: float = 60) -> list[dict]:
        r = requests.post(self.url + "/webhooks/rest/webhook", json={"sender": afzender, "message": tekst_},
                          timeout=timeout)
        r.raise_for_status()
        return r.json()

    def tracker(self, afzender: str) -> dict:
        r = requests.get(f"{self.url}/conversations/{afzender}/tracker", params={"token": self.token}, timeout=30)
        r.raise_for_status()
        return r.json()

    def leeft(self) -> bool:
        return self.rasa is not None and self.rasa.poll() is None


def gebruikersteksten(events: list[dict]) -> list[str]:
    return [e.get("text") for e in events if e.get("event") == "user"]
