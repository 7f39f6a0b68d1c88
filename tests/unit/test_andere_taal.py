"""herkenning.andere_taal: messages not in Dutch are recognised; Dutch ones, however short or
full of youth language and English loanwords, never are."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.wegwijzer.herkenning import andere_taal, herken

HELDOUT = yaml.safe_load((Path(__file__).resolve().parents[1] / "nlu/heldout.yml").read_text(encoding="utf-8"))["berichten"]


@pytest.mark.parametrize("tekst", [
    "hello, my daughter is being bullied, can you help?",
    "someone in my class keeps hitting me",
    "okulda bana kötü davranıyorlar",
    "oğlum okula gitmek istemiyor",
    "مرحبا، أحتاج إلى مساعدة",
    "мою дитину б'ють у школі",
    "помогите, меня обижают",
    "mój syn jest bity w szkole",
    "nie rozumiem po niderlandzku",
    # session 4: German, French, Spanish, Somali and Ge'ez script (Tigrinya, Amharic)
    "mein Sohn wird jeden Tag in der Schule geschlagen",
    "ma fille est harcelée par ses camarades, aidez-moi",
    "mi hijo no quiere ir a la escuela, por favor ayuda",
    "gabadhayda waa la caayaa dugsiga, caawimo",
    "ሰላም፡ ልጀይ ኣብ ቤት ትምህርቲ ይጽገም ኣሎ",
])
def test_andere_taal_herkend(tekst):
    assert andere_taal(tekst)


@pytest.mark.parametrize("tekst", [
    "ok", "oke", "hoi", "ja", "nee", "hi", "hey", "thanks", "thnx", "sorry", "help", "lol", "idk",
    "ff vraagje", "ze doen kk irritant", "ik word gebullied op insta", "my bad, ik bedoel pesten",
    "ik zit in de klas met iemand die Engels praat", "nie meer leve", "mn docent is so mean",
    "", "   ", "😢😢", "<b>hoi</b>", "12345", "ik ben 12",
    "hè wat doe je nou", "mon dieu wat een dag", "die leraar is altijd gemeen, ich weiß",
    "ik ben de juf van groep 5 en een ouder lacht om mijn Franse accent", "wie kan ik bellen",
])
def test_nederlands_nooit_als_andere_taal(tekst):
    assert not andere_taal(tekst)


def test_heldout_andere_taal_volledig_en_zonder_vals_alarm():
    for b in HELDOUT:
        assert andere_taal(b["tekst"]) == (b["intent"] == "andere_taal"), b["tekst"]


def test_tienduizend_tekens_snel_en_zonder_fout():
    import time

    tekst = ("ik word gepest door mijn klasgenoten en ze schelden me uit " * 200)[:10_000]
    t = time.time()
    herken(tekst)
    andere_taal(tekst)
    assert time.time() - t < 2.0
