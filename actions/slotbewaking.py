"""A learned guess never replaces what the conversation already knows.

The learned slot model (components/geleerde_slots.py) fills what the rules left empty *in one
message*. Rasa's from_entity mappings then set the slot, also when an earlier message had already
set it: "Mijn dochter wordt gepest" (rol ouder, from the rules) followed by "haar bsn is ... en ze is
geboren op ..." made the model guess rol leerling, and the parent was routed as a pupil (helpdesk
test `hd-ouder-gegevens`, session 5). Rasa runs `action_validate_slot_mappings` after extracting
slots on every message, inside and outside the form; here it puts back the earlier value wherever
the only source of a change is the learned model. A value the rules read in the message ("nee, het
gaat om mijn zoon") still changes the slot, as does the user's own button or answer.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.wegwijzer.contract import SLOTS

GELEERD = "GeleerdeSlots"  # the extractor name Rasa gives the learned model's entities


def waarden_voor_laatste_bericht(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The contract slots as they were when the latest user message came in (pass the events
    after the latest restart)."""
    waarden: Dict[str, Any] = {}
    laatste_bericht = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    for e in events[:max(laatste_bericht, 0)]:
        if e.get("event") == "slot" and e.get("name") in SLOTS:
            waarden[e["name"]] = e.get("value")
    return waarden


def terug_te_zetten(
    vorige: Dict[str, Any], nu: Dict[str, Any], entiteiten: List[Dict[str, Any]], gewijzigd: List[str]
) -> Dict[str, Optional[Any]]:
    """Slot -> earlier value, for every slot changed this turn by the learned model alone."""
    bronnen: Dict[str, set] = {}
    for e in entiteiten:
        bronnen.setdefault(e.get("entity"), set()).add(e.get("extractor"))
    terug = {}
    for slot in gewijzigd:
        if slot not in SLOTS or vorige.get(slot) is None or nu.get(slot) == vorige.get(slot):
            continue
        if bronnen.get(slot) == {GELEERD}:
            terug[slot] = vorige[slot]
    return terug


class ActionValidateSlotMappings(Action):
    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        terug = terug_te_zetten(
            waarden_voor_laatste_bericht(tracker.events_after_latest_restart()),
            {slot: tracker.get_slot(slot) for slot in SLOTS},
            tracker.latest_message.get("entities") or [],
            list(tracker.slots_to_validate()),
        )
        return [SlotSet(slot, waarde) for slot, waarde in terug.items()]
