"""Two Rasa instances behind one conversation state (endpoints.productie.yml): PostgreSQL tracker
store, Redis lock store, RabbitMQ event broker, one action server, all on loopback.

The same scripted conversations run once on a single instance (the reference) and then
interleaved over both instances, several at a time. Proven: the stored events of every
conversation are complete, unique and in order; the routing slots equal the reference; every
stored event was published once on the broker; two messages of one conversation at the same
moment on both instances are handled one after the other (the Redis lock)."""
from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest

from deploy.instanties import Instanties, Omgeving, diensten_starten

TOKEN = secrets.token_urlsafe(24)
ROUTING = ("rol", "situatie", "onderwijstype", "voor_wie", "verwijzingen", "acuut")

# Button payloads keep NLU out of the comparison where it can; the free-text turns are the ones
# the integration tests already rely on.
SCRIPTS = {
    "ouder-po": ["mijn zoon wordt gepest", '/informeren{"onderwijstype":"po"}', "/vraag_anoniem_melden"],
    "ouder-vo": ["mijn dochter wordt gepest", '/informeren{"onderwijstype":"vo"}', "/vraag_vertrouwenspersoon"],
    "leerling-po": ["hoi", '/informeren{"rol":"leerling"}', "ze schelden me elke dag uit", "groep 6"],
    "leerling-vo": ['/informeren{"rol":"leerling"}', '/informeren{"situatie":"seksueel_misbruik"}',
                    '/informeren{"onderwijstype":"vo"}', '/informeren{"voor_wie":"zelf"}'],
    "personeel": ['/informeren{"rol":"onderwijspersoneel"}', '/informeren{"situatie":"discriminatie"}',
                  '/informeren{"onderwijstype":"vo"}', '/informeren{"voor_wie":"ander"}', "/vraag_wie_nu_bellen"],
    "acuut": ["hoi", "ik wil niet meer leven"],
}
HERHALINGEN = 2  # each script runs this many times as separate conversations in the interleaved phase


@pytest.fixture(scope="session")
def omgeving():
    diensten_starten()
    with Omgeving("schaal") as o:
        yield o


@pytest.fixture(scope="module")
def rasa(omgeving, tmp_path_factory):
    with Instanties(omgeving, tmp_path_factory.mktemp("schaal"), aantal=2, auth_token=TOKEN) as inst:
        yield inst


def vorm(event: dict) -> tuple:
    """What must be equal between two runs of one script (no timestamps, ids or bot wording)."""
    soort = event["event"]
    if soort == "user":
        return (soort, event.get("text"), (event.get("parse_data") or {}).get("intent", {}).get("name"))
    if soort == "action":
        return (soort, event.get("name"))
    if soort == "slot":
        return (soort, event.get("name"), json.dumps(event.get("value"), sort_keys=True))
    if soort == "active_loop":
        return (soort, event.get("name"))
    return (soort,)


def sleutel(event: dict) -> tuple:
    """Identifies one event across the tracker store and the broker."""
    return (event["sender_id"], event["event"], event["timestamp"], event.get("name"), event.get("text"),
            json.dumps(event.get("value"), sort_keys=True))


def test_meerdere_instanties_delen_gesprekken(rasa, omgeving):
    # 1. Reference: every script alone, on instance 0 only.
    referentie = {}
    for naam, beurten in SCRIPTS.items():
        for tekst in beurten:
            rasa.zeg(0, f"ref-{naam}", tekst)
        referentie[naam] = rasa.tracker(0, f"ref-{naam}")

    # 2. The same scripts, each conversation's turns alternating between the instances, 6 at a time.
    gesprekken = [(f"{naam}-{i}", naam, i) for i in range(HERHALINGEN) for naam in SCRIPTS]

    def voer(gesprek):
        afzender, naam, i = gesprek
        for beurt, tekst in enumerate(SCRIPTS[naam]):
            rasa.zeg((beurt + i) % 2, afzender, tekst)

    begin = time.monotonic()
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(voer, gesprekken))
    duur = time.monotonic() - begin
    beurten = sum(len(SCRIPTS[n]) for _, n, _ in gesprekken)
    print(f"\n{beurten} beurten over 2 instanties, 6 tegelijk: {duur:.1f} s, {beurten / duur:.1f} beurten/s; "
          f"start {rasa.starttijd_s:.0f} s; RSS MB {rasa.rss_mb()}")

    # Both instances give the same tracker (one shared store), equal to the reference in routing.
    for afzender, naam, _ in gesprekken:
        trackers = [rasa.tracker(0, afzender), rasa.tracker(1, afzender)]
        assert trackers[0]["events"] == trackers[1]["events"], afzender
        for slot in ROUTING:
            assert trackers[0]["slots"][slot] == referentie[naam]["slots"][slot], (afzender, slot)
        assert [vorm(e) for e in trackers[0]["events"]] == [vorm(e) for e in referentie[naam]["events"]], afzender
    # The scripts really route (otherwise equality proves little).
    assert referentie["ouder-po"]["slots"]["rol"] == "ouder"
    assert referentie["ouder-po"]["slots"]["onderwijstype"] == "po"
    assert "ouders_onderwijs" in referentie["ouder-po"]["slots"]["verwijzingen"]
    assert referentie["acuut"]["slots"]["acuut"] is True
    for naam in ("ouder-po", "ouder-vo", "leerling-po", "leerling-vo", "personeel"):
        assert referentie[naam]["slots"]["verwijzingen"], naam

    # The events table: per conversation every user turn once, in the order sent, timestamps rising.
    opgeslagen = omgeving.events()
    per_gesprek = defaultdict(list)
    for _, afzender, _, data in opgeslagen:
        per_gesprek[afzender].append(data)
    for afzender, naam, _ in gesprekken:
        events = per_gesprek[afzender]
        assert [e.get("text") for e in events if e["event"] == "user"] == SCRIPTS[naam], afzender
        stempels = [e["timestamp"] for e in events]
        assert stempels == sorted(stempels), f"{afzender}: events out of order"
        assert [vorm(e) for e in events] == [vorm(e) for e in referentie[naam]["events"]], afzender


def test_zelfde_gesprek_tegelijk_op_beide_instanties(rasa, omgeving):
    """Double clicks: one conversation, the same message at the same moment on both instances,
    several rounds. The Redis lock makes them take turns: every message stored once, no turn's
    events mixed into another's. (Checked: with Rasa's stock `type: redis` lock store it fails.)"""
    afzender = "dubbelklik"
    rasa.zeg(0, afzender, "hoi")
    rondes = 6
    berichten = ['/informeren{"rol":"ouder"}', "/vraag_anoniem_melden", "/vraag_vertrouwenspersoon"]
    overlap = 0
    for ronde in range(rondes):
        tekst = berichten[ronde % len(berichten)]
        start = threading.Barrier(2)

        def klik(instantie):
            start.wait()
            begin = time.monotonic()
            antwoord = rasa.zeg(instantie, afzender, tekst)
            return begin, time.monotonic(), antwoord

        with ThreadPoolExecutor(max_workers=2) as pool:
            (b0, e0, a0), (b1, e1, a1) = pool.map(klik, [0, 1])
        assert a0 and a1, "both clicks answered"
        overlap += max(b0, b1) < min(e0, e1)
    assert overlap == rondes, "the two requests of a round were in flight at the same time"

    events = [d for _, s, _, d in omgeving.events() if s == afzender]
    teksten = [e["text"] for e in events if e["event"] == "user"]
    assert teksten == ["hoi"] + [berichten[r % len(berichten)] for r in range(rondes) for _ in range(2)]
    for i, e in enumerate(events):
        if e["event"] == "user":
            # Each turn starts where the previous one listened: no interleaving of two turns.
            assert events[i - 1]["event"] == "action" and events[i - 1]["name"] == "action_listen", (i, events[i - 1])
    assert events[-1]["event"] == "action" and events[-1]["name"] == "action_listen"
    assert len({e["message_id"] for e in events if e["event"] == "user"}) == 1 + 2 * rondes, "a message stored twice"


def test_broker_kreeg_elk_event_precies_een_keer(rasa, omgeving):
    # Runs after the conversation tests (file order): everything stored so far must be on the queue.
    opgeslagen = [{"sender_id": s, **d} for _, s, _, d in omgeving.events()]
    berichten = asyncio.run(omgeving.broker_lezen(verwacht=len(opgeslagen)))
    assert len(opgeslagen) > 100
    db = Counter(sleutel(e) for e in opgeslagen)
    broker = Counter(sleutel(e) for e in berichten)
    # No outage here, so no repeats at all (under outages: tests/storingen, at least once).
    assert max(broker.values()) == 1, "an event published twice"
    assert all(e["_message_id"] for e in berichten), "a message without its id"
    assert max(db.values()) == 1, "an event stored twice"
    assert broker == db, f"stored {len(opgeslagen)}, published {len(berichten)}"
    # After every turn the lock is released: no lock left behind in Redis.
    assert omgeving.redis_sleutels() == []
