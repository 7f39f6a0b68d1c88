"""Shared by the WhatsApp and Telegram channels: configuration from the environment,
pseudonymous sender ids, short-lived in-process memories, and turning Rasa texts and buttons into
something a messaging app shows well."""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import threading
import time
from collections import OrderedDict
from typing import Any, Dict, Generic, List, Optional, Text, TypeVar

from rasa.core.channels.channel import OutputChannel

# One key for both channels; channel names are mixed in so ids never collide between channels.
PSEUDONIEM_SLEUTEL_ENV = "CHANNEL_PSEUDONYM_KEY"

K = TypeVar("K")
V = TypeVar("V")


def uit_omgeving(credentials: Optional[Dict[Text, Any]], sleutel: Text, standaard_env: Text,
                 standaard: Optional[Text] = None) -> Optional[Text]:
    """A setting is read from the environment variable that credentials.yml names
    (`<sleutel>_env: VARIABELE`), so an unset variable never stops `rasa run` from starting.
    A literal value under `<sleutel>` (e.g. from `${VAR}`) is accepted too."""
    credentials = credentials or {}
    if credentials.get(sleutel) not in (None, ""):
        return str(credentials[sleutel])
    naam = credentials.get(f"{sleutel}_env") or standaard_env
    waarde = os.environ.get(str(naam), "")
    return waarde if waarde != "" else standaard


def pseudoniem(sleutel: bytes, kanaal: Text, identiteit: Text) -> Text:
    """Keyed hash (HMAC-SHA256) of a phone number or chat id: stable per person and channel,
    not reversible without the key, and not guessable by hashing all phone numbers."""
    digest = hmac.new(sleutel, f"{kanaal}:{identiteit}".encode(), hashlib.sha256).hexdigest()
    return f"{kanaal[:2]}-{digest[:40]}"


def gelijk(a: Optional[Text], b: Optional[Text]) -> bool:
    """Constant-time comparison of secrets; None never matches."""
    if a is None or b is None:
        return False
    return hmac.compare_digest(a.encode(), b.encode())


class TijdelijkGeheugen(Generic[K, V]):
    """A bounded in-process map whose entries expire. Thread-safe: Sanic runs handlers in one
    loop, but tests and the output channel may touch it from elsewhere."""

    def __init__(self, ttl_seconden: float, max_items: int = 100_000) -> None:
        self.ttl = ttl_seconden
        self.max_items = max_items
        self._data: "OrderedDict[K, tuple[float, V]]" = OrderedDict()
        self._slot = threading.Lock()

    def _opruimen(self, nu: float) -> None:
        while self._data:
            sleutel, (verloopt, _) = next(iter(self._data.items()))
            if verloopt > nu and len(self._data) <= self.max_items:
                break
            self._data.popitem(last=False)

    def zet(self, sleutel: K, waarde: V) -> None:
        with self._slot:
            nu = time.monotonic()
            self._data.pop(sleutel, None)
            self._data[sleutel] = (nu + self.ttl, waarde)
            self._opruimen(nu)

    def haal(self, sleutel: K) -> Optional[V]:
        with self._slot:
            item = self._data.get(sleutel)
            if item is None or item[0] <= time.monotonic():
                return None
            return item[1]

    def voeg_toe_als_nieuw(self, sleutel: K, waarde: V) -> bool:
        """Atomically: True and stored when the key was not (or no longer) there."""
        with self._slot:
            nu = time.monotonic()
            self._opruimen(nu)
            item = self._data.get(sleutel)
            if item is not None and item[0] > nu:
                return False
            self._data[sleutel] = (nu + self.ttl, waarde)
            return True

    def verwijder(self, sleutel: K) -> None:
        with self._slot:
            self._data.pop(sleutel, None)

    def __len__(self) -> int:
        return len(self._data)


class KnopCodes:
    """Button payloads that do not fit the platform's id field (WhatsApp 256/200 characters,
    Telegram 64 bytes) travel as a short code. Payloads are bot texts, never personal data."""

    def __init__(self) -> None:
        self._codes: TijdelijkGeheugen[Text, Text] = TijdelijkGeheugen(7 * 24 * 3600, 10_000)

    def naar_id(self, payload: Text, max_bytes: int) -> Text:
        if len(payload.encode()) <= max_bytes and not payload.startswith("k:"):
            return payload
        code = "k:" + hashlib.sha256(payload.encode()).hexdigest()[:16]
        self._codes.zet(code, payload)
        return code

    def naar_payload(self, knop_id: Text, titel: Optional[Text] = None) -> Text:
        if knop_id.startswith("k:"):
            # After a restart the code is gone: the title still means something to the NLU.
            return self._codes.haal(knop_id) or (titel or "")
        return knop_id


_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+|tel:[^)\s]+|mailto:[^)\s]+)\)")
_VET = re.compile(r"\*\*(.+?)\*\*")


def platte_tekst(tekst: Text, vet: Text = "") -> Text:
    """Markdown links become "text (url)", so links and phone numbers stay readable and tappable
    in apps that do not render markdown; **bold** becomes the app's own bold marker (or none)."""

    def link(m: "re.Match[str]") -> Text:
        label, doel = m.group(1), m.group(2)
        doel_zonder = re.sub(r"^(tel:|mailto:)", "", doel)
        return label if doel_zonder in label else f"{label} ({doel_zonder})"

    tekst = _MARKDOWN_LINK.sub(link, tekst)
    return _VET.sub(lambda m: f"{vet}{m.group(1)}{vet}", tekst)


_ZIN_EINDE = re.compile(r"(?<=[.!?…:;)])\s+")


def splits_tekst(tekst: Text, limiet: int) -> List[Text]:
    """Splits a long text into parts of at most `limiet` characters, preferring paragraph
    breaks, then line breaks, then sentence ends, then spaces; never loses a character other than
    the whitespace at a cut."""
    tekst = tekst.strip()
    delen: List[Text] = []
    while len(tekst) > limiet:
        venster = tekst[: limiet + 1]
        snede = -1
        for patroon in (r"\n\s*\n", r"\n", _ZIN_EINDE.pattern, r"\s+"):
            kandidaten = [m for m in re.finditer(patroon, venster) if 0 < m.start() <= limiet]
            # Ignore cuts that would leave a tiny first part: better a space than a stub.
            kandidaten = [m for m in kandidaten if m.start() >= limiet // 4]
            if kandidaten:
                laatste = kandidaten[-1]
                delen.append(tekst[: laatste.start()].rstrip())
                tekst = tekst[laatste.end():].lstrip()
                snede = laatste.start()
                break
        if snede < 0:
            delen.append(tekst[:limiet])
            tekst = tekst[limiet:].lstrip()
    if tekst:
        delen.append(tekst)
    return [d for d in delen if d]


def kort_af(tekst: Text, limiet: int) -> Text:
    """Shortens a button title at a word boundary with an ellipsis."""
    tekst = " ".join(tekst.split())
    if len(tekst) <= limiet:
        return tekst
    ruimte = tekst[: limiet - 1]
    if " " in ruimte[limiet // 2:]:
        ruimte = ruimte[: ruimte.rfind(" ")]
    return ruimte.rstrip(" ,.;:-") + "…"


class GebondenUitvoer(OutputChannel):
    """The output channel handed to Rasa with one incoming message. Rasa only knows the
    pseudonym; this object holds the real address in memory for the duration of that message,
    so the address never needs to be stored anywhere Rasa writes to."""

    def __init__(self, binnen: OutputChannel, adres: Text) -> None:
        self._binnen = binnen
        self._adres = adres

    def name(self) -> Text:  # type: ignore[override]
        return self._binnen.name()

    def __repr__(self) -> Text:
        # Rasa may log output channels; never show the address.
        return f"<{type(self._binnen).__name__} gebonden>"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        await self._binnen.send_response(self._adres, message)

