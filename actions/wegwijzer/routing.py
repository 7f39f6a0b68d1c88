"""Van een vraag (wie, wat, waar) naar een plan met stappen en verwijzingen.

De regels volgen de wegwijzer van Jouw Veilige School (shared/kennis/wegwijzer-feiten.md):
praten -> oplossing op school -> klacht -> melding. Daarvoor komt wat niet kan wachten: acuut
gevaar, recent seksueel geweld, wettelijke plichten van personeel en onveiligheid thuis.
De regels per stap staan in stappen.py.
"""

from __future__ import annotations

from typing import Optional

from . import stappen
from .kennisbank import Kennisbank, laad_kennisbank
from .plan import (
    ACUUT_SOORTEN,
    CONTEXT_VLAGGEN,
    STAP_SOORTEN,
    VEILIGHEIDSZIN,
    WENSEN,
    Plan,
    Stap,
    Vraag,
)

__all__ = [
    "ACUUT_SOORTEN", "CONTEXT_VLAGGEN", "STAP_SOORTEN", "VEILIGHEIDSZIN", "WENSEN",
    "Plan", "Stap", "Vraag", "maak_plan",
]

# Volgorde van de wegwijzer; een wens zet één stap vooraan, weet_niet houdt deze volgorde.
ROUTE = ("praten", "advies", "oplossing_op_school", "klacht", "melding")
_WENS_STAP = {
    "erover_praten": "praten",
    "oplossing_op_school": "oplossing_op_school",
    "klacht": "klacht",
    "melding": "melding",
}


def maak_plan(vraag: Vraag, kennisbank: Optional[Kennisbank] = None) -> Plan:
    """Het plan voor deze vraag. Onbekende waarden (None) geven een algemeen plan."""
    b = stappen.Bouwer(vraag, kennisbank or laad_kennisbank())
    gevonden: list[Optional[Stap]] = []
    if vraag.is_acuut:
        gevonden.append(stappen.acuut(b))  # acuut gaat altijd voor
    if "buiten_scope" in vraag.context:
        gevonden.append(stappen.buiten_scope(b))  # geen schoolroute buiten po/vo
    else:
        gevonden += [
            stappen.recent_seksueel_geweld(b),
            stappen.plicht_zedendelict(b),
            stappen.plicht_meldcode(b),
            stappen.thuis(b),
            stappen.misbruik_door_personeel(b),
        ]
        route = {
            "praten": stappen.praten(b),
            "advies": stappen.advies(b),
            "oplossing_op_school": stappen.oplossing_op_school(b),
            "klacht": stappen.klacht(b),
            "melding": stappen.melding(b),
        }
        voorop = _WENS_STAP.get(vraag.wens)
        volgorde = ([voorop] if voorop else []) + [s for s in ROUTE if s != voorop]
        gevonden += [route[s] for s in volgorde]
    return Plan(tuple(s for s in gevonden if s is not None), vraag)
