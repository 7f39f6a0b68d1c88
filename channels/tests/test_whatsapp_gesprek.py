"""WhatsApp end to end: signed webhooks into the real Rasa server, replies at the fake Graph API."""
from __future__ import annotations

import re
import sqlite3

import pytest
import requests

from channels.gemeenschappelijk import pseudoniem
from channels.tests.conftest import GEHEIMEN
from channels.tests.nep_servers import (
    alle_tekst, webhook_knop, webhook_media, webhook_status, webhook_tekst,
)

OUDER = "31612345678"


def knoppen(bericht):
    interactief = bericht["interactive"]
    if interactief["type"] == "button":
        return [(k["reply"]["id"], k["reply"]["title"]) for k in interactief["action"]["buttons"]]
    return [(r["id"], r["title"]) for s in interactief["action"]["sections"] for r in s["rows"]]


def laatste_interactief(graph, nummer, aantal_vooraf=0):
    berichten = graph.wacht_op(lambda v: any(
        (b["body"] or {}).get("type") == "interactive" and b["body"]["to"] == nummer for b in v[aantal_vooraf:]))
    return [b["body"] for b in berichten if b["body"]["type"] == "interactive"][-1]


def test_verificatie_van_de_webhook(servers):
    url = servers.url + "/webhooks/whatsapp/webhook"
    goed = requests.get(url, params={"hub.mode": "subscribe", "hub.verify_token": GEHEIMEN["WHATSAPP_VERIFY_TOKEN"],
                                     "hub.challenge": "1158201444"}, timeout=10)
    assert (goed.status_code, goed.text) == (200, "1158201444")
    fout = requests.get(url, params={"hub.mode": "subscribe", "hub.verify_token": "raden", "hub.challenge": "1"}, timeout=10)
    assert fout.status_code == 403 and "1" not in fout.text


def test_ouder_gesprek_met_knoppen_tot_verwijzing(servers, graph):
    r = servers.whatsapp(webhook_tekst(OUDER, "wamid.ouder1", "Goedemiddag"))
    assert r.status_code == 200
    vraag = laatste_interactief(graph, OUDER)
    assert vraag["interactive"]["type"] == "button"
    assert knoppen(vraag) == [('/informeren{"rol":"leerling"}', "Leerling"),
                              ('/informeren{"rol":"ouder"}', "Ouder of verzorger"),
                              ('/informeren{"rol":"onderwijspersoneel"}', "Ik werk op school")]
    assert "geen mens" in alle_tekst(graph.berichten(OUDER))

    graph.wis()
    servers.whatsapp(webhook_knop(OUDER, "wamid.ouder2", '/informeren{"rol":"ouder"}', "Ouder of verzorger"))
    graph.wacht_op(lambda v: len(v) >= 1)
    graph.wis()
    servers.whatsapp(webhook_tekst(OUDER, "wamid.ouder3", "mijn dochter wordt gepest"))
    school = laatste_interactief(graph, OUDER)
    assert [t for _, t in knoppen(school)] == ["Basisschool", "Middelbare school"]

    graph.wis()
    servers.whatsapp(webhook_knop(OUDER, "wamid.ouder4", knoppen(school)[0][0], "Basisschool"))
    graph.wacht_op(lambda v: "Ouders & Onderwijs" in alle_tekst([b["body"] for b in v]))

    slots = servers.tracker_db  # the conversation is stored under the pseudonym only
    inhoud = slots.read_bytes()
    afzender = pseudoniem(GEHEIMEN["CHANNEL_PSEUDONYM_KEY"].encode(), "whatsapp", OUDER)
    assert afzender.encode() in inhoud
    assert OUDER.encode() not in inhoud


def test_situatievraag_met_vijf_knoppen_wordt_een_lijst(servers, graph):
    nummer = "31611111111"
    servers.whatsapp(webhook_tekst(nummer, "wamid.lijst1", "Hoi"))
    laatste_interactief(graph, nummer)
    graph.wis()
    servers.whatsapp(webhook_knop(nummer, "wamid.lijst2", '/informeren{"rol":"ouder"}', "Ouder of verzorger"))
    lijst = laatste_interactief(graph, nummer)
    assert lijst["interactive"]["type"] == "list"
    rijen = lijst["interactive"]["action"]["sections"][0]["rows"]
    assert 3 < len(rijen) <= 10
    assert all(len(r["title"]) <= 24 for r in rijen)
    assert len(lijst["interactive"]["action"]["button"]) <= 20
    lang = [r for r in rijen if "description" in r]
    assert lang and lang[0]["description"] == "Seksueel grensoverschrijdend"
    # A list_reply continues the conversation like a button.
    graph.wis()
    servers.whatsapp(webhook_knop(nummer, "wamid.lijst3", rijen[0]["id"], rijen[0]["title"], soort="list_reply"))
    volgende = laatste_interactief(graph, nummer)
    assert volgende["to"] == nummer


@pytest.mark.parametrize("handtekening, status", [(None, 401), ("sha256=" + "0" * 64, 403), ("onzin", 403)])
def test_zonder_geldige_handtekening_geweigerd_en_niets_opgeslagen(servers, graph, handtekening, status):
    nummer = "31622222222"
    r = servers.whatsapp(webhook_tekst(nummer, "wamid.vals" + str(status), "mijn zoon wordt gepest"), handtekening=handtekening)
    assert r.status_code == status
    afzender = pseudoniem(GEHEIMEN["CHANNEL_PSEUDONYM_KEY"].encode(), "whatsapp", nummer)
    inhoud = servers.tracker_db.read_bytes()
    assert afzender.encode() not in inhoud and nummer.encode() not in inhoud
    assert graph.berichten(nummer) == []


def test_dubbele_webhook_wordt_een_keer_beantwoord(servers, graph):
    nummer = "31633333333"
    melding = webhook_tekst(nummer, "wamid.HBgLMzE2MzMzMzMzMzMVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", "Hoi")
    assert servers.whatsapp(melding).status_code == 200
    eerste = len(graph.wacht_op(lambda v: any(b["body"]["type"] == "interactive" for b in v)))
    assert servers.whatsapp(melding).status_code == 200  # Meta's retry
    assert len(graph.berichten(nummer)) == eerste
    con = sqlite3.connect(servers.tracker_db)
    afzender = pseudoniem(GEHEIMEN["CHANNEL_PSEUDONYM_KEY"].encode(), "whatsapp", nummer)
    aantal = con.execute("select count(*) from events where sender_id=? and type_name='user'", (afzender,)).fetchone()[0]
    con.close()
    assert aantal == 1


def test_statusmeldingen_genegeerd_en_media_krijgt_vriendelijk_antwoord(servers, graph):
    nummer = "31644444444"
    assert servers.whatsapp(webhook_status(nummer, "wamid.status1")).status_code == 200
    for i, soort in enumerate(["image", "audio", "sticker"]):
        assert servers.whatsapp(webhook_media(nummer, f"wamid.media{i}", soort)).status_code == 200
    berichten = graph.wacht_op(lambda v: len(v) >= 3)
    teksten = [b["body"]["text"]["body"] for b in berichten]
    assert len(teksten) == 3 and all("typen" in t and "112" in t for t in teksten)


@pytest.mark.parametrize("nummer, tekst, verwacht", [
    ("31655550001", "Hoi", "Wie ben jij"),
    # No school-type cue: the form asks. ("de juf" would now say po: see the labelling guide.)
    ("31655550002", "mijn zoon wordt gepest op school, wat kan ik doen", "Op wat voor school"),
])
def test_eerste_bericht_van_ouders(servers, graph, nummer, tekst, verwacht):
    servers.whatsapp(webhook_tekst(nummer, "wamid.eerste" + nummer, tekst))
    laatste = laatste_interactief(graph, nummer)
    assert verwacht.lower() in alle_tekst(graph.berichten(nummer)).lower(), alle_tekst(graph.berichten(nummer))
    assert laatste["interactive"]["action"]


def test_doorgestuurd_lang_bericht(servers, graph):
    nummer = "31666666666"
    verhaal = ("Doorgestuurd van mijn man: onze dochter van 9 wordt al weken gepest door twee kinderen uit haar klas. "
               "Ze wil 's ochtends niet meer naar school en huilt vaak. De juf zegt dat het wel meevalt. ") * 3
    servers.whatsapp(webhook_tekst(nummer, "wamid.doorgestuurd", verhaal, context={"forwarded": True}))
    # The story is understood at once (ouder, pesten, iemand anders, "dochter van 9" -> basisschool):
    # nothing is asked, the route comes straight away.
    berichten = graph.wacht_op(lambda v: "Neem alleen de stappen waar jij je veilig bij voelt." in alle_tekst([b["body"] for b in v]))
    tekst = alle_tekst([b["body"] for b in berichten])
    assert "Op wat voor school" not in tekst and "Wie ben jij" not in tekst


def test_geen_telefoonnummer_in_de_tracker_store(servers):
    """Runs last in this module: scans the whole SQLite database (every table and column, and the
    raw file with its journal) after all the conversations above."""
    con = sqlite3.connect(servers.tracker_db)
    tabellen = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
    rijen = " ".join(str(rij) for t in tabellen for rij in con.execute(f"select * from {t}"))
    con.close()
    assert "whatsapp" in rijen, "the conversations above are in this database"
    # Every number these tests used (all start with 316), as a whole number, not inside a hash.
    los_nummer = r"(?<![0-9A-Za-z.])\+?316\d{8}(?![0-9])"
    assert not re.findall(los_nummer, rijen), "phone number in the tracker store"
    for bestand in servers.tracker_db.parent.glob(servers.tracker_db.name + "*"):
        inhoud = bestand.read_bytes()
        assert not re.search(los_nummer.encode(), inhoud), bestand
        assert OUDER.encode() not in inhoud
    # Message ids (wamid...) encode the sender's number: they are not stored either.
    assert "wamid" not in rijen and "HBgL" not in rijen
