"""Command line: `python -m wegwijzer_helpdesk <opdracht>`.

  serve [--port 8081]              web app + sync every few seconds + daily retention job
  account-maken NAAM [--rol R]     asks the password twice (or reads HELPDESK_WACHTWOORD)
  account-uitschakelen NAAM        / account-aanzetten NAAM / wachtwoord NAAM
  synchroniseer                    brings the conversation index up to date once
  opschonen [--dagen 90]           deletes conversations older than the retention period
"""
from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import threading
import time

from . import accounts, db
from .config import Instellingen

log = logging.getLogger("wegwijzer_helpdesk")


def _wachtwoord() -> str:
    if os.environ.get("HELPDESK_WACHTWOORD"):
        return os.environ["HELPDESK_WACHTWOORD"]
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    eerste = getpass.getpass("Wachtwoord (minstens 12 tekens): ")
    if getpass.getpass("Nog een keer: ") != eerste:
        raise accounts.AccountFout("de wachtwoorden zijn niet gelijk")
    return eerste


def _achtergrond(inst: Instellingen, appdb, tracker, stop: threading.Event) -> None:
    """Sync loop plus the scheduled retention job (once at start, then every 24 h)."""
    from .gesprekken import opschonen, synchroniseer
    from .pseudo import PSEUDO
    PSEUDO.laad()
    volgende_opschoning = 0.0
    while not stop.is_set():
        try:
            if time.time() >= volgende_opschoning:
                r = opschonen(appdb, tracker, inst.bewaartermijn_dagen)
                accounts.schrijf_audit(appdb, "systeem", "bewaartermijn_opschoning",
                                       details=f"{r['gesprekken']} gesprekken, {r['events']} events")
                volgende_opschoning = time.time() + inst.opschonen_interval
            n = synchroniseer(appdb, tracker, inst.geheim)
            if n:
                log.info("%d gesprekken bijgewerkt", n)
        except Exception as e:  # tracker store not there yet (no conversation so far), db busy, ...
            log.warning("synchronisatie: %s", e)
        stop.wait(inst.sync_interval)


def main(argv=None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    p = argparse.ArgumentParser(prog="wegwijzer_helpdesk", description="Wegwijzer helpdesk")
    sub = p.add_subparsers(dest="opdracht", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--host", default=os.environ.get("HELPDESK_HOST", "127.0.0.1"))
    s.add_argument("--port", type=int, default=int(os.environ.get("HELPDESK_PORT", "8081")))
    a = sub.add_parser("account-maken")
    a.add_argument("naam")
    a.add_argument("--rol", default="medewerker", choices=accounts.ROLLEN)
    for naam in ("account-uitschakelen", "account-aanzetten", "wachtwoord"):
        sub.add_parser(naam).add_argument("naam")
    sub.add_parser("synchroniseer")
    o = sub.add_parser("opschonen")
    o.add_argument("--dagen", type=int, default=None)
    args = p.parse_args(argv)

    inst = Instellingen.uit_omgeving()
    appdb = db.maak_engine(inst.app_db)
    db.init(appdb)
    try:
        if args.opdracht == "account-maken":
            accounts.maak_account(appdb, args.naam, _wachtwoord(), args.rol)
            print(f"Account {args.naam} ({args.rol}) gemaakt.")
        elif args.opdracht == "account-uitschakelen":
            accounts.zet_actief(appdb, args.naam, False)
            print(f"Account {args.naam} uitgeschakeld; open sessies zijn beëindigd.")
        elif args.opdracht == "account-aanzetten":
            accounts.zet_actief(appdb, args.naam, True)
            print(f"Account {args.naam} staat weer aan.")
        elif args.opdracht == "wachtwoord":
            accounts.zet_wachtwoord(appdb, args.naam, _wachtwoord())
            print(f"Wachtwoord van {args.naam} gewijzigd.")
        elif args.opdracht == "synchroniseer":
            from .gesprekken import synchroniseer
            print(f"{synchroniseer(appdb, db.maak_engine(inst.tracker_url), inst.geheim)} gesprekken bijgewerkt.")
        elif args.opdracht == "opschonen":
            from .gesprekken import opschonen
            dagen = args.dagen if args.dagen is not None else inst.bewaartermijn_dagen
            r = opschonen(appdb, db.maak_engine(inst.tracker_url), dagen)
            accounts.schrijf_audit(appdb, "cli", "bewaartermijn_opschoning", details=f"{dagen} dagen: {r}")
            print(f"Verwijderd: {r['gesprekken']} gesprekken ({r['events']} events) ouder dan {dagen} dagen.")
        elif args.opdracht == "serve":
            from waitress import serve
            from .web import maak_app
            tracker = db.maak_engine(inst.tracker_url)
            app = maak_app(inst, appdb, tracker)
            stop = threading.Event()
            threading.Thread(target=_achtergrond, args=(inst, appdb, tracker, stop), daemon=True).start()
            with appdb.connect() as c:
                from sqlalchemy import func, select
                if not c.execute(select(func.count()).select_from(db.gebruiker)).scalar():
                    print("Nog geen account: maak er een met\n  helpdesk/.venv/bin/python -m wegwijzer_helpdesk "
                          "account-maken NAAM --rol beheerder  (in helpdesk/)", file=sys.stderr)
            print(f"Helpdesk: http://{args.host}:{args.port}/", flush=True)
            try:
                serve(app, host=args.host, port=args.port, threads=6, ident="helpdesk")
            finally:
                stop.set()
    except accounts.AccountFout as e:
        print(f"Fout: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
