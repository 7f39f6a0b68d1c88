"""One real Rasa server (plus action server) for all channel tests, with WhatsApp and Telegram
enabled through environment variables and pointed at local fakes of their APIs."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, Optional
from unittest import mock

import pytest
import requests

from channels.tests.nep_servers import NepGraph, NepTelegram

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integratie"))
from servers import Servers  # noqa: E402  (the project's own helper, reused unchanged)

GEHEIMEN = {
    "WHATSAPP_APP_SECRET": secrets.token_hex(16),
    "WHATSAPP_VERIFY_TOKEN": secrets.token_urlsafe(16),
    "WHATSAPP_ACCESS_TOKEN": "EAAtest" + secrets.token_hex(8),
    "WHATSAPP_PHONE_NUMBER_ID": "106540352242922",
    "WHATSAPP_GRAPH_VERSION": "v21.0",
    "TELEGRAM_BOT_TOKEN": "123456:" + secrets.token_urlsafe(20),
    "TELEGRAM_SECRET_TOKEN": secrets.token_urlsafe(24),
    "CHANNEL_PSEUDONYM_KEY": secrets.token_hex(32),
}


class KanaalServers(Servers):
    """The project's Servers with extra environment variables for the channels."""

    def __init__(self, werkmap: Path, extra_env: Dict[str, str]) -> None:
        super().__init__(werkmap)
        self.extra_env = extra_env

    def __enter__(self) -> "KanaalServers":
        # Servers copies os.environ when it starts the processes.
        with mock.patch.dict(os.environ, self.extra_env):
            super().__enter__()
        return self

    def whatsapp(self, melding: Any, handtekening: Optional[str] = "goed") -> requests.Response:
        body = json.dumps(melding).encode()
        kop = {"Content-Type": "application/json"}
        if handtekening == "goed":
            kop["X-Hub-Signature-256"] = "sha256=" + hmac.new(
                GEHEIMEN["WHATSAPP_APP_SECRET"].encode(), body, hashlib.sha256).hexdigest()
        elif handtekening is not None:
            kop["X-Hub-Signature-256"] = handtekening
        return requests.post(self.url + "/webhooks/whatsapp/webhook", data=body, headers=kop, timeout=60)

    def telegram(self, update: Any, geheim: Optional[str] = "goed") -> requests.Response:
        kop = {}
        if geheim == "goed":
            kop["X-Telegram-Bot-Api-Secret-Token"] = GEHEIMEN["TELEGRAM_SECRET_TOKEN"]
        elif geheim is not None:
            kop["X-Telegram-Bot-Api-Secret-Token"] = geheim
        return requests.post(self.url + "/webhooks/telegram/webhook", json=update, headers=kop, timeout=60)


@pytest.fixture(scope="session")
def nep_graph() -> Iterator[NepGraph]:
    with NepGraph() as nep:
        yield nep


@pytest.fixture(scope="session")
def nep_telegram() -> Iterator[NepTelegram]:
    with NepTelegram() as nep:
        yield nep


@pytest.fixture(scope="session")
def servers(tmp_path_factory, nep_graph, nep_telegram) -> Iterator[KanaalServers]:
    env = {**GEHEIMEN, "WHATSAPP_GRAPH_URL": nep_graph.url, "TELEGRAM_API_URL": nep_telegram.url}
    with KanaalServers(tmp_path_factory.mktemp("kanalen"), env) as s:
        yield s


@pytest.fixture
def graph(nep_graph) -> NepGraph:
    nep_graph.wis()
    return nep_graph


@pytest.fixture
def telegram(nep_telegram) -> NepTelegram:
    nep_telegram.wis()
    return nep_telegram
