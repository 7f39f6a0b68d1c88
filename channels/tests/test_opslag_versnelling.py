"""deploy/sql_opslag.py: with an event broker, saving a turn publishes exactly the events Rasa's own
SQLTrackerStore publishes (same events, same order, same stored rows), without retrieving and
rebuilding the stored tracker a second time."""
from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any, Dict, List

from deploy.sql_opslag import HerverbindendeSQLTrackerStore
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

DOMEIN = Domain.from_yaml("""
version: "3.1"
intents: [begroeten, informeren]
slots:
  rol: {type: text, influence_conversation: false, mappings: [{type: custom}]}
""")


class Opname(EventBroker):
    def __init__(self) -> None:
        self.gepubliceerd: List[Dict[str, Any]] = []

    def publish(self, event: Dict[str, Any]) -> None:
        self.gepubliceerd.append(event)


def beurten(t0: float) -> List[List[Any]]:
    """Turns as a processor adds them, with a new session in the middle."""
    def u(tekst, i):
        return UserUttered(tekst, {"name": "informeren", "confidence": 0.9}, timestamp=t0 + i)

    return [
        [ActionExecuted("action_session_start", timestamp=t0), SessionStarted(timestamp=t0 + 0.1),
         ActionExecuted("action_listen", timestamp=t0 + 0.2)],
        [u("hoi", 1), ActionExecuted("utter_begroeten", timestamp=t0 + 1.1), BotUttered("Hoi!", timestamp=t0 + 1.2),
         ActionExecuted("action_listen", timestamp=t0 + 1.3)],
        [u("ik ben ouder", 2), SlotSet("rol", "ouder", timestamp=t0 + 2.1), ActionExecuted("action_listen", timestamp=t0 + 2.2)],
        [],  # a save without new events
        # a new session (session expiry): the stored tracker is only the latest session
        [ActionExecuted("action_session_start", timestamp=t0 + 10), SessionStarted(timestamp=t0 + 10.1),
         SlotSet("rol", "ouder", timestamp=t0 + 10.2), ActionExecuted("action_listen", timestamp=t0 + 10.3)],
        [u("nog een vraag", 11), ActionExecuted("action_listen", timestamp=t0 + 11.1)],
    ]


def draai(cls, db: Path, monkeypatch, verbied_retrieve: bool):
    broker = Opname()
    store = cls(domain=DOMEIN, dialect="sqlite", db=str(db), event_broker=broker)
    if verbied_retrieve:
        async def geen_retrieve(*_a, **_k):
            raise AssertionError("save() haalde de hele tracker opnieuw op")
        monkeypatch.setattr(store, "retrieve", geen_retrieve)

    async def gesprek():
        for afzender in ("a", "b"):
            tracker = DialogueStateTracker(afzender, DOMEIN.slots)
            for events in beurten(1000.0 if afzender == "a" else 2000.0):
                for e in events:
                    tracker.update(e, DOMEIN)
                await store.save(tracker)
    asyncio.run(gesprek())
    rijen = sqlite3.connect(db).execute("SELECT sender_id, type_name, data FROM events ORDER BY id").fetchall()
    return broker.gepubliceerd, [(s, t, json.loads(d)) for s, t, d in rijen]


def test_zelfde_events_gepubliceerd_en_opgeslagen_zonder_tweede_retrieve(tmp_path, monkeypatch):
    rasa_pub, rasa_rijen = draai(SQLTrackerStore, tmp_path / "rasa.db", monkeypatch, verbied_retrieve=False)
    onze_pub, onze_rijen = draai(HerverbindendeSQLTrackerStore, tmp_path / "onze.db", monkeypatch, verbied_retrieve=True)
    assert len(rasa_pub) > 10
    assert onze_pub == rasa_pub
    assert onze_rijen == rasa_rijen


def test_na_nieuwe_sessie_alleen_de_nieuwe_events(tmp_path, monkeypatch):
    """The processor's tracker after a session restart holds only the latest session (retrieve);
    its new events are the ones after the stored rows of that session, as in Rasa."""
    uitkomsten = []
    for cls, naam in ((SQLTrackerStore, "rasa"), (HerverbindendeSQLTrackerStore, "onze")):
        broker = Opname()
        store = cls(domain=DOMEIN, dialect="sqlite", db=str(tmp_path / f"{naam}.db"), event_broker=broker)

        async def gesprek():
            t = DialogueStateTracker("c", DOMEIN.slots)
            for b in beurten(3000.0)[:3]:
                for e in b:
                    t.update(e, DOMEIN)
            await store.save(t)
            t2 = DialogueStateTracker("c", DOMEIN.slots)
            for e in beurten(3000.0)[4]:
                t2.update(e, DOMEIN)
            await store.save(t2)  # a new session, saved from a tracker holding only that session
            t3 = await store.retrieve("c")
            for e in beurten(3000.0)[5]:
                t3.update(e, DOMEIN)
            broker.gepubliceerd.clear()
            await store.save(t3)
            return list(broker.gepubliceerd)

        uitkomsten.append(asyncio.run(gesprek()))
    assert uitkomsten[0] == uitkomsten[1]
    assert [e["event"] for e in uitkomsten[1]] == ["user", "action"]


def test_zonder_broker_zoals_rasa(tmp_path):
    store = HerverbindendeSQLTrackerStore(domain=DOMEIN, dialect="sqlite", db=str(tmp_path / "x.db"))
    t = DialogueStateTracker("d", DOMEIN.slots)
    for e in beurten(4000.0)[0]:
        t.update(e, DOMEIN)
    asyncio.run(store.save(t))
    assert len(asyncio.run(store.retrieve("d")).events) == 2  # from SessionStarted on, as Rasa
