"""Local fakes of Meta's Graph API and Telegram's Bot API: real HTTP servers on loopback that
record every request and answer like the real APIs (shapes from the official documentation)."""
from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qs, urlparse


class Verzoek(dict):
    """One recorded request: method, path, headers, body (parsed)."""


class NepServer:
    def __init__(self) -> None:
        self.verzoeken: List[Verzoek] = []
        self.slot = threading.Lock()
        # Scripted statuses for the next matching requests, e.g. [429, 200].
        self.script: List[int] = []
        nep = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep pytest output quiet
                pass

            def _antwoord(self) -> None:
                lengte = int(self.headers.get("Content-Length") or 0)
                ruw = self.rfile.read(lengte) if lengte else b""
                v = Verzoek(methode=self.command, pad=urlparse(self.path).path,
                            headers={k.lower(): w for k, w in self.headers.items()},
                            body=_parse(self.headers.get("Content-Type", ""), ruw), tijd=time.monotonic())
                with nep.slot:
                    status = nep.script.pop(0) if nep.script else 200
                    nep.verzoeken.append(v)
                code, kop, inhoud = nep.beantwoord(v, status)
                data = json.dumps(inhoud).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                for k, w in kop.items():
                    self.send_header(k, w)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _antwoord

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def beantwoord(self, v: Verzoek, status: int) -> tuple:
        raise NotImplementedError

    def __enter__(self) -> "NepServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def wis(self) -> None:
        with self.slot:
            self.verzoeken.clear()
            self.script.clear()

    def wacht_op(self, voorwaarde: Callable[[List[Verzoek]], bool], seconden: float = 30) -> List[Verzoek]:
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            with self.slot:
                kopie = list(self.verzoeken)
            if voorwaarde(kopie):
                return kopie
            time.sleep(0.05)
        raise AssertionError(f"voorwaarde niet gehaald; ontvangen: {json.dumps(kopie, default=str)[:3000]}")


def _parse(content_type: str, ruw: bytes) -> Any:
    if not ruw:
        return None
    if "json" in content_type:
        return json.loads(ruw)
    if "x-www-form-urlencoded" in content_type:
        return {k: w[0] for k, w in parse_qs(ruw.decode(), keep_blank_values=True).items()}
    if "multipart/form-data" in content_type:
        bericht = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + ruw)
        return {d.get_param("name", header="content-disposition"): d.get_content() for d in bericht.iter_parts()}
    return ruw.decode(errors="replace")


class NepGraph(NepServer):
    """POST /{version}/{phone-number-id}/messages, answered like the Cloud API."""

    def __init__(self) -> None:
        super().__init__()
        self.teller = itertools.count(1)

    def beantwoord(self, v: Verzoek, status: int) -> tuple:
        if status == 429:
            return 429, {"Retry-After": "0"}, {"error": {"message": "(#130429) Rate limit hit", "type": "OAuthException", "code": 130429}}
        if status >= 500:
            return status, {}, {"error": {"message": "Service temporarily unavailable", "type": "OAuthException", "code": 2}}
        if status >= 400:
            return status, {}, {"error": {"message": "(#100) Invalid parameter", "type": "OAuthException", "code": 100}}
        aan = (v["body"] or {}).get("to", "")
        return 200, {}, {"messaging_product": "whatsapp", "contacts": [{"input": aan, "wa_id": aan}],
                         "messages": [{"id": f"wamid.nep{next(self.teller)}"}]}

    def berichten(self, aan: Optional[str] = None) -> List[Dict[str, Any]]:
        with self.slot:
            return [v["body"] for v in self.verzoeken
                    if v["pad"].endswith("/messages") and (aan is None or (v["body"] or {}).get("to") == aan)]


class NepTelegram(NepServer):
    """POST /bot{token}/{method}; records getMe so a test can prove it is never called."""

    def __init__(self) -> None:
        super().__init__()
        self.teller = itertools.count(1)

    def beantwoord(self, v: Verzoek, status: int) -> tuple:
        methode = v["pad"].rsplit("/", 1)[-1]
        if status == 429:
            return 429, {}, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1", "parameters": {"retry_after": 1}}
        if status >= 400:
            return status, {}, {"ok": False, "error_code": status, "description": "Bad Request"}
        body = v["body"] or {}
        if methode == "getMe":
            return 200, {}, {"ok": True, "result": {"id": 123456, "is_bot": True, "first_name": "Wegwijzer", "username": "wegwijzer_bot"}}
        if methode in ("sendMessage", "sendPhoto"):
            chat_id = int(body.get("chat_id", 0))
            return 200, {}, {"ok": True, "result": {"message_id": next(self.teller), "date": int(time.time()),
                                                    "chat": {"id": chat_id, "type": "private"}, "text": body.get("text", "")}}
        return 200, {}, {"ok": True, "result": True}

    def aanroepen(self, methode: str) -> List[Dict[str, Any]]:
        with self.slot:
            return [v["body"] or {} for v in self.verzoeken if v["pad"].endswith("/" + methode)]

    def berichten(self, chat_id: Optional[int] = None) -> List[Dict[str, Any]]:
        uit = []
        for b in self.aanroepen("sendMessage"):
            if chat_id is None or str(b.get("chat_id")) == str(chat_id):
                b = dict(b)
                if isinstance(b.get("reply_markup"), str):
                    b["reply_markup"] = json.loads(b["reply_markup"])
                uit.append(b)
        return uit


def webhook_tekst(nummer: str, bericht_id: str, tekst: str, naam: str = "Ouder", **extra: Any) -> Dict[str, Any]:
    """A `messages` webhook for a text message, shaped like Meta's documented example."""
    return _webhook(nummer, naam, {"from": nummer, "id": bericht_id, "timestamp": str(int(time.time())),
                                   "text": {"body": tekst}, "type": "text", **extra})


def webhook_knop(nummer: str, bericht_id: str, knop_id: str, titel: str, soort: str = "button_reply") -> Dict[str, Any]:
    keuze = {"id": knop_id, "title": titel}
    if soort == "list_reply":
        keuze["description"] = ""
    return _webhook(nummer, "Ouder", {"context": {"from": "15550783881", "id": "wamid.vorige"}, "from": nummer,
                                      "id": bericht_id, "timestamp": str(int(time.time())), "type": "interactive",
                                      "interactive": {"type": soort, soort: keuze}})


def webhook_media(nummer: str, bericht_id: str, soort: str) -> Dict[str, Any]:
    media = {"image": {"mime_type": "image/jpeg", "sha256": "abc", "id": "1003383421387256"},
             "audio": {"mime_type": "audio/ogg; codecs=opus", "sha256": "abc", "id": "1003383421387257", "voice": True},
             "sticker": {"mime_type": "image/webp", "sha256": "abc", "id": "1003383421387258", "animated": False}}[soort]
    return _webhook(nummer, "Ouder", {"from": nummer, "id": bericht_id, "timestamp": str(int(time.time())),
                                      "type": soort, soort: media})


def webhook_status(nummer: str, bericht_id: str) -> Dict[str, Any]:
    return {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "statuses": [{"id": bericht_id, "status": "delivered", "timestamp": str(int(time.time())), "recipient_id": nummer,
                      "conversation": {"id": "6ceb9d929c3bc0bb9dd6f4e11f05ea2e", "origin": {"type": "service"}},
                      "pricing": {"billable": True, "pricing_model": "PMP", "category": "service"}}]}}]}]}


def _webhook(nummer: str, naam: str, bericht: Dict[str, Any]) -> Dict[str, Any]:
    return {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": naam}, "wa_id": nummer}],
        "messages": [bericht]}}]}]}


def telegram_update(update_id: int, chat_id: int, tekst: str, voornaam: str = "Sanne") -> Dict[str, Any]:
    gebruiker = {"id": chat_id, "is_bot": False, "first_name": voornaam, "language_code": "nl"}
    bericht: Dict[str, Any] = {"message_id": update_id, "from": gebruiker, "date": int(time.time()),
                               "chat": {"id": chat_id, "first_name": voornaam, "type": "private"}, "text": tekst}
    if tekst.startswith("/"):
        bericht["entities"] = [{"offset": 0, "length": len(tekst.split()[0]), "type": "bot_command"}]
    return {"update_id": update_id, "message": bericht}


def telegram_knop(update_id: int, chat_id: int, data: str) -> Dict[str, Any]:
    gebruiker = {"id": chat_id, "is_bot": False, "first_name": "Sanne", "language_code": "nl"}
    return {"update_id": update_id, "callback_query": {
        "id": f"4382bfdwdsb323b2d{update_id}", "from": gebruiker, "chat_instance": "-1234567890123",
        "data": data, "message": {"message_id": 1, "from": {"id": 123456, "is_bot": True, "first_name": "Wegwijzer"},
                                  "date": int(time.time()), "chat": {"id": chat_id, "type": "private"}, "text": "Wie ben jij?"}}}


def alle_tekst(berichten: List[Dict[str, Any]]) -> str:
    """The text a person would read in WhatsApp messages sent to the fake."""
    delen = []
    for b in berichten:
        if b.get("type") == "text":
            delen.append(b["text"]["body"])
        elif b.get("type") == "interactive":
            delen.append(b["interactive"]["body"]["text"])
    return "\n".join(delen)

