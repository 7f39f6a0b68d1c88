"""Limits on what one HTTP request may bring in, for every channel on the Rasa server.

Measured (tests/fuzz): one REST message of 50,000 characters drives the Rasa process past 6 GB
RSS within seconds (the NLU/dialogue models work on every token), and Sanic accepts bodies up to
100 MB by default. So, switched on by one entry in credentials.yml:

- a REST message longer than `max_tekens` characters is not given to the model: the sender gets a
  Dutch answer that asks for shorter messages and names the helplines (never silence);
- a REST body whose `message` is not text, `sender` not text, or `metadata` not an object or
  nested deeper than MAX_DIEPTE, gets
  400 (Rasa's REST channel answers those with 500 and logs the whole body); lone surrogates in
  the text are replaced (Rasa would otherwise drop the message without an answer);
- every POST body (REST, the WhatsApp/Telegram webhooks, socket.io polling) above `max_bytes`
  gets 413, and Sanic's own REQUEST_MAX_SIZE is lowered to `sanic_max_bytes` (default 1 MB) at
  start, so a larger body is refused from its Content-Length before it is read;
- a REST sender that sends faster than the rate limit (channels/limieten.py) gets 429 with a Dutch
  answer, unless the message looks acute.

Socket.io messages do not pass through this HTTP middleware as a whole: channels/socketio.py
applies the same text and rate limits per message; WhatsApp/Telegram do so in their channels.
The numbers are the confirmed ones from actions/kennisbank/organisaties.yml.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import InputChannel, UserMessage

from channels.limieten import TE_LANG, TE_SNEL, grens_voor, max_tekens

logger = logging.getLogger(__name__)

REST_PAD = "/webhooks/rest/webhook"
__all__ = ["Invoergrens", "TE_LANG", "TE_SNEL"]

MAX_DIEPTE = 10  # nesting of metadata; ~1000 levels make Rasa's tracker serialisation recurse to death


def _diepte(waarde: Any) -> int:
    """Nesting depth without recursion (the input is what we distrust)."""
    diepste, stapel = 0, [(waarde, 1)]
    while stapel:
        w, d = stapel.pop()
        if isinstance(w, (dict, list)):
            diepste = max(diepste, d)
            if diepste > MAX_DIEPTE:
                return diepste
            stapel.extend((v, d + 1) for v in (w.values() if isinstance(w, dict) else w))
    return diepste


class Invoergrens(InputChannel):
    """Registered in credentials.yml as `channels.invoergrens.Invoergrens`."""

    @classmethod
    def name(cls) -> Text:
        return "invoergrens"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "Invoergrens":
        c = credentials or {}
        return cls(max_bytes=int(c.get("max_bytes", 262_144)), max_tekens=int(c.get("max_tekens", max_tekens())),
                   sanic_max_bytes=int(c.get("sanic_max_bytes", 1_048_576)))

    def __init__(self, max_bytes: int = 262_144, max_tekens: int = 4000, sanic_max_bytes: int = 1_048_576) -> None:
        self.max_bytes = max_bytes
        self.max_tekens = max_tekens
        self.sanic_max_bytes = max(sanic_max_bytes, max_bytes)
        self.grens = grens_voor("rest")

    async def controleer(self, request: Request) -> Optional[HTTPResponse]:
        """REST only: refuse what Rasa's own REST channel would answer with a 500 (a message that
        is not text, metadata that is not an object), clean lone surrogates, and answer an
        over-long message in Dutch instead of giving it to the model."""
        if request.method != "POST":
            return None
        # Content-Length first: Sanic also runs this middleware for its own "too large" error,
        # with an empty body, and this answer must then still be 413.
        try:
            lengte = int(request.headers.get("content-length") or 0)
        except ValueError:
            lengte = 0
        if lengte > self.max_bytes or len(request.body or b"") > self.max_bytes:
            return response.json({"fout": "Dit bericht is te groot."}, status=413)
        if request.path != REST_PAD:
            return None
        try:
            body = json.loads(request.body or b"null")
        except (ValueError, RecursionError):
            return None  # Rasa's own channel answers malformed JSON with 400
        if (not isinstance(body, dict) or not isinstance(body.get("message"), str)
                or not isinstance(body.get("sender", ""), str)
                or not isinstance(body.get("metadata") or {}, dict)
                or _diepte(body.get("metadata")) > MAX_DIEPTE):
            return response.json({"fout": "Verwacht: {\"sender\": tekst, \"message\": tekst, \"metadata\": object}."},
                                 status=400)
        # A lone surrogate (only possible as a JSON escape) is not valid UTF-8: Rasa would drop the
        # message silently. Replace it, and let Rasa read the cleaned body.
        schoon = body["message"].encode("utf-8", "replace").decode("utf-8")
        if schoon != body["message"]:
            body["message"] = schoon
        request.parsed_json = body
        afzender = body.get("sender") or "default"
        if len(schoon) > self.max_tekens:
            logger.warning("REST-bericht van %d tekens niet verwerkt (grens %d).", len(schoon), self.max_tekens)
            return response.json([{"recipient_id": afzender, "text": TE_LANG}])
        if not self.grens.mag(afzender, schoon):
            logger.warning("REST: afzender stuurt te snel; bericht niet verwerkt.")
            return response.json([{"recipient_id": afzender, "text": TE_SNEL}], status=429,
                                 headers={"Retry-After": str(self.grens.wacht_seconden())})
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("invoergrens", __name__)

        @bp.listener("before_server_start")
        async def grenzen(app: Any, _loop: Any) -> None:
            # App-wide request middleware is read per request, so adding it here takes effect.
            app.register_middleware(self.controleer, "request")
            # Sanic refuses bodies above REQUEST_MAX_SIZE from their Content-Length, before reading
            # them (default 100 MB). Connections are made after this listener, so it takes effect.
            if app.config.REQUEST_MAX_SIZE > self.sanic_max_bytes:
                app.config.REQUEST_MAX_SIZE = self.sanic_max_bytes
            logger.info("Invoergrens: bodies tot %d bytes, REST-berichten tot %d tekens.", self.max_bytes, self.max_tekens)

        @bp.route("/", methods=["GET"])
        async def gezondheid(_: Request) -> HTTPResponse:
            return response.json({"max_bytes": self.max_bytes, "max_tekens": self.max_tekens})

        return bp
