"""Where does the Rasa server spend its CPU per user message? One Rasa server + action server (the
checkout's credentials.yml and endpoints.yml, SQLite), scripted REST conversations one after the
other, CPU milliseconds per turn of each process from /proc (other load on the machine does not
inflate them), and optionally a py-spy profile of the Rasa server with the top functions.

    .venv/bin/python bench/profiel/profiel.py [--model models/wegwijzer.tar.gz] [--gesprekken 15]
        [--py-spy /pad/naar/py-spy]      # pip install py-spy in any venv; it is not in the lock

docs/benchmarks.md ("Snelheid") quotes its output before and after each change.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integratie"))
import servers  # noqa: E402

KLOK = os.sysconf("SC_CLK_TCK")
GESPREK = ["hoi", "mijn zoon wordt gepest op school", "hij zit in groep 6", "hoe dien ik een klacht in",
           "kan ik anoniem melden", "bedankt"]


def cpu_s(pid: int) -> float:
    v = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(v[11]) + int(v[12])) / KLOK


def rss_mb(pid: int) -> int:
    return int(Path(f"/proc/{pid}/status").read_text().split("VmRSS:")[1].split()[0]) // 1024


def top(raw: Path, n: int = 60) -> list[tuple[float, str]]:
    """Inclusive share of busy samples per function (file:function), from py-spy's raw output."""
    totaal, incl = 0, Counter()
    for regel in raw.read_text().splitlines():
        if not regel.strip():
            continue
        stapel, aantal = regel.rsplit(" ", 1)
        totaal += int(aantal)
        gezien = set()
        for frame in stapel.split(";"):
            if " (" not in frame:
                continue
            functie, plek = frame.split(" (", 1)
            sleutel = f"{plek.split(':')[0].split('site-packages/')[-1]}:{functie}"
            if sleutel not in gezien:
                gezien.add(sleutel)
                incl[sleutel] += int(aantal)
    return [(round(100 * v / totaal, 1), k) for k, v in incl.most_common(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(servers.MODEL))
    ap.add_argument("--gesprekken", type=int, default=15)
    ap.add_argument("--py-spy", dest="pyspy")
    args = ap.parse_args()
    servers.MODEL = Path(args.model).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        with servers.Servers(Path(tmp)) as s:
            start_s = time.monotonic() - t0
            actie_pid, rasa_pid = s.processen[0].pid, s.processen[1].pid
            for i in range(3):  # warm-up: first calls build TensorFlow functions
                for tekst in GESPREK:
                    s.zeg(f"warm-{i}", tekst)
            spy, raw = None, Path(tmp) / "py-spy.txt"
            if args.pyspy:
                spy = subprocess.Popen([args.pyspy, "record", "-p", str(rasa_pid), "-o", str(raw), "-f", "raw",
                                        "-r", "200"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(1)
            c_rasa, c_actie, begin = cpu_s(rasa_pid), cpu_s(actie_pid), time.monotonic()
            tijden = []
            for i in range(args.gesprekken):
                for tekst in GESPREK:
                    t = time.monotonic()
                    s.zeg(f"profiel-{i}", tekst)
                    tijden.append(time.monotonic() - t)
            n = len(tijden)
            uit = {
                "model": str(args.model), "beurten": n, "start_s": round(start_s, 1),
                "rasa_cpu_ms_per_beurt": round(1000 * (cpu_s(rasa_pid) - c_rasa) / n, 1),
                "actieserver_cpu_ms_per_beurt": round(1000 * (cpu_s(actie_pid) - c_actie) / n, 1),
                "wand_ms_per_beurt": round(1000 * (time.monotonic() - begin) / n, 1),
                "p50_ms": round(1000 * sorted(tijden)[n // 2]), "rasa_rss_mb": rss_mb(rasa_pid),
                "load_avg_1m": os.getloadavg()[0],
            }
            if spy:
                spy.send_signal(signal.SIGINT)
                spy.wait()
            print(json.dumps(uit, indent=1))
            if spy and raw.exists():
                # Only samples inside message handling (not start-up, not the event loop itself).
                schoon = Path(tmp) / "bezig.txt"
                schoon.write_text("\n".join(r for r in raw.read_text().splitlines()
                                            if "rasa/core/processor.py" in r))
                for aandeel, functie in top(schoon):
                    print(f"{aandeel:5.1f}%  {functie}")


if __name__ == "__main__":
    main()
