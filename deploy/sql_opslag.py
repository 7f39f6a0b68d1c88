"""SQL tracker store that survives a database restart without losing the next message.

Rasa 3.6's SQLTrackerStore keeps a pool of open PostgreSQL connections and never checks them
before use. After PostgreSQL restarts (or a failover, or a proxy/NAT closing idle connections),
the first message on each stale pooled connection fails with "server closed the connection
unexpectedly": Rasa drops that turn and the user gets nothing (measured in
tests/storingen/test_opslag_storing.py, see docs/security.md). This class is Rasa's own store
with SQLAlchemy's `pool_pre_ping`: every connection taken from the pool is tested first and
replaced when it is dead. Cost: one `SELECT 1` round trip per checkout (loopback: well under 1 ms).

Same tables, same format: instances with either class can share one database.

endpoints.productie.yml:  tracker_store: {type: deploy.sql_opslag.HerverbindendeSQLTrackerStore, dialect: postgresql, ...}
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs


class HerverbindendeSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Rasa builds custom tracker stores with host=<url> and the endpoint's other keys, exactly
        # the arguments of SQLTrackerStore; it creates the tables and waits for the database.
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
