"""Test helpers: log in through the real login form (CSRF token included)."""
from __future__ import annotations

import re

from wegwijzer_helpdesk import accounts

WACHTWOORD = "een-lang-test-wachtwoord"


def csrf_uit(html: str) -> str:
    m = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert m, "geen CSRF-token in formulier"
    return m.group(1)


def client(app):
    c = app.test_client()
    c.environ_base["wsgi.url_scheme"] = "https"  # Secure cookies are only sent over https by the test client
    return c


def inloggen(app, appdb, naam="mira", rol="medewerker"):
    try:
        accounts.maak_account(appdb, naam, WACHTWOORD, rol)
    except accounts.AccountFout:
        pass
    c = client(app)
    token = csrf_uit(c.get("/login").get_data(as_text=True))
    r = c.post("/login", data={"naam": naam, "wachtwoord": WACHTWOORD, "csrf": token})
    assert r.status_code == 302, r.get_data(as_text=True)
    return c


def csrf_van(c, pad="/"):
    return csrf_uit(c.get(pad).get_data(as_text=True))
