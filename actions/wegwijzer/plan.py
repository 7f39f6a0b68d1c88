"""Vraag, Stap en Plan: wat de routing ontvangt en teruggeeft (vaste, frozen objecten)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .contract import DADERS, ONDERWIJSTYPES, ROLLEN, SITUATIES, VOOR_WIE

VEILIGHEIDSZIN = "Neem alleen de stappen waar jij je veilig bij voelt."

WENSEN = ("erover_praten", "oplossing_op_school", "klacht", "melding", "weet_niet")
ACUUT_SOORTEN = ("levensgevaar", "zelfdoding")
STAP_SOORTEN = ("acuut", "praten", "oplossing_op_school", "klacht", "melding", "advies", "plicht", "buiten_scope")

# Extra kenmerken van een vraag die niet in een slot passen.
CONTEXT_VLAGGEN = {
    "thuis": "het gebeurt (ook) thuis of de zorg gaat over thuis",
    "online": "het gebeurt (ook) online: berichten, beelden, sociale media",
    "recent": "het seksueel geweld was kort geleden (binnen 7 dagen)",
    "lhbti": "het gaat (ook) om lhbti+ (wie je bent of op wie je valt)",
    "school_helpt_niet": "school en schoolbestuur helpen niet (genoeg)",
    "buiten_scope": "niet po/vo (mbo, hbo) of niet over school",
    "direct_gevaar": "bij gedachten aan zelfdoding ook direct gevaar: dan ook 112",
}


def _controleer(naam: str, waarde: object, toegestaan: tuple) -> None:
    if waarde is not None and waarde not in toegestaan:
        raise ValueError(f"{naam}={waarde!r} is geen geldige waarde; kies uit {toegestaan} of None")


@dataclass(frozen=True)
class Vraag:
    rol: Optional[str]
    situatie: Optional[str]
    onderwijstype: Optional[str]
    voor_wie: Optional[str]
    dader: Optional[str] = None
    acuut: bool = False
    acuut_soort: Optional[str] = None
    wens: str = "weet_niet"
    context: frozenset = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        _controleer("rol", self.rol, ROLLEN)
        _controleer("situatie", self.situatie, SITUATIES)
        _controleer("onderwijstype", self.onderwijstype, ONDERWIJSTYPES)
        _controleer("voor_wie", self.voor_wie, VOOR_WIE)
        _controleer("dader", self.dader, DADERS)
        _controleer("acuut_soort", self.acuut_soort, ACUUT_SOORTEN)
        if self.wens not in WENSEN:
            raise ValueError(f"wens={self.wens!r} is geen geldige waarde; kies uit {WENSEN}")
        context = frozenset(self.context)
        onbekend = context - CONTEXT_VLAGGEN.keys()
        if onbekend:
            raise ValueError(f"onbekende context {sorted(onbekend)}; kies uit {sorted(CONTEXT_VLAGGEN)}")
        object.__setattr__(self, "context", context)

    @property
    def is_acuut(self) -> bool:
        return self.acuut or self.acuut_soort is not None

    @property
    def is_kind(self) -> bool:
        """Een leerling op de basisschool: korte, eenvoudige zinnen."""
        return self.rol == "leerling" and self.onderwijstype == "po"


@dataclass(frozen=True)
class Stap:
    soort: str
    titel: str
    uitleg: str  # de reden, in gewone taal
    verwijzingen: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.soort not in STAP_SOORTEN:
            raise ValueError(f"onbekende stapsoort {self.soort!r}")


@dataclass(frozen=True)
class Plan:
    stappen: tuple[Stap, ...]
    vraag: Vraag
    veiligheidszin: str = VEILIGHEIDSZIN

    @property
    def verwijzingen(self) -> tuple[str, ...]:
        """Alle verwijzingen in volgorde van eerste keer noemen, zonder dubbele."""
        return tuple(dict.fromkeys(id for stap in self.stappen for id in stap.verwijzingen))

    def stap(self, soort: str) -> Optional[Stap]:
        return next((s for s in self.stappen if s.soort == soort), None)
