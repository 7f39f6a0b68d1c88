"""What the Rasa actions share: reading the contract slots into the routing core's `Vraag`, and
keeping `verwijzingen` ordered and free of duplicates (contract)."""
from __future__ import annotations

from typing import Any, Iterable, List, Optional

from rasa_sdk import Tracker

from actions.wegwijzer.routing import Vraag

# Context flags come from the `context` entity of WegwijzerSignalen; unknown ones are ignored so a
# newer NLU cannot break an older routing core.
BEKENDE_CONTEXT = {"thuis", "online", "recent", "lhbti", "school_helpt_niet", "buiten_scope"}


def context_uit_gesprek(tracker: Tracker) -> frozenset[str]:
    gevonden = set()
    for event in tracker.events_after_latest_restart():
        if event.get("event") != "user":
            continue
        for entiteit in (event.get("parse_data") or {}).get("entities") or []:
            if entiteit.get("entity") == "context" and entiteit.get("value") in BEKENDE_CONTEXT:
                gevonden.add(entiteit["value"])
    return frozenset(gevonden)


def vraag_uit_tracker(tracker: Tracker, wens: str = "weet_niet") -> Vraag:
    return Vraag(
        rol=tracker.get_slot("rol"),
        situatie=tracker.get_slot("situatie"),
        onderwijstype=tracker.get_slot("onderwijstype"),
        voor_wie=tracker.get_slot("voor_wie"),
        dader=tracker.get_slot("dader"),
        acuut=bool(tracker.get_slot("acuut")),
        acuut_soort=tracker.get_slot("acuut_soort"),
        wens=wens,
        context=context_uit_gesprek(tracker),
    )


def is_eenvoudig(tracker: Tracker) -> bool:
    """Primary-school pupils get the simplest language."""
    return tracker.get_slot("rol") == "leerling" and tracker.get_slot("onderwijstype") == "po"


def voeg_verwijzingen_toe(huidige: Optional[List[Any]], nieuwe: Iterable[str]) -> List[str]:
    lijst = [v for v in (huidige or []) if isinstance(v, str)]
    for v in nieuwe:
        if v not in lijst:
            lijst.append(v)
    return lijst
