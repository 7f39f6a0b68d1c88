"""Property-based fuzzing (hypothesis, derandomized: the same inputs on every run) of every public
entry point of the real Rasa server shared by the channel tests: REST, socket.io, the WhatsApp
and Telegram webhooks. Random unicode, malformed JSON, wrong content types, deeply nested values,
odd shapes in signed webhooks, forged signatures and secrets.

Properties: never a 5xx; a forged signature or secret is always refused; no traceback or
"Exception" in the server log while fuzzing; the Rasa process's memory stays bounded (VmRSS from
/proc); no phone number or chat id sent in the input and no secret token in the log. The number
of inputs tried is printed (`pytest -s`) and bounded by max_examples so the run fits make test."""
from __future__ import annotations

import hashlib
import hmac
import json
import re
from pathlib import Path

import pytest
import requests
from hypothesis import HealthCheck, given, settings, strategies as st

from channels.tests.conftest import GEHEIMEN
from channels.tests.test_grenzen import Socket, bot_teksten, wachtende_poll

INSTELLINGEN = dict(derandomize=True, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck), print_blob=True)
RSS_GROEI_MAX_MB = 400
TELLING: dict = {}
GEBRUIKTE_NUMMERS: set = set()

json_waarden = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70) | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda binnen: st.lists(binnen, max_size=4) | st.dictionaries(st.text(max_size=12), binnen, max_size=4),
    max_leaves=12,
)
teksten = st.one_of(st.text(max_size=120), st.text(alphabet=st.characters(codec="utf-8"), min_size=4000, max_size=4300),
                    st.sampled_from(["hoi", "mijn zoon wordt gepest", "/restart", "/informeren{\"rol\":", "\ud800",
                                     "<script>alert(1)</script>", "'; DROP TABLE events; --", "ik wil niet meer leven"]))
kapotte_bodies = st.one_of(
    st.binary(max_size=300),
    st.sampled_from([b"", b"{", b"[" * 50_000, b'{"a": ' * 3000 + b"1" + b"}" * 3000, b"\xff\xfe\x00{", b"null", b"42"]),
)


def telling(kanaal: str, status: int) -> None:
    TELLING.setdefault(kanaal, {}).setdefault(status, 0)
    TELLING[kanaal][status] += 1


def rss_mb(pid: int) -> float:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmRSS:"):
            return int(regel.split()[1]) / 1024
    return 0.0


@pytest.fixture(scope="module")
def bewaking(servers):
    """Log offset and memory before the fuzz tests of this module; checked once after all of them."""
    log = servers.werkmap / "rasa.log"
    begin, rss_voor = log.stat().st_size, rss_mb(servers.processen[1].pid)
    yield
    rasa = servers.processen[1]
    assert rasa.poll() is None, "Rasa stopte tijdens het fuzzen"
    rss_na = rss_mb(rasa.pid)
    with log.open("rb") as f:
        f.seek(begin)
        stuk = f.read().decode("utf-8", "replace")
    print(f"\nFUZZ-KANALEN invoer per kanaal en status: {json.dumps(TELLING)}; "
          f"RSS {rss_voor:.0f} -> {rss_na:.0f} MB; {len(GEBRUIKTE_NUMMERS)} nummers/chat-ids gebruikt")
    assert not [r for r in stuk.splitlines() if "Traceback" in r or "Exception" in r], stuk[-3000:]
    assert rss_na - rss_voor < RSS_GROEI_MAX_MB, (rss_voor, rss_na)
    volledig = log.read_text(errors="replace")
    for nummer in GEBRUIKTE_NUMMERS:
        assert nummer not in volledig, "een telefoonnummer of chat-id staat in de log"
    for naam, geheim in GEHEIMEN.items():
        if naam != "WHATSAPP_GRAPH_VERSION":
            assert geheim not in volledig, f"{naam} staat in de log"
    # Still answering normally after everything above.
    r = requests.post(servers.url + "/webhooks/rest/webhook", json={"sender": "na-fuzz", "message": "hoi"}, timeout=60)
    assert r.status_code == 200 and r.json()


# ---- REST ---------------------------------------------------------------------------------------

@settings(max_examples=45, **INSTELLINGEN)
@given(st.one_of(
    st.fixed_dictionaries({"sender": st.text(min_size=1, max_size=30), "message": teksten},
                          optional={"metadata": json_waarden}).map(lambda d: (json.dumps(d).encode(), "application/json")),
    st.tuples(json_waarden.map(lambda w: json.dumps(w).encode()), st.just("application/json")),
    st.tuples(kapotte_bodies, st.sampled_from(["application/json", "text/plain", "", "application/x-www-form-urlencoded",
                                               "multipart/form-data; boundary=zz", "image/png"])),
))
def test_rest(servers, bewaking, invoer):
    body, soort = invoer
    r = requests.post(servers.url + "/webhooks/rest/webhook", data=body,
                      headers={"Content-Type": soort} if soort else {}, timeout=60)
    telling("rest", r.status_code)
    assert r.status_code < 500, (body[:200], r.status_code)


# ---- WhatsApp -----------------------------------------------------------------------------------

nummers = st.from_regex(r"316[1-9]\d{7}", fullmatch=True)
wa_berichten = st.fixed_dictionaries(
    {"from": nummers, "id": st.text(max_size=30).map(lambda t: "wamid.fuzz." + t),
     "type": st.sampled_from(["text", "interactive", "button", "image", "audio", "reaction", "unknown"]) | json_waarden},
    optional={"text": st.fixed_dictionaries({"body": teksten}) | json_waarden,
              "interactive": json_waarden | st.fixed_dictionaries({"type": st.just("button_reply"),
                                                                    "button_reply": st.fixed_dictionaries({"id": st.text(max_size=80), "title": st.text(max_size=30)})}),
              "button": json_waarden, "image": json_waarden, "context": json_waarden},
)
wa_meldingen = st.one_of(
    st.lists(wa_berichten, min_size=1, max_size=2).map(lambda b: {"object": "whatsapp_business_account", "entry": [
        {"id": "1", "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp", "messages": b}}]}]}),
    json_waarden,
    st.fixed_dictionaries({"entry": json_waarden}),
    st.fixed_dictionaries({"entry": st.lists(st.fixed_dictionaries({"changes": json_waarden}), max_size=2)}),
)


def onderteken(body: bytes) -> str:
    return "sha256=" + hmac.new(GEHEIMEN["WHATSAPP_APP_SECRET"].encode(), body, hashlib.sha256).hexdigest()


@settings(max_examples=45, **INSTELLINGEN)
@given(st.one_of(wa_meldingen.map(lambda m: json.dumps(m).encode()), kapotte_bodies),
       st.sampled_from(["goed", "goed", "goed", "vervalst", "ander-geheim", None]))
def test_whatsapp(servers, graph, bewaking, body, handtekening):
    try:
        for b in json.loads(body)["entry"][0]["changes"][0]["value"]["messages"]:
            GEBRUIKTE_NUMMERS.add(b["from"])
    except Exception:  # noqa: BLE001 - not every fuzzed body has messages
        pass
    kop = {"Content-Type": "application/json"}
    if handtekening == "goed":
        kop["X-Hub-Signature-256"] = onderteken(body)
    elif handtekening == "vervalst":
        kop["X-Hub-Signature-256"] = "sha256=" + hashlib.sha256(body).hexdigest()
    elif handtekening == "ander-geheim":
        kop["X-Hub-Signature-256"] = "sha256=" + hmac.new(b"raden", body, hashlib.sha256).hexdigest()
    r = requests.post(servers.url + "/webhooks/whatsapp/webhook", data=body, headers=kop, timeout=60)
    telling("whatsapp", r.status_code)
    assert r.status_code < 500, (body[:200], r.status_code)
    if handtekening != "goed":
        assert r.status_code in (401, 403)


# ---- Telegram -----------------------------------------------------------------------------------

update_ids = st.integers(min_value=9_000_000, max_value=2**40)
chat_ids = st.integers(min_value=4_242_000_000, max_value=4_242_999_999)  # recognisable in a log
tg_berichten = st.fixed_dictionaries(
    {"message_id": st.integers(0, 10**6), "chat": st.fixed_dictionaries({"id": chat_ids}, optional={
        "type": st.sampled_from(["private", "group", "channel"]) | json_waarden})},
    optional={"text": teksten | json_waarden, "caption": teksten, "from": json_waarden},
)
tg_updates = st.one_of(
    st.fixed_dictionaries({"update_id": update_ids, "message": tg_berichten | json_waarden}),
    st.fixed_dictionaries({"update_id": update_ids, "callback_query": st.fixed_dictionaries(
        {"id": st.text(max_size=10), "data": st.text(max_size=80) | json_waarden,
         "message": st.fixed_dictionaries({"chat": st.fixed_dictionaries({"id": chat_ids})}) | json_waarden})}),
    json_waarden,
)


@settings(max_examples=45, **INSTELLINGEN)
@given(st.one_of(tg_updates.map(lambda u: json.dumps(u).encode()), kapotte_bodies),
       st.sampled_from(["goed", "goed", "goed", "fout", None]))
def test_telegram(servers, telegram, bewaking, body, geheim):
    for m in re.finditer(rb'(4242\d{6})', body):
        GEBRUIKTE_NUMMERS.add(m.group(1).decode())
    kop = {"Content-Type": "application/json"}
    if geheim == "goed":
        kop["X-Telegram-Bot-Api-Secret-Token"] = GEHEIMEN["TELEGRAM_SECRET_TOKEN"]
    elif geheim == "fout":
        kop["X-Telegram-Bot-Api-Secret-Token"] = GEHEIMEN["TELEGRAM_SECRET_TOKEN"][:-1] + "x"
    r = requests.post(servers.url + "/webhooks/telegram/webhook", data=body, headers=kop, timeout=60)
    telling("telegram", r.status_code)
    assert r.status_code < 500, (body[:200], r.status_code)
    if geheim != "goed":
        assert r.status_code == 403


# ---- socket.io ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sock(servers):
    s = Socket(servers.url)
    s.sessie_id = s.sessie()
    return s


@settings(max_examples=45, **INSTELLINGEN)
@given(st.one_of(
    st.fixed_dictionaries({"message": teksten | json_waarden}, optional={
        "session_id": st.just("eigen") | json_waarden, "customData": json_waarden | st.text(max_size=50)}),
    json_waarden,
), st.sampled_from(["user_uttered", "user_uttered", "session_request"]))
def test_socketio(servers, sock, bewaking, data, gebeurtenis):
    if isinstance(data, dict) and data.get("session_id") == "eigen":
        data["session_id"] = sock.sessie_id
    r = sock.post("42" + json.dumps([gebeurtenis, data]))
    telling("socketio", r.status_code)
    assert r.status_code < 500


def test_socketio_werkt_na_fuzzen(servers, sock, bewaking):
    nieuw = Socket(servers.url)
    sessie = nieuw.sessie()
    nieuw.emit("user_uttered", {"message": "mijn zoon wordt gepest", "session_id": sessie})
    nieuw.wacht_op(lambda v: len(bot_teksten(v)) >= 1)
    # Frames that are not socket.io at all are refused without a 5xx.
    for pakket in ["4", "42", "42[", "42" + "[" * 10_000, "9", "\x00", "42[\"user_uttered\"]", "42[\"session_request\"]",
                   "42[\"user_uttered\", {\"message\": \"hoi\"}, 1, 2]", "40{", "6"]:
        # A fresh session each, with a pending long-poll as a browser has: when engine.io closes
        # the session for a bad packet, it answers the POST once that poll has fetched the close.
        kaal = Socket(servers.url)
        wachtende_poll(kaal)
        status = kaal.post(pakket, timeout=45).status_code
        telling("socketio", status)
        assert status < 500, pakket
