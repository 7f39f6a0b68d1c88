"""(c) in make bench-nlu: a naive keyword baseline. Whole lowercase words looked up in small
dictionaries, first hit wins; no stems, no context, no negation. Deliberately NOT herkenning.py:
it shows what a plain word list gets you."""
from __future__ import annotations

import re

SLOT_WOORDEN = {
    "situatie": {
        "seksueel_misbruik": ["seksueel", "seksuele", "naaktfoto", "naaktfoto's", "nudes", "betast", "aangerand", "misbruik", "misbruikt"],
        "discriminatie": ["discriminatie", "gediscrimineerd", "racisme", "racistisch", "homo", "hoofddoek", "huidskleur", "afkomst"],
        "intimidatie": ["intimidatie", "bedreigd", "bedreigt", "bedreiging", "geslagen", "slaat", "geweld", "geschopt", "schopt"],
        "pesten": ["pesten", "gepest", "pest", "uitgescholden", "uitgelachen", "buitengesloten"],
        "anders": ["anders"],
    },
    "rol": {
        "onderwijspersoneel": ["docent", "leraar", "lerares", "leerkracht", "mentor", "collega"],
        "ouder": ["moeder", "vader", "ouder", "zoon", "dochter"],
        "leerling": ["leerling", "scholier", "klasgenoten", "klasgenoot"],
    },
    "onderwijstype": {
        "po": ["basisschool", "groep"],
        "vo": ["middelbare", "brugklas", "havo", "vwo", "vmbo", "mavo", "klas"],
    },
    "voor_wie": {
        "ander": ["zoon", "dochter", "vriend", "vriendin", "leerling", "collega", "kind", "ander"],
        "zelf": ["mij", "me", "mezelf", "zelf", "ik"],
    },
    "dader": {
        "personeel": ["leraar", "docent", "juf", "meester", "conciërge", "coach", "mentor"],
        "medeleerling": ["klasgenoot", "klasgenoten", "leerlingen", "jongens"],
        "ouder": ["vader", "moeder"],
    },
}
INTENT_WOORDEN = [
    ("acuut_zelfdoding", ["zelfmoord", "dood", "leven"]),
    ("acuut_gevaar", ["mes", "wapen", "pistool", "vermoorden", "gevaar"]),
    ("andere_taal", ["hello", "the", "you", "merhaba", "okulda", "jest", "czy"]),
    ("verschil_melding_klacht", ["verschil", "melding"]),
    ("vraag_klacht_indienen", ["klacht", "klagen"]),
    ("vraag_anoniem_melden", ["anoniem", "naam"]),
    ("vraag_vertrouwenspersoon", ["vertrouwenspersoon"]),
    ("vraag_wie_nu_bellen", ["bellen", "nummer", "chatten"]),
    ("vraag_mens_spreken", ["mens", "persoon"]),
    ("vraag_school_doet_niks", ["niks", "niets"]),
    ("wat_kun_je", ["robot", "bot", "chat"]),
    ("opnieuw_beginnen", ["opnieuw", "overnieuw"]),
    ("stoppen", ["stop", "stoppen", "doei"]),
    ("bedanken", ["bedankt", "dankjewel", "dank", "dankje"]),
    ("begroeten", ["hoi", "hallo", "hey", "hee"]),
    ("verder_gaan", ["verder", "veilig"]),
]


def woorden(tekst: str) -> list[str]:
    return re.findall(r"[\w'’]+", (tekst or "").lower())


def voorspel(tekst: str) -> dict:
    w = set(woorden(tekst))
    uit: dict = {}
    for slot, waarden in SLOT_WOORDEN.items():
        for waarde, lijst in waarden.items():
            if w & set(lijst):
                uit[slot] = waarde
                break
    for intent, lijst in INTENT_WOORDEN:
        if w & set(lijst):
            uit["intent"] = intent
            break
    else:
        uit["intent"] = "vertel_verhaal" if "situatie" in uit else ("informeren" if uit else "out_of_scope")
    return uit
