"""Login, sessions, CSRF, roles, audit log, headers (SQLite tracker store filled by Rasa)."""
import re

from sqlalchemy import select

from hulp import WACHTWOORD, client, csrf_uit, csrf_van, inloggen
from wegwijzer_helpdesk import accounts, db
from wegwijzer_helpdesk.gesprekken import sleutel_van


def audit_acties(appdb):
    with appdb.connect() as c:
        return [(r.gebruiker, r.actie, r.sleutel, r.details) for r in c.execute(select(db.audit)).all()]


def test_niets_bereikbaar_zonder_login(omgeving):
    inst, appdb, tracker, app = omgeving
    c = client(app)
    s = sleutel_van(inst.geheim, "hd-acuut")
    for pad in ["/", f"/gesprek/{s}", f"/gesprek/{s}/story.yml", "/statistieken", "/statistieken.csv",
                "/export/nlu.yml", "/audit"]:
        r = c.get(pad)
        assert r.status_code in (302, 401), pad
        assert "hd-acuut" not in r.get_data(as_text=True)
        if r.status_code == 302:
            assert r.headers["Location"].startswith("/login")
    assert c.get("/", headers={"Accept": "application/json"}).status_code == 401
    token = csrf_uit(c.get("/login").get_data(as_text=True))
    assert c.post(f"/gesprek/{s}/notitie", data={"csrf": token, "tekst": "x"}).status_code in (401, 403)


def test_wachtwoord_argon2_en_cookie(omgeving):
    inst, appdb, tracker, app = omgeving
    c = client(app)
    accounts.maak_account(appdb, "ruud", WACHTWOORD, "medewerker")
    with appdb.connect() as conn:
        assert conn.execute(select(db.gebruiker.c.wachtwoord_hash)).scalar().startswith("$argon2id$")
    token = csrf_uit(c.get("/login").get_data(as_text=True))
    r = c.post("/login", data={"naam": "ruud", "wachtwoord": WACHTWOORD, "csrf": token})
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("__Host-helpdesk=")
    for deel in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"):
        assert deel in cookie


def test_kopteksten(omgeving):
    inst, appdb, tracker, app = omgeving
    r = client(app).get("/login")
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "same-origin"
    assert r.headers["Cache-Control"] == "no-store"


def test_csrf_geweigerd(omgeving):
    inst, appdb, tracker, app = omgeving
    c = inloggen(app, appdb)
    s = sleutel_van(inst.geheim, "hd-acuut")
    assert c.post(f"/gesprek/{s}/label", data={"label": "x"}).status_code == 403
    assert c.post(f"/gesprek/{s}/label", data={"label": "x", "csrf": "0" * 64}).status_code == 403
    goed = csrf_van(c, f"/gesprek/{s}")
    assert c.post(f"/gesprek/{s}/label", data={"label": "x", "csrf": goed},
                  headers={"Origin": "https://kwaad.example"}).status_code == 403
    assert c.post(f"/gesprek/{s}/label", data={"label": "x", "csrf": goed}).status_code == 302
    # login form too: no token, no login
    c2 = client(app)
    assert c2.post("/login", data={"naam": "mira", "wachtwoord": WACHTWOORD}).status_code == 403


def test_inlog_afremmen(omgeving):
    inst, appdb, tracker, app = omgeving
    accounts.maak_account(appdb, "sam", WACHTWOORD, "medewerker")
    c = client(app)
    token = csrf_uit(c.get("/login").get_data(as_text=True))
    codes = [c.post("/login", data={"naam": "sam", "wachtwoord": "fout-fout-fout", "csrf": token}).status_code
             for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    # even the right password is refused while blocked
    assert c.post("/login", data={"naam": "sam", "wachtwoord": WACHTWOORD, "csrf": token}).status_code == 429


def test_uitgeschakeld_account_verliest_sessie(omgeving):
    inst, appdb, tracker, app = omgeving
    c = inloggen(app, appdb, "noor")
    assert c.get("/").status_code == 200
    accounts.zet_actief(appdb, "noor", False)
    assert c.get("/").status_code in (302, 401)


def test_uitloggen_beeindigt_sessie(omgeving):
    inst, appdb, tracker, app = omgeving
    c = inloggen(app, appdb, "lot")
    cookie = c.get_cookie("__Host-helpdesk").value
    c.post("/uitloggen", data={"csrf": csrf_van(c)})
    c2 = client(app)
    c2.set_cookie("__Host-helpdesk", cookie)
    assert c2.get("/").status_code in (302, 401)  # the old cookie is worthless


def test_onthullen_alleen_beheerder_en_geaudit(omgeving):
    inst, appdb, tracker, app = omgeving
    s = sleutel_van(inst.geheim, "hd-ouder-gegevens")
    m = inloggen(app, appdb, "mira", "medewerker")
    html = m.get(f"/gesprek/{s}").get_data(as_text=True)
    assert "Originele tekst inzien" not in html and "Yilmaz" not in html
    assert m.post(f"/gesprek/{s}/onthullen", data={"csrf": csrf_uit(html), "reden": "wil het weten"}).status_code == 403
    b = inloggen(app, appdb, "bea", "beheerder")
    token = csrf_van(b, f"/gesprek/{s}")
    assert b.post(f"/gesprek/{s}/onthullen", data={"csrf": token, "reden": "kort"}).status_code == 400
    r = b.post(f"/gesprek/{s}/onthullen", data={"csrf": token, "reden": "melding van school, dossier 12"})
    assert r.status_code == 200 and "Yilmaz" in r.get_data(as_text=True)
    acties = audit_acties(appdb)
    assert ("bea", "origineel_onthuld", s, "melding van school, dossier 12") in acties
    assert ("mira", "gesprek_bekeken", s, "") in acties
    b.get(f"/gesprek/{s}/story.yml")
    assert any(a[1] == "export_story" and a[2] == s for a in audit_acties(appdb))
    assert m.get("/audit").status_code == 403
    assert "origineel_onthuld" in b.get("/audit").get_data(as_text=True)


def test_script_als_tekst(omgeving):
    inst, appdb, tracker, app = omgeving
    c = inloggen(app, appdb)
    html = c.get(f"/gesprek/{sleutel_van(inst.geheim, 'hd-script')}").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html
    assert "<img src=x" not in html
    assert not re.search(r"<script(?![^>]*src=)", html)  # no inline scripts at all
