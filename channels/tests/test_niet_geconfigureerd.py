"""Without environment variables Rasa must still start (make run, the other tests): the channels
are registered exactly as Rasa does it, and every webhook request is refused with 503."""
from __future__ import annotations

import asyncio
import socket
import threading

import pytest
import requests
from sanic import Sanic

from rasa.core.channels.channel import register

from channels.telegram import TelegramInput
from channels.whatsapp import WhatsAppInput

VARIABELEN = ("WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_PHONE_NUMBER_ID",
              "CHANNEL_PSEUDONYM_KEY", "TELEGRAM_BOT_TOKEN", "TELEGRAM_SECRET_TOKEN")


@pytest.fixture(scope="module")
def app_url():
    with pytest.MonkeyPatch.context() as mp:
        for naam in VARIABELEN:
            mp.delenv(naam, raising=False)
        kanalen = [WhatsAppInput.from_credentials({}), TelegramInput.from_credentials({})]
    app = Sanic("kanalen_zonder_config")
    register(kanalen, app, route="/webhooks/")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    loop = asyncio.new_event_loop()
    klaar = threading.Event()

    async def start():
        server = await app.create_server(host="127.0.0.1", port=poort, return_asyncio_server=True)
        await server.startup()
        klaar.set()
        await server.serve_forever()

    def draai():
        try:
            loop.run_until_complete(start())
        except RuntimeError:  # "Event loop stopped before Future completed": our own stop below
            pass

    thread = threading.Thread(target=draai, daemon=True)
    thread.start()
    assert klaar.wait(20)
    yield f"http://127.0.0.1:{poort}"
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_whatsapp_weigert_met_503(app_url):
    url = app_url
    assert requests.get(url + "/webhooks/whatsapp/webhook", params={"hub.mode": "subscribe", "hub.verify_token": "",
                                                                    "hub.challenge": "1"}, timeout=10).status_code == 503
    assert requests.post(url + "/webhooks/whatsapp/webhook", data=b"{}", timeout=10).status_code == 503
    assert requests.get(url + "/webhooks/whatsapp/", timeout=10).json() == {"status": "niet geconfigureerd"}


def test_telegram_weigert_met_503(app_url):
    url = app_url
    r = requests.post(url + "/webhooks/telegram/webhook", json={"update_id": 1}, timeout=10,
                      headers={"X-Telegram-Bot-Api-Secret-Token": ""})
    assert r.status_code == 503
