"""Pseudonymisation of conversation text.

The heavy lifting is done by `deduce` (Dutch de-identification: names, addresses, places, phone
numbers, e-mail, dates, BSN, ids). Children often type names in lower case and mention schools,
which deduce (made for medical records) misses, so a small extra layer adds: lower-case first
names from deduce's own first-name list, school names, social-media handles and long digit runs.
Placeholders are numbered per conversation, so "[NAAM-1]" is the same person throughout.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Optional

# deduce tag -> placeholder word shown to staff (Dutch, short)
LABELS = {
    "persoon": "NAAM", "patient": "NAAM", "naam": "NAAM",
    "locatie": "ADRES", "telefoonnummer": "TELEFOON", "emailadres": "E-MAIL", "url": "LINK",
    "datum": "DATUM", "bsn": "BSN", "id": "NUMMER", "instelling": "INSTELLING",
    "ziekenhuis": "INSTELLING", "school": "SCHOOL", "account": "ACCOUNT", "nummer": "NUMMER",
}
# Ages are not identifying on their own and matter for the helpdesk (which group, which class).
NIET_VERVANGEN = {"leeftijd"}

_SCHOOLWOORD = (r"(?:basisschool|basisscholen|school|obs|cbs|rkbs|pcbs|ikc|kindcentrum|college|lyceum|gymnasium|"
                r"atheneum|scholengemeenschap|sg|csg|rsg|vmbo|mavo|havo|vwo|montessorischool|daltonschool|"
                r"jenaplanschool|vrije school|mbo|roc)")
_NAAMWOORD = r"(?:[A-Z][\w'’-]+|de|het|van|der|den|'t|St\.?|Sint)"
# "basisschool De Regenboog", "CSG Calvijn" (school word first) and "het Erasmus College",
# "Stedelijk Gymnasium Leiden" (capitalised words before the school word).
_SCHOOL_RE_I = re.compile(rf"\b(?i:{_SCHOOLWOORD})\s+(?:{_NAAMWOORD}\s+)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
_SCHOOL_RE = re.compile(rf"\b(?:[A-Z][\w'’-]+\s+){{1,3}}(?i:{_SCHOOLWOORD})\b(?:\s+[A-Z][\w'’-]+)*")
_HANDLE_RE = re.compile(r"(?<![\w.])@[A-Za-z0-9_.]{2,30}")
_CIJFERS_RE = re.compile(r"(?<!\w)(?:\+?\d[\d\s.-]{5,}\d)(?!\w)")
_POSTCODE_RE = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b")
_WOORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)?")

# Common Dutch words (and chat words) that also occur as first names in deduce's list.
_GEEN_NAAM = {
    "ik", "je", "jij", "hij", "zij", "ze", "we", "wij", "u", "de", "het", "een", "en", "of", "maar", "dat", "die",
    "wat", "wie", "hoe", "waar", "niet", "wel", "ook", "nog", "al", "dan", "als", "om", "op", "in", "met", "mijn",
    "mama", "papa", "mam", "pap", "juf", "meester", "meneer", "mevrouw", "mentor", "hoi", "hallo", "hey", "hee",
    "doei", "oke", "oké", "ok", "ja", "nee", "dank", "bedankt", "thanks", "sorry", "help", "hulp", "school", "klas",
    "groep", "pest", "pesten", "gepest", "iemand", "niemand", "iedereen", "alles", "niks", "niets", "soms", "vaak",
    "altijd", "nooit", "echt", "heel", "erg", "super", "lief", "stom", "boos", "bang", "verdrietig", "moe",
    "zus", "broer", "vriend", "vriendin", "vader", "moeder", "oma", "opa", "tante", "oom", "kind", "kinderen",
    "leraar", "lerares", "docent", "directeur", "rector", "conciërge", "coach", "mens", "bot", "chat", "fijn",
    "goed", "slecht", "graag", "even", "toch", "maar", "mag", "kan", "wil", "moet", "zal", "ben", "bent", "is",
    "was", "waren", "heb", "hebt", "heeft", "gaan", "gaat", "doen", "doet", "zeggen", "zegt", "bellen", "praten",
    "melden", "klacht", "vandaag", "gisteren", "morgen", "week", "maand", "jaar", "pauze", "gym", "les", "thuis",
    "buiten", "binnen", "online", "insta", "snap", "tiktok", "whatsapp", "app", "appt", "foto", "fotos", "video",
    "roos", "rosa", "mei", "juni", "april", "maart", "augustus", "zon", "lente", "winter", "zomer", "herfst",
    "sterk", "grote", "klein", "lang", "kort", "nieuw", "oud", "jong", "beter", "best", "meer", "minder",
}


@dataclass
class Vervanger:
    """Keeps the placeholder numbering for one conversation."""
    nummers: dict = field(default_factory=dict)   # (label, normalised text) -> n
    tellers: dict = field(default_factory=dict)   # label -> last n
    gevonden: dict = field(default_factory=dict)  # original fragment -> placeholder

    def plaatshouder(self, label: str, tekst: str) -> str:
        sleutel = (label, " ".join(tekst.lower().split()))
        if sleutel not in self.nummers:
            self.tellers[label] = self.tellers.get(label, 0) + 1
            self.nummers[sleutel] = self.tellers[label]
        p = f"[{label}-{self.nummers[sleutel]}]"
        self.gevonden[tekst] = p
        return p


class Pseudonimiseerder:
    """Thread-safe wrapper: deduce loads its lookup tables once (about 20 s), then ~1 ms per message."""

    def __init__(self) -> None:
        self._deduce = None
        self._voornamen: Optional[set] = None
        self._lock = threading.Lock()

    def laad(self) -> None:
        with self._lock:
            if self._deduce is None:
                import deduce  # imported lazily: loading is slow and tests of other parts don't need it
                d = deduce.Deduce()
                gewone = set()
                for naam in ("whitelist", "common_word", "stop_word"):
                    gewone |= {w.lower() for w in d.lookup_structs[naam].items()}
                lijst = resources.files("deduce").joinpath("data/lookup/src/names/lst_first_name/items.txt")
                namen = {r.strip().lower() for r in lijst.read_text(encoding="utf-8").splitlines() if r.strip()}
                self._voornamen = {n for n in namen if len(n) >= 3 and n not in gewone and n not in _GEEN_NAAM}
                self._deduce = d

    @property
    def geladen(self) -> bool:
        return self._deduce is not None

    def _spans(self, tekst: str) -> list[tuple[int, int, str]]:
        self.laad()
        spans: list[tuple[int, int, str]] = []
        doc = self._deduce.deidentify(tekst)
        for a in doc.annotations:
            tag = a.tag.split("+")[0].split("_")[0].lower()
            if tag in NIET_VERVANGEN:
                continue
            spans.append((a.start_char, a.end_char, LABELS.get(tag, "GEGEVEN")))
        for m in _SCHOOL_RE_I.finditer(tekst):
            spans.append((m.start(), m.end(), "SCHOOL"))
        for m in _SCHOOL_RE.finditer(tekst):
            spans.append((m.start(), m.end(), "SCHOOL"))
        for m in _HANDLE_RE.finditer(tekst):
            spans.append((m.start(), m.end(), "ACCOUNT"))
        for m in _POSTCODE_RE.finditer(tekst):
            spans.append((m.start(), m.end(), "ADRES"))
        for m in _CIJFERS_RE.finditer(tekst):
            if sum(c.isdigit() for c in m.group()) >= 6:
                spans.append((m.start(), m.end(), "NUMMER"))
        for m in _WOORD_RE.finditer(tekst):
            if m.group().lower() in self._voornamen:
                spans.append((m.start(), m.end(), "NAAM"))
        return _samenvoegen(spans)

    def vervang(self, tekst: str, vervanger: Optional[Vervanger] = None) -> str:
        """Returns `tekst` with every identifying fragment replaced by a placeholder."""
        if not tekst:
            return tekst or ""
        vervanger = vervanger or Vervanger()
        uit, positie = [], 0
        for start, eind, label in self._spans(tekst):
            uit.append(tekst[positie:start])
            uit.append(vervanger.plaatshouder(label, tekst[start:eind]))
            positie = eind
        uit.append(tekst[positie:])
        return "".join(uit)

    @staticmethod
    def echo_vervangen(tekst: str, vervanger: Vervanger) -> str:
        """For the assistant's own messages: they come from fixed texts and carry no personal data,
        unless one ever repeats what the user typed; replace any fragment already found."""
        for origineel in sorted(vervanger.gevonden, key=len, reverse=True):
            if len(origineel) >= 3:
                tekst = re.sub(re.escape(origineel), vervanger.gevonden[origineel], tekst, flags=re.IGNORECASE)
        return tekst


def _samenvoegen(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping findings become one (the longest wins the label)."""
    uit: list[list] = []
    for start, eind, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if uit and start < uit[-1][1]:
            if eind > uit[-1][1]:
                uit[-1][1] = eind
            continue
        uit.append([start, eind, label])
    return [tuple(s) for s in uit]


PSEUDO = Pseudonimiseerder()
