"""Size limits, rate limits and replays on every public entry point of the real Rasa server
(the shared channel servers from conftest.py: REST, socket.io, WhatsApp, Telegram).

A rate limit is reached by sending a burst at once (threads), with the default settings
(channels/limieten.py: 20 messages, refilled in 10 s). An acute message after the burst must still
get 112 / 113 from the assistant itself, not only from the rate-limit text."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from channels.gemeenschappelijk import pseudoniem
from channels.limieten import TE_LANG, TE_SNEL
from channels.tests.conftest import GEHEIMEN
from channels.tests.nep_servers import alle_tekst, telegram_update, webhook_tekst

BURST = 30
ACUUT = "ik wil niet meer leven"
# The assistant's own acute answer (actions/veiligheid.py), not the rate-limit text that names 113.
ACUUT_ANTWOORD = "Je hoeft dit niet alleen te dragen"


def gebruikersberichten(servers, afzender: str) -> list:
    with sqlite3.connect(servers.tracker_db) as db:
        rijen = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (afzender,)).fetchall()
    return [json.loads(r[0]).get("text") for r in rijen]


def tegelijk(functie, n: int) -> list:
    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(functie, range(n)))


# ---- REST ---------------------------------------------------------------------------------------

def test_rest_snelheidsgrens_en_acuut_gaat_voor(servers):
    url = servers.url + "/webhooks/rest/webhook"
    afzender = "grens-rest"
    antwoorden = tegelijk(lambda i: requests.post(url, json={"sender": afzender, "message": "hoi"}, timeout=60), BURST)
    codes = [r.status_code for r in antwoorden]
    assert 429 in codes and 200 in codes, codes
    te_snel = [r for r in antwoorden if r.status_code == 429]
    assert all(r.json()[0]["text"] == TE_SNEL and int(r.headers["Retry-After"]) >= 1 for r in te_snel)
    assert codes.count(200) <= 22  # 20 in the bucket plus what refilled during the burst
    # Right after the burst the bucket is empty, yet an acute message gets the assistant's answer.
    r = requests.post(url, json={"sender": afzender, "message": ACUUT}, timeout=60)
    assert r.status_code == 200 and ACUUT_ANTWOORD in json.dumps(r.json(), ensure_ascii=False)
    assert ACUUT in gebruikersberichten(servers, afzender)
    # Another sender is not affected.
    assert requests.post(url, json={"sender": "grens-rest-2", "message": "hoi"}, timeout=60).status_code == 200


def test_grote_bodies_op_elk_pad_geweigerd(servers):
    groot = b'{"sender": "x", "message": "' + b"a" * 300_000 + b'"}'
    for pad in ["/webhooks/rest/webhook", "/webhooks/whatsapp/webhook", "/webhooks/telegram/webhook"]:
        r = requests.post(servers.url + pad, data=groot, headers={"Content-Type": "application/json"}, timeout=30)
        assert r.status_code == 413, pad
    # Above Sanic's own limit (lowered to 1 MB): refused from the Content-Length, before reading.
    r = requests.post(servers.url + "/webhooks/rest/webhook", data=b"a" * 3_000_000, timeout=30)
    assert r.status_code == 413


# ---- WhatsApp -----------------------------------------------------------------------------------

def test_whatsapp_lang_bericht_vriendelijk_antwoord(servers, graph):
    nummer = "31600000101"
    r = servers.whatsapp(webhook_tekst(nummer, "wamid.grens-lang", "ik word gepest " * 400))
    assert r.status_code == 200
    graph.wacht_op(lambda v: TE_LANG in alle_tekst([b["body"] for b in v]))
    afzender = pseudoniem(GEHEIMEN["CHANNEL_PSEUDONYM_KEY"].encode(), "whatsapp", nummer)
    assert gebruikersberichten(servers, afzender) == []  # never reached the model


def test_whatsapp_snelheidsgrens_en_acuut_gaat_voor(servers, graph):
    nummer = "31600000102"
    codes = tegelijk(lambda i: servers.whatsapp(webhook_tekst(nummer, f"wamid.grens-snel-{i}", "hoi")).status_code, BURST)
    assert set(codes) == {200}, codes
    graph.wacht_op(lambda v: TE_SNEL in alle_tekst([b["body"] for b in v]))
    afzender = pseudoniem(GEHEIMEN["CHANNEL_PSEUDONYM_KEY"].encode(), "whatsapp", nummer)
    assert len(gebruikersberichten(servers, afzender)) <= 22
    graph.wis()
    assert servers.whatsapp(webhook_tekst(nummer, "wamid.grens-acuut", ACUUT)).status_code == 200
    graph.wacht_op(lambda v: ACUUT_ANTWOORD in alle_tekst([b["body"] for b in v]))
    assert ACUUT in gebruikersberichten(servers, afzender)


def test_whatsapp_herhaalde_webhook_eenmaal_verwerkt(servers, graph):
    nummer = "31600000103"
    melding = webhook_tekst(nummer, "wamid.grens-dubbel", "mijn dochter wordt gepest")
    assert servers.whatsapp(melding).status_code == 200
    assert servers.whatsapp(melding).status_code == 200  # Meta retried: answered, not processed again
    afzender = pseudoniem(GEHEIMEN["CHANNEL_PSEUDONYM_KEY"].encode(), "whatsapp", nummer)
    assert gebruikersberichten(servers, afzender) == ["mijn dochter wordt gepest"]
    # A replay with a forged signature is refused like any forged request.
    assert servers.whatsapp(melding, handtekening="sha256=" + "0" * 64).status_code == 403


# ---- Telegram -----------------------------------------------------------------------------------

def test_telegram_lang_bericht_vriendelijk_antwoord(servers, telegram):
    chat = 555000101
    assert servers.telegram(telegram_update(7_000_001, chat, "ik word gepest " * 400)).status_code == 200
    telegram.wacht_op(lambda v: any(TE_LANG == (b["body"] or {}).get("text") for b in v))
    afzender = pseudoniem(GEHEIMEN["CHANNEL_PSEUDONYM_KEY"].encode(), "telegram", str(chat))
    assert gebruikersberichten(servers, afzender) == []


def test_telegram_snelheidsgrens_en_acuut_gaat_voor(servers, telegram):
    chat = 555000102
    codes = tegelijk(lambda i: servers.telegram(telegram_update(7_100_000 + i, chat, "hoi")).status_code, BURST)
    assert set(codes) == {200}, codes
    telegram.wacht_op(lambda v: any(TE_SNEL == (b["body"] or {}).get("text") for b in v))
    afzender = pseudoniem(GEHEIMEN["CHANNEL_PSEUDONYM_KEY"].encode(), "telegram", str(chat))
    assert len(gebruikersberichten(servers, afzender)) <= 22
    telegram.wis()
    assert servers.telegram(telegram_update(7_100_999, chat, ACUUT)).status_code == 200
    telegram.wacht_op(lambda v: any(ACUUT_ANTWOORD in str((b["body"] or {}).get("text")) for b in v))


def test_telegram_herhaalde_update_eenmaal_verwerkt(servers, telegram):
    chat = 555000103
    update = telegram_update(7_200_001, chat, "mijn zoon wordt gepest")
    assert servers.telegram(update).status_code == 200
    assert servers.telegram(update).status_code == 200
    afzender = pseudoniem(GEHEIMEN["CHANNEL_PSEUDONYM_KEY"].encode(), "telegram", str(chat))
    assert gebruikersberichten(servers, afzender) == ["mijn zoon wordt gepest"]


# ---- socket.io ----------------------------------------------------------------------------------

class Socket:
    """A raw engine.io v4 / socket.io v5 client over HTTP long-polling (what the widget falls back
    to), so the test controls every frame, also ones no library would send."""

    def __init__(self, url: str) -> None:
        self.url = url + "/socket.io/"
        self.s = requests.Session()
        r = self.s.get(self.url, params={"EIO": "4", "transport": "polling"}, timeout=10)
        r.raise_for_status()
        self.sid = json.loads(r.text[r.text.index("{"):])["sid"]
        self.post("40")
        self.ontvangen: list = []
        self.haal()

    def post(self, pakket: str | bytes, timeout: float = 10) -> requests.Response:
        return self.s.post(self.url, params={"EIO": "4", "transport": "polling", "sid": self.sid},
                           data=pakket.encode() if isinstance(pakket, str) else pakket,
                           headers={"Content-Type": "text/plain;charset=UTF-8"}, timeout=timeout)

    def emit(self, event: str, data) -> requests.Response:
        return self.post("42" + json.dumps([event, data]))

    def haal(self) -> list:
        r = self.s.get(self.url, params={"EIO": "4", "transport": "polling", "sid": self.sid}, timeout=45)
        r.raise_for_status()
        nieuw = []
        for pakket in r.text.split("\x1e"):
            if pakket == "2":  # engine.io ping
                self.post("3")
            elif pakket.startswith("42"):
                nieuw.append(json.loads(pakket[2:]))
        self.ontvangen += nieuw
        return nieuw

    def wacht_op(self, voorwaarde, seconden: float = 60) -> list:
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            if voorwaarde(self.ontvangen):
                return self.ontvangen
            self.haal()
        raise AssertionError(f"niet ontvangen: {self.ontvangen[-5:]}")

    def sessie(self) -> str:
        self.emit("session_request", {"session_id": None})
        gevonden = self.wacht_op(lambda v: any(e[0] == "session_confirm" for e in v))
        return [e for e in gevonden if e[0] == "session_confirm"][-1][1]


def wachtende_poll(sock: Socket) -> None:
    """A pending long-poll, as a browser always has one: when engine.io closes a session (e.g. for a
    too large frame) it answers the POST only after a poll has fetched the close."""
    def poll() -> None:
        try:
            requests.get(sock.url, params={"EIO": "4", "transport": "polling", "sid": sock.sid}, timeout=45)
        except requests.RequestException:
            pass  # the server may stop first at the end of the session

    threading.Thread(target=poll, daemon=True).start()
    time.sleep(0.2)


def bot_teksten(ontvangen) -> list:
    return [e[1].get("text") for e in ontvangen if e[0] == "bot_uttered" and isinstance(e[1], dict)]


def test_socketio_lang_bericht_en_te_grote_frame(servers):
    sock = Socket(servers.url)
    sessie = sock.sessie()
    sock.emit("user_uttered", {"message": "ik word gepest " * 400, "session_id": sessie})
    sock.wacht_op(lambda v: TE_LANG in bot_teksten(v))
    assert gebruikersberichten(servers, sessie) == []
    # A frame far above the limit (64 KB) is refused by engine.io before it is parsed. engine.io
    # then closes the session and answers once the pending long-poll has fetched the close.
    wachtende_poll(sock)
    r = sock.post("42" + json.dumps(["user_uttered", {"message": "a" * 200_000, "session_id": sessie}]), timeout=45)
    assert 400 <= r.status_code < 500
    # The server still answers a fresh connection normally.
    nieuw = Socket(servers.url)
    nieuw_sessie = nieuw.sessie()
    nieuw.emit("user_uttered", {"message": "hoi", "session_id": nieuw_sessie})
    nieuw.wacht_op(lambda v: len(bot_teksten(v)) >= 1)


def test_socketio_snelheidsgrens_en_acuut_gaat_voor(servers):
    sock = Socket(servers.url)
    sessie = sock.sessie()
    # One polling POST may carry up to 16 packets (engine.io): the burst arrives in two POSTs.
    pakket = "42" + json.dumps(["user_uttered", {"message": "hoi", "session_id": sessie}])
    for _ in range(2):
        assert sock.post("\x1e".join([pakket] * (BURST // 2))).status_code == 200
    assert sock.post("\x1e".join([pakket] * 17)).status_code == 400  # more than engine.io decodes
    sock.wacht_op(lambda v: TE_SNEL in bot_teksten(v))
    sock.emit("user_uttered", {"message": ACUUT, "session_id": sessie})
    sock.wacht_op(lambda v: any(ACUUT_ANTWOORD in (t or "") for t in bot_teksten(v)))
    # The turn's events are stored after its messages went out: give the tracker store a moment.
    einde = time.monotonic() + 15
    while ACUUT not in gebruikersberichten(servers, sessie) and time.monotonic() < einde:
        time.sleep(0.2)
    assert ACUUT in gebruikersberichten(servers, sessie)


def test_socketio_sessie_van_een_ander_is_niet_over_te_nemen(servers):
    """Rasa lets any client name a session id and join that conversation; channels/socketio.py
    issues signed ids and accepts only those."""
    from channels.socketio import ONBEKEND_GESPREK

    a = Socket(servers.url)
    a_id = a.sessie()
    a.emit("user_uttered", {"message": "mijn zoon wordt gepest", "session_id": a_id})
    a.wacht_op(lambda v: len(bot_teksten(v)) >= 1)

    b = Socket(servers.url)
    laatste = "0" if a_id[-1] != "0" else "1"
    vervalst = [a_id[:32], a_id[:-1] + laatste, a_id.upper(), "kaap-" + a_id, "herstart-socketio-7f3a9c"]
    for poging in vervalst:
        b.ontvangen.clear()
        b.emit("session_request", {"session_id": poging})
        gekregen = [e for e in b.wacht_op(lambda v: any(e[0] == "session_confirm" for e in v)) if e[0] == "session_confirm"][-1][1]
        assert gekregen not in (a_id, poging) and len(gekregen) == 65, (poging, gekregen)

    b.ontvangen.clear()
    b.emit("user_uttered", {"message": "ik ben de moeder, wat is de route", "session_id": a_id[:-1] + laatste})
    assert bot_teksten(b.wacht_op(lambda v: len(bot_teksten(v)) >= 1)) == [ONBEKEND_GESPREK]
    assert gebruikersberichten(servers, a_id) == ["mijn zoon wordt gepest"]
    assert gebruikersberichten(servers, a_id[:-1] + laatste) == []
    # Ids are not sequential or guessable: 20 requests, 20 different ids, each 128 random bits + MAC.
    c = Socket(servers.url)
    ids = set()
    for _ in range(20):
        c.ontvangen.clear()
        ids.add(c.sessie())
    assert len(ids) == 20 and all(len(i) == 65 and i[32] == "." for i in ids)
