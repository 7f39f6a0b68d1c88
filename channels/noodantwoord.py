"""Never silence when the action server fails: a guard between Rasa and its action server.

Rasa 3.6 swallows every failure of a custom action (`MessageProcessor._run_action` logs it and
drops the action's events). Measured (tests/storingen): with the action server down, answering
500 or answering nonsense, "ik wil niet meer leven" gets only "Ben je veilig, ...?" — no 113, no
112 — and a form step gets no question at all. Rasa's own timeout for an action call is a
hard-coded 5 minutes (`rasa.core.constants.DEFAULT_REQUEST_TIMEOUT`) and cannot be configured.

Rasa has no hook for a failed action, but an input channel may add routes to the Rasa server and
sees the agent once the server runs. So this channel, switched on by one entry in credentials.yml,
puts a small forwarding route *inside the Rasa server* in front of the action server:

    Rasa --action call--> /webhooks/noodantwoord/webhook --POST--> action server (endpoints.yml)

- 2xx with a JSON object, and 400 (rasa_sdk's "ActionExecutionRejection", which forms rely on),
  are passed through unchanged.
- Anything else (connection refused, no answer within `timeout_seconden`, 5xx, 404, invalid
  JSON) becomes a valid action response with one Dutch message that names the helplines, so Rasa
  says it like any other bot message. The failed action's events are lost, as without the guard;
  the next message is handled normally once the action server is back.
- At most one such message per user message, and after a failure the other actions of the same
  user message are not forwarded any more (a form step calls two actions; a slow action server
  would otherwise make the user wait `timeout_seconden` for each).

endpoints.yml stays the one place that names the action server: at start-up the channel copies
that endpoint (URL, params, headers, token, basic auth) as its forwarding target and points
Rasa's endpoint object at its own route, with a random per-process header so that nobody else can
use the route (403). Not covered: Rasa started with its own TLS (`--ssl-certificate`): the guard
then stays off and logs a warning; and a model loaded through the HTTP API (`PUT /model`) builds a
new endpoint object from endpoints.yml, which is not guarded until the next restart.

The numbers in NOODTEKST are the confirmed ones from actions/kennisbank/organisaties.yml
(kindertelefoon, alarmnummer_112, zelfmoordpreventie_113).
"""
from __future__ import annotations

import hmac
import json
import logging
import secrets
import ssl
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import aiohttp
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

NOODTEKST = (
    "Sorry, er gaat bij mij nu iets mis en ik kan je even niet goed verder helpen. "
    "Je staat er niet alleen voor. Wil je met iemand praten? Bel of chat gratis en anoniem met de "
    "Kindertelefoon: 0800-0432. Ben je in direct gevaar? Bel 112. Denk je aan zelfdoding? "
    "Bel 113 of 0800-0113. Probeer het over een paar minuten nog eens: typ dan je bericht opnieuw."
)

KOP = "X-Wegwijzer-Noodantwoord"
PAD = "/webhooks/noodantwoord/webhook"
_DOORGELATEN_STATUS = {400}  # rasa_sdk's rejection of a form step: Rasa must see it as it is
_MAX_ONTHOUDEN = 10_000  # failed (sender, user message) pairs remembered; bounded memory


def noodantwoord() -> Dict[Text, Any]:
    return {"events": [], "responses": [{"text": NOODTEKST}]}


def _beurt(body: Any) -> Optional[str]:
    """Sender id + timestamp of the last user message in an action call: one user turn."""
    tracker = body.get("tracker") if isinstance(body, dict) else None
    if not isinstance(tracker, dict):
        return None
    laatste = None
    for event in tracker.get("events") or []:
        if isinstance(event, dict) and event.get("event") == "user":
            laatste = event.get("timestamp")
    return f"{tracker.get('sender_id')}|{laatste}"


class ActieNoodantwoord(InputChannel):
    """Registered in credentials.yml as `channels.noodantwoord.ActieNoodantwoord`."""

    @classmethod
    def name(cls) -> Text:
        return "noodantwoord"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "ActieNoodantwoord":
        return cls(timeout_seconden=float((credentials or {}).get("timeout_seconden", 8)))

    def __init__(self, timeout_seconden: float = 8.0) -> None:
        self.timeout = timeout_seconden
        self.doel: Optional[EndpointConfig] = None  # the real action server, from endpoints.yml
        self._sleutel = secrets.token_hex(32)
        self._mislukt: "OrderedDict[str, None]" = OrderedDict()

    # -- start-up: put the guard in front of the action server ---------------------------------
    def zet_ervoor(self, app: Any) -> bool:
        agent = getattr(app.ctx, "agent", None)
        endpoint: Optional[EndpointConfig] = getattr(agent, "action_endpoint", None)
        if endpoint is None:
            logger.warning("Noodantwoord uit: Rasa heeft geen action endpoint.")
            return False
        if endpoint.headers.get(KOP) == self._sleutel:
            return True  # already in front
        if getattr(app.state, "ssl", None) is not None:
            logger.warning("Noodantwoord uit: Rasa draait met eigen TLS; de wacht ondersteunt dat niet.")
            return False
        host = app.state.host if app.state.host not in ("", "0.0.0.0", "::") else "127.0.0.1"
        host = f"[{host}]" if ":" in host else host
        self.doel = endpoint.copy()
        # Same object as the processor's, so changing it in place takes effect at once.
        endpoint.url = f"http://{host}:{app.state.port}{PAD}"
        endpoint.headers = {KOP: self._sleutel}
        endpoint.params, endpoint.token, endpoint.basic_auth, endpoint.cafile = {}, None, {}, None
        logger.info("Noodantwoord aan: acties via %s naar %s.", PAD, self.doel.url)
        return True

    def _mag(self, request: Request) -> bool:
        gegeven = request.headers.get(KOP, "")
        return bool(gegeven) and hmac.compare_digest(gegeven, self._sleutel)

    def _onthoud(self, beurt: Optional[str]) -> None:
        if beurt is None:
            return
        self._mislukt[beurt] = None
        while len(self._mislukt) > _MAX_ONTHOUDEN:
            self._mislukt.popitem(last=False)

    # -- forwarding -----------------------------------------------------------------------------
    async def _door(self, ruw: bytes, extra: Dict[str, str]) -> Optional[HTTPResponse]:
        """Forward; None means: the action server failed, answer with the noodantwoord."""
        doel = self.doel
        if doel is None:
            return None
        sslcontext = ssl.create_default_context(cafile=doel.cafile) if doel.cafile else None
        auth = aiohttp.BasicAuth(doel.basic_auth["username"], doel.basic_auth["password"]) if doel.basic_auth else None
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout)) as sessie:
                async with sessie.post(doel.url, data=ruw, headers={**extra, **doel.headers}, auth=auth,
                                       params=doel.combine_parameters(), ssl=sslcontext) as antwoord:
                    inhoud = await antwoord.read()
                    status = antwoord.status
        except Exception as e:  # refused, timeout, reset: all mean "no result from the action"
            logger.error("Action server onbereikbaar of te traag (%s): noodantwoord gegeven.", type(e).__name__)
            return None
        if status in _DOORGELATEN_STATUS:
            return response.raw(inhoud, status=status, content_type="application/json")
        if 200 <= status < 300:
            try:
                if isinstance(json.loads(inhoud), dict):
                    return response.raw(inhoud, status=200, content_type="application/json")
            except ValueError:
                pass
            logger.error("Action server gaf geen geldig JSON-antwoord: noodantwoord gegeven.")
            return None
        logger.error("Action server antwoordde met status %s: noodantwoord gegeven.", status)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("noodantwoord_webhook", __name__)

        @bp.listener("after_server_start")
        async def ervoor(app: Any, _loop: Any) -> None:
            # After Rasa's own before_server_start listener has loaded the agent.
            self.zet_ervoor(app)

        @bp.route("/", methods=["GET"])
        async def gezondheid(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "aan": self.doel is not None})

        @bp.route("/webhook", methods=["POST"])
        async def actie(request: Request) -> HTTPResponse:
            if not self._mag(request):
                return response.json({"error": "verboden"}, status=403)
            ruw = request.body or b""
            extra = {"Content-Type": request.headers.get("content-type", "application/json")}
            if "content-encoding" in request.headers:  # COMPRESS_ACTION_SERVER_REQUEST=true
                extra["Content-Encoding"] = request.headers["content-encoding"]
            try:
                beurt = _beurt(json.loads(ruw)) if "Content-Encoding" not in extra else None
            except ValueError:
                beurt = None
            if beurt is not None and beurt in self._mislukt:
                # This user message already failed once: answer at once, and only once.
                return response.json({"events": [], "responses": []})
            doorgestuurd = await self._door(ruw, extra)
            if doorgestuurd is not None:
                return doorgestuurd
            self._onthoud(beurt)
            return response.json(noodantwoord())

        return bp
