"""herkenning.lijkt_onzin: keyboard noise gets Rasa's fallback (ask again) instead of a confident
wrong intent; real messages, however short, misspelt or foreign, never count as noise."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rasa.shared.nlu.training_data.loading import load_data

from actions.wegwijzer.herkenning import lijkt_onzin, woorden
from components.geleerde_slots import _lemmalijst
from components.slotmodel import laad_voorbeelden

ROOT = Path(__file__).resolve().parents[2]
# What the trained model knows (components.slotmodel.SlotModel.woorden): the words of the texts it
# trains on, read as training reads them, plus the lemma list the component adds.
TEKSTEN = [v["tekst"] for v in laad_voorbeelden(sorted((ROOT / "data/slots").glob("*.yml")) + sorted((ROOT / "data/acuut").glob("*.yml")))]
TEKSTEN += [m.get("text") or "" for m in load_data(str(ROOT / "data/nlu"), language="nl").intent_examples]
TRAINWOORDEN = frozenset(w for t in TEKSTEN for w in woorden(t))
VORMEN, LEMMAS = _lemmalijst()


def bekend(woord: str) -> bool:
    return woord in TRAINWOORDEN or woord in LEMMAS or woord in VORMEN


@pytest.mark.parametrize("tekst", [
    "qwerty asdf zxcv blub",
    "bloop fnarg wibble",
    "asdfghjkl",
    "sdfsdf sdfsdf",
    "jkjkjkjk hjhjhj",
    "hjkl hjkl fdsa",
    "xcvbnm,.",
    "fjdksla fjdksla fjdksla",
    "blorp zibbel wumpf",
])
def test_toetsenbordgeklop_is_onzin(tekst):
    assert lijkt_onzin(tekst, bekend)


@pytest.mark.parametrize("tekst", [
    "",
    "   ",
    "😀😀😀",
    "123",
    "?",
    "hoi",
    "ok",
    "kk",
    "ff",
    "ja",
    "help",
    "groep 7",
    "2 vmbo",
    "ik wort gepes",
    "ze doen kkr vervelend",
    "mn juf",
    "hello, my daughter is being bullied",
    "okulda bana kötü davranıyorlar",  # another language: answered as such, not as noise
    "ik wil dood",  # acute: never noise
    "zelfmoord",
])
def test_geen_onzin(tekst):
    assert not lijkt_onzin(tekst, bekend)


def test_geen_enkel_bericht_uit_de_testsets_is_onzin():
    # Written by others, never trained on: every real message has at least one known word.
    onzin = []
    for pad in sorted((ROOT / "tests/nlu").glob("*.yml")):
        d = yaml.safe_load(pad.read_text(encoding="utf-8"))
        teksten = [b["tekst"] for b in d.get("berichten", []) + d.get("acuut", [])] + d.get("lookalikes", [])
        assert teksten, pad
        onzin += [(pad.name, t) for t in teksten if lijkt_onzin(t, bekend)]
    assert onzin == []
