"""Fills real Rasa tracker stores with real conversations: starts the action server and one
`rasa run` per tracker store (SQLite file, optionally a PostgreSQL database) on free loopback ports,
sends every conversation of gesprekken.json through the REST channel, and stops everything.

Runs with the *Rasa* virtualenv's Python (it needs `rasa`), called by helpdesk/tests/conftest.py:
    /work/main/.venv/bin/python helpdesk/tests/rasa_vullen.py --werkmap DIR [--postgres DBNAAM]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import requests

PROJECT = Path(__file__).resolve().parents[2]
HIER = Path(__file__).resolve().parent
# Run as a script by the Rasa venv: the project root is not on the path by itself.
sys.path.insert(0, str(PROJECT))
from scripts.processen import stop, vrije_poort, wacht_tot  # noqa: E402








def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--werkmap", required=True, type=Path)
    p.add_argument("--postgres", help="name of an existing, empty PostgreSQL database on 127.0.0.1:5432")
    p.add_argument("--gesprekken", type=Path, default=HIER / "gesprekken.json")
    args = p.parse_args()
    w = args.werkmap.resolve()
    w.mkdir(parents=True, exist_ok=True)
    rasa = str(Path(sys.executable).with_name("rasa"))
    model = PROJECT / "models" / "wegwijzer.tar.gz"
    actie_poort = vrije_poort()
    env = {**os.environ, "ACTIONS_PORT": str(actie_poort), "PYTHONPATH": str(PROJECT),
           "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}

    stores = {"sqlite": {"type": "SQL", "dialect": "sqlite", "db": str(w / "tracker.db")}}
    if args.postgres:
        stores["postgres"] = {"type": "SQL", "dialect": "postgresql", "url": "127.0.0.1", "port": 5432,
                              "username": "postgres", "db": args.postgres}
    processen: list[subprocess.Popen] = []
    try:
        alog = w / "actions.log"
        processen.append(subprocess.Popen([rasa, "run", "actions", "--actions", "actions", "--port", str(actie_poort)],
                                          cwd=PROJECT, env=env, stdout=alog.open("w"), stderr=subprocess.STDOUT))
        servers = {}
        for naam, store in stores.items():
            ep = w / f"endpoints-{naam}.yml"
            ep.write_text(json.dumps({"action_endpoint": {"url": f"http://127.0.0.1:{actie_poort}/webhook"},
                                      "tracker_store": store}))  # JSON is valid YAML
            poort = vrije_poort()
            log = w / f"rasa-{naam}.log"
            processen.append(subprocess.Popen(
                [rasa, "run", "--model", str(model), "--port", str(poort), "--interface", "127.0.0.1",
                 "--credentials", "credentials.yml", "--endpoints", str(ep)],
                cwd=PROJECT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT))
            servers[naam] = (f"http://127.0.0.1:{poort}", processen[-1], log)
        wacht_tot(f"http://127.0.0.1:{actie_poort}/health", 900, processen[0], alog)
        for url, proces, log in servers.values():
            wacht_tot(url + "/", 900, proces, log)
        gesprekken = json.loads(args.gesprekken.read_text())["gesprekken"]
        for url, _, _ in servers.values():
            for gsp in gesprekken:
                for tekst in gsp["berichten"]:
                    r = requests.post(url + "/webhooks/rest/webhook", json={"sender": gsp["id"], "message": tekst},
                                      timeout=60)
                    r.raise_for_status()
        print(json.dumps({"sqlite": str(w / "tracker.db"), "postgres": args.postgres}))
    finally:
        stop(processen, 30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
