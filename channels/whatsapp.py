"""WhatsApp Business Cloud API as a Rasa input channel (`/webhooks/whatsapp/webhook`).

- GET  /webhook: Meta's verification handshake (hub.mode / hub.verify_token / hub.challenge).
- POST /webhook: only with a valid X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app
  secret); otherwise 401/403 and nothing reaches Rasa.
- The sender id Rasa sees is a keyed hash of the phone number; the number itself stays in memory
  (see README.md in this folder for the data flow).
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import random
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import aiohttp
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage

from channels.limieten import TE_LANG, TE_SNEL, grens_voor, max_tekens
from channels.gemeenschappelijk import (
    PSEUDONIEM_SLEUTEL_ENV,
    GebondenUitvoer,
    KnopCodes,
    TijdelijkGeheugen,
    gelijk,
    kort_af,
    platte_tekst,
    pseudoniem,
    splits_tekst,
    uit_omgeving,
)

logger = logging.getLogger(__name__)

KANAAL = "whatsapp"
# Meta's webhook bodies are a few KB; refuse anything far bigger before checking the signature.
MAX_BODY_BYTES = 262_144
TEKST_LIMIET = 4096
INTERACTIEF_BODY_LIMIET = 1024
MAX_KNOPPEN = 3
KNOP_TITEL_LIMIET = 20
KNOP_ID_LIMIET = 256
LIJST_RIJEN = 10
RIJ_TITEL_LIMIET = 24
RIJ_OMSCHRIJVING_LIMIET = 72
RIJ_ID_LIMIET = 200
# WhatsApp allows free-form replies only within 24 h of the user's last message: keeping the
# address longer would be useless, keeping it shorter would break the "latest" output channel.
ADRES_TTL = 24 * 3600
# Meta retries a webhook for up to a day or so; a week of message-id hashes is small.
GEZIEN_TTL = 7 * 24 * 3600

NIET_ONDERSTEUND = (
    "Sorry, foto's, spraakberichten, video's en stickers kan ik niet bekijken of beluisteren. "
    "Wil je in een paar woorden typen wat er aan de hand is? Bij direct gevaar bel je 112."
)
KIES = "Kies een antwoord:"
MEER_KEUZES = "Meer keuzes:"


class WhatsAppOutput(OutputChannel):
    """Sends through the Graph API. Addresses are phone numbers (from GebondenUitvoer) or, for
    messages Rasa sends outside a webhook (e.g. the HTTP API's `output_channel=latest`), a
    pseudonym looked up in the short-lived in-process address book."""

    @classmethod
    def name(cls) -> Text:
        return KANAAL

    def __init__(
        self,
        access_token: Optional[Text],
        phone_number_id: Optional[Text],
        graph_url: Text = "https://graph.facebook.com",
        graph_versie: Text = "v21.0",
        adresboek: Optional[TijdelijkGeheugen[Text, Text]] = None,
        knop_codes: Optional[KnopCodes] = None,
        max_pogingen: int = 4,
        basis_wacht: float = 0.5,
        max_wacht: float = 8.0,
        timeout: float = 15.0,
    ) -> None:
        self.access_token = access_token
        self.phone_number_id = phone_number_id
        self.graph_url = graph_url.rstrip("/")
        self.graph_versie = graph_versie.strip("/")
        self.adresboek = adresboek if adresboek is not None else TijdelijkGeheugen(ADRES_TTL)
        self.knop_codes = knop_codes or KnopCodes()
        self.max_pogingen = max(1, max_pogingen)
        self.basis_wacht = basis_wacht
        self.max_wacht = max_wacht
        self.timeout = timeout

    @property
    def berichten_url(self) -> Text:
        return f"{self.graph_url}/{self.graph_versie}/{self.phone_number_id}/messages"

    def _adres(self, recipient_id: Text) -> Optional[Text]:
        if recipient_id.startswith(KANAAL[:2] + "-"):
            adres = self.adresboek.haal(recipient_id)
            if adres is None:
                logger.warning("WhatsApp: geen adres (meer) voor dit gesprek; bericht niet verstuurd")
            return adres
        return recipient_id

    async def _verstuur(self, recipient_id: Text, inhoud: Dict[Text, Any]) -> bool:
        """One Graph API call with bounded retries on 429, 5xx and network errors. Never raises:
        a failed delivery must not break the conversation in Rasa."""
        adres = self._adres(recipient_id)
        if adres is None:
            return False
        if not (self.access_token and self.phone_number_id):
            logger.warning("WhatsApp is niet geconfigureerd; bericht niet verstuurd")
            return False
        body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": adres, **inhoud}
        kop = {"Authorization": f"Bearer {self.access_token}"}
        for poging in range(1, self.max_pogingen + 1):
            wacht = min(self.max_wacht, self.basis_wacht * 2 ** (poging - 1)) * (0.8 + 0.4 * random.random())
            try:
                async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout)) as sessie:
                    async with sessie.post(self.berichten_url, json=body, headers=kop) as antwoord:
                        status = antwoord.status
                        tekst = await antwoord.text()
                        retry_after = antwoord.headers.get("Retry-After")
            except (aiohttp.ClientError, asyncio.TimeoutError) as fout:
                logger.warning("WhatsApp: Graph API onbereikbaar (%s), poging %d/%d",
                               type(fout).__name__, poging, self.max_pogingen)
            else:
                if 200 <= status < 300:
                    return True
                if status != 429 and status < 500:
                    # 4xx other than 429 will not get better by retrying. Log Meta's error code,
                    # never the body we sent (it holds the number).
                    logger.error("WhatsApp: Graph API weigert bericht (%d): %s", status, _foutcode(tekst))
                    return False
                logger.warning("WhatsApp: Graph API %d, poging %d/%d", status, poging, self.max_pogingen)
                if retry_after and retry_after.strip().isdigit():
                    wacht = min(self.max_wacht, float(retry_after))
            if poging < self.max_pogingen:
                await asyncio.sleep(wacht)
        logger.error("WhatsApp: bericht niet verstuurd na %d pogingen", self.max_pogingen)
        return False

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for deel in splits_tekst(platte_tekst(text, vet="*"), TEKST_LIMIET):
            await self._verstuur(recipient_id, {"type": "text", "text": {"preview_url": False, "body": deel}})

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        text = platte_tekst(text or "", vet="*").strip()
        knoppen = [k for k in buttons if k.get("title") or k.get("payload")]
        if not knoppen:
            await self.send_text_message(recipient_id, text)
            return
        # An interactive body holds at most 1024 characters: a longer text goes first, on its own.
        if len(text) > INTERACTIEF_BODY_LIMIET:
            await self.send_text_message(recipient_id, text)
            text = KIES
        for inhoud in self.interactief(text or KIES, knoppen):
            await self._verstuur(recipient_id, inhoud)

    def interactief(self, body: Text, knoppen: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
        """Rasa buttons as reply buttons (at most 3, titles up to 20 characters) or, when there
        are more or a title is longer, as list messages of at most 10 rows each."""
        titels = [" ".join(str(k.get("title") or k.get("payload")).split()) for k in knoppen]
        payloads = [str(k.get("payload") or k.get("title")) for k in knoppen]
        if len(knoppen) <= MAX_KNOPPEN and all(len(t) <= KNOP_TITEL_LIMIET for t in titels):
            return [{
                "type": "interactive",
                "interactive": {
                    "type": "button",
                    "body": {"text": body},
                    "action": {"buttons": [
                        {"type": "reply", "reply": {"id": self.knop_codes.naar_id(p, KNOP_ID_LIMIET), "title": t}}
                        for t, p in zip(titels, payloads)
                    ]},
                },
            }]
        berichten = []
        for start in range(0, len(knoppen), LIJST_RIJEN):
            rijen = []
            for t, p in zip(titels[start:start + LIJST_RIJEN], payloads[start:start + LIJST_RIJEN]):
                rij = {"id": self.knop_codes.naar_id(p, RIJ_ID_LIMIET), "title": kort_af(t, RIJ_TITEL_LIMIET)}
                if rij["title"] != t:
                    # The whole title stays readable in the row's description.
                    rij["description"] = kort_af(t, RIJ_OMSCHRIJVING_LIMIET)
                rijen.append(rij)
            berichten.append({
                "type": "interactive",
                "interactive": {
                    "type": "list",
                    "body": {"text": body if start == 0 else MEER_KEUZES},
                    "action": {"button": "Kies een antwoord", "sections": [{"title": "Antwoorden", "rows": rijen}]},
                },
            })
        return berichten

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self._verstuur(recipient_id, {"type": "image", "image": {"link": image}})

    async def send_attachment(self, recipient_id: Text, attachment: Text, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, str(attachment))

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        # A `custom` response is taken as a Graph API message object ("type": ... and its field).
        inhoud = {k: v for k, v in json_message.items() if k not in ("to", "messaging_product", "recipient_type")}
        if "type" in inhoud:
            await self._verstuur(recipient_id, inhoud)


def _dict(waarde: Any) -> Dict[Text, Any]:
    return waarde if isinstance(waarde, dict) else {}


def _lijst(waarde: Any) -> List[Any]:
    return waarde if isinstance(waarde, list) else []


def _foutcode(tekst: Text) -> Text:
    try:
        fout = json.loads(tekst).get("error", {})
        return f"code {fout.get('code')} {fout.get('type', '')}".strip()
    except (ValueError, AttributeError):
        return "onbekende fout"


class WhatsAppInput(InputChannel):
    """Incoming webhooks from the WhatsApp Business Cloud API."""

    @classmethod
    def name(cls) -> Text:
        return KANAAL

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        # Never raises on missing values: `rasa run` must start without WhatsApp configured
        # (make run, the other tests); the webhook then answers 503.
        c = credentials or {}
        return cls(
            app_secret=uit_omgeving(c, "app_secret", "WHATSAPP_APP_SECRET"),
            verify_token=uit_omgeving(c, "verify_token", "WHATSAPP_VERIFY_TOKEN"),
            access_token=uit_omgeving(c, "access_token", "WHATSAPP_ACCESS_TOKEN"),
            phone_number_id=uit_omgeving(c, "phone_number_id", "WHATSAPP_PHONE_NUMBER_ID"),
            pseudoniem_sleutel=uit_omgeving(c, "pseudonym_key", PSEUDONIEM_SLEUTEL_ENV),
            graph_url=uit_omgeving(c, "graph_url", "WHATSAPP_GRAPH_URL", "https://graph.facebook.com"),
            graph_versie=uit_omgeving(c, "graph_version", "WHATSAPP_GRAPH_VERSION", "v21.0"),
        )

    def __init__(
        self,
        app_secret: Optional[Text],
        verify_token: Optional[Text],
        access_token: Optional[Text],
        phone_number_id: Optional[Text],
        pseudoniem_sleutel: Optional[Text],
        graph_url: Text = "https://graph.facebook.com",
        graph_versie: Text = "v21.0",
    ) -> None:
        self.app_secret = app_secret
        self.verify_token = verify_token
        self.sleutel = pseudoniem_sleutel.encode() if pseudoniem_sleutel else None
        self.gezien: TijdelijkGeheugen[Text, bool] = TijdelijkGeheugen(GEZIEN_TTL)
        self.grens = grens_voor(KANAAL)
        self.uitvoer = WhatsAppOutput(access_token, phone_number_id, graph_url or "", graph_versie or "")
        ontbrekend = [n for n, w in (
            ("WHATSAPP_APP_SECRET", app_secret), ("WHATSAPP_VERIFY_TOKEN", verify_token),
            ("WHATSAPP_ACCESS_TOKEN", access_token), ("WHATSAPP_PHONE_NUMBER_ID", phone_number_id),
            (PSEUDONIEM_SLEUTEL_ENV, pseudoniem_sleutel)) if not w]
        self.geconfigureerd = not ontbrekend
        if ontbrekend:
            logger.info("WhatsApp-kanaal staat uit (ontbreekt: %s); de webhook antwoordt 503", ", ".join(ontbrekend))

    def get_output_channel(self) -> OutputChannel:
        return self.uitvoer

    def _handtekening_klopt(self, request: Request) -> Optional[HTTPResponse]:
        kop = request.headers.get("X-Hub-Signature-256")
        if not kop:
            return response.text("ontbrekende handtekening", status=401)
        verwacht = "sha256=" + hmac.new(self.app_secret.encode(), request.body or b"", hashlib.sha256).hexdigest()
        if not gelijk(kop.strip().lower(), verwacht):
            logger.warning("WhatsApp: webhook met ongeldige handtekening geweigerd")
            return response.text("ongeldige handtekening", status=403)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("whatsapp_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.geconfigureerd else "niet geconfigureerd"})

        @bp.route("/webhook", methods=["GET"])
        async def verifieer(request: Request) -> HTTPResponse:
            if not self.geconfigureerd:
                return response.text("WhatsApp is niet geconfigureerd", status=503)
            if request.args.get("hub.mode") == "subscribe" and gelijk(request.args.get("hub.verify_token"), self.verify_token):
                return response.text(request.args.get("hub.challenge", ""))
            return response.text("verificatie mislukt", status=403)

        @bp.route("/webhook", methods=["POST"])
        async def ontvang(request: Request) -> HTTPResponse:
            if not self.geconfigureerd:
                return response.text("WhatsApp is niet geconfigureerd", status=503)
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.text("te groot", status=413)
            geweigerd = self._handtekening_klopt(request)
            if geweigerd is not None:
                return geweigerd
            try:
                melding = json.loads(request.body)
            except (ValueError, RecursionError):
                return response.text("geen JSON", status=400)
            if not isinstance(melding, dict):
                return response.text("onverwacht formaat", status=400)
            # Signed but oddly shaped parts are skipped: a retry by Meta would not make them better.
            for entry in _lijst(melding.get("entry")):
                for change in _lijst(_dict(entry).get("changes")):
                    waarde = _dict(_dict(change).get("value"))
                    # Delivery/read receipts: nothing to say back.
                    for bericht in _lijst(waarde.get("messages")):
                        if not isinstance(bericht, dict):
                            continue
                        try:
                            await self._verwerk(bericht, on_new_message)
                        except Exception as fout:  # noqa: BLE001 - report as 500 so Meta retries
                            logger.error("WhatsApp: verwerken mislukt (%s)", type(fout).__name__)
                            logger.debug("details", exc_info=True)
                            return response.text("fout", status=500)
            return response.text("EVENT_RECEIVED")

        return bp

    def _sleutel_hash(self, tekst: Text) -> Text:
        # Message ids (wamid) encode the sender's number: only their keyed hash is kept.
        return hmac.new(self.sleutel, f"wamid:{tekst}".encode(), hashlib.sha256).hexdigest()

    async def _verwerk(self, bericht: Dict[Text, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        nummer = str(bericht.get("from") or "")
        bericht_id = str(bericht.get("id") or "")
        if not nummer:
            return
        merk = self._sleutel_hash(bericht_id) if bericht_id else None
        if merk and not self.gezien.voeg_toe_als_nieuw(merk, True):
            logger.debug("WhatsApp: dubbele webhook genegeerd")
            return
        try:
            afzender = pseudoniem(self.sleutel, KANAAL, nummer)
            self.uitvoer.adresboek.zet(afzender, nummer)
            uitvoer = GebondenUitvoer(self.uitvoer, nummer)
            soort = bericht.get("type")
            tekst = self._tekst_uit(bericht)
            if tekst is None:
                if soort in ("reaction", "system", "ephemeral", "request_welcome"):
                    return  # emoji reactions etc.: nothing to answer
                await uitvoer.send_response(afzender, {"text": NIET_ONDERSTEUND})
                return
            if not tekst.strip():
                return
            tekst = tekst.encode("utf-8", "replace").decode("utf-8")  # lone surrogates (JSON escapes)
            if len(tekst) > max_tekens():
                await uitvoer.send_response(afzender, {"text": TE_LANG})
                return
            if not self.grens.mag(afzender, tekst):
                logger.warning("WhatsApp: afzender stuurt te snel; bericht niet verwerkt")
                await uitvoer.send_response(afzender, {"text": TE_SNEL})
                return
            metadata = {"whatsapp": {"type": str(soort)[:40], "doorgestuurd": bool(_dict(bericht.get("context")).get("forwarded"))}}
            await on_new_message(UserMessage(tekst, uitvoer, afzender, input_channel=KANAAL, metadata=metadata))
        except Exception:
            if merk:
                self.gezien.verwijder(merk)  # let Meta's retry try again
            raise

    def _tekst_uit(self, bericht: Dict[Text, Any]) -> Optional[Text]:
        soort = bericht.get("type")
        if soort == "text":
            return str(_dict(bericht.get("text")).get("body") or "")
        if soort == "interactive":
            interactief = _dict(bericht.get("interactive"))
            keuze = _dict(interactief.get(str(interactief.get("type") or "")))
            if interactief.get("type") in ("button_reply", "list_reply") and keuze.get("id"):
                return self.uitvoer.knop_codes.naar_payload(str(keuze["id"]), keuze.get("title"))
            return None
        if soort == "button":  # quick-reply button of a template message
            knop = _dict(bericht.get("button"))
            return str(knop.get("payload") or knop.get("text") or "")
        if soort in ("image", "video", "document"):
            # A screenshot with a caption: the caption is what we can understand.
            onderschrift = _dict(bericht.get(soort)).get("caption")
            return str(onderschrift) if onderschrift else None
        return None
