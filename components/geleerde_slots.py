"""Rasa NLU component: fills what the rules left empty with the learned slot model.

Runs after `components.signalen.WegwijzerSignalen`. Only for a story (`vertel_verhaal`) and a
short answer to the form (`informeren`), also when its own acute net below flags that story: a
question, a message the rules call acute or a message in another language gets nothing from it.
In a story an empty slot gets the learned value above the slot's threshold
(`components.slotmodel.AANVULLEN`); a slot the rules filled is replaced only where cross-validation
showed the model reads better, above a higher threshold (`OVERSTEMMEN`). In an answer the model
only fills empty slots (`AANVULLEN_ANTWOORD`). The learned value is an entity
spanning the whole message (there is no single phrase to point at), with the model's probability
as its confidence.

It is also a learned safety net under the acute rules: a Dutch message that neither the rules nor
DIET flagged, without a known figure of speech, becomes `acuut_zelfdoding` / `acuut_gevaar` when
the learned probability of acute danger reaches `components.slotmodel.ACUUT_DREMPEL`. It never
takes an alarm away. The acute model also learns from the NLU examples' intents.

Keyboard noise ("qwerty asdf zxcv", "bloop fnarg wibble") becomes `nlu_fallback`, so the user is
asked to say it differently instead of DIET's confident guess (`herkenning.lijkt_onzin`): not one
word of it occurs in any training text or in the Dutch lemma list of spacy-lookups-data.

The model trains on `data/slots/*.yml` (and the acute net also on `data/acuut/*.yml`, messages
without slot labels), which are not Rasa training data, so their fingerprint is
added to the component's own (`fingerprint_addon`), with that of `components/slotmodel.py`:
editing either retrains this component only.
"""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

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
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.wegwijzer.herkenning import lijkt_onzin, lijkt_op_beeldspraak
from components import slotmodel
from components.signalen import ANDERE_TAAL, zet_intent

VERHAAL = "vertel_verhaal"
ANTWOORD = slotmodel.ANTWOORD
BESTAND = "slotmodel.pkl"
NLU_FALLBACK = "nlu_fallback"


def _lemmalijst() -> tuple[Any, frozenset[str]]:
    """Dutch word forms (a spaCy lookup table: `in` takes a string) and their lemmas from
    spacy-lookups-data, a pinned dependency. Without it: nothing, and the training words count."""
    try:
        from spacy.lookups import load_lookups

        tabel = load_lookups("nl", ["lemma_lookup"]).get_table("lemma_lookup")
    except Exception:
        return {}, frozenset()
    return tabel, frozenset(v for v in tabel.values() if isinstance(v, str))


def _paden(config: Dict[Text, Any]) -> List[Path]:
    return sorted(Path(config["map"]).glob("*.yml"))


def _acuut_paden(config: Dict[Text, Any]) -> List[Path]:
    return sorted(Path(config["acuut_map"]).glob("*.yml"))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class GeleerdeSlots(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"map": "data/slots", "acuut_map": "data/acuut", "random_seed": 2026}

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        # Rasa may pass only the user's config here, without the defaults.
        config = {**cls.get_default_config(), **config}
        # The model's code too: a pickled model from older code must not come back from the cache.
        return slotmodel.vingerafdruk(_paden(config) + _acuut_paden(config) + [Path(slotmodel.__file__)])

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[slotmodel.SlotModel] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model
        # Loaded with the model (about 2 s), not on the first user's message; after training, at first use.
        self._lemmalijst: Optional[tuple[Any, frozenset[str]]] = _lemmalijst() if model is not None else None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "GeleerdeSlots":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        paden = _paden(self._config)
        if not paden:
            raise ValueError(f"geen gelabelde berichten in {self._config['map']}/*.yml voor het slotmodel")
        intenties = [{"tekst": m.get(TEXT), "intent": m.get(INTENT)}
                     for m in training_data.intent_examples if (m.get(TEXT) or "").strip()]
        self._model = slotmodel.train(slotmodel.laad_voorbeelden(paden), seed=self._config["random_seed"],
                                      alleen_acuut=intenties + slotmodel.laad_voorbeelden(_acuut_paden(self._config)))
        with self._model_storage.write_to(self._resource) as map_:
            # Our own model, read back only by this component (pinned scikit-learn).
            (Path(map_) / BESTAND).write_bytes(pickle.dumps(self._model))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "GeleerdeSlots":
        with model_storage.read_from(resource) as map_:
            model = pickle.loads((Path(map_) / BESTAND).read_bytes())
        return cls(config, model_storage, resource, model)

    def process(self, messages: List[Message]) -> List[Message]:
        if self._model is None:
            return messages
        # A story only its net calls acute (no acute wording the rules know) is still a story, so
        # its slots fill as well; the alarm comes first all the same. Not so where the rules found
        # acute wording: on those messages, unlike any it learned from, the model guessed slots
        # the message does not say ("ik denk er steeds aan om er een eind aan te maken" -> anders,
        # leerling), and the form would then skip those questions.
        verhalen = [(m, (m.get(INTENT) or {}).get("name")) for m in messages
                    if (m.get(INTENT) or {}).get("name") in (VERHAAL, ANTWOORD) and (m.get(TEXT) or "").strip()]
        self._acuut(messages)
        self._onzin(messages)
        verhalen = [(m, gelezen) for m, gelezen in verhalen if (m.get(INTENT) or {}).get("name") != NLU_FALLBACK]
        if not verhalen:
            return messages
        voorspellingen = self._model.voorspel([m.get(TEXT) for m, _ in verhalen])
        for (message, gelezen), geleerd in zip(verhalen, voorspellingen):
            bestaand = message.get(ENTITIES) or []
            gevonden: Dict[Text, Any] = {}
            for e in bestaand:
                gevonden.setdefault(e.get(ENTITY_ATTRIBUTE_TYPE), e.get(ENTITY_ATTRIBUTE_VALUE))
            if gelezen == VERHAAL:
                gekozen = slotmodel.aanvulling(gevonden, geleerd)
            else:  # a short answer: fill only, never correct the rules
                gekozen = slotmodel.aanvulling(gevonden, geleerd, slotmodel.AANVULLEN_ANTWOORD, {})
            if not gekozen:
                continue
            tekst = message.get(TEXT)
            nieuw = [
                {
                    ENTITY_ATTRIBUTE_TYPE: slot,
                    ENTITY_ATTRIBUTE_VALUE: waarde,
                    ENTITY_ATTRIBUTE_START: 0,
                    ENTITY_ATTRIBUTE_END: len(tekst),
                    "text": tekst,
                    "confidence_entity": round(kans, 3),
                }
                for slot, (waarde, kans) in gekozen.items()
            ]
            # One value per slot: a corrected rule value goes, or the slot mapping would see both.
            bestaand = [e for e in bestaand if e.get(ENTITY_ATTRIBUTE_TYPE) not in gekozen]
            message.set(ENTITIES, bestaand + self.add_extractor_name(nieuw), add_to_output=True)
        return messages

    def _bekend(self, woord: str) -> bool:
        if self._lemmalijst is None:
            self._lemmalijst = _lemmalijst()
        vormen, lemmas = self._lemmalijst
        return woord in self._model.woorden or woord in lemmas or woord in vormen

    def _onzin(self, messages: List[Message]) -> None:
        for message in messages:
            tekst = message.get(TEXT) or ""
            huidig = (message.get(INTENT) or {}).get("name")
            if huidig in slotmodel.ACUUT_SOORT or huidig == ANDERE_TAAL:  # acute stays acute
                continue
            if lijkt_onzin(tekst, self._bekend):
                zet_intent(message, NLU_FALLBACK)
                message.set(ENTITIES, [], add_to_output=True)

    def _acuut(self, messages: List[Message]) -> None:
        kandidaten = [m for m in messages if (m.get(TEXT) or "").strip()
                      and (m.get(INTENT) or {}).get("name") != ANDERE_TAAL]
        if not kandidaten:
            return
        for message, geleerd in zip(kandidaten, self._model.voorspel_acuut([m.get(TEXT) for m in kandidaten])):
            huidig = (message.get(INTENT) or {}).get("name")
            soort = slotmodel.acuut_alarm(huidig in slotmodel.ACUUT_SOORT, lijkt_op_beeldspraak(message.get(TEXT)), geleerd,
                                          kort=slotmodel.kort_antwoord(huidig, message.get(TEXT)))
            if not soort:
                continue
            # The rules' entities stay, as with the rules' own alarm (components/signalen.py).
            zet_intent(message, slotmodel.ACUUT_INTENT[soort])
