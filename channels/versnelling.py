"""Two measured hot spots of Rasa 3.6, removed without changing what Rasa does.

1. The same check of action-server answers, without re-checking the schema every time.
Rasa 3.6 checks every answer of the action server with `jsonschema.validate(answer, schema)`
(`RemoteAction._validate_action_result`). `validate()` first checks the *schema itself* against the
JSON Schema 2020-12 meta-schema, on every call; only then the answer. Measured with py-spy on a Rasa
server answering REST conversations (docs/benchmarks.md, "Snelheid"): 64% of the server's CPU per
user message went into that meta-schema check (a form step calls the action server twice).

Here the validator is built once (schema checked once) and checks every answer: the same schema,
the same `ValidationError` (with Rasa's hint appended) for an invalid answer.

2. Model loading without tracing a training step.
To build a TensorFlow model's weights before loading them, Rasa runs one training step on one
example (`RasaModel.load`: compile + fit), which traces the whole training graph: 40% of the
server's start-up (py-spy). The start-up step here runs eagerly instead (same variables, same
weights loaded afterwards). Keras keeps "run eagerly" in the same attribute Rasa reads to choose
between eager and compiled prediction, so it is set back to what was asked before the weights are
loaded: predictions use Rasa's compiled function as before. Fine-tuning is left as is.

3. The prediction graph without dask's scheduler per call (channels/graafloper.py): the processor
builds its graph runner from `VolgordeGraphRunner`, a `DaskGraphRunner` that asks dask once for its
execution order and then calls the same nodes in that order with the same arguments. `rasa train`
keeps dask.

4. Event types looked up once (channels/eventsoorten.py): `Event.resolve_by_type` rebuilt the list
of all Event subclasses for every event read back from the tracker store or an action answer.

All are installed by one entry in credentials.yml. It adds no route; it is a channel only because
credentials.yml is the one place where a module of ours is loaded into every Rasa server process,
before the model is loaded.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from jsonschema import exceptions, validators
from sanic import Blueprint

import rasa.core.processor
from channels import eventsoorten
from channels.graafloper import VolgordeGraphRunner
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.constants import DOCS_BASE_URL
from rasa.utils.tensorflow.models import RasaModel

logger = logging.getLogger(__name__)

_validator: Any = None


def _maak_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, instead of once per action call
    return cls(schema)


def controleer_actieantwoord(_actie: Any, result: Dict[Text, Any]) -> bool:
    """Drop-in for RemoteAction._validate_action_result: True, or raises jsonschema's ValidationError."""
    global _validator
    if _validator is None:
        _validator = _maak_validator()
    fout = exceptions.best_match(_validator.iter_errors(result))
    if fout is not None:
        fout.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise fout
    return True


_laden = threading.local()
_rasa_load = RasaModel.load.__func__
_keras_compile = RasaModel.compile
_keras_load_weights = RasaModel.load_weights


def _load(cls, model_file_name, model_data_example, predict_data_example=None, finetune_mode=False, *args, **kwargs):
    _laden.eager = not finetune_mode
    try:
        return _rasa_load(cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs)
    finally:
        _laden.eager = False


def _compile(self, *args, **kwargs):
    # Only the compile inside RasaModel.load: its single fit() step then runs eagerly (no tracing).
    if getattr(_laden, "eager", False):
        _laden.gevraagd = kwargs.get("run_eagerly")
        kwargs["run_eagerly"] = True
    return _keras_compile(self, *args, **kwargs)


def _load_weights(self, *args, **kwargs):
    # Comes right after the start-up fit() in RasaModel.load: back to compiled prediction.
    if getattr(_laden, "eager", False):
        self.run_eagerly = getattr(_laden, "gevraagd", None)
    return _keras_load_weights(self, *args, **kwargs)


def installeer() -> None:
    if RemoteAction._validate_action_result is not controleer_actieantwoord:
        RemoteAction._validate_action_result = controleer_actieantwoord  # type: ignore[assignment]
        RasaModel.load = classmethod(_load)  # type: ignore[assignment]
        RasaModel.compile = _compile  # type: ignore[assignment]
        RasaModel.load_weights = _load_weights  # type: ignore[assignment]
        logger.info("Versnelling: actieantwoorden met één validator; modellen laden zonder getraceerde trainingsstap.")
    if rasa.core.processor.DaskGraphRunner is not VolgordeGraphRunner:
        # The name MessageProcessor._load_model passes to the loader; only the prediction graph.
        rasa.core.processor.DaskGraphRunner = VolgordeGraphRunner  # type: ignore[misc]
        logger.info("Versnelling: voorspelgraaf in dask-volgorde zonder dask-planner per aanroep.")
    eventsoorten.installeer()


class Versnelling(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "versnelling"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "Versnelling":
        installeer()
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return Blueprint("versnelling", __name__)  # no routes
