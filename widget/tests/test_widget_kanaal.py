"""channels/socketio.py (WegwijzerSocketIO) in a real `rasa run`: the server itself refuses other
origins on every transport, and the widget and the rasa-webchat protocol work through it.
Rasa is started here with that channel and without `--cors`; RASA_CORS names the widget page."""
import subprocess

import pytest

from widget_omgeving import HIER, ROOT, Omgeving, draai

CREDENTIALS = """\
rest:
channels.socketio.WegwijzerSocketIO:
  user_message_evt: user_uttered
  bot_message_evt: bot_uttered
  session_persistence: true
  metadata_key: customData
"""


@pytest.fixture(scope="module")
def kanaal(request, tmp_path_factory):
    if "channels.socketio.WegwijzerSocketIO" in (ROOT / "credentials.yml").read_text():
        # credentials.yml already uses this channel: the shared servers test it, no second Rasa.
        yield request.getfixturevalue("omgeving")
        return
    map_ = tmp_path_factory.mktemp("kanaal")
    pad = map_ / "credentials.yml"
    pad.write_text(CREDENTIALS)
    with Omgeving(map_, credentials=pad, cors=False) as o:
        yield o
        log = o.rasa_log.read_text()
        assert "was never awaited" not in log, log[-3000:]


def oorsprong(url: str, origin: str, transport: str) -> str:
    r = subprocess.run(["node", str(HIER / "oorsprong.mjs"), url, origin, transport],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout.strip()


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_andere_oorsprong_geweigerd(kanaal, transport):
    assert oorsprong(kanaal.rasa_direct, "https://kwaadwillend.example", transport) == "GEWEIGERD"
    assert oorsprong(kanaal.rasa_direct, kanaal.web.replace("127.0.0.1", "localhost"), transport) == "GEWEIGERD"
    assert oorsprong(kanaal.rasa_direct, kanaal.web, transport) == "TOEGELATEN"


def test_rasa_webchat_protocol(kanaal, screenshots):
    draai(kanaal, screenshots, kanaal.rasa_direct, kanaal.web, script="rasa_webchat_protocol.mjs")


@pytest.mark.parametrize("scenario", ["herverbinden", "vreemdeOorsprong"])
def test_browser(kanaal, screenshots, scenario):
    assert f"OK {scenario}" in draai(kanaal, screenshots, scenario)
