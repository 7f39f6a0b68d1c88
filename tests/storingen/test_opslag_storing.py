"""The production profile (endpoints.productie.yml: PostgreSQL tracker store, Redis lock store,
RabbitMQ event broker) when one of the three goes away and comes back. A TCP proxy in this test
process sits between Rasa and each real service; cutting it closes every open connection and
refuses new ones, as a restart of that service does. One real `rasa run` + real action server;
own database, Redis key prefix, exchange and queue (deploy/instanties.Omgeving), removed after.

Defined behaviour (docs/security.md, "Storingen: gedrag en bewijs"):
- PostgreSQL away: a message is refused at once with the Dutch helpline message
  (channels/storingsantwoord.py) and not stored; after the restart the very next message is
  handled normally (deploy/sql_opslag.py, pool_pre_ping), also without traffic during the outage.
- Redis (lock store) away: the same refusal; no turn without the lock (two instances could mix
  turns); after the restart normal again, no lock left behind.
- RabbitMQ (broker) away: users are answered as usual; the events are kept and published on
  reconnect; every stored event reaches the queue at least once, and a repeat (a message RabbitMQ
  took just before the connection dropped, sent again) carries the same message_id, so consumers
  drop it. Nothing is published that was not stored.
In every case: the Rasa process keeps running (no crash loop), every answered message is stored
exactly once and in order."""
from __future__ import annotations

import asyncio
import json
import os
import time
from collections import Counter

import pytest
import requests

from channels.noodantwoord import NOODTEKST
from deploy.instanties import Omgeving, diensten_starten
from harnas import (RasaProces, TcpProxy, credentials_met_storingsantwoord, endpoints_productie,
                    gebruikersteksten, tekst, vrije_poort)

ROUTE_ZIN = "Neem alleen de stappen waar jij je veilig bij voelt."
SCHOOLVRAAG = "Op wat voor school is het?"
VERHAAL, SCHOOL = "mijn zoon wordt gepest", '/informeren{"onderwijstype":"po"}'
WEIGER_BINNEN_S = 5  # a refusal comes at once (connection refused), never after a long wait
# Measuring the baseline by hand: STORING_BASISLIJN=1 runs Rasa's own `type: SQL` store and `pika`
# broker (tests expected to fail where deploy/sql_opslag.py / deploy/rabbit_broker.py matter).
BASISLIJN = os.environ.get("STORING_BASISLIJN") == "1"
ONTVANGEN: list[dict] = []  # everything consumed from the broker queue so far, over all tests


@pytest.fixture(scope="module")
def omgeving():
    diensten_starten()
    with Omgeving("storing") as o:
        yield o


@pytest.fixture(scope="module")
def proxies():
    p = {"pg": TcpProxy(5432).start(), "redis": TcpProxy(6379).start(), "rabbit": TcpProxy(5672).start()}
    try:
        yield p
    finally:
        for proxy in p.values():
            proxy.knip()


@pytest.fixture(scope="module")
def rasa(omgeving, proxies, tmp_path_factory):
    map_ = tmp_path_factory.mktemp("opslag-storing")
    actie_poort = vrije_poort()
    env = {**omgeving.env(actie_poort), "PG_PORT": str(proxies["pg"].poort),
           "REDIS_PORT": str(proxies["redis"].poort), "RABBITMQ_PORT": str(proxies["rabbit"].poort)}
    endpoints = endpoints_productie(map_, None, None) if BASISLIJN else endpoints_productie(map_)
    with RasaProces(map_, credentials_met_storingsantwoord(map_), endpoints, env=env, actie_poort=actie_poort) as r:
        yield r


@pytest.fixture
def alles_weer_aan(proxies):
    yield
    for proxy in proxies.values():
        if proxy._luister is None:
            proxy.herstel()


def zeg_getimed(rasa, afzender, bericht):
    begin = time.monotonic()
    r = requests.post(rasa.url + "/webhooks/rest/webhook", json={"sender": afzender, "message": bericht}, timeout=60)
    return r.status_code, r.json() if r.status_code == 200 else r.text, time.monotonic() - begin


def geweigerd(antwoord, afzender) -> bool:
    return antwoord == [{"recipient_id": afzender, "text": NOODTEKST}]


def opgeslagen_teksten(omgeving, afzender) -> list[str]:
    return gebruikersteksten([d for _, s, _, d in omgeving.events() if s == afzender])


@pytest.mark.parametrize("klasse, verwacht_fouten", [("rasa", 1), ("wegwijzer", 0)])
def test_sql_store_na_postgres_herstart(omgeving, klasse, verwacht_fouten):
    """The store alone, before/after: Rasa's SQLTrackerStore fails the first use of a pooled
    connection after a restart (that user's turn is lost); HerverbindendeSQLTrackerStore none."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from deploy.sql_opslag import HerverbindendeSQLTrackerStore

    proxy = TcpProxy(5432).start()
    try:
        soort = SQLTrackerStore if klasse == "rasa" else HerverbindendeSQLTrackerStore
        store = soort(dialect="postgresql", host="127.0.0.1", port=proxy.poort, db=omgeving.database,
                      username="postgres")
        tracker = DialogueStateTracker(f"store-{klasse}", [])
        tracker.update(UserUttered("hoi"))
        asyncio.run(store.save(tracker))
        proxy.knip()
        time.sleep(0.3)
        proxy.herstel()
        fouten = 0
        for _ in range(3):
            try:
                terug = asyncio.run(store.retrieve(f"store-{klasse}"))
                assert gebruikersteksten([e.as_dict() for e in terug.events]) == ["hoi"]
            except Exception as e:
                assert "server closed the connection unexpectedly" in str(e), e
                fouten += 1
        assert fouten == verwacht_fouten
        store.engine.dispose()
    finally:
        proxy.knip()


def test_gesprek_gaat_via_de_proxies(rasa, proxies, omgeving):
    assert SCHOOLVRAAG in tekst(rasa.zeg("gewoon", VERHAAL))
    assert ROUTE_ZIN in tekst(rasa.zeg("gewoon", SCHOOL))
    for naam, proxy in proxies.items():
        assert proxy.verbindingen > 0, f"Rasa does not use the {naam} proxy"
    assert opgeslagen_teksten(omgeving, "gewoon") == [VERHAAL, SCHOOL]


def test_postgres_weg_weigert_en_daarna_gaat_het_verder(rasa, proxies, omgeving, alles_weer_aan):
    afzender = "pg-uit"
    assert SCHOOLVRAAG in tekst(rasa.zeg(afzender, VERHAAL))
    proxies["pg"].knip()
    uitkomsten = [zeg_getimed(rasa, afzender, SCHOOL) for _ in range(3)]
    uitkomsten.append(zeg_getimed(rasa, "pg-uit-acuut", "ik wil niet meer leven"))
    assert requests.get(rasa.url + "/", timeout=5).status_code == 200 and rasa.leeft()
    proxies["pg"].herstel()
    for status, antwoord, duur in uitkomsten:
        assert status == 200 and duur < WEIGER_BINNEN_S, (status, duur)
    for status, antwoord, _ in uitkomsten[:3]:
        assert geweigerd(antwoord, afzender), antwoord
    assert geweigerd(uitkomsten[3][1], "pg-uit-acuut")  # NOODTEKST names 113 and 112

    route = rasa.zeg(afzender, SCHOOL)  # the first message after the restart
    assert ROUTE_ZIN in tekst(route), route
    assert opgeslagen_teksten(omgeving, afzender) == [VERHAAL, SCHOOL]
    assert opgeslagen_teksten(omgeving, "pg-uit-acuut") == []


def test_postgres_herstart_zonder_verkeer_verliest_geen_bericht(rasa, proxies, omgeving, alles_weer_aan):
    """A restart while nobody writes: every pooled connection is dead afterwards. Rasa's own
    store then fails the next message(s) on them; with pool_pre_ping none is lost."""
    afzenders = [f"pg-herstart-{i}" for i in range(3)]
    for a in afzenders:
        assert SCHOOLVRAAG in tekst(rasa.zeg(a, VERHAAL))
    proxies["pg"].knip()
    time.sleep(0.5)
    proxies["pg"].herstel()
    antwoorden = [rasa.zeg(a, SCHOOL) for a in afzenders]
    geweigerde = [a for a, antw in zip(afzenders, antwoorden) if geweigerd(antw, a)]
    assert geweigerde == [], f"refused after the restart: {geweigerde}"
    for a, antw in zip(afzenders, antwoorden):
        assert ROUTE_ZIN in tekst(antw), antw
        assert opgeslagen_teksten(omgeving, a) == [VERHAAL, SCHOOL]


def test_redis_weg_weigert_en_daarna_gaat_het_verder(rasa, proxies, omgeving, alles_weer_aan):
    afzender = "redis-uit"
    assert SCHOOLVRAAG in tekst(rasa.zeg(afzender, VERHAAL))
    proxies["redis"].knip()
    status, antwoord, duur = zeg_getimed(rasa, afzender, SCHOOL)
    assert rasa.leeft()
    proxies["redis"].herstel()
    assert status == 200 and duur < WEIGER_BINNEN_S, (status, duur)
    assert geweigerd(antwoord, afzender), antwoord

    assert ROUTE_ZIN in tekst(rasa.zeg(afzender, SCHOOL))
    assert opgeslagen_teksten(omgeving, afzender) == [VERHAAL, SCHOOL]
    # A restart without traffic in between: the next message works at once.
    proxies["redis"].knip()
    time.sleep(0.5)
    proxies["redis"].herstel()
    assert not geweigerd(rasa.zeg(afzender, "/vraag_anoniem_melden"), afzender)
    assert opgeslagen_teksten(omgeving, afzender) == [VERHAAL, SCHOOL, "/vraag_anoniem_melden"]
    assert omgeving.redis_sleutels() == [], "a lock left behind"


def test_broker_weg_antwoordt_gewoon_en_levert_later_af(rasa, proxies, omgeving, alles_weer_aan):
    afzender = "broker-uit"
    proxies["rabbit"].knip()
    time.sleep(0.5)
    beurten = [VERHAAL, SCHOOL, "/vraag_vertrouwenspersoon"]
    for bericht in beurten:
        status, antwoord, duur = zeg_getimed(rasa, afzender, bericht)
        assert status == 200 and duur < WEIGER_BINNEN_S and not geweigerd(antwoord, afzender), (status, duur, antwoord)
        assert antwoord, "silence"
    assert opgeslagen_teksten(omgeving, afzender) == beurten
    verwacht = [{"sender_id": s, **d} for _, s, _, d in omgeving.events() if s == afzender]

    proxies["rabbit"].herstel()
    # Rasa's robust connection comes back by itself (aio-pika retries every 5 s) and publishes
    # what it kept; read everything that arrived so far.
    van_rasa = [s for _, s, _, _ in omgeving.events() if not s.startswith("store-")]
    ONTVANGEN.extend(asyncio.run(omgeving.broker_lezen(verwacht=len(van_rasa), wachttijd=30)))
    aangekomen = Counter(sleutel(e) for e in ontdubbeld(ONTVANGEN) if e["sender_id"] == afzender)
    assert aangekomen == Counter(sleutel(e) for e in verwacht), \
        f"stored {len(verwacht)}, arrived {sum(aangekomen.values())}"
    # While RabbitMQ was away, Rasa's own broker wrote every event (texts, answers) into the log.
    log = rasa.rasa_log.read_text()
    assert "wachten op herverbinden" in log
    assert VERHAAL not in log and "niet meer leven" not in log, "conversation text in the log"


def test_na_alle_storingen_elk_event_een_keer_opgeslagen_en_verstuurd(rasa, omgeving):
    # Last in the file: everything Rasa stored must have reached the broker (the store-only test
    # above writes without a broker: left out); repeats only as the same message, same message_id.
    from deploy.rabbit_broker import bericht_id

    opgeslagen = [{"sender_id": s, **d} for _, s, _, d in omgeving.events() if not s.startswith("store-")]
    ONTVANGEN.extend(asyncio.run(omgeving.broker_lezen(verwacht=len(opgeslagen) - len(ONTVANGEN), wachttijd=20)))
    for e in ONTVANGEN:
        inhoud = {k: v for k, v in e.items() if k != "_message_id"}
        # Rasa's body is json.dumps(event) in UTF-8; the consumed dict keeps its key order.
        assert e["_message_id"] == bericht_id(json.dumps(inhoud).encode("utf-8")), "a message without its own id"
    db, broker = Counter(sleutel(e) for e in opgeslagen), Counter(sleutel(e) for e in ontdubbeld(ONTVANGEN))
    assert max(db.values()) == 1, "an event stored twice"
    assert broker == db, f"stored {len(opgeslagen)}, published {len(ONTVANGEN)} ({len(ONTVANGEN) - sum(broker.values())} repeats)"
    assert rasa.leeft() and rasa.starts == 1, "Rasa restarted or died"
    assert omgeving.redis_sleutels() == []


def ontdubbeld(berichten: list[dict]) -> list[dict]:
    """What a consumer keeps: the first message of each message_id."""
    gezien: set[str] = set()
    return [e for e in berichten if not (e["_message_id"] in gezien or gezien.add(e["_message_id"]))]


def sleutel(event: dict) -> tuple:
    return (event["sender_id"], event["event"], event["timestamp"], event.get("name"), event.get("text"),
            json.dumps(event.get("value"), sort_keys=True))
