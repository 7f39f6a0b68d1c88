import os
from pathlib import Path

import pytest

from widget_omgeving import WIDGET, Omgeving


@pytest.fixture(scope="session")
def omgeving(tmp_path_factory):
    if not (WIDGET / "node_modules" / "playwright-core").exists() or not Path("/usr/bin/chromium").exists():
        pytest.fail("widget/setup.sh is niet gedraaid (chromium of node_modules ontbreekt)")
    with Omgeving(tmp_path_factory.mktemp("widget")) as o:
        yield o
        # The pitfall that silences the socketio channel leaves this warning in Rasa's log.
        log = o.rasa_log.read_text()
        assert "was never awaited" not in log, log[-3000:]


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    # WIDGET_SCREENSHOTS=docs refreshes the committed screenshots; otherwise a temp dir.
    gekozen = os.environ.get("WIDGET_SCREENSHOTS")
    return Path(gekozen).resolve() if gekozen else tmp_path_factory.mktemp("screenshots")
