"""Against real tracker stores (SQLite and PostgreSQL) filled by the real Rasa server."""
import json
import time

import pytest
import yaml
from sqlalchemy import func, select, update

from conftest import GEHEIM, GESPREKKEN
from hulp import inloggen
from wegwijzer_helpdesk import db
from wegwijzer_helpdesk.gesprekken import events, opschonen, sleutel_van

BEIDE = pytest.mark.parametrize("tracker_kopie", ["sqlite", "postgres"], indirect=True)


def rijen(appdb):
    with appdb.connect() as c:
        return {r["sender_id"]: r for r in c.execute(select(db.gesprek)).mappings().all()}


def geen_geheimen(tekst: str, waar: str):
    laag = tekst.lower()
    for g in GEHEIM:
        assert g.lower() not in laag, f"{g!r} staat nog in {waar}"


@BEIDE
def test_index_uit_echte_gesprekken(omgeving):
    inst, appdb, tracker, app = omgeving
    r = rijen(appdb)
    assert set(r) == {g["id"] for g in GESPREKKEN["gesprekken"]}
    assert all(x["kanaal"] == "rest" for x in r.values())
    assert r["hd-acuut"]["acuut"] is True
    assert "zelfmoordpreventie_113" in json.loads(r["hd-acuut"]["verwijzingen"])
    assert r["hd-mens"]["handoff"] is True
    assert r["hd-onzin"]["fallback"] is True
    assert r["hd-leerling-pesten"]["rol"] == "leerling"
    assert r["hd-ouder-gegevens"]["rol"] == "ouder"
    assert json.loads(r["hd-acuut"]["verwijzingen"]), "acute conversation gave no referral"
    for x in r.values():
        geen_geheimen(x["zoektekst"] + x["eerste_tekst"], f"index {x['sender_id']}")


@BEIDE
def test_lijst_transcript_zoeken_exports_gepseudonimiseerd(omgeving):
    inst, appdb, tracker, app = omgeving
    c = inloggen(app, appdb)
    paginas = [c.get("/").get_data(as_text=True), c.get("/?zoek=gepest").get_data(as_text=True),
               c.get("/statistieken").get_data(as_text=True), c.get("/statistieken.csv").get_data(as_text=True),
               c.get("/export/nlu.yml").get_data(as_text=True)]
    for sender in rijen(appdb):
        s = sleutel_van(inst.geheim, sender)
        paginas.append(c.get(f"/gesprek/{s}").get_data(as_text=True))
        paginas.append(c.get(f"/gesprek/{s}/story.yml").get_data(as_text=True))
    for i, p in enumerate(paginas):
        geen_geheimen(p, f"pagina {i}")
    # searching for a real name finds nothing: only pseudonymised text is searchable
    assert "0 gesprekken" in c.get("/?zoek=Yilmaz").get_data(as_text=True)
    assert "[NAAM-" in c.get("/?zoek=%5Bnaam").get_data(as_text=True)


@BEIDE
def test_filters(omgeving):
    inst, appdb, tracker, app = omgeving
    c = inloggen(app, appdb)
    r = rijen(appdb).values()
    for filter_, n in [("acuut=ja", sum(x["acuut"] for x in r)), ("acuut=nee", sum(not x["acuut"] for x in r)),
                       ("handoff=ja", sum(x["handoff"] for x in r)), ("fallback=ja", sum(x["fallback"] for x in r)),
                       ("rol=ouder", sum(x["rol"] == "ouder" for x in r)),
                       ("situatie=pesten", sum(x["situatie"] == "pesten" for x in r)),
                       ("situatie=pesten&rol=leerling",
                        sum(x["situatie"] == "pesten" and x["rol"] == "leerling" for x in r))]:
        html = c.get("/?" + filter_).get_data(as_text=True)
        assert f"{n} gesprek{'' if n == 1 else 'ken'}" in html, filter_
    assert sum(x["handoff"] for x in r) >= 1 and sum(x["fallback"] for x in r) >= 1
    assert "0 gesprekken" in c.get("/?van=2001-01-01&tot=2001-12-31").get_data(as_text=True)
    assert f"{len(rijen(appdb))} gesprekken" in c.get("/?kanaal=rest").get_data(as_text=True)


@BEIDE
def test_story_export_is_geldige_rasa_story(omgeving):
    inst, appdb, tracker, app = omgeving
    c = inloggen(app, appdb)
    s = sleutel_van(inst.geheim, "hd-leerling-pesten")
    doc = yaml.safe_load(c.get(f"/gesprek/{s}/story.yml").get_data(as_text=True))
    stappen = doc["stories"][0]["steps"]
    assert stappen[0]["intent"] and "user" in stappen[0]
    assert any("action" in st for st in stappen)
    assert any("slot_was_set" in st for st in stappen)
    assert {"user": '/informeren{"rol":"leerling"}', "intent": "informeren"} in stappen  # the button click


@BEIDE
def test_bewaartermijn(omgeving):
    inst, appdb, tracker, app = omgeving
    oud = time.time() - 200 * 86400
    with tracker.begin() as c:  # make two real conversations old
        c.execute(update(events).where(events.c.sender_id.in_(["hd-acuut", "hd-mens"])).values(timestamp=oud))
    c = inloggen(app, appdb)
    s = sleutel_van(inst.geheim, "hd-acuut")
    token = c.get(f"/gesprek/{s}").get_data(as_text=True).split('name="csrf" value="')[1].split('"')[0]
    c.post(f"/gesprek/{s}/notitie", data={"csrf": token, "tekst": "oude notitie"})
    with appdb.begin() as conn:
        conn.execute(update(db.gesprek).where(db.gesprek.c.sender_id.in_(["hd-acuut", "hd-mens"]))
                     .values(eind=oud, begin=oud))
    r = opschonen(appdb, tracker, 90)
    assert r["gesprekken"] == 2
    with tracker.connect() as conn:
        over = {x[0] for x in conn.execute(select(events.c.sender_id).distinct()).all()}
    assert "hd-acuut" not in over and "hd-mens" not in over
    assert "hd-leerling-pesten" in over and len(over) == len(GESPREKKEN["gesprekken"]) - 2
    assert set(rijen(appdb)) == over
    with appdb.connect() as conn:
        assert conn.execute(select(func.count()).select_from(db.notitie)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(db.pseudo_bericht)
                            .where(db.pseudo_bericht.c.sleutel == s)).scalar() == 0
    assert c.get(f"/gesprek/{s}").status_code == 404
