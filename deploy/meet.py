"""Quick, bounded measurement of ONE Rasa instance in the production profile (PostgreSQL, Redis,
RabbitMQ on loopback, one action server), for the sizing in docs/deployment.md.

    .venv/bin/python deploy/meet.py [--gesprekken 24] [--parallel 1 4] [--max-seconden 90]

Per concurrency level it runs `--gesprekken` scripted conversations (4 turns each, REST channel,
button payloads and the free text the integration tests use) and stops early at `--max-seconden`.
Reports: turns/s, latency p50/p95 per turn, CPU ms per turn of the Rasa process and of the action
server (from /proc/<pid>/stat, so other load on the machine does not inflate it), RSS before and
after, start-up time. Prints JSON. Only 127.0.0.1 is contacted; everything it creates is removed.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from deploy.instanties import Instanties, Omgeving, diensten_starten, rss_mb  # noqa: E402

SCRIPT = ["mijn zoon wordt gepest", '/informeren{"onderwijstype":"po"}', "/vraag_anoniem_melden",
          "/vraag_wie_nu_bellen"]
KLOK = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / KLOK  # utime + stime


def ronde(inst: Instanties, naam: str, gesprekken: int, parallel: int, max_s: float) -> dict:
    tijden: list[float] = []
    einde = time.monotonic() + max_s

    def gesprek(i: int) -> None:
        for tekst in SCRIPT:
            if time.monotonic() > einde:
                return
            t = time.monotonic()
            inst.zeg(0, f"{naam}-{i}", tekst)
            tijden.append(time.monotonic() - t)

    rasa_pid, actie_pid = inst.rasa[0].pid, inst.actieserver.pid
    cpu0, acpu0 = cpu_s(rasa_pid), cpu_s(actie_pid)
    begin = time.monotonic()
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        list(pool.map(gesprek, range(gesprekken)))
    duur = time.monotonic() - begin
    n = len(tijden)
    tijden.sort()
    return {
        "parallel": parallel, "beurten": n, "seconden": round(duur, 2),
        "beurten_per_s": round(n / duur, 2),
        "latentie_p50_ms": round(1000 * statistics.median(tijden)),
        "latentie_p95_ms": round(1000 * tijden[min(n - 1, int(0.95 * n))]),
        "rasa_cpu_ms_per_beurt": round(1000 * (cpu_s(rasa_pid) - cpu0) / n, 1),
        "actions_cpu_ms_per_beurt": round(1000 * (cpu_s(actie_pid) - acpu0) / n, 1),
        "rss_rasa_mb_na": round(rss_mb(rasa_pid)),
        "load_avg_1m": os.getloadavg()[0],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gesprekken", type=int, default=24)
    ap.add_argument("--parallel", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--max-seconden", type=float, default=90)
    args = ap.parse_args()

    diensten_starten()
    omgeving = Omgeving("meting")
    omgeving.aanmaken()
    try:
        with tempfile.TemporaryDirectory() as tmp, Instanties(omgeving, Path(tmp), aantal=1) as inst:
            uit = {"start_s": round(inst.starttijd_s, 1), "rss_mb_na_start": {k: round(v) for k, v in inst.rss_mb().items()},
                   "cpu_kernen": os.cpu_count(), "load_avg_1m_bij_start": os.getloadavg()[0]}
            ronde(inst, "opwarmen", 2, 1, 30)  # first turns load lazy parts (TF graphs)
            uit["rondes"] = [ronde(inst, f"p{p}", args.gesprekken, p, args.max_seconden) for p in args.parallel]
            uit["rss_mb_einde"] = {k: round(v) for k, v in inst.rss_mb().items()}
            events = omgeving.events()
            uit["events_opgeslagen"] = len(events)
            uit["beurten_totaal"] = 2 * len(SCRIPT) + sum(r["beurten"] for r in uit["rondes"])
            uit["events_per_beurt"] = round(len(events) / uit["beurten_totaal"], 1)
            uit["bytes_json_per_event"] = round(sum(len(json.dumps(d)) for *_, d in events) / len(events))
            uit["database_bytes_per_beurt"] = round(omgeving.database_grootte() / uit["beurten_totaal"])
    finally:
        omgeving.opruimen()
    print(json.dumps(uit, indent=2))


if __name__ == "__main__":
    main()
