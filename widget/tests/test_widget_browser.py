"""The widget in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
against the real Rasa + action server, started by the fixture. Each scenario is one Node run of
browser.mjs; its step log is printed when it fails."""
import pytest
import requests

from widget_omgeving import draai

@pytest.mark.parametrize("scenario", ["gesprek", "mobiel", "herverbinden", "snelweg", "wissen", "vreemdeOorsprong"])
def test_browser(omgeving, screenshots, scenario):
    assert f"OK {scenario}" in draai(omgeving, screenshots, scenario)


def test_rasa_webchat_protocol(omgeving, screenshots):
    """The socketio settings in credentials.yml work for the rasa-webchat widget's protocol."""
    draai(omgeving, screenshots, omgeving.rasa_direct, omgeving.web, script="rasa_webchat_protocol.mjs")


def test_cors_alleen_voor_de_widgetpagina(omgeving):
    polling = omgeving.rasa_direct + "/socket.io/?EIO=4&transport=polling"
    goed = requests.get(polling, headers={"Origin": omgeving.web}, timeout=10)
    assert goed.headers.get("Access-Control-Allow-Origin") == omgeving.web
    vreemd = requests.get(polling, headers={"Origin": "https://kwaadwillend.example"}, timeout=10)
    assert "Access-Control-Allow-Origin" not in vreemd.headers
    rest = requests.options(omgeving.rasa_direct + "/webhooks/rest/webhook", timeout=10, headers={
        "Origin": "https://kwaadwillend.example", "Access-Control-Request-Method": "POST"})
    assert rest.headers.get("Access-Control-Allow-Origin") in (None, "")
