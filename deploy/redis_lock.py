"""Redis lock store whose ticket operations are atomic across Rasa instances.

Rasa 3.6's RedisLockStore issues a ticket by GET, change, SET. Two instances that get a message
of the same conversation at the same moment both read the same lock, both take the same ticket
number and both go ahead: measured here (tests/schaal, double clicks on two instances), turns
then get mixed and events are lost. The same holds for releasing (finish, check, delete).
This class does each read-change-write in one optimistic Redis transaction (WATCH/MULTI/EXEC,
retried when another instance changed the key in between). Storage format and keys are
Rasa's own, so instances with either class can share the same Redis.

endpoints.productie.yml:  lock_store: {type: deploy.redis_lock.AtomaireRedisLockStore, url: ..., ...}
"""
from __future__ import annotations

import json
from typing import Callable, Optional, Text, Tuple, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")


class AtomaireRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        # Rasa builds custom lock stores with the endpoint config; `url` is the host, as for `redis`.
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _atomair(self, conversation_id: Text,
                 wijzig: Callable[[Optional[TicketLock]], Tuple[T, Optional[TicketLock]]]) -> T:
        """Runs `wijzig` on the stored lock and writes its result (None: delete) in one transaction."""
        sleutel = self.key_prefix + conversation_id
        with self.red.pipeline() as pijp:
            while True:
                try:
                    pijp.watch(sleutel)
                    ruw = pijp.get(sleutel)
                    lock = TicketLock.from_dict(json.loads(ruw)) if ruw else None
                    uitkomst, nieuw = wijzig(lock)
                    pijp.multi()
                    if nieuw is None:
                        pijp.delete(sleutel)
                    else:
                        pijp.set(sleutel, nieuw.dumps())
                    pijp.execute()
                    return uitkomst
                except redis.WatchError:
                    continue  # another instance changed the lock in between: read it again

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def wijzig(lock: Optional[TicketLock]):
            lock = lock or self.create_lock(conversation_id)
            return lock.issue_ticket(lock_lifetime), lock

        try:
            return self._atomair(conversation_id, wijzig)
        except Exception as e:
            raise LockError(f"Error while acquiring lock. Error:\n{e}")

    def update_lock(self, conversation_id: Text) -> None:
        def wijzig(lock: Optional[TicketLock]):
            if lock is None:
                return None, None
            lock.remove_expired_tickets()
            return None, lock

        self._atomair(conversation_id, wijzig)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # Finish this ticket and delete the lock only if nobody else holds a ticket, in one step:
        # otherwise a ticket issued between "nobody waits" and "delete" would vanish.
        def wijzig(lock: Optional[TicketLock]):
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return None, (lock if lock.is_someone_waiting() else None)

        self._atomair(conversation_id, wijzig)
