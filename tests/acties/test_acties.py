"""The Rasa actions are thin adapters: these tests check what they send and which slots they set."""
from __future__ import annotations

import re

import pytest
import yaml

from actions.fallback import ActionDefaultAskAffirmation, ActionDefaultFallback
from actions.formulier import ActionAskRol, ActionAskVoorWie, ValidateWegwijzerFormulier
from actions.gesprek import ActionOpnieuwBeginnen
from actions.routering import ONDERWERP_PER_INTENT, ActionBeantwoordVraag, ActionGeefRoute
from actions.veiligheid import ActionAcuut
from actions.wegwijzer.contract import VERWIJZING_IDS

from trackers import maak_tracker, voer_uit


def slot_events(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def teksten(berichten):
    return [b.get("text") or "" for b in berichten]


def test_route_voor_ouder_zet_verwijzingen_op_volgorde_zonder_dubbelen():
    tracker = maak_tracker(
        {"rol": "ouder", "situatie": "pesten", "onderwijstype": "po", "voor_wie": "ander",
         "verwijzingen": ["mentor"]},
        latest_action_name="wegwijzer_formulier",
    )
    berichten, events = voer_uit(ActionGeefRoute(), tracker)
    verwijzingen = slot_events(events)["verwijzingen"]
    assert verwijzingen[0] == "mentor", "earlier referrals stay first"
    assert len(verwijzingen) == len(set(verwijzingen))
    assert "ouders_onderwijs" in verwijzingen
    assert set(verwijzingen) <= set(VERWIJZING_IDS)
    alles = " ".join(teksten(berichten))
    assert "Neem alleen de stappen waar jij je veilig bij voelt." in alles
    assert len(berichten) >= 2, "one idea per message, not one wall of text"


def test_route_voor_po_leerling_is_eenvoudig_en_noemt_de_kindertelefoon():
    tracker = maak_tracker({"rol": "leerling", "situatie": "pesten", "onderwijstype": "po", "voor_wie": "zelf"})
    berichten, events = voer_uit(ActionGeefRoute(), tracker)
    assert "kindertelefoon" in slot_events(events)["verwijzingen"]
    assert "0800-0432" in " ".join(teksten(berichten))


def test_route_neemt_context_uit_eerdere_berichten_mee():
    online = {"entity": "context", "value": "online"}
    tracker = maak_tracker(
        {"rol": "leerling", "situatie": "seksueel_misbruik", "onderwijstype": "vo", "voor_wie": "zelf"},
        events=[{"event": "user", "text": "er gaan fotos rond", "parse_data": {"entities": [online]}}],
    )
    _, events = voer_uit(ActionGeefRoute(), tracker)
    assert "helpwanted" in slot_events(events)["verwijzingen"]


@pytest.mark.parametrize(
    "intent, nummer, soort",
    [("acuut_zelfdoding", "113", "zelfdoding"), ("acuut_gevaar", "112", "levensgevaar")],
)
def test_acuut_geeft_eerst_het_nummer_en_zet_acuut(intent, nummer, soort):
    berichten, events = voer_uit(ActionAcuut(), maak_tracker(intent=intent, tekst="..."))
    slots = slot_events(events)
    assert slots["acuut"] is True
    assert slots["acuut_soort"] == soort
    # The number is in the first two messages: an opening sentence, then the line to call.
    assert any(re.search(rf"(?<!\d){nummer}(?!\d)", t) for t in teksten(berichten)[:2])
    assert not any(b.get("buttons") for b in berichten), "no question before the number"


def test_acuut_zelfdoding_verwijst_naar_113():
    _, events = voer_uit(ActionAcuut(), maak_tracker(intent="acuut_zelfdoding"))
    assert slot_events(events)["verwijzingen"][0] == "zelfmoordpreventie_113"


@pytest.mark.parametrize("intent", sorted(ONDERWERP_PER_INTENT))
def test_elke_vervolgvraag_krijgt_een_antwoord(intent):
    tracker = maak_tracker({"rol": "ouder", "situatie": "pesten", "onderwijstype": "vo", "voor_wie": "ander"}, intent=intent)
    berichten, _ = voer_uit(ActionBeantwoordVraag(), tracker)
    assert berichten and all(t.strip() for t in teksten(berichten))


def test_klacht_voor_po_leerling_zegt_dat_ouders_of_leerkracht_het_doen():
    tracker = maak_tracker({"rol": "leerling", "situatie": "pesten", "onderwijstype": "po", "voor_wie": "zelf"},
                           intent="vraag_klacht_indienen")
    berichten, _ = voer_uit(ActionBeantwoordVraag(), tracker)
    alles = " ".join(teksten(berichten)).lower()
    assert "ouder" in alles


def test_formulier_vraagt_opnieuw_als_het_antwoord_niet_begrepen_is():
    tracker = maak_tracker({"requested_slot": "rol"}, intent="vertel_verhaal", tekst="eh tja",
                           active_loop={"name": "wegwijzer_formulier"})
    berichten, events = voer_uit(ValidateWegwijzerFormulier(), tracker, {"forms": {"wegwijzer_formulier": {"required_slots": ["rol"]}}})
    assert "begreep ik niet" in teksten(berichten)[0]
    assert {"event": "slot", "name": "rol", "value": None} in [
        {k: e[k] for k in ("event", "name", "value")} for e in events
    ]


@pytest.mark.parametrize("intent", ["acuut_zelfdoding", "acuut_gevaar", "opnieuw_beginnen", "vraag_wie_nu_bellen", "andere_taal"])
def test_formulier_laat_onderbrekingen_door(intent):
    tracker = maak_tracker({"requested_slot": "rol"}, intent=intent, active_loop={"name": "wegwijzer_formulier"})
    berichten, events = voer_uit(ValidateWegwijzerFormulier(), tracker, {"forms": {"wegwijzer_formulier": {"required_slots": ["rol"]}}})
    assert berichten == [] and slot_events(events) == {}


def test_formulier_vragen_hebben_knoppen_met_contractwaarden():
    berichten, _ = voer_uit(ActionAskRol(), maak_tracker())
    payloads = [k["payload"] for k in berichten[0]["buttons"]]
    assert payloads == [
        '/informeren{"rol":"leerling"}', '/informeren{"rol":"ouder"}', '/informeren{"rol":"onderwijspersoneel"}'
    ]
    berichten, _ = voer_uit(ActionAskVoorWie(), maak_tracker())
    assert [k["payload"] for k in berichten[0]["buttons"]] == [
        '/informeren{"voor_wie":"zelf"}', '/informeren{"voor_wie":"ander"}'
    ]


def test_bedoel_je_is_nederlands_met_de_twee_waarschijnlijkste_opties():
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "vraag_anoniem_melden", "confidence": 0.3},
        {"name": "verschil_melding_klacht", "confidence": 0.2},
        {"name": "vraag_mens_spreken", "confidence": 0.1},
    ]
    berichten, _ = voer_uit(ActionDefaultAskAffirmation(), maak_tracker(intent="nlu_fallback", ranking=ranking))
    knoppen = berichten[0]["buttons"]
    assert [k["payload"] for k in knoppen] == ["/vraag_anoniem_melden", "/verschil_melding_klacht", "/out_of_scope"]
    assert "Did you mean" not in berichten[0]["text"]
    assert "Bedoel je" in berichten[0]["text"]


def test_opgeven_wijst_naar_een_mens_en_112():
    berichten, events = voer_uit(ActionDefaultFallback(), maak_tracker(intent="nlu_fallback"))
    assert "Kindertelefoon" in berichten[0]["text"] and "112" in berichten[0]["text"]
    assert events[0]["event"] == "rewind"


def test_opnieuw_beginnen_herstart_en_vraagt_de_rol():
    berichten, events = voer_uit(ActionOpnieuwBeginnen(), maak_tracker(intent="opnieuw_beginnen"))
    assert events[-1]["event"] == "restart"
    assert berichten[-1]["buttons"], "after a restart the user can pick a role right away"


def test_alle_acties_in_het_domein_bestaan_in_de_action_server():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    with open("domain.yml", encoding="utf-8") as f:
        domain = yaml.safe_load(f)
    for actie in domain["actions"]:
        assert actie in executor.actions, f"{actie} staat in domain.yml maar niet in actions/"


def test_buiten_scope_vraagt_niets_meer_en_de_route_legt_het_uit():
    import asyncio

    mbo = {"entity": "context", "value": "buiten_scope"}
    tracker = maak_tracker({"rol": "leerling", "situatie": "pesten"}, tekst="ik zit op het mbo",
                           events=[{"event": "user", "text": "ik zit op het mbo", "parse_data": {"entities": [mbo]}}])
    formulier = ValidateWegwijzerFormulier()
    gevraagd = asyncio.run(formulier.required_slots(["rol", "situatie", "onderwijstype", "voor_wie"], None, tracker, {}))
    assert gevraagd == []
    berichten, events = voer_uit(ActionGeefRoute(), tracker)
    assert "mbo" in teksten(berichten)[0]
    assert "schoolbestuur" not in slot_events(events)["verwijzingen"]


def test_binnen_scope_vraagt_alle_slots():
    import asyncio

    slots = ["rol", "situatie", "onderwijstype", "voor_wie"]
    assert asyncio.run(ValidateWegwijzerFormulier().required_slots(slots, None, maak_tracker(), {})) == slots


def test_elke_onderbreking_uit_de_regels_laat_het_formulier_los():
    # A rule that handles an intent inside the form only fires when the form lets go; an intent
    # missing from ONDERBREKINGEN would get "niet begrepen" instead (as andere_taal once did).
    from pathlib import Path

    from actions.formulier import ONDERBREKINGEN

    in_formulier = set()
    for pad in Path("data/rules").glob("*.yml"):
        for regel in yaml.safe_load(pad.read_text(encoding="utf-8")).get("rules", []):
            if {"active_loop": "wegwijzer_formulier"} not in (regel.get("condition") or []):
                continue
            for stap in regel["steps"]:
                for keuze in stap.get("or", [stap]):
                    if "intent" in keuze:
                        in_formulier.add(keuze["intent"])
    assert in_formulier, "the rules for interruptions inside the form were not found"
    assert in_formulier <= ONDERBREKINGEN, sorted(in_formulier - ONDERBREKINGEN)
