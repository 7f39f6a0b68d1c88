"""Measures the helpdesk over HTTP (waitress, in-process, loopback) against data from genereer.py:
list page, filtered list, search, transcript (p50/p95 over many requests) and the statistics page.
Also measures sync throughput (deduce included) on a sample of real-shaped conversations.

    helpdesk/.venv/bin/python helpdesk/bench/meet.py --pg wegwijzer_bench --app /tmp/bench-app.db
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
from waitress import create_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sqlalchemy import func, select  # noqa: E402

from wegwijzer_helpdesk import accounts, db  # noqa: E402
from wegwijzer_helpdesk.config import Instellingen  # noqa: E402
from wegwijzer_helpdesk.gesprekken import events, sleutel_van, synchroniseer  # noqa: E402
from wegwijzer_helpdesk.web import maak_app  # noqa: E402


def p(waarden, q):
    w = sorted(waarden)
    return w[min(len(w) - 1, int(round(q * (len(w) - 1))))]


def main() -> int:
    a = argparse.ArgumentParser()
    a.add_argument("--pg", required=True)
    a.add_argument("--app", required=True, type=Path)
    a.add_argument("-r", type=int, default=200, help="requests per page kind")
    a.add_argument("--geheim", default="bench")
    args = a.parse_args()
    inst = Instellingen(app_db=f"sqlite:///{args.app}", tracker_url=f"postgresql+psycopg2://postgres@127.0.0.1/{args.pg}",
                        geheim=args.geheim.encode(), veilige_cookies=False)
    appdb = db.maak_engine(inst.app_db)
    tracker = db.maak_engine(inst.tracker_url)
    app = maak_app(inst, appdb, tracker)
    try:
        accounts.maak_account(appdb, "bench", "bench-wachtwoord-lang", "medewerker")
    except accounts.AccountFout:
        pass
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=srv.run, daemon=True).start()
    url = f"http://127.0.0.1:{srv.effective_port}"
    s = requests.Session()
    token = re.search(r'name="csrf" value="(\w+)"', s.get(url + "/login").text).group(1)
    r = s.post(url + "/login", data={"naam": "bench", "wachtwoord": "bench-wachtwoord-lang", "csrf": token},
               allow_redirects=False)
    assert r.status_code == 302, r.text
    with appdb.connect() as c:
        n = c.execute(select(func.count()).select_from(db.gesprek)).scalar()
    with tracker.connect() as c:
        n_ev = c.execute(select(func.count()).select_from(events)).scalar()
    rnd = random.Random(1)
    soorten = {
        "lijst (pagina 1)": lambda: "/",
        "lijst, diepe pagina": lambda: f"/?pagina={rnd.randint(2, 3000)}",
        "gefilterde lijst": lambda: "/?" + rnd.choice(["situatie=pesten&rol=leerling&acuut=nee",
                                                       "fallback=ja&status=opvolgen", "kanaal=whatsapp&onderwijstype=vo",
                                                       "van=2026-09-01&tot=2026-09-30&handoff=ja"]),
        "zoeken": lambda: "/?zoek=" + rnd.choice(["gepest", "huidskleur", "mentor luistert", "foto", "durf"]),
        "transcript": lambda: f"/gesprek/{sleutel_van(inst.geheim, f'bench-{rnd.randrange(n):06d}')}",
    }
    uitslag = {}
    for naam, pad in soorten.items():
        s.get(url + pad())  # warm up
        tijden = []
        for _ in range(args.r):
            t = time.perf_counter()
            resp = s.get(url + pad())
            tijden.append((time.perf_counter() - t) * 1000)
            assert resp.status_code == 200, (naam, resp.status_code)
        uitslag[naam] = tijden
    tijden = []
    for _ in range(max(10, args.r // 10)):
        t = time.perf_counter()
        assert s.get(url + "/statistieken").status_code == 200
        tijden.append((time.perf_counter() - t) * 1000)
    uitslag["statistieken"] = tijden
    print(f"{n} gesprekken, {n_ev} events in PostgreSQL; app-db SQLite ({args.app.stat().st_size // 2**20} MiB)")
    print("| pagina | verzoeken | p50 (ms) | p95 (ms) | max (ms) |\n|---|---|---|---|---|")
    for naam, t in uitslag.items():
        print(f"| {naam} | {len(t)} | {statistics.median(t):.0f} | {p(t, 0.95):.0f} | {max(t):.0f} |")
    srv.close()

    # Sync throughput, deduce included: index the newest ~6,000 events into a fresh app database.
    with tempfile.TemporaryDirectory() as tmp:
        vers = db.maak_engine(f"sqlite:///{tmp}/sync.db")
        db.init(vers)
        with tracker.connect() as c:
            hoogste = c.execute(select(func.max(events.c.id))).scalar()
        with vers.begin() as c:
            c.execute(db.instelling.insert().values(naam="laatste_event_id", waarde=str(hoogste - 6000)))
        from wegwijzer_helpdesk.pseudo import PSEUDO
        PSEUDO.laad()
        t = time.perf_counter()
        aantal = synchroniseer(vers, tracker, inst.geheim)
        duur = time.perf_counter() - t
        print(f"\nsynchronisatie (met deduce): {aantal} gesprekken in {duur:.1f} s = {aantal / duur:.0f} gesprekken/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
