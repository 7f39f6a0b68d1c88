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

import inspect
import logging
import os
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

logger = logging.getLogger(__name__)


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
        return kanaal  # type: ignore[return-value]

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = super().blueprint(on_new_message)
        sio = self.sio
        origins = getattr(self, "origins", [])
        # None = same origin only (engineio's safe default); a list = exactly those; "*" only if configured.
        sio.eio.cors_allowed_origins = "*" if "*" in origins else (origins or None)
        logger.info("socketio: toegestane origins %s", origins or "(alleen dezelfde oorsprong)")

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            gevraagd = data.get("session_id")
            if not isinstance(gevraagd, str) or not gevraagd or len(gevraagd) > 128:
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                binnen = sio.enter_room(sid, data["session_id"], namespace=self.namespace or "/")
                if inspect.isawaitable(binnen):
                    await binnen
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=self.namespace or "/")

        # Replaces Rasa's handler for the same event.
        sio.on("session_request", session_request, namespace=self.namespace)
        return bp
