"""The same check of action-server answers, without re-checking the schema every time.

Rasa 3.6 checks every answer of the action server with `jsonschema.validate(answer, schema)`
(`RemoteAction._validate_action_result`). `validate()` first checks the *schema itself* against the
JSON Schema 2020-12 meta-schema, on every call; only then the answer. Measured with py-spy on a Rasa
server answering REST conversations (docs/benchmarks.md, "Snelheid"): 64% of the server's CPU per
user message went into that meta-schema check (a form step calls the action server twice).

This entry in credentials.yml builds the validator once (schema checked once, at start-up) and
checks every answer with it: the same schema, the same `ValidationError` (with Rasa's hint appended)
for an invalid answer. It adds no route; it is a channel only because credentials.yml is the one
place where a module of ours is loaded into every Rasa server process.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from jsonschema import exceptions, validators
from sanic import Blueprint

from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.constants import DOCS_BASE_URL

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


def installeer() -> None:
    if RemoteAction._validate_action_result is not controleer_actieantwoord:
        RemoteAction._validate_action_result = controleer_actieantwoord  # type: ignore[assignment]
        logger.info("Actieantwoorden: schema één keer gecontroleerd, elk antwoord met dezelfde validator.")


class SnelleActieControle(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "actieantwoord"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SnelleActieControle":
        installeer()
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return Blueprint("actieantwoord", __name__)  # no routes
