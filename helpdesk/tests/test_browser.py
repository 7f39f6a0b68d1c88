"""Browser test: headless Debian Chromium driven by Playwright (no `playwright install`)."""
import os
import threading
import tempfile
from pathlib import Path

import pytest
from waitress import create_server

from hulp import WACHTWOORD
from wegwijzer_helpdesk import accounts
from wegwijzer_helpdesk.gesprekken import sleutel_van

CHROMIUM = os.environ.get("HELPDESK_CHROMIUM", "/usr/bin/chromium")
# Screenshots go to a temporary folder, so a test run leaves the repo clean; refresh the committed
# ones with HELPDESK_SCREENSHOTS=docs (from the project root).
DOCS = Path(os.environ.get("HELPDESK_SCREENSHOTS") or tempfile.mkdtemp(prefix="helpdesk-screenshots-"))
VLAGGEN = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=nl-NL"]


@pytest.fixture
def server(omgeving):
    inst, appdb, tracker, app = omgeving
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    yield inst, appdb, f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: draai helpdesk/setup.sh (installeert Debian chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=VLAGGEN, headless=True)
        yield b
        b.close()


def log_in(page, url, naam):
    page.goto(url + "/login")
    page.get_by_label("Gebruikersnaam").fill(naam)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(url + "/")


def test_werkstroom_in_browser(server, browser, tmp_path):
    inst, appdb, url = server
    accounts.maak_account(appdb, "mira", WACHTWOORD, "medewerker")
    accounts.maak_account(appdb, "bea", WACHTWOORD, "beheerder")
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="nl-NL")
    page = ctx.new_page()
    dialogen = []
    page.on("dialog", lambda d: (dialogen.append(d.message), d.dismiss()))

    # not logged in: refused, sent to the login page
    s_ouder = sleutel_van(inst.geheim, "hd-ouder-gegevens")
    page.goto(f"{url}/gesprek/{s_ouder}")
    assert "/login" in page.url and "Yilmaz" not in page.content()

    log_in(page, url, "mira")
    page.screenshot(path=str(DOCS / "helpdesk-lijst.png"), full_page=True)
    # filter: conversations where someone asked for a person
    page.get_by_label("Mens gevraagd").select_option("ja")
    page.get_by_role("button", name="Filteren").click()
    assert "1 gesprek." in page.locator(".telling").inner_text()
    page.get_by_label("Mens gevraagd").select_option("")
    page.get_by_label("Zoeken in tekst (gepseudonimiseerd)").fill("[TELEFOON")
    page.get_by_role("button", name="Filteren").click()
    page.locator("table.lijst tbody a").first.click()
    assert "/gesprek/" in page.url
    tekst = page.locator(".transcript").inner_text()
    assert "[TELEFOON-1]" in tekst and "06-12345678" not in tekst and "Yilmaz" not in tekst

    # tag, note, status
    page.get_by_label("Nieuw label").fill("school bellen")
    page.get_by_role("button", name="Toevoegen").click()
    assert page.locator(".labels").get_by_text("school bellen").is_visible()
    page.get_by_label("Notitie (zet er geen namen of nummers in)").fill("Ouder teruggebeld, volgt op.")
    page.get_by_role("button", name="Notitie opslaan").click()
    assert page.get_by_text("Ouder teruggebeld, volgt op.").is_visible()
    page.get_by_label("Status").select_option("opvolgen")
    page.get_by_role("button", name="Status opslaan").click()
    assert page.get_by_label("Status").input_value() == "opvolgen"
    page.screenshot(path=str(DOCS / "helpdesk-transcript.png"), full_page=True)

    # export a test story
    with page.expect_download() as dl:
        page.get_by_role("link", name="Exporteer als teststory (YAML)").click()
    story = Path(dl.value.path()).read_text()
    assert "stories:" in story and "Yilmaz" not in story and "06-12345678" not in story

    # CSRF: a POST with the logged-in browser's cookies but without (or with a wrong) token is refused.
    # (fetch() from the page itself is already blocked by the CSP: connect-src falls back to 'none'.)
    doel = f"{url}/gesprek/{s_ouder}/label"
    assert page.request.post(doel, form={"label": "zonder-token"}, max_redirects=0).status == 403
    assert page.request.post(doel, form={"label": "fout", "csrf": "0" * 64}, max_redirects=0).status == 403
    page.reload()
    assert "zonder-token" not in page.locator(".labels").inner_text()

    # a stored <script> is shown as text and never runs
    page.goto(f"{url}/gesprek/{sleutel_van(inst.geheim, 'hd-script')}")
    assert "<script>alert('xss')</script>" in page.locator(".transcript").inner_text()
    page.wait_for_timeout(300)
    assert dialogen == []

    page.goto(url + "/statistieken")
    assert page.locator("svg.staaf").count() >= 4
    page.screenshot(path=str(DOCS / "helpdesk-statistieken.png"), full_page=True)

    # tablet width: transcript still usable
    tab = browser.new_context(viewport={"width": 820, "height": 1180}, locale="nl-NL")
    tp = tab.new_page()
    log_in(tp, url, "mira")
    tp.goto(f"{url}/gesprek/{s_ouder}")
    tp.screenshot(path=str(DOCS / "helpdesk-transcript-tablet.png"), full_page=False)
    tab.close()

    # beheerder reveals the original, which appears in the audit log
    bctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    bp = bctx.new_page()
    log_in(bp, url, "bea")
    bp.goto(f"{url}/gesprek/{s_ouder}")
    bp.get_by_label("Reden (komt in het auditlog)").fill("Vraag van vertrouwensinspecteur, zaak 2026-17")
    bp.get_by_role("button", name="Origineel tonen").click()
    assert "Yilmaz" in bp.locator(".transcript").inner_text()
    bp.goto(url + "/audit")
    rij = bp.locator("tr.actie-origineel_onthuld").first
    assert "Vraag van vertrouwensinspecteur, zaak 2026-17" in rij.inner_text()
    assert "bea" in rij.inner_text()
    assert bp.locator("tr.actie-export_story").count() >= 1
    bp.screenshot(path=str(DOCS / "helpdesk-auditlog.png"), full_page=False)
    ctx.close()
    bctx.close()
