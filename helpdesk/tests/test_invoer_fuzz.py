"""Seeded fuzzing of the helpdesk's forms and filters (the real app and its databases, through
Flask's test client; the app runs with testing=True, so any unhandled exception fails the test
instead of becoming a 500). Plus: headers on every page, HSTS behind a TLS proxy, the body limit,
and what a `medewerker` may not do. hypothesis is not in the helpdesk's venv: a fixed-seed loop.

Found by this fuzzing (fixed in web.py): a CSRF token with non-ASCII characters raised in
hmac.compare_digest (500); `?tot=9999-12-31` overflowed (500); and a NUL character in a path,
filter or form field would reach PostgreSQL, which refuses it (500)."""
from __future__ import annotations

import os
import random

import pytest

from hulp import WACHTWOORD, client, csrf_uit, csrf_van, inloggen
from wegwijzer_helpdesk.gesprekken import sleutel_van

SEED = int(os.environ.get("WEGWIJZER_FUZZ_SEED", "20261121"))
RONDES = 150
VELDEN = ["zoek", "rol", "situatie", "onderwijstype", "kanaal", "status", "acuut", "fallback", "handoff", "label",
          "van", "tot", "pagina", "volgende", "maand", "reden", "tekst", "naam", "wachtwoord"]
RANDGEVALLEN = ["", " ", "\x00", "a\x00b", "9999-12-31", "0001-01-01", "2026-02-30", "-1", "1e999", "%", "_", "\\",
                "'; DROP TABLE gesprek; --", "<script>alert(1)</script>", "\"", "\ud7ff", "ja", "nee", "nieuw",
                "x" * 5000, "//evil.example", "/\\evil", "ë" * 300, "🙂" * 50]


def willekeurig(rnd: random.Random) -> str:
    if rnd.random() < 0.5:
        return rnd.choice(RANDGEVALLEN)
    return "".join(chr(rnd.choice([rnd.randint(0x20, 0x7E), rnd.randint(0xA0, 0x2FF), rnd.randint(0x0, 0x1F),
                                   rnd.randint(0x1F300, 0x1F6FF), rnd.randint(0x4E00, 0x4FFF)]))
                   for _ in range(rnd.choice([1, 3, 20, 200])))


def test_formulieren_en_filters_fuzz(omgeving):
    inst, appdb, tracker, app = omgeving
    rnd = random.Random(SEED)
    b = inloggen(app, appdb, "fuzz-beheer", "beheerder")
    sleutels = [sleutel_van(inst.geheim, "hd-acuut"), sleutel_van(inst.geheim, "hd-script"), "bestaat-niet", "%00", "..%2f"]
    telling: dict = {}
    for _ in range(RONDES):
        velden = {rnd.choice(VELDEN): willekeurig(rnd) for _ in range(rnd.randint(0, 4))}
        s = rnd.choice(sleutels)
        soort = rnd.randrange(4)
        if soort == 0:
            r = b.get(rnd.choice(["/", "/statistieken", "/statistieken.csv", "/export/nlu.yml", "/audit",
                                  f"/gesprek/{s}", f"/gesprek/{s}/story.yml"]), query_string=velden)
        elif soort == 1:
            velden["csrf"] = csrf_van(b)
            r = b.post(f"/gesprek/{s}/" + rnd.choice(["status", "label", "label/verwijderen", "notitie", "onthullen"]),
                       data=velden)
        elif soort == 2:  # a forged or missing CSRF token must never do anything
            if rnd.random() < 0.5:
                velden["csrf"] = willekeurig(rnd)
            r = b.post(f"/gesprek/{s}/notitie", data=velden)
            assert r.status_code in (400, 403), r.status_code
        else:
            c = client(app)
            token = csrf_uit(c.get("/login").get_data(as_text=True))
            r = c.post("/login", data={"naam": willekeurig(rnd)[:100], "wachtwoord": willekeurig(rnd), "csrf": token},
                       query_string={"volgende": willekeurig(rnd)})
            assert r.status_code in (400, 401, 429), r.status_code
        telling[r.status_code] = telling.get(r.status_code, 0) + 1
        assert r.status_code < 500, (velden, r.status_code)
    print(f"\nHELPDESK-FUZZ seed {SEED}: {RONDES} verzoeken, status {telling}")


def test_elke_pagina_koppen_en_hsts_achter_tls(omgeving):
    inst, appdb, tracker, app = omgeving
    b = inloggen(app, appdb, "bea", "beheerder")
    s = sleutel_van(inst.geheim, "hd-acuut")
    anoniem = client(app)
    for c, pad in [(anoniem, "/login"), (anoniem, "/"), (anoniem, "/bestaat-niet"), (b, "/"), (b, f"/gesprek/{s}"),
                   (b, "/statistieken"), (b, "/statistieken.csv"), (b, "/audit"), (b, f"/gesprek/{s}/story.yml")]:
        r = c.get(pad, headers={"X-Forwarded-Proto": "https"})
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"], pad
        assert r.headers["X-Content-Type-Options"] == "nosniff", pad
        assert r.headers["Strict-Transport-Security"].startswith("max-age="), pad
    gewoon = app.test_client()  # plain http, no proxy header: no HSTS
    assert "Strict-Transport-Security" not in gewoon.get("/login").headers


def test_te_grote_formulieren_geweigerd(omgeving):
    inst, appdb, tracker, app = omgeving
    b = inloggen(app, appdb)
    s = sleutel_van(inst.geheim, "hd-acuut")
    r = b.post(f"/gesprek/{s}/notitie", data={"csrf": csrf_van(b), "tekst": "a" * 100_000})
    assert r.status_code == 413


def test_medewerker_kan_geen_beheerderswerk(omgeving):
    """Accounts are managed only on the command line (helpdesk.sh); on the web a `medewerker`
    can neither reveal a conversation, nor read the audit log, nor reach any account page."""
    inst, appdb, tracker, app = omgeving
    m = inloggen(app, appdb, "mira", "medewerker")
    s = sleutel_van(inst.geheim, "hd-ouder-gegevens")
    token = csrf_van(m, f"/gesprek/{s}")
    assert m.post(f"/gesprek/{s}/onthullen", data={"csrf": token, "reden": "ik wil het weten, echt"}).status_code == 403
    assert m.get("/audit").status_code == 403
    for pad in ["/accounts", "/account", "/gebruikers", "/beheer", "/admin"]:
        assert m.get(pad).status_code == 404, pad
        assert m.post(pad, data={"csrf": token, "naam": "x", "rol": "beheerder", "wachtwoord": WACHTWOORD}).status_code in (404, 405)
    assert m.get(f"/gesprek/{s}").status_code == 200  # reading the pseudonymised text is allowed
