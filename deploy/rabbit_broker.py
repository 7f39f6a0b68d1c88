"""RabbitMQ event broker that keeps conversations out of the log while RabbitMQ is away.

Rasa 3.6's PikaEventBroker logs every event it cannot publish at ERROR level *with the event*:
the user's text, the bot's answers, the slots (measured: tests/storingen/test_opslag_storing.py,
RabbitMQ cut for a few seconds put "mijn zoon wordt gepest" and every answer into the Rasa log).
Logs are kept and shipped far less carefully than the tracker store, and these are conversations
of minors. This class publishes exactly like Rasa's (same exchange, queues, message format; the
event is kept and sent on reconnect with should_keep_unpublished_messages) and logs only the
error type and how many events wait.

Delivery is at least once, not exactly once: when the connection drops after RabbitMQ took a
message but before its confirm came back, the publish counts as failed and the event is sent
again on reconnect (the most likely cause of one failure in four runs of
tests/storingen/test_opslag_storing.py in session 4; not reproduced). Every
message therefore carries a `message_id` that is a hash of the event itself, so a consumer drops
repeats by that id (docs/deployment.md, "Broker").

endpoints.productie.yml:  event_broker: {type: deploy.rabbit_broker.StilleRabbitBroker, url: ..., ...}
"""
from __future__ import annotations

import hashlib
import logging
from typing import Any, Dict, Optional, Text

import aio_pika
from rasa.core.brokers.pika import PikaEventBroker

logger = logging.getLogger(__name__)


def bericht_id(body: bytes) -> str:
    """Same message body, same id; any other event (another timestamp, sender or content), another id."""
    return hashlib.sha256(body).hexdigest()[:32]


class StilleRabbitBroker(PikaEventBroker):
    def _message(self, event: Dict[Text, Any], headers: Optional[Dict[Text, Text]]) -> aio_pika.Message:
        bericht = super()._message(event, headers)
        bericht.message_id = bericht_id(bericht.body)  # the JSON Rasa already made, not a second one
        return bericht

    async def _publish(self, event: Dict[Text, Any], headers: Optional[Dict[Text, Text]] = None) -> None:
        if self._exchange is None:
            return
        try:
            await self._exchange.publish(self._message(event, headers), "")
        except Exception as e:
            if self.should_keep_unpublished_messages:
                self._unpublished_events.append(event)
            logger.error("Event niet naar RabbitMQ (%s); %d wachten op herverbinden.",
                         type(e).__name__, len(self._unpublished_events))
            if self.raise_on_failure:
                await self.close()
                raise
