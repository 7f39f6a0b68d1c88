"""Conversation housekeeping: starting over."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.berichten import stuur


class ActionOpnieuwBeginnen(Action):
    def name(self) -> Text:
        return "action_opnieuw_beginnen"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        stuur(dispatcher, "opnieuw")
        stuur(dispatcher, "vraag_rol")
        return [Restarted()]
