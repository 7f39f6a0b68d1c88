"""De kennisbank: mensen op school, organisaties en uitlegteksten, uit actions/kennisbank/*.yml.

De YAML is data die een coördinator bijhoudt; deze module leest en controleert haar (zie
schema.py) en geeft vaste (frozen) objecten terug. Een gewijzigd bestand wordt bij de volgende
aanroep opnieuw gelezen, zodat de action server niet herstart hoeft te worden.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Optional, Union

import yaml

from .contract import MENSEN_OP_SCHOOL, SITUATIES, VERWIJZING_IDS
from .schema import (
    INFO_BESTAND,
    ORGANISATIES_BESTAND,
    SCHOOL_BESTAND,
    Fout,
    KennisbankFout,
    controleer_info,
    controleer_verwijzingen,
)
from .telefoon import normaliseer_nummer

STANDAARD_MAP = Path(__file__).resolve().parent.parent / "kennisbank"

# Onderwerpen in info.yml waar de code op rekent.
VERPLICHTE_ONDERWERPEN = (
    "wegwijzer",
    "helpdesk",
    "melding_of_klacht",
    "klacht_po_leerling",
    "klacht_vo_leerling",
    "klachtprocedure",
    "anonimiteit",
    "vertrouwenspersoon",
    "meldcode",
    "aangifteplicht",
    "inspectie",
    "buiten_scope",
)


@dataclass(frozen=True)
class Kanalen:
    telefoon: Optional[str] = None
    telefoon_alternatief: Optional[str] = None
    chat: Union[bool, str, None] = None  # True: er is een chat, maar geen apart adres bekend
    website: Optional[str] = None
    email: Optional[str] = None
    formulier: Optional[str] = None


@dataclass(frozen=True)
class Commissie:
    id: str
    naam: str
    wat: str
    kanalen: Kanalen
    bron: str
    gecontroleerd_op: date
    status: str
    onzeker: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Verwijzing:
    """Eén persoon op school of organisatie. Wat onder `onzeker` staat, wordt nooit getoond."""

    id: str
    soort: str  # "school" of "organisatie"
    naam: str
    wat: str
    voor_rollen: tuple[str, ...]
    situaties: tuple[str, ...]
    onderwijstypes: tuple[str, ...]
    kanalen: Kanalen
    gratis: Optional[bool]
    anoniem: Optional[bool]
    bron: str
    gecontroleerd_op: date
    status: str
    uren: Optional[str] = None
    wat_eenvoudig: Optional[str] = None
    naam_po: Optional[str] = None
    belinstructie: Optional[str] = None
    kosten: Optional[str] = None
    opmerking: Optional[str] = None
    onzeker: tuple[tuple[str, str], ...] = ()
    commissies: tuple[Commissie, ...] = ()

    @property
    def is_school(self) -> bool:
        return self.soort == "school"

    @property
    def onzekere_velden(self) -> frozenset[str]:
        return frozenset(veld for veld, _ in self.onzeker)

    def past_bij(self, rol: Optional[str], situatie: Optional[str], onderwijstype: Optional[str]) -> bool:
        """Is deze verwijzing bedoeld voor deze vraag? Onbekend (None) past altijd."""
        return (
            (rol is None or rol in self.voor_rollen)
            and (situatie is None or situatie in self.situaties)
            and (onderwijstype is None or onderwijstype in self.onderwijstypes)
        )

    def telefoonnummers(self) -> tuple[str, ...]:
        """Bevestigde nummers, ook die van de commissies (LKC, GCBO)."""
        alle = [self.kanalen] + [c.kanalen for c in self.commissies]
        return tuple(n for k in alle for n in (k.telefoon, k.telefoon_alternatief) if n)


@dataclass(frozen=True, eq=False)
class Kennisbank:
    map: Path
    _verwijzingen: Mapping[str, Verwijzing] = field(repr=False)
    _info: Mapping[str, Union[str, tuple[str, ...]]] = field(repr=False)

    def get(self, id: str) -> Verwijzing:
        try:
            return self._verwijzingen[id]
        except KeyError:
            raise KeyError(f"onbekende verwijzing '{id}'") from None

    def ids(self) -> tuple[str, ...]:
        return tuple(self._verwijzingen)

    def info(self, onderwerp: str) -> Union[str, list[str]]:
        try:
            tekst = self._info[onderwerp]
        except KeyError:
            raise KeyError(f"onbekend onderwerp '{onderwerp}' in {INFO_BESTAND}") from None
        return list(tekst) if isinstance(tekst, tuple) else tekst

    def info_lijst(self, onderwerp: str) -> list[str]:
        tekst = self.info(onderwerp)
        return tekst if isinstance(tekst, list) else [tekst]

    def bevestigde_nummers(self) -> frozenset[str]:
        """Alle telefoonnummers die getoond mogen worden, alleen cijfers."""
        return frozenset(normaliseer_nummer(n) for v in self._verwijzingen.values() for n in v.telefoonnummers())

    def onzekere_gegevens(self) -> tuple[tuple[str, str, str], ...]:
        """(id, veld, waarde) van alles wat nog bevestigd moet worden."""
        uit = [(v.id, veld, w) for v in self._verwijzingen.values() for veld, w in v.onzeker]
        uit += [(v.id, veld, w) for v in self._verwijzingen.values() for c in v.commissies for veld, w in c.onzeker]
        return tuple(uit)


class _Lader(yaml.SafeLoader):
    """YAML zonder automatische datums (zodat wij een foute datum netjes melden) en zonder
    dubbele sleutels (die zou YAML stilletjes overschrijven)."""


_Lader.yaml_implicit_resolvers = {
    k: [(tag, regex) for tag, regex in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _DubbeleSleutel(Exception):
    def __init__(self, sleutel: str, regel: int) -> None:
        self.sleutel, self.regel = sleutel, regel


def _mapping_zonder_dubbelen(lader: _Lader, knoop: yaml.MappingNode, deep: bool = False) -> dict:
    gezien = set()
    for sleutel_knoop, _ in knoop.value:
        sleutel = lader.construct_object(sleutel_knoop, deep=deep)
        if sleutel in gezien:
            raise _DubbeleSleutel(str(sleutel), sleutel_knoop.start_mark.line + 1)
        gezien.add(sleutel)
    return yaml.SafeLoader.construct_mapping(lader, knoop, deep=deep)


_Lader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_zonder_dubbelen)


def _lees(pad: Path) -> tuple[object, list[Fout]]:
    naam = pad.name
    if not pad.is_file():
        return None, [Fout(naam, "(hele bestand)", "-", f"het bestand ontbreekt in {pad.parent}.")]
    try:
        return yaml.load(pad.read_text(encoding="utf-8"), Loader=_Lader), []
    except _DubbeleSleutel as d:
        return None, [Fout(naam, d.sleutel, "(regel %d)" % d.regel, "deze naam staat er twee keer; laat er één staan.")]
    except yaml.YAMLError as e:
        regel = getattr(getattr(e, "problem_mark", None), "line", None)
        waar = f"regel {regel + 1}" if regel is not None else "onbekende regel"
        return None, [Fout(naam, "(opmaak)", waar, f"de YAML-opmaak klopt niet ({getattr(e, 'problem', e)}). Let op inspringen en dubbele punten.")]


def _kanalen(ruw: Optional[dict]) -> Kanalen:
    return Kanalen(**(ruw or {}))


def _maak_verwijzing(id: str, soort: str, ruw: dict) -> Verwijzing:
    gegevens = dict(ruw)
    situaties = gegevens.pop("situaties")
    commissies = gegevens.pop("commissies", None) or {}
    return Verwijzing(
        id=id,
        soort=soort,
        voor_rollen=tuple(gegevens.pop("voor_rollen")),
        situaties=SITUATIES if situaties == "alle" else tuple(situaties),
        onderwijstypes=tuple(gegevens.pop("onderwijstypes")),
        kanalen=_kanalen(gegevens.pop("kanalen", None)),
        gecontroleerd_op=date.fromisoformat(gegevens.pop("gecontroleerd_op")),
        onzeker=tuple((gegevens.pop("onzeker", None) or {}).items()),
        commissies=tuple(
            Commissie(
                id=cid,
                naam=c["naam"],
                wat=c["wat"],
                kanalen=_kanalen(c["kanalen"]),
                bron=c["bron"],
                gecontroleerd_op=date.fromisoformat(c["gecontroleerd_op"]),
                status=c["status"],
                onzeker=tuple((c.get("onzeker") or {}).items()),
            )
            for cid, c in commissies.items()
        ),
        **gegevens,
    )


def _bouw(map: Path) -> Kennisbank:
    organisaties, f1 = _lees(map / ORGANISATIES_BESTAND)
    school, f2 = _lees(map / SCHOOL_BESTAND)
    info, f3 = _lees(map / INFO_BESTAND)
    fouten = f1 + f2 + f3
    if not f1:
        fouten += controleer_verwijzingen(ORGANISATIES_BESTAND, organisaties)
    if not f2:
        fouten += controleer_verwijzingen(SCHOOL_BESTAND, school)
    if not f3:
        fouten += controleer_info(info, VERPLICHTE_ONDERWERPEN)
    if fouten:
        raise KennisbankFout(fouten)
    ruw = {**school, **organisaties}  # type: ignore[dict-item]
    verwijzingen = {
        id: _maak_verwijzing(id, "school" if id in MENSEN_OP_SCHOOL else "organisatie", ruw[id])
        for id in VERWIJZING_IDS
    }
    teksten = {k: tuple(v["tekst"]) if isinstance(v["tekst"], list) else v["tekst"] for k, v in info.items()}  # type: ignore[union-attr]
    return Kennisbank(map, MappingProxyType(verwijzingen), MappingProxyType(teksten))


_cache: dict[Path, tuple[tuple, Kennisbank]] = {}
_slot = threading.Lock()


def _handtekening(map: Path) -> tuple:
    """Verandert als een bestand verandert; dan lezen we opnieuw."""
    uit = []
    for naam in (ORGANISATIES_BESTAND, SCHOOL_BESTAND, INFO_BESTAND):
        pad = map / naam
        stat = pad.stat() if pad.exists() else None
        uit.append((naam, stat.st_mtime_ns, stat.st_size) if stat else (naam, None, None))
    return tuple(uit)


def laad_kennisbank(map: Optional[Path] = None) -> Kennisbank:
    """Lees en controleer de kennisbank (standaard: actions/kennisbank/). Geeft KennisbankFout."""
    map = Path(map).resolve() if map is not None else STANDAARD_MAP
    handtekening = _handtekening(map)
    with _slot:
        bewaard = _cache.get(map)
        if bewaard and bewaard[0] == handtekening:
            return bewaard[1]
        kennisbank = _bouw(map)
        _cache[map] = (handtekening, kennisbank)
        return kennisbank
