"""Controle van de kennisbank-bestanden bij het laden.

Een coördinator past de YAML aan zonder code te lezen. Daarom noemt elke fout het bestand, het
item en het veld, in gewone taal, en worden alle fouten tegelijk gemeld.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Optional
from urllib.parse import urlparse

from .contract import MENSEN_OP_SCHOOL, ONDERWIJSTYPES, ORGANISATIES, ROLLEN, SITUATIES
from .telefoon import is_nederlands_nummer

ORGANISATIES_BESTAND = "organisaties.yml"
SCHOOL_BESTAND = "school.yml"
INFO_BESTAND = "info.yml"

KANAAL_VELDEN = ("telefoon", "telefoon_alternatief", "chat", "website", "email", "formulier")
STATUSSEN = ("bevestigd", "onzeker")


@dataclass(frozen=True)
class Fout:
    bestand: str
    item: str
    veld: str
    melding: str

    def __str__(self) -> str:
        return f"In bestand '{self.bestand}', bij '{self.item}', veld '{self.veld}': {self.melding}"


class KennisbankFout(ValueError):
    """De kennisbank klopt niet; de tekst zegt per fout waar en wat."""

    def __init__(self, fouten: list[Fout]) -> None:
        self.fouten = tuple(fouten)
        regels = "\n".join(f"- {f}" for f in self.fouten)
        super().__init__(f"De kennisbank kon niet worden geladen. Herstel dit:\n{regels}")


# Een controle geeft None als de waarde goed is, anders een uitleg van wat er mis is.
Controle = Callable[[Any], Optional[str]]


def _tekst(waarde: Any) -> Optional[str]:
    if not isinstance(waarde, str) or not waarde.strip():
        return "vul hier een tekst in."
    return None


def _lijst_uit(toegestaan: tuple[str, ...]) -> Controle:
    def controle(waarde: Any) -> Optional[str]:
        keuzes = ", ".join(toegestaan)
        if not isinstance(waarde, list) or not waarde:
            return f"schrijf een lijst, bijvoorbeeld [{toegestaan[0]}]. Mogelijk: {keuzes}."
        for w in waarde:
            if w not in toegestaan:
                return f"'{w}' is geen geldige waarde{_bedoel_je(w, toegestaan)}. Mogelijk: {keuzes}."
        if len(set(waarde)) != len(waarde):
            return "een waarde staat er dubbel in."
        return None

    return controle


def _situaties(waarde: Any) -> Optional[str]:
    if waarde == "alle":
        return None
    return _lijst_uit(SITUATIES)(waarde)


def _ja_nee_onbekend(waarde: Any) -> Optional[str]:
    if waarde is None or isinstance(waarde, bool):
        return None
    return f"'{waarde}' kan niet: schrijf true (ja), false (nee) of null (onbekend)."


def _url(waarde: Any) -> Optional[str]:
    if not isinstance(waarde, str):
        return "schrijf een webadres dat begint met https://"
    delen = urlparse(waarde)
    if delen.scheme not in ("https", "http") or "." not in delen.netloc or " " in waarde:
        return f"'{waarde}' is geen geldig webadres; het moet beginnen met https://"
    return None


def _bron(waarde: Any) -> Optional[str]:
    # Een bron is een webadres, of een document zonder webadres ("document: naam").
    if isinstance(waarde, str) and waarde.startswith("document:") and len(waarde) > 12:
        return None
    return _url(waarde)


def _datum(waarde: Any) -> Optional[str]:
    uitleg = "schrijf de datum als jaar-maand-dag, bijvoorbeeld 2026-11-01."
    if not isinstance(waarde, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", waarde):
        return f"'{waarde}' is geen geldige datum; {uitleg}"
    try:
        date.fromisoformat(waarde)
    except ValueError:
        return f"'{waarde}' bestaat niet als datum; {uitleg}"
    return None


def _status(waarde: Any) -> Optional[str]:
    if waarde not in STATUSSEN:
        return f"'{waarde}' kan niet; kies bevestigd of onzeker."
    return None


def _telefoon(waarde: Any) -> Optional[str]:
    if not isinstance(waarde, str):
        return f"zet het nummer tussen aanhalingstekens, bijvoorbeeld \"0800-0432\" (nu: {waarde})."
    if not is_nederlands_nummer(waarde):
        return (
            f"'{waarde}' lijkt geen Nederlands telefoonnummer. Voorbeelden die wel kunnen: "
            "\"0800-0432\", \"0900 111 3 111\", \"088 669 60 60\", \"112\"."
        )
    return None


def _chat(waarde: Any) -> Optional[str]:
    if waarde is True:
        return None
    fout = _url(waarde)
    return None if fout is None else "schrijf true (er is een chat) of het webadres van de chat."


def _email(waarde: Any) -> Optional[str]:
    if isinstance(waarde, str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", waarde):
        return None
    return f"'{waarde}' is geen geldig e-mailadres."


_KANAAL_CONTROLES: dict[str, Controle] = {
    "telefoon": _telefoon,
    "telefoon_alternatief": _telefoon,
    "chat": _chat,
    "website": _url,
    "email": _email,
    "formulier": _url,
}


def _bedoel_je(waarde: Any, keuzes: tuple[str, ...] | list[str]) -> str:
    gelijk = difflib.get_close_matches(str(waarde), list(keuzes), n=1, cutoff=0.6)
    return f" (bedoel je '{gelijk[0]}'?)" if gelijk else ""


# veld -> (controle, verplicht). Samen met de extra regels hieronder is dit het hele schema.
_GEMEENSCHAPPELIJK: dict[str, tuple[Controle, bool]] = {
    "naam": (_tekst, True),
    "wat": (_tekst, True),
    "voor_rollen": (_lijst_uit(ROLLEN), True),
    "situaties": (_situaties, True),
    "onderwijstypes": (_lijst_uit(ONDERWIJSTYPES), True),
    "gratis": (_ja_nee_onbekend, True),
    "anoniem": (_ja_nee_onbekend, True),
    "bron": (_bron, True),
    "gecontroleerd_op": (_datum, True),
    "status": (_status, True),
    "wat_eenvoudig": (_tekst, False),
    "naam_po": (_tekst, False),
    "uren": (_tekst, False),
    "opmerking": (_tekst, False),
    "onzeker": (lambda w: None, False),  # inhoud: zie _controleer_onzeker
}
SCHOOL_SCHEMA = dict(_GEMEENSCHAPPELIJK)
ORGANISATIE_SCHEMA = {
    **_GEMEENSCHAPPELIJK,
    "kanalen": (lambda w: None, False),  # inhoud: zie _controleer_kanalen
    "belinstructie": (_tekst, False),
    "kosten": (_tekst, False),
    "commissies": (lambda w: None, False),  # inhoud: zie _controleer_commissies
}
COMMISSIE_SCHEMA: dict[str, tuple[Controle, bool]] = {
    "naam": (_tekst, True),
    "wat": (_tekst, True),
    "kanalen": (lambda w: None, True),
    "bron": (_bron, True),
    "gecontroleerd_op": (_datum, True),
    "status": (_status, True),
    "onzeker": (lambda w: None, False),
}
INFO_SCHEMA: dict[str, tuple[Controle, bool]] = {
    "tekst": (lambda w: None, True),  # inhoud: zie _controleer_info
    "bron": (_bron, True),
    "gecontroleerd_op": (_datum, True),
}
ONZEKER_VELDEN = KANAAL_VELDEN + ("uren", "gratis", "anoniem", "kosten", "belinstructie")


class _Controleur:
    """Verzamelt fouten voor één bestand."""

    def __init__(self, bestand: str) -> None:
        self.bestand = bestand
        self.fouten: list[Fout] = []

    def fout(self, item: str, veld: str, melding: str) -> None:
        self.fouten.append(Fout(self.bestand, item, veld, melding))

    def velden(self, item: str, gegevens: Any, schema: dict, prefix: str = "") -> bool:
        """Controleer een item tegen een schema; False als het geen lijst van velden is."""
        if not isinstance(gegevens, dict):
            self.fout(item, prefix.rstrip(".") or "(hele item)", "hier horen velden (naam: waarde).")
            return False
        for veld in gegevens:
            if veld not in schema:
                hint = _bedoel_je(veld, list(schema))
                if veld == "kanalen" and "kanalen" not in schema and self.bestand == SCHOOL_BESTAND:
                    hint = " (mensen op school krijgen geen telefoonnummer of kanaal: je bereikt ze via school)"
                self.fout(item, prefix + str(veld), f"dit veld is onbekend{hint}.")
        for veld, (controle, verplicht) in schema.items():
            if veld not in gegevens:
                if verplicht:
                    self.fout(item, prefix + veld, "dit veld ontbreekt (gebruik null als het onbekend is).")
                continue
            melding = controle(gegevens[veld])
            if melding:
                self.fout(item, prefix + veld, melding)
        return True

    def kanalen(self, item: str, kanalen: Any, prefix: str) -> None:
        if not isinstance(kanalen, dict) or not kanalen:
            self.fout(item, prefix + "kanalen", "noem minstens één kanaal, bijvoorbeeld website: https://...")
            return
        for kanaal, waarde in kanalen.items():
            controle = _KANAAL_CONTROLES.get(kanaal)
            if controle is None:
                hint = _bedoel_je(kanaal, KANAAL_VELDEN)
                self.fout(item, f"{prefix}kanalen.{kanaal}", f"dit kanaal is onbekend{hint}. Mogelijk: {', '.join(KANAAL_VELDEN)}.")
                continue
            melding = controle(waarde)
            if melding:
                self.fout(item, f"{prefix}kanalen.{kanaal}", melding)
        if "telefoon_alternatief" in kanalen and "telefoon" not in kanalen:
            self.fout(item, f"{prefix}kanalen.telefoon_alternatief", "er is een alternatief nummer maar geen telefoon.")

    def onzeker(self, item: str, gegevens: dict, prefix: str) -> None:
        onzeker = gegevens.get("onzeker")
        status = gegevens.get("status")
        if onzeker is not None:
            if not isinstance(onzeker, dict) or not onzeker:
                self.fout(item, prefix + "onzeker", "schrijf per onzeker veld een regel, bijvoorbeeld telefoon: \"...\".")
                return
            for veld, waarde in onzeker.items():
                if veld not in ONZEKER_VELDEN:
                    self.fout(item, f"{prefix}onzeker.{veld}", f"dit veld is onbekend{_bedoel_je(veld, ONZEKER_VELDEN)}.")
                elif not isinstance(waarde, str) or not waarde.strip():
                    self.fout(item, f"{prefix}onzeker.{veld}", "beschrijf wat er onzeker is, tussen aanhalingstekens.")
        if status == "onzeker" and not onzeker:
            self.fout(item, prefix + "status", "status is onzeker: zet onder 'onzeker:' welk gegeven nog nagekeken moet worden.")
        if status == "bevestigd" and onzeker:
            self.fout(item, prefix + "status", "er staan nog onzekere gegevens onder 'onzeker:'; zet status op onzeker, of verplaats ze als ze kloppen.")


def controleer_verwijzingen(bestand: str, inhoud: Any) -> list[Fout]:
    """Controleer organisaties.yml of school.yml (id -> item)."""
    c = _Controleur(bestand)
    if not isinstance(inhoud, dict):
        c.fout("(hele bestand)", "-", "het bestand moet bestaan uit items: id, dubbele punt, en daaronder de velden.")
        return c.fouten
    is_school = bestand == SCHOOL_BESTAND
    eigen_ids = MENSEN_OP_SCHOOL if is_school else ORGANISATIES
    andere_ids, ander_bestand = (ORGANISATIES, ORGANISATIES_BESTAND) if is_school else (MENSEN_OP_SCHOOL, SCHOOL_BESTAND)
    for item, gegevens in inhoud.items():
        item = str(item)
        if item in andere_ids:
            c.fout(item, "(id)", f"dit item hoort in {ander_bestand}.")
            continue
        if item not in eigen_ids:
            c.fout(item, "(id)", f"'{item}' is geen id uit het contract{_bedoel_je(item, eigen_ids)}. Ids worden niet zomaar toegevoegd of hernoemd.")
            continue
        if not c.velden(item, gegevens, SCHOOL_SCHEMA if is_school else ORGANISATIE_SCHEMA):
            continue
        c.onzeker(item, gegevens, "")
        if not is_school:
            _controleer_kanalen_en_commissies(c, item, gegevens)
    for ontbrekend in eigen_ids:
        if ontbrekend not in inhoud:
            c.fout(ontbrekend, "(hele item)", "dit item ontbreekt; elke id uit het contract moet er precies één keer in staan.")
    return c.fouten


def _controleer_kanalen_en_commissies(c: _Controleur, item: str, gegevens: dict) -> None:
    commissies = gegevens.get("commissies")
    if "kanalen" in gegevens:
        c.kanalen(item, gegevens["kanalen"], "")
    elif commissies is None:
        c.fout(item, "kanalen", "dit veld ontbreekt: hoe bereik je deze organisatie?")
    if commissies is None:
        return
    if not isinstance(commissies, dict) or not commissies:
        c.fout(item, "commissies", "noem per commissie een id met daaronder de velden.")
        return
    for cid, sub in commissies.items():
        prefix = f"commissies.{cid}."
        if c.velden(item, sub, COMMISSIE_SCHEMA, prefix):
            c.kanalen(item, sub.get("kanalen"), prefix)
            c.onzeker(item, sub, prefix)


def controleer_info(inhoud: Any, verplichte_onderwerpen: tuple[str, ...]) -> list[Fout]:
    c = _Controleur(INFO_BESTAND)
    if not isinstance(inhoud, dict):
        c.fout("(hele bestand)", "-", "het bestand moet bestaan uit onderwerpen met daaronder tekst, bron en gecontroleerd_op.")
        return c.fouten
    for onderwerp, gegevens in inhoud.items():
        if not c.velden(str(onderwerp), gegevens, INFO_SCHEMA):
            continue
        tekst = gegevens.get("tekst")
        goed = isinstance(tekst, str) and tekst.strip() or (
            isinstance(tekst, list) and tekst and all(isinstance(t, str) and t.strip() for t in tekst)
        )
        if "tekst" in gegevens and not goed:
            c.fout(str(onderwerp), "tekst", "schrijf een tekst, of een lijst van teksten (elk op een regel met '- ').")
    for onderwerp in verplichte_onderwerpen:
        if onderwerp not in inhoud:
            c.fout(onderwerp, "(hele item)", "dit onderwerp ontbreekt; de assistent gebruikt het.")
    return c.fouten
