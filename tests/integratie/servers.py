"""Starts the real servers for a test: `rasa run actions` and `rasa run` on free loopback ports,
with a fresh SQLite tracker store. Used as a context manager; always stops both."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import requests

from scripts.processen import stop, vrije_poort, wacht_tot

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "wegwijzer.tar.gz"
RASA = str(Path(sys.executable).with_name("rasa"))








class Servers:
    def __init__(self, werkmap: Path, auth_token: Optional[str] = None) -> None:
        if not MODEL.exists():
            raise FileNotFoundError(f"{MODEL} ontbreekt: draai de tests met `make test` (dat traint eerst)")
        self.werkmap = werkmap
        self.auth_token = auth_token
        self.rasa_poort = vrije_poort()
        self.actie_poort = vrije_poort()
        self.tracker_db = werkmap / "tracker.db"
        self.url = f"http://127.0.0.1:{self.rasa_poort}"
        self.processen: list[subprocess.Popen] = []

    def __enter__(self) -> "Servers":
        env = {
            **os.environ,
            "ACTIONS_PORT": str(self.actie_poort),
            "TRACKER_DB": str(self.tracker_db),
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
        }
        actie_log = self.werkmap / "actions.log"
        rasa_log = self.werkmap / "rasa.log"
        self.processen.append(subprocess.Popen(
            [RASA, "run", "actions", "--actions", "actions", "--port", str(self.actie_poort)],
            cwd=ROOT, env=env, stdout=actie_log.open("w"), stderr=subprocess.STDOUT,
        ))
        api = ["--enable-api", f"--auth-token={self.auth_token}"] if self.auth_token else []
        self.processen.append(subprocess.Popen(
            [RASA, "run", "--model", str(MODEL), "--port", str(self.rasa_poort), "--interface", "127.0.0.1",
             "--credentials", "credentials.yml", "--endpoints", "endpoints.yml", *api],
            cwd=ROOT, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT,
        ))
        try:
            wacht_tot(f"http://127.0.0.1:{self.actie_poort}/health", 90, self.processen[0], actie_log)
            wacht_tot(self.url + "/", 180, self.processen[1], rasa_log)
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        stop(self.processen, 20)

    def zeg(self, afzender: str, tekst: str) -> list[dict]:
        r = requests.post(self.url + "/webhooks/rest/webhook", json={"sender": afzender, "message": tekst}, timeout=60)
        r.raise_for_status()
        return r.json()

    def tracker(self, afzender: str, token: Optional[str] = "__eigen__") -> requests.Response:
        token = self.auth_token if token == "__eigen__" else token
        params = {"token": token} if token else {}
        return requests.get(f"{self.url}/conversations/{afzender}/tracker", params=params, timeout=30)
