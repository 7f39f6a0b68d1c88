"""Acute danger: 112 / 113 first, before any question (see components/signalen.py for detection)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.adapter import is_eenvoudig, voeg_verwijzingen_toe
from actions.wegwijzer.kennisbank import laad_kennisbank
from actions.wegwijzer.routing import Vraag, maak_plan
from actions.wegwijzer.teksten import beschrijf_verwijzing

SOORT_PER_INTENT = {"acuut_zelfdoding": "zelfdoding", "acuut_gevaar": "levensgevaar"}
EERSTE_ZIN = {
    "zelfdoding": "Wat goed dat je dit vertelt. Je hoeft dit niet alleen te dragen. Praat er nu over met iemand:",
    "levensgevaar": "Ben je nu in gevaar? Bel dan meteen het alarmnummer.",
}


class ActionAcuut(Action):
    def name(self) -> Text:
        return "action_acuut"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        soort = SOORT_PER_INTENT.get(intent, "levensgevaar")
        kb = laad_kennisbank()
        plan = maak_plan(Vraag(rol=tracker.get_slot("rol"), situatie=None, onderwijstype=None,
                               voor_wie=None, acuut=True, acuut_soort=soort), kb)
        acuut = plan.stap("acuut")
        ids = list(acuut.verwijzingen) if acuut else ["alarmnummer_112"]
        dispatcher.utter_message(text=EERSTE_ZIN[soort])
        for vid in ids:
            # Full version for most: "dag en nacht" tells someone in crisis the line is open now.
            dispatcher.utter_message(text=beschrijf_verwijzing(vid, kb, eenvoudig=is_eenvoudig(tracker)))
        return [
            SlotSet("acuut", True),
            SlotSet("acuut_soort", soort),
            SlotSet("verwijzingen", voeg_verwijzingen_toe(tracker.get_slot("verwijzingen"), ids)),
        ]
