"""Rasa's Telegram connector, hardened (`/webhooks/telegram/webhook`).

Differences from rasa.core.channels.telegram:
- every update must carry X-Telegram-Bot-Api-Secret-Token equal to the secret given to setWebhook
  (constant-time compare); otherwise 403 and nothing reaches Rasa;
- no getMe call per update, and no setWebhook at start-up (`python -m channels.telegram
  registreer` does that once, with the secret);
- the sender id is a keyed hash of the chat id; only private chats are served;
- `/start` begins the conversation (greeting in Dutch); buttons are inline keyboards.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.exceptions import RetryAfter, TelegramAPIError
from aiohttp import ClientError
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput

from channels.limieten import TE_LANG, TE_SNEL, grens_voor, max_tekens
from channels.gemeenschappelijk import (
    PSEUDONIEM_SLEUTEL_ENV,
    GebondenUitvoer,
    KnopCodes,
    TijdelijkGeheugen,
    gelijk,
    platte_tekst,
    pseudoniem,
    splits_tekst,
    uit_omgeving,
)

logger = logging.getLogger(__name__)
# aiogram logs every request and response body (chat ids, texts) at DEBUG: keep it out of
# `rasa run --debug` logs.
logging.getLogger("aiogram").setLevel(logging.INFO)

KANAAL = "telegram"
TEKST_LIMIET = 4096
CALLBACK_DATA_LIMIET = 64  # bytes
MAX_BODY_BYTES = 262_144  # one update is a few KB
ADRES_TTL = 24 * 3600
GEZIEN_TTL = 24 * 3600
MAX_POGINGEN = 3
START_PAYLOAD = "/begroeten"
OPNIEUW_PAYLOAD = "/opnieuw_beginnen"

NIET_ONDERSTEUND = (
    "Sorry, foto's, spraakberichten, video's en stickers kan ik niet bekijken of beluisteren. "
    "Wil je in een paar woorden typen wat er aan de hand is? Bij direct gevaar bel je 112."
)


class TelegramOutput(RasaTelegramOutput):
    """Rasa's Telegram output (an aiogram Bot) with a configurable API server, texts split at
    Telegram's 4096-character limit, buttons one per row, and no exception escaping to Rasa."""

    def __init__(
        self,
        access_token: Text,
        api_url: Text = "https://api.telegram.org",
        adresboek: Optional[TijdelijkGeheugen[Text, Text]] = None,
        knop_codes: Optional[KnopCodes] = None,
    ) -> None:
        # Bot.__init__ directly: Rasa's __init__ would use the production server.
        super(RasaTelegramOutput, self).__init__(access_token, server=TelegramAPIServer.from_base(api_url))
        self.adresboek = adresboek if adresboek is not None else TijdelijkGeheugen(ADRES_TTL)
        self.knop_codes = knop_codes or KnopCodes()

    def __repr__(self) -> Text:
        return "<TelegramOutput>"  # aiogram's repr would not leak much, but keep logs clean

    def _adres(self, recipient_id: Text) -> Optional[Text]:
        if str(recipient_id).startswith(KANAAL[:2] + "-"):
            adres = self.adresboek.haal(str(recipient_id))
            if adres is None:
                logger.warning("Telegram: geen chat (meer) voor dit gesprek; bericht niet verstuurd")
            return adres
        return str(recipient_id)

    async def _stuur(self, recipient_id: Text, tekst: Text, reply_markup: Any = None) -> None:
        adres = self._adres(recipient_id)
        if adres is None:
            return
        for poging in range(1, MAX_POGINGEN + 1):
            try:
                await self.send_message(adres, tekst, reply_markup=reply_markup)
                return
            except RetryAfter as fout:
                wacht = min(float(fout.timeout), 10.0)
            except (TelegramAPIError, ClientError, asyncio.TimeoutError) as fout:
                logger.warning("Telegram: sendMessage mislukt (%s), poging %d/%d", type(fout).__name__, poging, MAX_POGINGEN)
                wacht = 0.5 * 2 ** (poging - 1)
            if poging < MAX_POGINGEN:
                await asyncio.sleep(wacht)
        logger.error("Telegram: bericht niet verstuurd na %d pogingen", MAX_POGINGEN)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for deel in splits_tekst(platte_tekst(text), TEKST_LIMIET):
            await self._stuur(recipient_id, deel)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
        button_type: Optional[Text] = "inline", **kwargs: Any,
    ) -> None:
        delen = splits_tekst(platte_tekst(text or ""), TEKST_LIMIET) or ["Kies een antwoord:"]
        for deel in delen[:-1]:
            await self._stuur(recipient_id, deel)
        await self._stuur(recipient_id, delen[-1], reply_markup=self.toetsenbord(buttons))

    def toetsenbord(self, buttons: List[Dict[Text, Any]]) -> InlineKeyboardMarkup:
        """One button per row: Dutch titles are long and must stay readable on a phone."""
        markup = InlineKeyboardMarkup()
        for knop in buttons:
            titel = str(knop.get("title") or knop.get("payload") or "")
            payload = str(knop.get("payload") or titel)
            if knop.get("url"):
                markup.row(InlineKeyboardButton(titel, url=knop["url"]))
            elif titel:
                markup.row(InlineKeyboardButton(titel, callback_data=self.knop_codes.naar_id(payload, CALLBACK_DATA_LIMIET)))
        return markup

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        adres = self._adres(recipient_id)
        if adres is not None:
            try:
                await self.send_photo(adres, image)
            except (TelegramAPIError, ClientError) as fout:
                logger.warning("Telegram: sendPhoto mislukt (%s)", type(fout).__name__)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        adres = self._adres(recipient_id)
        if adres is not None:
            await super().send_custom_json(adres, json_message, **kwargs)


class NietGeconfigureerdeUitvoer(OutputChannel):
    """Stands in when no bot token is set, so Rasa starts and nothing is sent."""

    @classmethod
    def name(cls) -> Text:
        return KANAAL

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        logger.warning("Telegram is niet geconfigureerd; bericht niet verstuurd")


class TelegramInput(RasaTelegramInput):
    """Incoming updates from Telegram's setWebhook, verified by the secret-token header."""

    @classmethod
    def name(cls) -> Text:
        return KANAAL

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        # Never raises: `rasa run` must start without Telegram configured; the webhook then
        # answers 503.
        c = credentials or {}
        return cls(
            access_token=uit_omgeving(c, "access_token", "TELEGRAM_BOT_TOKEN"),
            secret_token=uit_omgeving(c, "secret_token", "TELEGRAM_SECRET_TOKEN"),
            pseudoniem_sleutel=uit_omgeving(c, "pseudonym_key", PSEUDONIEM_SLEUTEL_ENV),
            api_url=uit_omgeving(c, "api_url", "TELEGRAM_API_URL", "https://api.telegram.org"),
            webhook_url=uit_omgeving(c, "webhook_url", "TELEGRAM_WEBHOOK_URL"),
        )

    def __init__(  # noqa: D107 - Rasa's __init__ is deliberately not called (it sets no secret)
        self,
        access_token: Optional[Text],
        secret_token: Optional[Text],
        pseudoniem_sleutel: Optional[Text],
        api_url: Text = "https://api.telegram.org",
        webhook_url: Optional[Text] = None,
    ) -> None:
        self.access_token = access_token
        self.secret_token = secret_token
        self.verify = None  # Rasa's bot-username check (via getMe) is replaced by the secret
        self.webhook_url = webhook_url
        self.debug_mode = False
        self.api_url = api_url
        self.sleutel = pseudoniem_sleutel.encode() if pseudoniem_sleutel else None
        self.gezien: TijdelijkGeheugen[int, bool] = TijdelijkGeheugen(GEZIEN_TTL)
        self.grens = grens_voor(KANAAL)
        ontbrekend = [n for n, w in (
            ("TELEGRAM_BOT_TOKEN", access_token), ("TELEGRAM_SECRET_TOKEN", secret_token),
            (PSEUDONIEM_SLEUTEL_ENV, pseudoniem_sleutel)) if not w]
        self.uitvoer: OutputChannel
        try:
            self.uitvoer = TelegramOutput(access_token, api_url) if access_token else NietGeconfigureerdeUitvoer()
        except Exception:  # aiogram rejects a malformed token; say which variable, not its value
            ontbrekend.append("TELEGRAM_BOT_TOKEN (ongeldig formaat)")
            self.uitvoer = NietGeconfigureerdeUitvoer()
        self.geconfigureerd = not ontbrekend
        if ontbrekend:
            logger.info("Telegram-kanaal staat uit (ontbreekt: %s); de webhook antwoordt 503", ", ".join(ontbrekend))

    def get_output_channel(self) -> OutputChannel:
        # Rasa's version calls setWebhook here, on every start; ours does not.
        return self.uitvoer

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("telegram_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.geconfigureerd else "niet geconfigureerd"})

        @bp.route("/webhook", methods=["POST"])
        async def ontvang(request: Request) -> HTTPResponse:
            if not self.geconfigureerd:
                return response.text("Telegram is niet geconfigureerd", status=503)
            if not gelijk(request.headers.get("X-Telegram-Bot-Api-Secret-Token"), self.secret_token):
                logger.warning("Telegram: update zonder geldig secret-token geweigerd")
                return response.text("geweigerd", status=403)
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.text("te groot", status=413)
            try:
                update = json.loads(request.body)
            except (ValueError, RecursionError):
                return response.text("geen JSON", status=400)
            if not isinstance(update, dict):
                return response.text("onverwacht formaat", status=400)
            update_id = update.get("update_id")
            if isinstance(update_id, int) and not self.gezien.voeg_toe_als_nieuw(update_id, True):
                return response.text("success")  # Telegram retried an update we already handled
            try:
                await self._verwerk(update, on_new_message)
            except Exception as fout:  # noqa: BLE001 - 500 so Telegram retries
                if isinstance(update_id, int):
                    self.gezien.verwijder(update_id)
                logger.error("Telegram: verwerken mislukt (%s)", type(fout).__name__)
                logger.debug("details", exc_info=True)
                return response.text("fout", status=500)
            return response.text("success")

        return bp

    async def _verwerk(self, update: Dict[Text, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        uitvoer = self.uitvoer
        assert isinstance(uitvoer, TelegramOutput)
        # Oddly shaped parts are ignored (a retry would not make them better).
        if isinstance(update.get("callback_query"), dict):
            vraag = update["callback_query"]
            chat = _dict(_dict(vraag.get("message")).get("chat")) or _dict(vraag.get("from"))
            tekst = uitvoer.knop_codes.naar_payload(str(vraag.get("data") or ""))
            try:  # stops the button's loading spinner; failure is cosmetic
                await uitvoer.answer_callback_query(vraag.get("id"))
            except (TelegramAPIError, ClientError) as fout:
                logger.debug("Telegram: answerCallbackQuery mislukt (%s)", type(fout).__name__)
        elif isinstance(update.get("message"), dict):
            bericht = update["message"]
            chat = _dict(bericht.get("chat"))
            tekst = self._tekst_uit(bericht)
        else:
            return  # edited messages, channel posts, polls...: not part of a conversation
        if chat.get("type", "private") != "private" or chat.get("id") is None:
            return  # groups would mix several people in one conversation
        chat_id = str(chat["id"])
        afzender = pseudoniem(self.sleutel, KANAAL, chat_id)
        uitvoer.adresboek.zet(afzender, chat_id)
        gebonden = GebondenUitvoer(uitvoer, chat_id)
        if tekst is None:
            await gebonden.send_response(afzender, {"text": NIET_ONDERSTEUND})
            return
        if not tekst.strip():
            return
        tekst = tekst.encode("utf-8", "replace").decode("utf-8")  # lone surrogates (JSON escapes)
        if len(tekst) > max_tekens():
            await gebonden.send_response(afzender, {"text": TE_LANG})
            return
        if not self.grens.mag(afzender, tekst):
            logger.warning("Telegram: afzender stuurt te snel; bericht niet verwerkt")
            await gebonden.send_response(afzender, {"text": TE_SNEL})
            return
        await on_new_message(UserMessage(tekst, gebonden, afzender, input_channel=KANAAL,
                                         metadata={"telegram": {"knop": bool(update.get("callback_query"))}}))

    @staticmethod
    def _tekst_uit(bericht: Dict[Text, Any]) -> Optional[Text]:
        tekst = bericht.get("text")
        if tekst is None:
            onderschrift = bericht.get("caption")
            return str(onderschrift) if onderschrift else None
        tekst = str(tekst)
        if tekst.startswith("/"):
            opdracht = tekst.split(maxsplit=1)[0].split("@", 1)[0].lower()
            if opdracht == "/start":
                # "/start" (also from a deep link "/start xyz") opens the conversation in Dutch.
                return START_PAYLOAD
            if opdracht in ("/restart", "/opnieuw"):
                return OPNIEUW_PAYLOAD
        return tekst


def _dict(waarde: Any) -> Dict[Text, Any]:
    return waarde if isinstance(waarde, dict) else {}


async def registreer_webhook(api_url: Text, token: Text, webhook_url: Text, secret_token: Text) -> Dict[Text, Any]:
    """setWebhook with the secret Telegram will send back in every update's header."""
    import aiohttp

    async with aiohttp.ClientSession() as sessie:
        async with sessie.post(f"{api_url.rstrip('/')}/bot{token}/setWebhook", json={
            "url": webhook_url,
            "secret_token": secret_token,
            "allowed_updates": ["message", "callback_query"],
        }) as antwoord:
            return await antwoord.json()


def main(argv: List[Text]) -> int:
    """`python -m channels.telegram registreer`: register the webhook once, from the environment."""
    if argv[1:2] != ["registreer"]:
        print("gebruik: python -m channels.telegram registreer", file=sys.stderr)
        return 2
    nodig = ["TELEGRAM_BOT_TOKEN", "TELEGRAM_SECRET_TOKEN", "TELEGRAM_WEBHOOK_URL"]
    ontbrekend = [n for n in nodig if not os.environ.get(n)]
    if ontbrekend:
        print("ontbreekt: " + ", ".join(ontbrekend), file=sys.stderr)
        return 2
    uitkomst = asyncio.run(registreer_webhook(
        os.environ.get("TELEGRAM_API_URL", "https://api.telegram.org"), os.environ["TELEGRAM_BOT_TOKEN"],
        os.environ["TELEGRAM_WEBHOOK_URL"], os.environ["TELEGRAM_SECRET_TOKEN"]))
    print(json.dumps(uitkomst, ensure_ascii=False))
    return 0 if uitkomst.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
