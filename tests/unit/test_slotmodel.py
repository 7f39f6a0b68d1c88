"""The learned slot model: what it may add under the rules, and that it learns deterministically."""
from __future__ import annotations

from pathlib import Path

import pytest

from components import slotmodel

REPO = Path(__file__).resolve().parents[2]

# (found by the rules, learned (value, probability), expected additions or corrections);
# thresholds: fill situatie >= 0.5, rol >= 0.6; correct situatie >= 0.8, never rol.
A = {"situatie": 0.5, "rol": 0.6}
O = {"situatie": 0.8}
GEVALLEN = [
    # empty slot, sure enough: filled
    ({}, {"situatie": ("pesten", 0.9)}, {"situatie": ("pesten", 0.9)}),
    # exactly at the threshold counts
    ({}, {"rol": ("ouder", 0.6)}, {"rol": ("ouder", 0.6)}),
    # below the threshold: the form asks instead
    ({}, {"situatie": ("intimidatie", 0.49)}, {}),
    # the rules found something else and the model is surer than the correction threshold
    ({"situatie": "pesten"}, {"situatie": ("discriminatie", 0.85)}, {"situatie": ("discriminatie", 0.85)}),
    # ... not sure enough to correct the rules, though sure enough to fill an empty slot
    ({"situatie": "pesten"}, {"situatie": ("discriminatie", 0.7)}, {}),
    # a slot without a correction threshold is never corrected, however sure the model is
    ({"rol": "ouder"}, {"rol": ("leerling", 0.99)}, {}),
    # agreeing with the rules changes nothing
    ({"situatie": "pesten"}, {"situatie": ("pesten", 0.99)}, {}),
    # "the message does not say" never empties or fills a slot
    ({}, {"rol": (slotmodel.GEEN, 0.95)}, {}),
    ({"rol": "ouder"}, {"rol": (slotmodel.GEEN, 0.95)}, {}),
    # a slot without a fill threshold is never filled
    ({}, {"dader": ("ouder", 0.99)}, {}),
    # a value outside the contract is never used
    ({}, {"situatie": ("ruzie", 0.99)}, {}),
    # an empty rule value (None) counts as empty
    ({"rol": None}, {"rol": ("leerling", 0.7)}, {"rol": ("leerling", 0.7)}),
    # several slots at once, each on its own threshold
    ({"rol": "ouder"}, {"rol": ("leerling", 0.9), "situatie": ("anders", 0.55)}, {"situatie": ("anders", 0.55)}),
]


@pytest.mark.parametrize("gevonden,geleerd,verwacht", GEVALLEN)
def test_aanvulling(gevonden, geleerd, verwacht):
    assert slotmodel.aanvulling(gevonden, geleerd, A, O) == verwacht


def test_drempels_gelden_voor_contractslots():
    assert set(slotmodel.AANVULLEN) == set(slotmodel.SLOTS)
    assert set(slotmodel.OVERSTEMMEN) <= set(slotmodel.SLOTS)
    assert all(0.3 <= d < 1 for d in slotmodel.AANVULLEN.values())
    # Correcting the rules needs at least as much certainty as filling an empty slot.
    assert all(d >= slotmodel.AANVULLEN[s] for s, d in slotmodel.OVERSTEMMEN.items())


KLEIN = [
    {"tekst": "ze schelden me uit op het plein", "intent": "vertel_verhaal", "situatie": "pesten", "voor_wie": "zelf"},
    {"tekst": "ze lachen me elke dag uit in de klas", "intent": "vertel_verhaal", "situatie": "pesten", "voor_wie": "zelf"},
    {"tekst": "hij zegt dat ik terug moet naar mijn land", "intent": "vertel_verhaal", "situatie": "discriminatie"},
    {"tekst": "ze roepen dingen over mijn huidskleur", "intent": "vertel_verhaal", "situatie": "discriminatie"},
    {"tekst": "mijn zoon wordt uitgescholden", "intent": "vertel_verhaal", "rol": "ouder", "voor_wie": "ander"},
    {"tekst": "mijn dochter wordt buitengesloten", "intent": "vertel_verhaal", "rol": "ouder", "voor_wie": "ander"},
    {"tekst": "ik wil dood", "intent": "acuut_zelfdoding"},
]


def test_leert_en_voorspelt_deterministisch():
    a = slotmodel.train(KLEIN)
    b = slotmodel.train(KLEIN)
    teksten = ["ze schelden mij uit in de pauze", "ze zeggen dingen over mijn huidskleur en mijn land"]
    va, vb = a.voorspel(teksten), b.voorspel(teksten)
    assert va == vb
    assert va[0]["situatie"][0] == "pesten"
    assert va[1]["situatie"][0] == "discriminatie"
    assert set(va[0]) == set(slotmodel.SLOTS)
    assert all(0.0 <= p <= 1.0 for v in va for _, p in v.values())


def test_acute_berichten_leren_niets():
    # The acute example has no slots but must not become a "geen" example either: it is left out.
    assert not slotmodel.telt_mee({"tekst": "ik wil dood", "intent": "acuut_zelfdoding"})
    assert not slotmodel.telt_mee({"tekst": "hello", "intent": "andere_taal"})
    assert slotmodel.telt_mee({"tekst": "ouder", "intent": "informeren", "rol": "ouder"})


def test_gelabelde_data_is_geldig():
    paden = sorted((REPO / "data/slots").glob("*.yml"))
    assert len(paden) >= 3
    voorbeelden = slotmodel.laad_voorbeelden(paden)
    assert len(voorbeelden) >= 600
    for v in voorbeelden:
        for slot, waarden in slotmodel.SLOTS.items():
            assert v.get(slot) is None or v[slot] in waarden, (v["bron"], v["tekst"], slot, v[slot])


def test_vingerafdruk_volgt_de_inhoud(tmp_path):
    pad = tmp_path / "a.yml"
    pad.write_text("berichten: []\n", encoding="utf-8")
    eerst = slotmodel.vingerafdruk([pad])
    assert eerst == slotmodel.vingerafdruk([pad])
    pad.write_text("berichten: [{tekst: hoi, intent: begroeten}]\n", encoding="utf-8")
    assert slotmodel.vingerafdruk([pad]) != eerst


# (rules say acute, figure of speech, learned (kind, probability), expected kind or None)
ACUUT_GEVALLEN = [
    (False, False, ("zelfdoding", 0.8), "zelfdoding"),
    (False, False, ("levensgevaar", 0.3), "levensgevaar"),  # at the threshold
    (False, False, ("levensgevaar", 0.29), None),
    (True, False, ("zelfdoding", 0.9), None),  # the rules already raised the alarm: nothing to add
    (True, False, (slotmodel.GEEN, 0.0), None),  # ... and the net never takes it away
    (False, True, ("zelfdoding", 0.9), None),  # a known figure of speech: the rules decide
    (False, False, (slotmodel.GEEN, 0.9), None),
]


@pytest.mark.parametrize("regels,beeldspraak,geleerd,verwacht", ACUUT_GEVALLEN)
def test_acuut_alarm(regels, beeldspraak, geleerd, verwacht):
    assert slotmodel.acuut_alarm(regels, beeldspraak, geleerd, 0.3) == verwacht


@pytest.mark.parametrize("intent,tekst,kort", [
    ("informeren", "mezelf", True),
    ("informeren", "een man", True),
    ("informeren", "me zusje", True),
    ("informeren", "een man die ik niet ken op insta", False),
    ("vertel_verhaal", "een man", False),  # a story, however short, keeps the net
    ("vraag_mens_spreken", "help", False),
    (None, "", False),
])
def test_kort_antwoord(intent, tekst, kort):
    assert slotmodel.kort_antwoord(intent, tekst) is kort


def test_geen_acuut_alarm_van_het_net_op_een_kort_antwoord():
    assert slotmodel.acuut_alarm(False, False, ("levensgevaar", 0.9), 0.3, kort=True) is None
    assert slotmodel.acuut_alarm(False, False, ("levensgevaar", 0.9), 0.3, kort=False) == "levensgevaar"


def test_acuut_net_leert_soorten_en_telt_ze_op():
    voorbeelden = KLEIN + [
        {"tekst": "ik wil niet meer leven", "intent": "acuut_zelfdoding"},
        {"tekst": "ik denk aan zelfmoord", "intent": "acuut_zelfdoding"},
        {"tekst": "er staat iemand met een mes op het plein", "intent": "acuut_gevaar"},
        {"tekst": "hij slaat me nu en ik kan niet weg", "intent": "acuut_gevaar"},
        {"tekst": "hello I am bullied", "intent": "andere_taal"},
    ]
    model = slotmodel.train(voorbeelden)
    (soort_a, kans_a), (soort_b, kans_b), (_, kans_c) = model.voorspel_acuut(
        ["ik wil echt niet meer leven", "iemand met een mes bij het plein", "ze schelden mij uit in de pauze"])
    assert soort_a == "zelfdoding" and soort_b == "levensgevaar"
    assert kans_a > kans_c and kans_b > kans_c
    # Slot examples without labels only teach the acute net, never the slots.
    alleen = slotmodel.train(KLEIN, alleen_acuut=[{"tekst": "ik wil dood", "intent": "acuut_zelfdoding"},
                                                  {"tekst": "mijn zoon wordt gepest", "intent": "vertel_verhaal"}])
    assert alleen.voorspel([" mijn zoon wordt gepest"])[0]["rol"][0] == "ouder"
