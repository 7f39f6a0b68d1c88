"""Helpers to run our Rasa actions the way the action server does: a rasa_sdk Tracker in,
a CollectingDispatcher and events out."""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

LEGE_SLOTS = {
    "rol": None, "situatie": None, "onderwijstype": None, "voor_wie": None, "dader": None,
    "acuut": False, "acuut_soort": None, "verwijzingen": [], "requested_slot": None,
}


def maak_tracker(
    slots: Optional[Dict[str, Any]] = None,
    intent: str = "vertel_verhaal",
    tekst: str = "",
    entities: Optional[List[Dict[str, Any]]] = None,
    ranking: Optional[List[Dict[str, Any]]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    latest_action_name: str = "action_listen",
    active_loop: Optional[Dict[str, Any]] = None,
) -> Tracker:
    latest = {
        "text": tekst,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": entities or [],
        "intent_ranking": ranking or [{"name": intent, "confidence": 0.9}],
    }
    return Tracker(
        sender_id="test",
        slots={**LEGE_SLOTS, **(slots or {})},
        latest_message=latest,
        events=events if events is not None else [{"event": "user", "text": tekst, "parse_data": latest}],
        paused=False,
        followup_action=None,
        active_loop=active_loop or {},
        latest_action_name=latest_action_name,
    )


def voer_uit(actie, tracker: Tracker, domain: Optional[Dict[str, Any]] = None):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(actie.run(dispatcher, tracker, domain or {}))
    return dispatcher.messages, events

