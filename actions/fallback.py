"""Dutch two-stage fallback. Rasa's built-in action asks "Did you mean ...?" in English; a custom
action with the same name replaces it (Rasa lets custom actions override default actions)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.berichten import stuur

# Button labels for the intents a user can be asked to confirm. Intents missing here are never
# offered: a label the user cannot understand does not help.
KEUZE_LABELS = {
    "vertel_verhaal": "Ik wil vertellen wat er gebeurt",
    "informeren": "Ik geef antwoord op je vraag",
    "begroeten": "Ik wil beginnen",
    "wat_kun_je": "Wat kun jij?",
    "verschil_melding_klacht": "Melding of klacht?",
    "vraag_klacht_indienen": "Hoe dien ik een klacht in?",
    "vraag_anoniem_melden": "Kan ik anoniem melden?",
    "vraag_vertrouwenspersoon": "Wat doet een vertrouwenspersoon?",
    "vraag_wie_nu_bellen": "Wie kan ik nu bellen?",
    "vraag_mens_spreken": "Ik wil met een mens praten",
    "vraag_school_doet_niks": "De school doet niks",
    "opnieuw_beginnen": "Opnieuw beginnen",
    "stoppen": "Stoppen",
    "bedanken": "Bedankt",
}


class ActionDefaultAskAffirmation(Action):
    def name(self) -> Text:
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        ranking = tracker.latest_message.get("intent_ranking") or []
        opties = [r["name"] for r in ranking if r.get("name") in KEUZE_LABELS][:2]
        stuur(dispatcher, "bedoel_je", [{"title": KEUZE_LABELS[i], "payload": f"/{i}"} for i in opties])
        return []


class ActionDefaultAskRephrase(Action):
    def name(self) -> Text:
        return "action_default_ask_rephrase"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        stuur(dispatcher, "anders_zeggen")
        return []


class ActionDefaultFallback(Action):
    """After two failed tries: a way out to a person, never a dead end."""

    def name(self) -> Text:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        stuur(dispatcher, "niet_gelukt")
        # Like Rasa's own fallback: the misunderstood message does not steer the dialogue.
        return [UserUtteranceReverted()]

