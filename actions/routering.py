"""Routing: the slots of the conversation in, the wegwijzer's plan out (actions.wegwijzer)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.adapter import is_eenvoudig, vraag_uit_tracker, voeg_verwijzingen_toe
from actions.wegwijzer.kennisbank import laad_kennisbank
from actions.wegwijzer.routing import maak_plan
from actions.wegwijzer.teksten import antwoord_vervolgvraag, plan_berichten

# Follow-up intents and the knowledge-base topic that answers them.
ONDERWERP_PER_INTENT = {
    "verschil_melding_klacht": "verschil_melding_klacht",
    "vraag_klacht_indienen": "klacht_indienen",
    "vraag_anoniem_melden": "anoniem_melden",
    "vraag_vertrouwenspersoon": "vertrouwenspersoon",
    "vraag_wie_nu_bellen": "wie_nu_bellen",
    "vraag_mens_spreken": "mens_spreken",
    "vraag_school_doet_niks": "school_doet_niks",
}


class ActionGeefRoute(Action):
    def name(self) -> Text:
        return "action_geef_route"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        kb = laad_kennisbank()
        plan = maak_plan(vraag_uit_tracker(tracker), kb)
        for tekst in plan_berichten(plan, kb, eenvoudig=is_eenvoudig(tracker)):
            dispatcher.utter_message(text=tekst)
        verwijzingen = voeg_verwijzingen_toe(tracker.get_slot("verwijzingen"), plan.verwijzingen)
        return [SlotSet("verwijzingen", verwijzingen)]


class ActionBeantwoordVraag(Action):
    def name(self) -> Text:
        return "action_beantwoord_vraag"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        onderwerp = ONDERWERP_PER_INTENT.get(intent, "verschil_melding_klacht")
        kb = laad_kennisbank()
        for tekst in antwoord_vervolgvraag(onderwerp, vraag_uit_tracker(tracker), kb):
            dispatcher.utter_message(text=tekst)
        return []
