"""Generates N synthetic conversations (about 20 events each) into a PostgreSQL database in Rasa's
`events` schema, and the helpdesk's index for them into an app database.

The index rows are written directly (not through `synchroniseer`), because the synthetic texts
contain no personal data and running deduce over a million messages would measure deduce, not the
app. The sync throughput is measured separately by meet.py on a sample.

    helpdesk/.venv/bin/python helpdesk/bench/genereer.py --pg wegwijzer_bench --app /tmp/bench-app.db -n 100000
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
from pathlib import Path

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from wegwijzer_helpdesk import db  # noqa: E402
from wegwijzer_helpdesk.gesprekken import index_rij, bouw_gesprek, sleutel_van  # noqa: E402

ZINNEN = ["ik word gepest op school", "ze schelden me uit in de pauze", "mijn zoon wordt buitengesloten",
          "er worden foto's van mij gedeeld", "een leraar doet raar tegen mij", "ik word bedreigd na school",
          "ze lachen me uit om mijn huidskleur", "wat kan ik doen?", "ik durf het niet te zeggen",
          "mijn dochter wil niet meer naar school", "iemand in mijn klas wordt geslagen", "dank je",
          "ik wil met een mens praten", "blub blub", "hoe meld ik dit?", "mijn mentor luistert niet"]
ROLLEN = ["leerling", "ouder", "onderwijspersoneel", None]
SITUATIES = ["pesten", "discriminatie", "seksueel_misbruik", "intimidatie", "anders", None]
VERWIJZINGEN = ["mentor", "vertrouwenspersoon", "kindertelefoon", "aanspreekpunt_pesten", "schoolleiding",
                "vertrouwensinspecteur", "ouders_onderwijs", "veilig_thuis", "zelfmoordpreventie_113"]
KANALEN = ["rest", "socketio", "whatsapp", "telegram"]

DDL = """
CREATE TABLE IF NOT EXISTS events (
    id SERIAL PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, type_name VARCHAR(255) NOT NULL,
    timestamp DOUBLE PRECISION, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT);
CREATE INDEX IF NOT EXISTS ix_events_sender_id ON events (sender_id);
"""


def gesprek_events(rnd: random.Random, sender: str, t: float) -> list[tuple]:
    rol, sit = rnd.choice(ROLLEN), rnd.choice(SITUATIES)
    kanaal = rnd.choice(KANALEN)
    evs = [("action", {"event": "action", "name": "action_session_start"}),
           ("session_started", {"event": "session_started"}),
           ("action", {"event": "action", "name": "action_listen"})]
    verw: list = []
    for beurt in range(rnd.randint(2, 5)):
        tekst = rnd.choice(ZINNEN)
        intent = "nlu_fallback" if tekst == "blub blub" else (
            "vraag_mens_spreken" if "mens" in tekst else "vertel_verhaal")
        conf = 0.3 if intent == "nlu_fallback" else round(rnd.uniform(0.6, 1.0), 3)
        evs.append(("user", {"event": "user", "text": tekst, "input_channel": kanaal,
                             "parse_data": {"intent": {"name": intent, "confidence": conf}, "entities": [],
                                            "intent_ranking": [{"name": intent, "confidence": conf}]}}))
        if beurt == 0 and sit:
            evs.append(("slot", {"event": "slot", "name": "situatie", "value": sit}))
        if beurt == 1 and rol:
            evs.append(("slot", {"event": "slot", "name": "rol", "value": rol}))
            evs.append(("slot", {"event": "slot", "name": "onderwijstype", "value": rnd.choice(["po", "vo"])}))
        if rnd.random() < 0.5:
            verw = list(dict.fromkeys(verw + rnd.sample(VERWIJZINGEN, 2)))
            evs.append(("slot", {"event": "slot", "name": "verwijzingen", "value": verw}))
        if rnd.random() < 0.03:
            evs.append(("slot", {"event": "slot", "name": "acuut", "value": True}))
        evs.append(("action", {"event": "action", "name": "wegwijzer_formulier", "policy": "RulePolicy"}))
        evs.append(("bot", {"event": "bot", "text": "Wie ben jij?", "data": {"buttons": [
            {"title": "Leerling", "payload": '/informeren{"rol":"leerling"}'}]}}))
        evs.append(("action", {"event": "action", "name": "action_listen"}))
    uit = []
    for i, (soort, data) in enumerate(evs):
        data["timestamp"] = t + i * 7
        uit.append((sender, soort, data["timestamp"], data.get("parse_data", {}).get("intent", {}).get("name"),
                    data.get("name") if soort == "action" else None, json.dumps(data)))
    return uit


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--pg", required=True, help="database name on 127.0.0.1:5432 (user postgres); made if missing")
    p.add_argument("--app", required=True, type=Path, help="SQLite file for the app database (replaced)")
    p.add_argument("-n", type=int, default=100_000)
    p.add_argument("--geheim", default="bench")
    args = p.parse_args()
    rnd = random.Random(42)
    con = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    con.autocommit = True
    con.cursor().execute(f'DROP DATABASE IF EXISTS "{args.pg}" WITH (FORCE)')
    con.cursor().execute(f'CREATE DATABASE "{args.pg}"')
    con.close()
    pg = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=args.pg)
    pg.cursor().execute(DDL)
    pg.commit()
    if args.app.exists():
        args.app.unlink()
    appdb = db.maak_engine(f"sqlite:///{args.app}")
    db.init(appdb)
    geheim = args.geheim.encode()
    begin = time.time() - 85 * 86400  # spread over the last 85 days: all within the retention period
    start, totaal, volgend_id = time.time(), 0, 1
    blok = 2000
    for b0 in range(0, args.n, blok):
        buf, rijen, cache = io.StringIO(), [], []
        for k in range(b0, min(args.n, b0 + blok)):
            sender = f"bench-{k:06d}"
            evs = gesprek_events(rnd, sender, begin + k * (85 * 86400 / args.n))
            json_evs = []
            for (s, soort, ts, intent, actie, data) in evs:
                buf.write("\t".join([str(volgend_id), s, soort, repr(ts), intent or "\\N", actie or "\\N",
                                     data.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")]) + "\n")
                e = json.loads(data)
                e["_id"] = volgend_id
                json_evs.append(e)
                volgend_id += 1
            g = bouw_gesprek(sender, json_evs)
            pseudo = {b.event_id: b.tekst for b in g.beurten if b.soort in ("gebruiker", "assistent")}
            rijen.append({**index_rij(geheim, g, pseudo), "status": rnd.choice(["nieuw", "bekeken", "opvolgen",
                                                                                  "afgehandeld"])})
            sl = sleutel_van(geheim, sender)
            cache.extend({"event_id": k2, "sleutel": sl, "tekst": t} for k2, t in pseudo.items())
            totaal += len(evs)
        buf.seek(0)
        cur = pg.cursor()
        cur.copy_expert("COPY events (id, sender_id, type_name, timestamp, intent_name, action_name, data) "
                        "FROM STDIN", buf)
        pg.commit()
        with appdb.begin() as c:
            c.execute(db.gesprek.insert(), rijen)
            c.execute(db.pseudo_bericht.insert(), cache)
        print(f"\r{b0 + len(rijen)} gesprekken, {totaal} events, {time.time() - start:.0f} s", end="", flush=True)
    cur = pg.cursor()
    cur.execute("SELECT setval('events_id_seq', %s)", (volgend_id,))
    pg.commit()
    cur.execute("ANALYZE events")
    pg.commit()
    with appdb.begin() as c:
        c.exec_driver_sql("INSERT OR REPLACE INTO instelling (naam, waarde) VALUES ('laatste_event_id', ?)",
                          (str(volgend_id - 1),))
        c.exec_driver_sql("ANALYZE")
    print(f"\nklaar: {args.n} gesprekken, {totaal} events in {time.time() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
