"""action_validate_slot_mappings: a learned guess never replaces what the conversation knows."""
from __future__ import annotations

import pytest

from actions.slotbewaking import ActionValidateSlotMappings
from trackers import maak_tracker, voer_uit


def entiteit(slot, waarde, extractor):
    return {"entity": slot, "value": waarde, "extractor": extractor, "start": 0, "end": 1}


def beurt(slots_voor, entiteiten, tekst="haar bsn is 123 en ze is geboren op 12 maart"):
    """A tracker after Rasa extracted this turn's slots: earlier values, the user message, then
    the candidates from this message's entities (as action_extract_slots leaves them)."""
    eerder = [{"event": "slot", "name": s, "value": w} for s, w in slots_voor.items()]
    bericht = {"text": tekst, "intent": {"name": "vertel_verhaal", "confidence": 0.9}, "entities": entiteiten}
    nieuw = [{"event": "slot", "name": e["entity"], "value": e["value"]} for e in entiteiten]
    nu = {**slots_voor, **{e["entity"]: e["value"] for e in entiteiten}}
    return maak_tracker(slots=nu, tekst=tekst, entities=entiteiten,
                        events=[{"event": "user", "text": "eerder"}] + eerder + [{"event": "user", "text": tekst, "parse_data": bericht}] + nieuw)


def test_geleerde_gok_overschrijft_geen_eerdere_rol():
    # hd-ouder-gegevens: "Mijn dochter ... wordt gepest" (ouder), later a message without any cue.
    t = beurt({"rol": "ouder", "situatie": "pesten", "voor_wie": "ander"},
              [entiteit("rol", "leerling", "GeleerdeSlots"), entiteit("situatie", "discriminatie", "GeleerdeSlots"),
               entiteit("voor_wie", "ander", "GeleerdeSlots")])
    _, events = voer_uit(ActionValidateSlotMappings(), t)
    terug = {e["name"]: e["value"] for e in events}
    assert terug == {"rol": "ouder", "situatie": "pesten"}  # voor_wie did not change


def test_geleerde_waarde_vult_een_leeg_slot():
    t = beurt({"rol": "ouder"}, [entiteit("situatie", "pesten", "GeleerdeSlots")])
    _, events = voer_uit(ActionValidateSlotMappings(), t)
    assert events == []


@pytest.mark.parametrize("extractor", ["WegwijzerSignalen", None])
def test_wat_de_regels_of_de_gebruiker_zeggen_telt_wel(extractor):
    # "nee, het gaat om mijn zoon": the rules read it, so the correction stands; a button payload
    # ("/informeren{...}") has entities without an extractor.
    t = beurt({"rol": "leerling"}, [entiteit("rol", "ouder", extractor)], tekst="nee, het gaat om mijn zoon")
    _, events = voer_uit(ActionValidateSlotMappings(), t)
    assert events == []


def test_regels_en_model_samen_tellen_als_regels():
    t = beurt({"situatie": "pesten"}, [entiteit("situatie", "intimidatie", "WegwijzerSignalen"),
                                       entiteit("situatie", "intimidatie", "GeleerdeSlots")])
    _, events = voer_uit(ActionValidateSlotMappings(), t)
    assert events == []
