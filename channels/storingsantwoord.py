"""A clear answer, never silence or a wrong one, when the conversation store or lock store fails.

Rasa 3.6 stores every turn in the tracker store (SQLite, PostgreSQL) and, in the production
profile, first takes a per-conversation lock in Redis. Measured (tests/storingen, docs/security.md
"Storingen: gedrag en bewijs"):
- Lock store down: the LockError runs out of `Agent.handle_message`; the channel logs it and the
  user gets nothing (REST: 200 with `[]`).
- Tracker store down or its file locked: Rasa's FailSafeTrackerStore logs the error, treats the
  conversation as *new* (slots and form forgotten: a parent in the middle of the form gets "Wie
  ben jij?" again), answers from there, and "saves" the turn in an in-memory store that is never
  read back: once the database is back the turn is gone, although the user was answered.

This channel, switched on by one entry in credentials.yml, makes both the same, once the server
runs: the FailSafeTrackerStore's error callback (a constructor parameter Rasa leaves empty)
re-raises instead of falling back to memory, and the agent's `handle_message` (the one hook every
channel uses to reach the agent) answers a failed turn with one Dutch message with the helplines
and the request to send the message again (the NOODTEKST of channels/noodantwoord.py: one source
for the numbers). The conversation is read before anything else is done, so a refused message was
not processed, not stored and not sent to the event broker: sending it again is safe. Logged: the
error type only, never content.

Not covered: a store that fails only at the very end of a turn (after reading worked): the user
then gets the answer followed by the refusal, and the turn is not stored.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.noodantwoord import NOODTEKST
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore

logger = logging.getLogger(__name__)

_MERK = "_wegwijzer_storingsantwoord"


def _opslagfout(fout: Exception) -> None:
    # Instead of Rasa's fallback to an in-memory store: a fresh, forgotten conversation.
    raise fout


def bewaak(agent: Any) -> bool:
    """Wraps agent.handle_message (once); False when there is no agent to guard."""
    if agent is None or not hasattr(agent, "handle_message"):
        logger.warning("Storingsantwoord uit: Rasa heeft geen agent.")
        return False
    store = getattr(agent, "tracker_store", None)
    if isinstance(store, FailSafeTrackerStore):
        store._on_tracker_store_error = _opslagfout
    else:
        logger.warning("Storingsantwoord: onverwachte tracker store %s; geen terugval uitgezet.", type(store).__name__)
    origineel = agent.handle_message
    if getattr(origineel, _MERK, False):
        return True

    async def handle_message(message: UserMessage) -> Optional[Any]:
        try:
            return await origineel(message)
        except Exception as e:  # store, lock store or anything else: never silence
            logger.error("Beurt mislukt (%s): storingsantwoord gegeven, beurt niet opgeslagen.", type(e).__name__)
            try:
                await message.output_channel.send_text_message(message.sender_id, NOODTEKST)
            except Exception as fout:
                logger.error("Storingsantwoord niet verstuurd (%s).", type(fout).__name__)
            return None

    setattr(handle_message, _MERK, True)
    agent.handle_message = handle_message
    logger.info("Storingsantwoord aan.")
    return True


class Storingsantwoord(InputChannel):
    """Registered in credentials.yml as `channels.storingsantwoord.Storingsantwoord`."""

    @classmethod
    def name(cls) -> Text:
        return "storingsantwoord"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "Storingsantwoord":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("storingsantwoord_webhook", __name__)
        kanaal = self

        @bp.listener("after_server_start")
        async def ervoor(app: Any, _loop: Any) -> None:
            # After Rasa's own before_server_start listener has loaded the agent.
            kanaal.app = app
            bewaak(getattr(app.ctx, "agent", None))

        @bp.route("/", methods=["GET"])
        async def gezondheid(_: Request) -> HTTPResponse:
            agent = getattr(getattr(getattr(kanaal, "app", None), "ctx", None), "agent", None)
            aan = bool(getattr(getattr(agent, "handle_message", None), _MERK, False))
            return response.json({"status": "ok", "aan": aan})

        return bp
