"""End to end against the real servers: REST in, routed answer out, slots through the
authenticated HTTP API, and the API refused without the token."""
from __future__ import annotations

import re
import secrets

import pytest
import requests

from servers import Servers

TOKEN = secrets.token_urlsafe(24)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    with Servers(tmp_path_factory.mktemp("servers"), auth_token=TOKEN) as s:
        yield s


def teksten(antwoorden):
    return [a.get("text", "") for a in antwoorden]


def test_ouder_vertelt_verhaal_en_krijgt_verwijzing(servers):
    eerste = servers.zeg("ouder-1", "mijn zoon wordt gepest")
    # rol, situatie and voor_wie came from the story: only the school type is asked.
    assert "Op wat voor school" in teksten(eerste)[-1]
    assert [k["payload"] for k in eerste[-1]["buttons"]] == [
        '/informeren{"onderwijstype":"po"}', '/informeren{"onderwijstype":"vo"}'
    ]
    route = servers.zeg("ouder-1", '/informeren{"onderwijstype":"po"}')
    alles = " ".join(teksten(route))
    assert "Neem alleen de stappen waar jij je veilig bij voelt." in alles
    assert route[-1]["buttons"], "what next: buttons"

    slots = servers.tracker("ouder-1").json()["slots"]
    assert (slots["rol"], slots["situatie"], slots["voor_wie"], slots["onderwijstype"]) == ("ouder", "pesten", "ander", "po")
    assert "ouders_onderwijs" in slots["verwijzingen"]
    assert slots["acuut"] is False and "alarmnummer_112" not in slots["verwijzingen"], "no false alarm"
    assert any(v in slots["verwijzingen"] for v in ("mentor", "vertrouwenspersoon"))
    # The conversation is in the configured SQLite tracker store, not somewhere else.
    assert b"ouder-1" in servers.tracker_db.read_bytes()


def test_begroeting_vraagt_wie_er_praat_met_knoppen(servers):
    antwoord = servers.zeg("leerling-1", "hoi")
    assert "geen mens" in teksten(antwoord)[0]
    assert [k["title"] for k in antwoord[-1]["buttons"]] == ["Leerling", "Ouder of verzorger", "Ik werk op school"]
    servers.zeg("leerling-1", '/informeren{"rol":"leerling"}')
    servers.zeg("leerling-1", "ze schelden me elke dag uit")
    route = servers.zeg("leerling-1", "groep 6")
    assert "0800-0432" in " ".join(teksten(route)), "a primary-school pupil is told about the Kindertelefoon"
    slots = servers.tracker("leerling-1").json()["slots"]
    assert slots["situatie"] == "pesten" and slots["onderwijstype"] == "po" and slots["voor_wie"] == "zelf"
    assert "kindertelefoon" in slots["verwijzingen"]


@pytest.mark.parametrize("tekst, nummer", [("ik wil niet meer leven", "113"), ("er staat iemand met een mes", "112")])
def test_acuut_gevaar_krijgt_meteen_het_nummer(servers, tekst, nummer):
    afzender = "acuut-" + nummer
    servers.zeg(afzender, "hoi")  # in the middle of the form: the danger still comes first
    antwoord = servers.zeg(afzender, tekst)
    assert any(re.search(rf"(?<!\d){nummer}(?!\d)", t) for t in teksten(antwoord)[:2])
    assert servers.tracker(afzender).json()["slots"]["acuut"] is True


def test_na_acuut_hoeft_het_verhaal_niet_opnieuw(servers):
    # 113 first; what the message said is kept, so "verder praten" asks only what is missing.
    antwoord = servers.zeg("acuut-verhaal", "mn klasgenoten pesten me al maanden en ik wil er niet meer zijn")
    assert any(re.search(r"(?<!\d)113(?!\d)", t) for t in teksten(antwoord)[:2])
    slots = servers.tracker("acuut-verhaal").json()["slots"]
    assert slots["acuut"] is True
    assert (slots["situatie"], slots["voor_wie"], slots["dader"]) == ("pesten", "zelf", "medeleerling")
    verder = servers.zeg("acuut-verhaal", "/verder_gaan")
    assert "Op wat voor school" in teksten(verder)[-1]


def test_api_zonder_token_geweigerd(servers):
    servers.zeg("privé-1", "mijn dochter wordt gepest")
    assert servers.tracker("privé-1", token=None).status_code == 401
    assert servers.tracker("privé-1", token="fout-" + TOKEN).status_code == 401
    assert requests.get(servers.url + "/status", timeout=10).status_code == 401
    assert servers.tracker("privé-1").status_code == 200


def test_opnieuw_beginnen_wist_wat_bekend_was(servers):
    servers.zeg("herstart-1", "mijn zoon wordt gepest")
    antwoord = servers.zeg("herstart-1", "opnieuw beginnen")
    assert "opnieuw" in teksten(antwoord)[0]
    slots = servers.tracker("herstart-1").json()["slots"]
    assert slots["rol"] is None and slots["situatie"] is None
