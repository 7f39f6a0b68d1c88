"""Limits shared by every channel: how long one message may be, and how many messages one sender
may send in a short time (a token bucket per sender, in memory, bounded).

Why: one 50,000-character message drove Rasa past 6 GB (docs/security.md), and one client sending
without pause keeps both cores busy for every pupil. The limits sit in the channels, in front of
the model, where a Dutch answer can still be given.

Safety first: a message that looks like acute danger ("ik wil niet meer leven") is never held back
by the rate limit. It goes to the assistant as usual, so the sender gets 112 / 113 and `acuut` is
set. The cost of that is bounded by what one acute message costs; a flood from many senders or
addresses belongs in the reverse proxy (docs/security.md).

Settings (environment of the Rasa server):
- WEGWIJZER_LIMIET_UIT=1              no rate limit at all (load benchmarks)
- WEGWIJZER_LIMIET_BERICHTEN=20       burst: messages one sender may send at once
- WEGWIJZER_LIMIET_SECONDEN=10        ... and the time in which the bucket fills again
- WEGWIJZER_MAX_TEKENS=4000           longer messages get TE_LANG instead of the model
The numbers in the texts are the confirmed ones from actions/kennisbank/organisaties.yml.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from typing import Callable, Dict, Optional, Text

logger = logging.getLogger(__name__)

TE_LANG = (
    "Je bericht is te lang voor mij. Wil je het in een paar kortere berichten vertellen? "
    "Wil je nu met iemand praten? Bel of chat gratis en anoniem met de Kindertelefoon: 0800-0432. "
    "Ben je in direct gevaar? Bel 112. Denk je aan zelfdoding? Bel 113 of 0800-0113."
)
TE_SNEL = (
    "Je stuurt veel berichten snel achter elkaar. Wacht even en stuur je bericht daarna opnieuw. "
    "Ben je in direct gevaar? Bel 112. Denk je aan zelfdoding? Bel 113 of 0800-0113."
)

STANDAARD_BERICHTEN = 20
STANDAARD_SECONDEN = 10.0
STANDAARD_MAX_TEKENS = 4000
MAX_AFZENDERS = 100_000  # memory bound: the least recently seen senders are forgotten first


def _getal(naam: Text, standaard: float) -> float:
    waarde = os.environ.get(naam, "").strip()
    if not waarde:
        return standaard
    try:
        getal = float(waarde)
    except ValueError:
        logger.warning("%s=%r is geen getal; standaard %s gebruikt", naam, waarde, standaard)
        return standaard
    return getal if getal > 0 else standaard


def max_tekens() -> int:
    return int(_getal("WEGWIJZER_MAX_TEKENS", STANDAARD_MAX_TEKENS))


def is_acuut(tekst: Optional[Text]) -> bool:
    """The same signal words the NLU component uses for 112 / 113 (actions/wegwijzer/herkenning)."""
    if not tekst:
        return False
    try:
        from actions.wegwijzer.herkenning import acuut_soort
    except ImportError:  # pragma: no cover - the project root is always on PYTHONPATH
        return True  # cannot tell: never hold a possibly acute message back
    return acuut_soort(tekst[:STANDAARD_MAX_TEKENS]) is not None


class Snelheidsgrens:
    """Token bucket per key (sender id, socket id, pseudonym). Thread-safe and bounded."""

    def __init__(self, berichten: float = STANDAARD_BERICHTEN, seconden: float = STANDAARD_SECONDEN,
                 uit: bool = False, max_afzenders: int = MAX_AFZENDERS,
                 klok: Callable[[], float] = time.monotonic) -> None:
        self.capaciteit = float(berichten)
        self.per_seconde = float(berichten) / float(seconden)
        self.uit = uit
        self.max_afzenders = max_afzenders
        self.klok = klok
        self._emmers: "OrderedDict[Text, tuple[float, float]]" = OrderedDict()
        self._slot = threading.Lock()

    @classmethod
    def uit_omgeving(cls) -> "Snelheidsgrens":
        uit = os.environ.get("WEGWIJZER_LIMIET_UIT", "").strip().lower() in ("1", "true", "ja", "yes")
        return cls(_getal("WEGWIJZER_LIMIET_BERICHTEN", STANDAARD_BERICHTEN),
                   _getal("WEGWIJZER_LIMIET_SECONDEN", STANDAARD_SECONDEN), uit=uit)

    def beschrijving(self) -> Text:
        if self.uit:
            return "uit"
        return f"{self.capaciteit:g} berichten, daarna {self.per_seconde:g} per seconde"

    def neem(self, sleutel: Text) -> bool:
        """Takes one token; False when the sender's bucket is empty."""
        if self.uit:
            return True
        with self._slot:
            nu = self.klok()
            tokens, toen = self._emmers.pop(sleutel, (self.capaciteit, nu))
            tokens = min(self.capaciteit, tokens + (nu - toen) * self.per_seconde)
            toegestaan = tokens >= 1.0
            if toegestaan:
                tokens -= 1.0
            self._emmers[sleutel] = (tokens, nu)
            while len(self._emmers) > self.max_afzenders:
                self._emmers.popitem(last=False)
            return toegestaan

    def mag(self, sleutel: Text, tekst: Optional[Text] = None) -> bool:
        """True when this message may go to the assistant. Acute messages always may."""
        if self.neem(sleutel):
            return True
        if is_acuut(tekst):
            logger.info("Snelheidsgrens overschreden, maar het bericht lijkt acuut: toch doorgelaten.")
            return True
        return False

    def wacht_seconden(self) -> int:
        return max(1, int(round(1.0 / self.per_seconde)))


_gedeeld: Dict[Text, Snelheidsgrens] = {}
_gedeeld_slot = threading.Lock()


def grens_voor(kanaal: Text) -> Snelheidsgrens:
    """One bucket set per channel per process, read from the environment on first use."""
    with _gedeeld_slot:
        if kanaal not in _gedeeld:
            _gedeeld[kanaal] = Snelheidsgrens.uit_omgeving()
            logger.info("Snelheidsgrens %s: %s", kanaal, _gedeeld[kanaal].beschrijving())
        return _gedeeld[kanaal]
