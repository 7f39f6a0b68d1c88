"""The wegwijzer form: asks only for the contract slots that are still unknown."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.adapter import context_uit_gesprek
from actions.berichten import stuur

# Intents that must interrupt the form (their rules take over); for all others an unrecognised
# answer makes the form ask again instead of leaving the user with an unpredictable reply.
ONDERBREKINGEN = {
    "acuut_gevaar",
    "acuut_zelfdoding",
    "opnieuw_beginnen",
    "stoppen",
    "out_of_scope",
    "andere_taal",
    "wat_kun_je",
    "verschil_melding_klacht",
    "vraag_klacht_indienen",
    "vraag_anoniem_melden",
    "vraag_vertrouwenspersoon",
    "vraag_wie_nu_bellen",
    "vraag_mens_spreken",
    "vraag_school_doet_niks",
}


class ValidateWegwijzerFormulier(FormValidationAction):
    def name(self) -> Text:
        return "validate_wegwijzer_formulier"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        # mbo/hbo or not about school: the wegwijzer does not apply, so asking for the school
        # type would only confuse; the routing core explains where to go instead.
        if "buiten_scope" in context_uit_gesprek(tracker):
            return []
        return domain_slots

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        events = await super().run(dispatcher, tracker, domain)
        gevraagd = tracker.get_slot("requested_slot")
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if (
            gevraagd
            and tracker.latest_action_name == "action_listen"
            and intent not in ONDERBREKINGEN
            and not tracker.slots_to_validate()
        ):
            stuur(dispatcher, "niet_begrepen_in_formulier")
            # A SlotSet of the (still empty) requested slot counts as "validated" for Rasa, so the
            # form asks again instead of being rejected.
            events.append(SlotSet(gevraagd, None))
        return events


class _VraagSlot(Action):
    """`action_ask_<slot>`: the form's question, with buttons, from actions/berichten.yml."""

    slot = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        # mbo/hbo or not about school: the wegwijzer does not apply, so asking for the school
        # type would only confuse; the routing core explains where to go instead.
        if "buiten_scope" in context_uit_gesprek(tracker):
            return []
        return domain_slots

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        stuur(dispatcher, f"vraag_{self.slot}")
        return []


class ActionAskRol(_VraagSlot):
    slot = "rol"


class ActionAskSituatie(_VraagSlot):
    slot = "situatie"


class ActionAskOnderwijstype(_VraagSlot):
    slot = "onderwijstype"


class ActionAskVoorWie(_VraagSlot):
    slot = "voor_wie"
