"""Rasa NLU component: entities from the wegwijzer's signal words, and the safety override.

The recognition itself is pure Python in `actions.wegwijzer.herkenning`; this adapter only puts
its findings on the Rasa message:
- every signal becomes an entity (`rol`, `situatie`, `onderwijstype`, `voor_wie`, `dader`,
  `context`) whose value is already the contract value, so slots fill straight from entities;
- acute danger replaces the predicted intent by `acuut_zelfdoding` / `acuut_gevaar` with
  confidence 1.0. It runs after DIET and the FallbackClassifier, so no low confidence or
  nlu_fallback can hide a message about suicide or danger;
- a message that is clearly not Dutch (`herkenning.andere_taal`) gets intent `andere_taal` with
  confidence 1.0 and no entities: it is never read as a situation. Acute danger goes first.
- when DIET alone predicts an acute intent for a message with a known figure of speech, that
  prediction is replaced by the next non-acute intent (false alarms on "ik ga dood van het lachen").
It is not trained: changing the word lists needs no retraining.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    INTENT_RANKING_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from actions.wegwijzer.herkenning import andere_taal, herken, lijkt_op_beeldspraak, zonder_overlap

ACUTE_INTENTS = {"zelfdoding": "acuut_zelfdoding", "levensgevaar": "acuut_gevaar"}
ANDERE_TAAL = "andere_taal"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class WegwijzerSignalen(GraphComponent, EntityExtractorMixin):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "WegwijzerSignalen":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._verwerk(message)
        return messages

    def _verwerk(self, message: Message) -> None:
        tekst = message.get(TEXT) or ""
        signalen = herken(tekst)
        soort = signalen.waarde("acuut_soort")
        vreemd = soort is None and andere_taal(tekst)
        entiteiten = []
        # A non-Dutch message fills no slots: the rules read Dutch, so its entities would be noise.
        # An acute message does: 112/113 comes first all the same, and whoever goes on talking
        # afterwards ("verder praten") need not tell it all again.
        for s in ([] if vreemd else zonder_overlap(signalen, tekst)):
            if s.slot == "acuut_soort":
                continue
            entiteiten.append(
                {
                    ENTITY_ATTRIBUTE_TYPE: s.slot,
                    ENTITY_ATTRIBUTE_VALUE: s.waarde,
                    ENTITY_ATTRIBUTE_START: s.start,
                    ENTITY_ATTRIBUTE_END: s.eind,
                    "text": s.tekst,
                    "confidence_entity": 1.0,
                }
            )
        if entiteiten:
            entiteiten = self.add_extractor_name(entiteiten)
            message.set(ENTITIES, message.get(ENTITIES, []) + entiteiten, add_to_output=True)

        huidig = (message.get(INTENT) or {}).get("name")
        if not soort and huidig in ACUTE_INTENTS.values() and (vreemd or lijkt_op_beeldspraak(tekst)):
            # DIET read a figure of speech ("ik ga dood van het lachen") as acute and the rules,
            # which mask those first, found nothing: the next non-acute intent instead. DIET's
            # acute prediction without a figure of speech stays, as a second line of safety.
            rest = [r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") not in ACUTE_INTENTS.values()]
            volgende = rest[0] if rest else {"name": "nlu_fallback", "confidence": 0.0}
            message.set(INTENT, {"name": volgende["name"], "confidence": volgende.get("confidence", 0.0)}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, rest, add_to_output=True)
        if soort or vreemd:
            zet_intent(message, ACUTE_INTENTS[soort] if soort else ANDERE_TAAL)


def zet_intent(message: Message, naam: str) -> None:
    """Overrule the predicted intent with certainty: first in the ranking, confidence 1.0, so no
    threshold or fallback downstream can hide it."""
    intent = {"name": naam, "confidence": 1.0}
    ranking = [intent] + [r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != naam]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
