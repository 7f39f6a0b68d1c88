"""Herkennen en vergelijken van Nederlandse telefoonnummers.

Gebruikt door de kennisbank (is een ingevuld nummer geldig?) en door de test die code en
antwoorden doorzoekt op nummers die niet uit de kennisbank komen.
"""

from __future__ import annotations

import re

# Kandidaat: begint met 0, (0..), +31 of 0031 en loopt door met cijfers, spaties of streepjes.
_BEGIN = r"(?:(?:\+31|0031)[ \-]?(?:\(0\)[ \-]?)?\d|\(0\d{1,3}\)[ \-]?\d|0\d)"
_LANG = rf"{_BEGIN}(?:[ \-]?\d){{5,10}}"
# Korte nummers zoals 112 en 113 (alleen 11x, zodat jaartallen en aantallen niet meetellen).
_KORT = r"11\d"
_KANDIDAAT = re.compile(rf"(?<![\w+.,/:\-])(?:{_LANG}|{_KORT})(?!\w)(?![.,/:]\d)")

# Datums en tijden die op een nummer lijken, halen we eerst weg.
_DATUM = re.compile(r"\b\d{1,4}[-/]\d{1,2}[-/]\d{1,4}\b")

# 0800/0900 hebben 4 of 7 cijfers na het nummer; andere nummers 10 cijfers met een 0 vooraan.
_GELDIG = re.compile(r"^(?:1\d\d|0[89]00\d{4}|0[89]00\d{7}|0(?![89]00)[1-9]\d{8})$")


def normaliseer_nummer(nummer: str) -> str:
    """Alleen de cijfers, met +31/0031 teruggezet naar 0."""
    cijfers = re.sub(r"\D", "", nummer.replace("(0)", ""))
    if nummer.strip().startswith("+31"):
        cijfers = "0" + cijfers[2:]
    elif cijfers.startswith("0031"):
        cijfers = "0" + cijfers[4:]
    return cijfers


def is_nederlands_nummer(nummer: str) -> bool:
    """Een kort nummer (112), 0800/0900 met 4 of 7 cijfers, of 10 cijfers met een 0 vooraan."""
    if not re.fullmatch(r"\+?[\d \-()]+", nummer.strip()):
        return False
    return bool(_GELDIG.match(normaliseer_nummer(nummer)))


def _kortste_geldige(kandidaat: str) -> str:
    """Een los getal na een nummer ("0800-2000 24 uur") hoort er niet bij: knip het af."""
    stukken = re.split(r"(?<=\d)(?=[ \-])", kandidaat)
    for aantal in range(len(stukken), 0, -1):
        deel = "".join(stukken[:aantal])
        if _GELDIG.match(normaliseer_nummer(deel)):
            return deel
    return kandidaat


def vind_telefoonnummers(tekst: str) -> list[str]:
    """Alle stukken tekst die op een Nederlands telefoonnummer lijken, zoals ze er staan.

    Ook ongeldige nummers (een cijfer te veel) komen terug: juist die moet een test vinden.
    """
    zonder_datums = _DATUM.sub(lambda m: " " * len(m.group()), tekst)
    return [_kortste_geldige(m.group().strip()) for m in _KANDIDAAT.finditer(zonder_datums)]
