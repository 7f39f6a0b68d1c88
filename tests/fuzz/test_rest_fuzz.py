"""Bounded, seeded fuzz run against the real Rasa server's REST channel (loopback only).

Random unicode, empty and whitespace, long texts, emoji only, markup/script/payload injection,
malformed JSON, wrong content types, deeply nested metadata and 1-5 MB bodies. Checked: no 5xx,
no unhandled exception in the server log, a Dutch answer for every accepted message with text,
bounded memory (RSS of the Rasa process before/after). hypothesis is not in the Rasa venv, so this
is a plain `random.Random` loop with a fixed seed; set WEGWIJZER_FUZZ_SEED to try another seed.
"""
from __future__ import annotations

import json
import os
import random
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integratie"))
from servers import Servers  # noqa: E402  (the project's helper, unchanged)

SEED = int(os.environ.get("WEGWIJZER_FUZZ_SEED", "20261121"))
MAX_SECONDEN = 120  # the whole fuzz loop, not counting the server start
RSS_NOODREM_MB = 6000  # the machine is shared: kill Rasa before it can take everything
RSS_GROEI_MAX_MB = 400
RASA_COMMANDOS = {"/restart", "/session_start", "/action_listen"}
ENGELS = ("Sorry, I", "I'm sorry", "Did you mean", "I didn't", "Please rephrase")
NEDERLANDS = {"je", "ik", "de", "het", "een", "niet", "wat", "wie", "of", "en", "bent", "ben", "kan", "met"}

BEREIKEN = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF), (0x900, 0x97F),
            (0x300, 0x36F), (0x200B, 0x200F), (0x2028, 0x202E), (0x3040, 0x30FF), (0x4E00, 0x4FFF),
            (0xFE00, 0xFE0F), (0x1F300, 0x1F6FF), (0x1F900, 0x1F9FF), (0xE000, 0xE0FF), (0x0, 0x1F)]
EMOJI = [chr(c) for c in list(range(0x1F600, 0x1F64F)) + list(range(0x1F90C, 0x1F9FF))] + ["\u2764\ufe0f", "\U0001F468\u200d\U0001F469\u200d\U0001F467"]
AANVALLEN = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}} ${7*7} <%= 7*7 %>",
    "'; DROP TABLE events; --", "\" OR 1=1 --", "../../../../etc/passwd", "%00%0d%0aSet-Cookie: x=1",
    "/restart", "/session_start", "/action_listen", "/nlu_fallback", "/informeren{\"rol\":\"beheerder\"}",
    "/informeren{\"situatie\":\"<b>x</b>\"}", "/informeren{\"acuut\":true}", "/informeren{\"verwijzingen\":[1,2]}",
    "/informeren{", "/informeren{\"rol\":" + "[" * 200 + "]" * 200 + "}", "/" + "a" * 500,
    "[link](javascript:alert(1))", "**vet** _schuin_ `code`", "\u202Eik word gepest", "ik word ge\u00ADpest",
    "IK WORD GEPEST!!!!!!!!", "ikwordgepestikwordgepest" * 20, "@here @everyone", "0800-0432 112 113",
    "mijn zoon wordt gepest <script>fetch('http://203.0.113.1')</script>", "\\u0000\\x00", "%s%s%s%n",
]


def willekeurige_tekst(rnd: random.Random, lengte: int) -> str:
    uit = []
    for _ in range(lengte):
        laag, hoog = rnd.choice(BEREIKEN)
        uit.append(chr(rnd.randint(laag, hoog)))
    return "".join(uit)


def dutchy(rnd: random.Random, tekens: int) -> str:
    woorden = "ik word op school gepest door een jongen uit mijn klas en ik weet niet wat ik moet doen".split()
    uit, n = [], 0
    while n < tekens:
        w = rnd.choice(woorden)
        uit.append(w)
        n += len(w) + 1
    return " ".join(uit)[:tekens]


def genest(diepte: int) -> str:
    return '{"sender": "diep", "message": "hoi", "metadata": ' + '{"a": ' * diepte + "1" + "}" * diepte + "}"


def invoer(rnd: random.Random):
    """(label, body bytes, content type, heeft_tekst). Every category, in a seeded order."""
    def js(bericht, afzender=None, **extra):
        return json.dumps({"sender": afzender or f"fuzz-{rnd.randrange(10**6)}", "message": bericht, **extra}).encode()

    gevallen = []
    for _ in range(120):
        tekst = willekeurige_tekst(rnd, rnd.choice([1, 2, 5, 20, 80, 300]))
        gevallen.append(("unicode", js(tekst), "application/json", tekst.strip() != ""))
    for _ in range(10):  # lone surrogates only exist as JSON escapes; they are not valid UTF-8
        gevallen.append(("surrogaat", b'{"sender": "s", "message": "ik \\ud800 word \\udfff gepest"}', "application/json", True))
    for tekst in ["", " ", "\t\n", "\u00a0\u200b\u2028", "\r\n" * 50, " " * 5000]:
        gevallen.append(("leeg", js(tekst), "application/json", False))
    for n in (10_000, 12_345, 20_000, 50_000):
        gevallen.append((f"lang-{n}", js(dutchy(rnd, n)), "application/json", True))
        gevallen.append((f"lang-unicode-{n}", js(willekeurige_tekst(rnd, n)), "application/json", True))
    for _ in range(20):
        gevallen.append(("emoji", js("".join(rnd.choice(EMOJI) for _ in range(rnd.randint(1, 40)))), "application/json", True))
    for tekst in AANVALLEN:
        # Rasa's own command payloads answer nothing by design (/restart, /session_start, ...).
        gevallen.append((f"aanval:{tekst[:40]}", js(tekst), "application/json", tekst not in RASA_COMMANDOS))
    kapot = [b"", b"{", b"}", b"[]", b"null", b"true", b"42", b'"hoi"', b"{'sender': 'x', 'message': 'hoi'}",
             b'{"sender": "x"}', b'{"message": "hoi"}', b'{"sender": null, "message": "hoi"}',
             b'{"sender": 5, "message": "hoi"}', b'{"sender": "x", "message": 5}', b'{"sender": "x", "message": null}',
             b'{"sender": "x", "message": ["hoi"]}', b'{"sender": "x", "message": {"text": "hoi"}}',
             b'{"sender": ["x"], "message": "hoi"}', b'{"sender": {"a": 1}, "message": "hoi"}',
             b'{"sender": "x", "message": "hoi", "metadata": "geen object"}',
             b'{"sender": "x", "message": "hoi", "metadata": [1, 2]}',
             b'{"sender": "x", "message": "hoi", "input_channel": "socketio"}',
             b'{"sender": "' + b"s" * 10_000 + b'", "message": "hoi"}', b'{"sender": "../../etc", "message": "hoi"}',
             b'{"sender": "x", "message": "hoi"', b'{"sender": "x", "message": "hoi"}}', b'\xff\xfe\x00{',
             b'{"sender": "x", "message": "\xff\xfe"}', b'{"sender": "x", "message": "hoi", "sender": "y"}',
             b"\x00" * 100, b'{"sender": "x", "message": NaN}', b'{"sender": "x", "message": "hoi", "x": Infinity}',
             b'{"sender": "x", "message": 1e999}', b"{" * 5000, b"[" * 100_000]
    for body in kapot:
        gevallen.append((f"kapotte-json:{body[:40]!r}", body, "application/json", False))
    for soort, body in [("text/plain", js("ik word gepest")), ("application/x-www-form-urlencoded", b"sender=x&message=hoi"),
                        ("multipart/form-data; boundary=zz", b'--zz\r\nContent-Disposition: form-data; name="message"\r\n\r\nhoi\r\n--zz--'),
                        ("application/xml", b"<message>hoi</message>"), ("", js("hoi")), ("application/json; charset=latin-1", js("hoi")),
                        ("application/json; charset=utf-16", "{\"sender\": \"u\", \"message\": \"hoi\"}".encode("utf-16")),
                        ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(2000)))]:
        gevallen.append((f"soort-{soort or 'geen'}", body, soort, False))
    for diepte in (10, 100, 900, 1100, 5000, 50_000):
        gevallen.append((f"genest-{diepte}", genest(diepte).encode(), "application/json", True))
    gevallen.append(("groot-1MB", js(dutchy(rnd, 1_000_000)), "application/json", True))
    gevallen.append(("groot-5MB-metadata", js("hoi", metadata={"x": "a" * 5_000_000}), "application/json", True))
    gevallen.append(("groot-5MB", js(dutchy(rnd, 5_000_000)), "application/json", True))
    rnd.shuffle(gevallen)
    return gevallen


def rss_mb(pid: int) -> float:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmRSS:"):
            return int(regel.split()[1]) / 1024
    return 0.0


def is_nederlands_antwoord(antwoorden) -> bool:
    teksten = " ".join(a.get("text") or "" for a in antwoorden if isinstance(a, dict))
    woorden = {w.strip(".,?!:;").lower() for w in teksten.split()}
    return bool(woorden & NEDERLANDS) and not any(e in teksten for e in ENGELS)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    test_invoergrens_staat_aan()  # before starting anything: fails fast, without the crash
    with Servers(tmp_path_factory.mktemp("fuzz")) as s:
        yield s


def test_invoergrens_staat_aan():
    # Without it, one 50,000-character REST message took Rasa past 6 GB RSS in seconds (measured,
    # 2026-11-21); don't repeat that on a shared machine, say what is missing instead.
    assert "channels.invoergrens.Invoergrens" in (ROOT / "credentials.yml").read_text(), (
        "credentials.yml mist channels.invoergrens.Invoergrens (docs/security.md, 'Invoergrenzen')")


def test_rest_fuzz(servers):
    rasa = servers.processen[1]
    url = servers.url + "/webhooks/rest/webhook"
    # Warm-up: TensorFlow allocates on the first messages; measure memory after that.
    for i, tekst in enumerate(["hoi", "mijn zoon wordt gepest", "groep 6", "hoi", "ik word gepest"] * 2):
        requests.post(url, json={"sender": f"warm-{i % 2}", "message": tekst}, timeout=60).raise_for_status()
    rss_voor = rss_mb(rasa.pid)

    hoogste = {"rss": rss_voor}
    stop = threading.Event()

    def noodrem():
        while not stop.is_set() and rasa.poll() is None:
            hoogste["rss"] = max(hoogste["rss"], rss_mb(rasa.pid))
            if hoogste["rss"] > RSS_NOODREM_MB:
                rasa.kill()
                return
            time.sleep(0.1)

    threading.Thread(target=noodrem, daemon=True).start()
    rnd = random.Random(SEED)
    gevallen = invoer(rnd)
    fouten, stil, telling, begin = [], [], {}, time.monotonic()
    geprobeerd, laatste, traagste = 0, "", (0.0, "")
    try:
        for label, body, soort, heeft_tekst in gevallen:
            if time.monotonic() - begin > MAX_SECONDEN:
                break
            headers = {"Content-Type": soort} if soort else {}
            laatste = label
            t0 = time.monotonic()
            try:
                r = requests.post(url, data=body, headers=headers, timeout=60)
                traagste = max(traagste, (round(time.monotonic() - t0, 2), label))
            except requests.RequestException as e:
                fouten.append(f"{label}: {type(e).__name__}")
                if rasa.poll() is not None:
                    break
                continue
            finally:
                geprobeerd += 1
            telling[r.status_code] = telling.get(r.status_code, 0) + 1
            if r.status_code >= 500:
                fouten.append(f"{label}: HTTP {r.status_code}")
            elif r.status_code == 200 and heeft_tekst:
                try:
                    antwoord = r.json()
                except ValueError:
                    antwoord = None
                if not (isinstance(antwoord, list) and is_nederlands_antwoord(antwoord)):
                    stil.append(f"{label}: {str(antwoord)[:120]}")
    finally:
        stop.set()
    duur = time.monotonic() - begin
    rss_na = rss_mb(rasa.pid) if rasa.poll() is None else -1.0
    log = servers.werkmap.joinpath("rasa.log").read_text(errors="replace")
    onverwacht = [r for r in log.splitlines() if "Traceback" in r or "Exception" in r or " ERROR " in r]
    samenvatting = {
        "seed": SEED, "geprobeerd": geprobeerd, "van": len(gevallen), "seconden": round(duur, 1),
        "status": telling, "rss_voor_mb": round(rss_voor), "rss_na_mb": round(rss_na), "rss_hoogste_mb": round(hoogste["rss"]),
        
        "laatste": laatste, "traagste": traagste, "noodrem": hoogste["rss"] > RSS_NOODREM_MB,
        "fouten": fouten[:20], "zonder_nederlands_antwoord": stil[:20], "log": onverwacht[:20],
    }
    print("\nFUZZ " + json.dumps(samenvatting, ensure_ascii=False))
    (servers.werkmap / "fuzz.json").write_text(json.dumps(samenvatting, ensure_ascii=False, indent=1))

    assert rasa.poll() is None, f"Rasa stopte tijdens de fuzz-run (RSS hoogste {hoogste['rss']:.0f} MB)"
    assert geprobeerd == len(gevallen), f"only {geprobeerd} of {len(gevallen)} in {MAX_SECONDEN} s"
    assert not fouten, fouten
    assert not onverwacht, onverwacht
    assert not stil, stil
    assert rss_na - rss_voor < RSS_GROEI_MAX_MB, (rss_voor, rss_na)
    # Still working normally afterwards.
    assert is_nederlands_antwoord(servers.zeg("na-fuzz", "mijn dochter wordt gepest"))
