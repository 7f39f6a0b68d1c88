"""The embedded profile (SQLite tracker store, endpoints.yml): the database file locked by another
process, and the Rasa server killed with SIGKILL in the middle of conversations and started again
on the same port and file. Real `rasa run` + real action server, REST and a real socketio client;
channels/storingsantwoord.py switched on (tests/storingen/harnas.py adds it when credentials.yml
does not name it yet).

Proven: while the file is locked the user gets an answer or the Dutch refusal with the helplines
within a bound, never silence or a 5xx; afterwards the conversation goes on and every message that
got a normal answer is stored exactly once, a refused one not at all. After kill -9 and a restart
the same REST sender and the same socketio session_id continue with their slots."""
from __future__ import annotations

import queue
import secrets
import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
import requests

from channels.gemeenschappelijk import pseudoniem
from channels.noodantwoord import NOODTEKST
from channels.tests.nep_servers import NepTelegram, telegram_knop, telegram_update
from harnas import ROOT, RasaProces, credentials_met_storingsantwoord, gebruikersteksten, tekst

ROUTE_ZIN = "Neem alleen de stappen waar jij je veilig bij voelt."
SCHOOLVRAAG = "Op wat voor school is het?"
CORS = "http://localhost:8080"
BUSY_TIMEOUT = 5.0  # pysqlite's default wait for a locked file; Rasa does not change it


TELEGRAM = {
    "TELEGRAM_BOT_TOKEN": "123456:" + secrets.token_urlsafe(20),
    "TELEGRAM_SECRET_TOKEN": secrets.token_urlsafe(24),
    "CHANNEL_PSEUDONYM_KEY": secrets.token_hex(32),
}


@pytest.fixture(scope="module")
def nep_telegram():
    with NepTelegram() as nep:  # local fake of Telegram's Bot API (a remote service)
        yield nep


@pytest.fixture(scope="module")
def rasa(tmp_path_factory, nep_telegram):
    map_ = tmp_path_factory.mktemp("sqlite-herstart")
    env = {"RASA_CORS": CORS, **TELEGRAM, "TELEGRAM_API_URL": nep_telegram.url}
    with RasaProces(map_, credentials_met_storingsantwoord(map_), ROOT / "endpoints.yml", env=env) as r:
        yield r


def telegram(rasa, update) -> None:
    r = requests.post(rasa.url + "/webhooks/telegram/webhook", json=update, timeout=60,
                      headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM["TELEGRAM_SECRET_TOKEN"]})
    assert r.status_code == 200, r.text


def telegram_teksten(nep, chat_id) -> str:
    return " ".join(b.get("text", "") for b in nep.berichten(chat_id))


@contextmanager
def bestand_op_slot(pad, seconden: float):
    """Another process's exclusive lock on the SQLite file, released after `seconden`."""
    klaar, vrij = threading.Event(), threading.Event()

    def houd_vast():
        v = sqlite3.connect(str(pad), isolation_level=None, timeout=30)
        v.execute("BEGIN EXCLUSIVE")
        klaar.set()
        time.sleep(seconden)
        v.execute("COMMIT")
        v.close()
        vrij.set()

    draad = threading.Thread(target=houd_vast, daemon=True)
    draad.start()
    assert klaar.wait(30), "could not lock the tracker file"
    try:
        yield vrij
    finally:
        draad.join(seconden + 30)


def is_weigering(antwoord: list[dict]) -> bool:
    return any(a.get("text") == NOODTEKST for a in antwoord)


def test_kort_slot_wacht_en_antwoordt_gewoon(rasa):
    rasa.zeg("slot-kort", "mijn zoon wordt gepest")
    with bestand_op_slot(rasa.werkmap / "tracker.db", 2.0):
        begin = time.monotonic()
        antwoord = rasa.zeg("slot-kort", '/informeren{"onderwijstype":"po"}', timeout=30)
        duur = time.monotonic() - begin
    # Shorter than the busy timeout: Rasa waits for the file and answers normally.
    assert 1.5 < duur < BUSY_TIMEOUT + 3, duur
    assert ROUTE_ZIN in tekst(antwoord) and not is_weigering(antwoord)
    assert gebruikersteksten(rasa.tracker("slot-kort")["events"]) == [
        "mijn zoon wordt gepest", '/informeren{"onderwijstype":"po"}']


def test_lang_slot_geeft_weigering_en_daarna_gaat_het_verder(rasa):
    afzender = "slot-lang"
    eerste, tweede = "mijn zoon wordt gepest", '/informeren{"onderwijstype":"po"}'
    assert SCHOOLVRAAG in tekst(rasa.zeg(afzender, eerste))

    # Rasa's SQLite store is synchronous inside its event loop: while it waits for the file, the
    # whole server waits (every conversation), up to the busy timeout.
    with bestand_op_slot(rasa.werkmap / "tracker.db", BUSY_TIMEOUT + 4) as vrij:
        begin = time.monotonic()
        r = requests.post(rasa.url + "/webhooks/rest/webhook", timeout=30,
                          json={"sender": afzender, "message": tweede})
        duur = time.monotonic() - begin
        assert not vrij.is_set(), f"the lock must still be held while Rasa answers ({duur:.1f} s)"
    assert r.status_code == 200
    # Refused clearly after the busy timeout: one Dutch message with the helplines (113, 112),
    # never silence, never an answer from a forgotten conversation.
    assert r.json() == [{"recipient_id": afzender, "text": NOODTEKST}], r.json()
    assert BUSY_TIMEOUT - 0.5 < duur < BUSY_TIMEOUT + 3.5, duur
    assert "113" in NOODTEKST and "112" in NOODTEKST
    assert rasa.leeft()

    # Lock released: the refused message sent again is handled normally, with the slots from before.
    route = rasa.zeg(afzender, tweede)
    assert ROUTE_ZIN in tekst(route) and not is_weigering(route), route

    tracker = rasa.tracker(afzender)
    # Every answered message stored exactly once, in order; the refused attempt not at all.
    assert gebruikersteksten(tracker["events"]) == [eerste, tweede]
    assert (tracker["slots"]["rol"], tracker["slots"]["onderwijstype"]) == ("ouder", "po")
    log = rasa.rasa_log.read_text()
    assert "storingsantwoord gegeven" in log and "OperationalError" in log
    assert tweede not in log, "user text in the log"


# --- kill -9 and restart --------------------------------------------------------------------

class SocketioGebruiker:
    """A real python-socketio client as the widget uses the channel: session_request with its own
    session_id on every (re)connect, user_uttered, bot_uttered."""

    def __init__(self, url: str, session_id: str) -> None:
        import socketio

        self.session_id = session_id
        self.berichten: "queue.Queue[dict]" = queue.Queue()
        self.bevestigd = threading.Event()
        self.verbindingen = 0
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.5, reconnection_delay_max=2)
        self.url = url

        @self.sio.on("connect")
        def verbonden():
            self.verbindingen += 1
            self.bevestigd.clear()
            self.sio.emit("session_request", {"session_id": self.session_id})

        @self.sio.on("session_confirm")
        def bevestiging(data):
            # The server issues the id (channels/socketio.py); the widget keeps it and asks for it
            # again on every reconnect, as this client does.
            self.session_id = data if isinstance(data, str) else (data or {}).get("session_id")
            self.bevestigd.set()

        @self.sio.on("bot_uttered")
        def bot(data):
            self.berichten.put(data)

    def verbind(self) -> None:
        self.sio.connect(self.url, headers={"Origin": CORS}, transports=["polling"], socketio_path="/socket.io")
        assert self.bevestigd.wait(20), "no session_confirm"

    def zeg(self, tekst_: str, verwacht: str, wachttijd: float = 30) -> list[dict]:
        """Sends and collects bot messages until one contains `verwacht`."""
        while not self.berichten.empty():
            self.berichten.get_nowait()
        self.sio.emit("user_uttered", {"message": tekst_, "session_id": self.session_id})
        ontvangen, einde = [], time.monotonic() + wachttijd
        while time.monotonic() < einde:
            try:
                ontvangen.append(self.berichten.get(timeout=0.5))
            except queue.Empty:
                continue
            if verwacht in tekst(ontvangen):
                return ontvangen
        raise AssertionError(f"no {verwacht!r} over socketio, got {ontvangen}")

    def sluit(self) -> None:
        self.sio.disconnect()


def test_kill9_en_herstart_rest_socketio_en_telegram_gaan_verder(rasa, nep_telegram):
    rest_afzender = "herstart-rest"
    sessie = None  # the server issues the id; the client keeps it across reconnects
    chat = 424242001
    assert SCHOOLVRAAG in tekst(rasa.zeg(rest_afzender, "mijn dochter wordt gepest"))
    nep_telegram.wis()
    telegram(rasa, telegram_update(7001, chat, "mijn zoon wordt gepest"))
    assert nep_telegram.wacht_op(lambda v: SCHOOLVRAAG in telegram_teksten(nep_telegram, chat))
    gebruiker = SocketioGebruiker(rasa.url, sessie)
    try:
        gebruiker.verbind()
        sessie = gebruiker.session_id
        gebruiker.zeg("mijn zoon wordt gepest", SCHOOLVRAAG)

        rasa.kill9()
        with pytest.raises(requests.ConnectionError):
            rasa.zeg(rest_afzender, "hallo?", timeout=5)  # nothing listens: the client sees it
        begin = time.monotonic()
        rasa.start_rasa()  # same port, same tracker.db, same model
        herstart_s = time.monotonic() - begin

        # REST: same sender continues with its slots (only the school type was missing).
        route = tekst(rasa.zeg(rest_afzender, '/informeren{"onderwijstype":"vo"}'))
        assert ROUTE_ZIN in route, route
        # socketio: the client reconnects by itself and asks for the same session again.
        einde = time.monotonic() + 30
        while gebruiker.verbindingen < 2 and time.monotonic() < einde:
            time.sleep(0.2)
        assert gebruiker.verbindingen >= 2 and gebruiker.bevestigd.wait(20), "socketio did not reconnect"
        assert gebruiker.session_id == sessie, "the restarted server must accept the id it issued before"
        antwoord = gebruiker.zeg('/informeren{"onderwijstype":"po"}', ROUTE_ZIN)
        assert not is_weigering(antwoord)
        # Telegram: the same chat presses the school button it got before the crash.
        nep_telegram.wis()
        telegram(rasa, telegram_knop(7002, chat, '/informeren{"onderwijstype":"po"}'))
        assert nep_telegram.wacht_op(lambda v: ROUTE_ZIN in telegram_teksten(nep_telegram, chat)), \
            telegram_teksten(nep_telegram, chat)
    finally:
        gebruiker.sluit()

    rest = rasa.tracker(rest_afzender)
    assert gebruikersteksten(rest["events"]) == ["mijn dochter wordt gepest", '/informeren{"onderwijstype":"vo"}']
    assert (rest["slots"]["rol"], rest["slots"]["onderwijstype"]) == ("ouder", "vo")
    assert rest["slots"]["verwijzingen"]
    sio = rasa.tracker(sessie)
    assert gebruikersteksten(sio["events"]) == ["mijn zoon wordt gepest", '/informeren{"onderwijstype":"po"}']
    assert (sio["slots"]["rol"], sio["slots"]["onderwijstype"]) == ("ouder", "po")
    tg = rasa.tracker(pseudoniem(TELEGRAM["CHANNEL_PSEUDONYM_KEY"].encode(), "telegram", str(chat)))
    assert gebruikersteksten(tg["events"]) == ["mijn zoon wordt gepest", '/informeren{"onderwijstype":"po"}']
    assert (tg["slots"]["rol"], tg["slots"]["onderwijstype"]) == ("ouder", "po")
    print(f"\nherstart na kill -9: {herstart_s:.1f} s")
