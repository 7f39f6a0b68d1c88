"""Rasa's socketio channel with two fixes for the widget (Rasa 3.6.21):

1. Origins. Rasa builds its socket.io server with `cors_allowed_origins=[]`, which turns python-engineio's
   origin check off. `rasa run --cors` then only guards the HTTP long-polling transport in browsers;
   a WebSocket from any website is accepted. Here the server checks the Origin header itself, on every
   transport: only the configured origins (never `*` unless written in credentials.yml).
2. Rooms. From python-socketio 5.10 `AsyncServer.enter_room` is a coroutine; Rasa calls it without
   `await` when `session_persistence` is on, so no bot reply ever arrives. This channel awaits it when
   needed, so an upgrade of python-socketio no longer silences the widget.

Do not also start Rasa with `--cors`: Sanic-CORS then adds a second Access-Control-Allow-Origin
header to the polling responses and browsers drop them (the widget never gets a session).

3. Limits (channels/limieten.py): a `user_uttered` message over WEGWIJZER_MAX_TEKENS characters
   gets the same Dutch "te lang" answer as REST; a socket that sends faster than the rate limit gets
   "Je stuurt veel berichten snel achter elkaar..." (acute messages always pass); a frame above
   `max_frame_bytes` (default 64 KB; python-engineio's own default is 1 MB) is refused by engineio;
   metadata that is not an object or nested too deep is dropped; non-text messages are ignored.

4. Session ids only from this server. Rasa accepts any `session_id` a client names: whoever sends
   `session_request` with someone else's id joins that room and receives that conversation's bot
   messages, and `user_uttered` with it writes into that conversation. Here the server issues every
   id itself, as `<uuid4>.<HMAC-SHA256 of it, 128 bits>`, and accepts an id in `session_request` or
   `user_uttered` only when its signature checks: an invented, guessed or altered id gets a new
   conversation (`session_request`) or is refused (`user_uttered`). The id stays a bearer secret:
   the widget keeps it in sessionStorage of that tab only. The key comes from
   $WEGWIJZER_SESSIE_SLEUTEL (every instance behind one load balancer needs the same value), else
   from var/socketio_sessiesleutel (made once, mode 0600), so ids survive a restart.

Everything else (events, paths, session_persistence, metadata_key) is Rasa's own. The webhook
path stays /socket.io and the channel name stays `socketio`.

credentials.yml:
    channels.socketio.WegwijzerSocketIO:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
      metadata_key: customData        # what rasa-webchat sends; the widget sends the same
      # cors_allowed_origins: ["https://school.example.nl"]   # else taken from $RASA_CORS
"""
from __future__ import annotations

import hashlib
import hmac
import inspect
import json
import logging
import os
import secrets
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from socketio import packet as sio_pakket

from channels.invoergrens import MAX_DIEPTE, _diepte
from channels.limieten import TE_LANG, TE_SNEL, grens_voor, max_tekens

logger = logging.getLogger(__name__)
MAX_PAKKETTEN = 16  # python-engineio's Payload.max_decode_packets


SLEUTELBESTAND = Path("var") / "socketio_sessiesleutel"
ONBEKEND_GESPREK = ("Ik kan dit gesprek niet terugvinden. Ververs de pagina om opnieuw te beginnen. "
                    "Ben je in direct gevaar? Bel 112.")


def sessiesleutel() -> bytes:
    uit_omgeving = os.environ.get("WEGWIJZER_SESSIE_SLEUTEL", "").strip()
    if uit_omgeving:
        return uit_omgeving.encode("utf-8")
    bestand = Path(os.environ.get("WEGWIJZER_SESSIE_SLEUTELBESTAND", SLEUTELBESTAND))
    if not bestand.exists():
        bestand.parent.mkdir(parents=True, exist_ok=True)
        try:  # O_EXCL: two instances starting at once keep the first key
            fd = os.open(bestand, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
        except FileExistsError:
            pass
    return bestand.read_text().strip().encode("utf-8")


def _handtekening(sleutel: bytes, deel: str) -> str:
    return hmac.new(sleutel, deel.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def nieuwe_sessie(sleutel: bytes) -> str:
    deel = uuid.uuid4().hex
    return f"{deel}.{_handtekening(sleutel, deel)}"


def echte_sessie(sleutel: bytes, sessie: Any) -> bool:
    if not isinstance(sessie, str) or len(sessie) != 65 or sessie[32] != ".":
        return False
    return hmac.compare_digest(sessie[33:], _handtekening(sleutel, sessie[:32]))


def lees_origins(waarde: Any) -> List[Text]:
    """A list, or a space/comma separated string, of origins."""
    if waarde is None:
        return []
    if isinstance(waarde, str):
        waarde = waarde.replace(",", " ").split()
    return [str(o).rstrip("/") for o in waarde if str(o).strip()]


class WegwijzerSocketIO(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WegwijzerSocketIO":
        credentials = credentials or {}
        kanaal = super().from_credentials(credentials)
        bron = credentials.get("cors_allowed_origins", os.environ.get("RASA_CORS"))
        kanaal.origins = lees_origins(bron)  # type: ignore[attr-defined]
        kanaal.max_frame_bytes = int(credentials.get("max_frame_bytes", 65_536))  # type: ignore[attr-defined]
        kanaal.max_tekens = int(credentials.get("max_tekens", max_tekens()))  # type: ignore[attr-defined]
        return kanaal  # type: ignore[return-value]

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = super().blueprint(on_new_message)
        sio = self.sio
        origins = getattr(self, "origins", [])
        # None = same origin only (engineio's safe default); a list = exactly those; "*" only if configured.
        sio.eio.cors_allowed_origins = "*" if "*" in origins else (origins or None)
        logger.info("socketio: toegestane origins %s", origins or "(alleen dezelfde oorsprong)")

        sleutel = sessiesleutel()

        async def session_request(sid: Text, data: Optional[Dict] = None, *_: Any) -> None:
            data = data if isinstance(data, dict) else {}
            if not echte_sessie(sleutel, data.get("session_id")):
                data["session_id"] = nieuwe_sessie(sleutel)
            if self.session_persistence:
                binnen = sio.enter_room(sid, data["session_id"], namespace=self.namespace or "/")
                if inspect.isawaitable(binnen):
                    await binnen
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=self.namespace or "/")

        # Replaces Rasa's handler for the same event.
        sio.on("session_request", session_request, namespace=self.namespace)

        # Frames above this are refused by engineio (polling: 413; websocket: connection closed).
        sio.eio.max_http_buffer_size = getattr(self, "max_frame_bytes", 65_536)
        naamruimte = self.namespace or "/"
        rasa_bericht = sio.handlers[naamruimte][self.user_message_evt]
        grens = grens_voor("socketio")
        limiet = getattr(self, "max_tekens", max_tekens())

        async def antwoord(sid: Text, tekst: Text) -> None:
            await sio.emit(self.bot_message_evt, {"text": tekst}, room=sid, namespace=naamruimte)

        async def bericht(sid: Text, data: Any = None, *_: Any) -> None:  # a client decides the arguments
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                return  # Rasa's handler would raise on it; there is no text to answer
            data = dict(data)
            # A lone surrogate cannot be stored or logged as UTF-8: replace it, as for REST.
            data["message"] = data.get("message", "").encode("utf-8", "replace").decode("utf-8")
            meta = data.get(self.metadata_key)
            if isinstance(meta, str):
                try:
                    meta = json.loads(meta)
                except (ValueError, RecursionError):
                    meta = None
            if meta is not None and (not isinstance(meta, dict) or _diepte(meta) > MAX_DIEPTE):
                meta = None
            data[self.metadata_key] = meta or {}
            if self.session_persistence and not echte_sessie(sleutel, data.get("session_id")):
                # Not an id this server issued: never write into (or create) that conversation.
                logger.warning("socketio: bericht met onbekende session_id geweigerd.")
                await antwoord(sid, ONBEKEND_GESPREK)
                return
            if len(data["message"]) > limiet:
                logger.warning("socketio-bericht van %d tekens niet verwerkt (grens %d).", len(data["message"]), limiet)
                await antwoord(sid, TE_LANG)
                return
            # Per socket, not per session id: the session id is the client's choice.
            if not grens.mag(sid, data["message"]):
                logger.warning("socketio: verbinding stuurt te snel; bericht niet verwerkt.")
                await antwoord(sid, TE_SNEL)
                return
            await rasa_bericht(sid, data)

        sio.on(self.user_message_evt, bericht, namespace=self.namespace)

        # Packets python-socketio cannot decode, or events without a name, raise inside
        # python-socketio itself (a logged traceback per packet): drop them before it sees them.
        eio_bericht = sio.eio.handlers["message"]

        async def veilig_pakket(eio_sid: Text, data: Any) -> Any:
            if isinstance(data, str):
                try:
                    pakket = sio_pakket.Packet(encoded_packet=data)
                except Exception:  # noqa: BLE001 - any undecodable packet is simply ignored
                    logger.info("socketio: onleesbaar pakket genegeerd")
                    return None
                if pakket.packet_type in (sio_pakket.EVENT, sio_pakket.ACK) and not (
                        isinstance(pakket.data, list) and pakket.data and isinstance(pakket.data[0], str)):
                    return None
            return await eio_bericht(eio_sid, data)

        sio.eio.on("message", veilig_pakket)
        pad = "/" + self.socketio_path.strip("/")

        @bp.listener("before_server_start")
        async def pakketgrens(app: Any, _loop: Any) -> None:
            async def te_veel_pakketten(request: Any) -> Any:
                # engine.io decodes at most 16 packets per polling POST and logs a traceback for
                # more, or for an unknown packet type: refuse such a POST before it gets there.
                if request.method != "POST" or request.path.rstrip("/") != pad:
                    return None
                pakketten = (request.body or b"").split(b"\x1e")
                if len(pakketten) > MAX_PAKKETTEN:
                    return response.text("te veel pakketten", status=400)
                # engine.io packet types are 0-6 ("b" = base64 binary); others raise inside it.
                if any(not p or p[:1] not in b"0123456b" for p in pakketten):
                    return response.text("onbekend pakket", status=400)
                return None

            app.register_middleware(te_veel_pakketten, "request")

        return bp
