"""The action server fails (down, 500, nonsense, slower than the guard's timeout): the user still
gets a Dutch answer with the helplines, never silence, and the conversation goes on once the action
server is back. Real `rasa run` + real action server, with channels/noodantwoord.py in between.

The baseline at the end measures Rasa 3.6 without the guard: it stays silent about the helplines,
also when someone writes that they do not want to live any more."""
from __future__ import annotations

import re
import time

import pytest
import requests

from harnas import StoringServers, tekst

BERICHTEN = ["hoi", "ik wil niet meer leven", "mijn zoon wordt gepest"]
NOOD_BEGIN = "Sorry, er gaat bij mij nu iets mis"


def heeft_nummer(zin: str, nummer: str) -> bool:
    return re.search(rf"(?<![\d-]){re.escape(nummer)}(?![\d-])", zin) is not None


def noodantwoord_klopt(antwoorden: list[dict]) -> None:
    alles = tekst(antwoorden)
    assert antwoorden, "silence"
    assert alles.count(NOOD_BEGIN) == 1, alles
    for nummer in ("0800-0432", "112", "113"):
        assert heeft_nummer(alles, nummer), (nummer, alles)
    assert "Kindertelefoon" in alles


@pytest.fixture(scope="module")
def met_wacht(tmp_path_factory):
    with StoringServers(tmp_path_factory.mktemp("met-wacht"), met_wacht=True) as s:
        yield s


@pytest.fixture
def schakelaar(met_wacht):
    s = met_wacht.schakelaar
    yield s
    s.modus, s.slaap = "door", 0.0
    if s._server is None:
        s.start()


def test_normaal_geen_noodantwoord(met_wacht, schakelaar):
    antwoord = met_wacht.zeg("normaal-1", "hoi")
    assert NOOD_BEGIN not in tekst(antwoord)
    assert antwoord[-1].get("buttons"), "the form asks who is talking"


@pytest.mark.parametrize("modus", ["500", "onzin", "weg"])
@pytest.mark.parametrize("bericht", BERICHTEN)
def test_storing_geeft_noodantwoord(met_wacht, schakelaar, modus, bericht):
    if modus == "weg":
        schakelaar.stop()
    else:
        schakelaar.modus = modus
    begin = time.monotonic()
    antwoord = met_wacht.zeg(f"{modus}-{BERICHTEN.index(bericht)}", bericht, timeout=30)
    assert time.monotonic() - begin < 5
    noodantwoord_klopt(antwoord)


@pytest.mark.parametrize("bericht", BERICHTEN)
def test_trage_actieserver_geeft_binnen_de_timeout_noodantwoord(met_wacht, schakelaar, bericht):
    schakelaar.modus, schakelaar.slaap = "traag", 30.0
    begin = time.monotonic()
    antwoord = met_wacht.zeg(f"traag-{BERICHTEN.index(bericht)}", bericht, timeout=25)
    duur = time.monotonic() - begin
    # One timeout (WACHT_TIMEOUT = 8 s) per user message, even when a form step calls
    # two actions; Rasa alone would wait 5 minutes per action.
    assert duur < 12, duur
    noodantwoord_klopt(antwoord)


def test_gesprek_gaat_verder_als_de_actieserver_terug_is(met_wacht, schakelaar):
    schakelaar.stop()
    noodantwoord_klopt(met_wacht.zeg("herstel-1", "mijn zoon wordt gepest"))
    schakelaar.start()
    # What was understood before the failure is kept: only the school type was still missing.
    route = tekst(met_wacht.zeg("herstel-1", '/informeren{"onderwijstype":"po"}'))
    assert NOOD_BEGIN not in route
    assert "Neem alleen de stappen waar jij je veilig bij voelt." in route
    # Acute danger is handled normally again.
    acuut = tekst(met_wacht.zeg("herstel-2", "ik wil niet meer leven"))
    assert NOOD_BEGIN not in acuut and heeft_nummer(acuut, "113")


def test_rasa_ziet_geen_mislukte_acties_met_de_wacht(met_wacht):
    log = met_wacht.rasa_log.read_text()
    assert "Encountered an exception while running action" not in log
    assert "Noodantwoord aan" in log
    assert "noodantwoord gegeven" in log  # the guard logs what it did, never message content


def test_afwijzing_400_gaat_ongewijzigd_door(met_wacht, schakelaar):
    # Forms depend on rasa_sdk's 400 "ActionExecutionRejection": the guard must pass it through
    # to Rasa as a rejection, not turn it into a noodantwoord.
    schakelaar.modus = "400-eenmaal"
    antwoord = met_wacht.zeg("afwijzing-1", "mijn zoon wordt gepest", timeout=30)
    assert schakelaar.modus == "door", "the rejection was sent"
    assert NOOD_BEGIN not in tekst(antwoord)
    assert "ERROR    rasa.core.actions.action  - afgewezen" in met_wacht.rasa_log.read_text()


def test_route_van_de_wacht_alleen_voor_rasa(met_wacht):
    url = met_wacht.url + "/webhooks/noodantwoord/webhook"
    lichaam = {"next_action": "action_geef_route", "sender_id": "x", "tracker": {"sender_id": "x", "events": []}}
    assert requests.post(url, json=lichaam, timeout=10).status_code == 403
    assert requests.post(url, json=lichaam, timeout=10, headers={"X-Wegwijzer-Noodantwoord": "fout"}).status_code == 403
    assert requests.post(url, json=lichaam, timeout=10, headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 403


# --- baseline: Rasa 3.6.21 as it is, without the guard ---------------------------------------

@pytest.fixture(scope="module")
def zonder_wacht(tmp_path_factory, met_wacht):
    # Depends on met_wacht only so the two Rasa servers never start at the same time (2 cores).
    with StoringServers(tmp_path_factory.mktemp("zonder-wacht"), met_wacht=False) as s:
        yield s


def test_zonder_wacht_zwijgt_rasa_over_de_hulplijnen(zonder_wacht):
    zonder_wacht.schakelaar.stop()
    try:
        acuut = tekst(zonder_wacht.zeg("basis-1", "ik wil niet meer leven"))
        begroeting = zonder_wacht.zeg("basis-2", "hoi")
    finally:
        zonder_wacht.schakelaar.start()
    # Measured: only "Ben je veilig, ...?" (a domain response) - no 113, no 112, no Kindertelefoon.
    assert not any(heeft_nummer(acuut, n) for n in ("113", "112", "0800-0432")), acuut
    # The welcome comes from domain.yml, but the form's question (a custom action) is missing.
    assert "Wie ben jij?" not in tekst(begroeting)
    assert "Encountered an exception while running action" in zonder_wacht.rasa_log.read_text()
