"""The load generator: N simulated users at the same time, each having whole conversations one
after another with a think time between messages, over REST or socketio (or, as the floor, a bare
GET / on the same Rasa server). One asyncio loop in this process, so the generator itself costs
little CPU on the shared 2 cores (its own CPU time is reported too).

Latency of one user message:
- REST: POST sent -> the complete answer received (Rasa's REST channel returns all bot messages
  of the turn in one response).
- socketio: `user_uttered` emitted -> the LAST `bot_uttered` of the burst. The burst has ended when
  no bot message came for `stilte` seconds (default 1.0 s) after the last one; the measured latency
  is the time of that last message, the quiet gap itself is not counted. A bot message that still
  arrives later, during the think time (under load an action can take longer than the gap), is
  counted as `laat` and extends that turn's latency to it: so the latency is always "until the last
  bot message before the user's next message". Only a message later than the user's next message
  would be missed; with a think time of at least 0.5 s after the gap that needs a > 1.5 s pause
  inside one answer.
- Think time: uniform between the two bounds (fixed seed per user), counted from the last bot
  message, so REST and socketio put the same load on the server.
"""
from __future__ import annotations

import asyncio
import math
import os
import random
import resource
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

import aiohttp

from scenario import Gesprek, volgorde

# python-engineio 4.15's CLIENT builds aiohttp.ClientWSTimeout (aiohttp >= 3.10); the lock pins aiohttp
# 3.9.5, where ws_connect takes the same close timeout as a plain float. Client-side shim only:
# without it the Python socketio client cannot open a WebSocket at all (the server is unaffected).
if not hasattr(aiohttp, "ClientWSTimeout"):
    aiohttp.ClientWSTimeout = lambda ws_close=10.0, **_: ws_close

ORIGIN = "http://localhost:8080"  # must be in RASA_CORS of the server under test (channels/socketio.py)
try:  # the rate limit's answer: counted as an error, so a limit that is not switched off shows
    from channels.limieten import TE_SNEL
except ImportError:
    TE_SNEL = "Je stuurt veel berichten snel achter elkaar."
LIMIET_BEGIN = TE_SNEL[:40]


def afgeremd(teksten: list) -> bool:
    return any(isinstance(t, str) and t.startswith(LIMIET_BEGIN) for t in teksten)


@dataclass
class Meting:
    kanaal: str
    begin: float
    latentie_s: float
    berichten: int
    fout: Optional[str] = None


def percentiel(waarden: list[float], p: float) -> Optional[float]:
    """Nearest-rank percentile (p in 0..100): the smallest value with at least p% of the values at
    or below it. No interpolation, so it is always a latency that really occurred."""
    if not waarden:
        return None
    rij = sorted(waarden)
    k = max(1, math.ceil(p / 100 * len(rij)))
    return rij[k - 1]


def samenvatten(metingen: list[Meting], duur_s: float) -> dict:
    goed = [m.latentie_s * 1000 for m in metingen if m.fout is None]
    fouten = [m.fout for m in metingen if m.fout is not None]
    soorten: dict[str, int] = {}
    for f in fouten:
        soorten[f] = soorten.get(f, 0) + 1

    def r(x):
        return None if x is None else round(x, 1)

    return {
        "berichten": len(metingen), "goed": len(goed), "fouten": len(fouten),
        "foutpercentage": round(100 * len(fouten) / len(metingen), 2) if metingen else None,
        "fout_soorten": soorten,
        "p50_ms": r(percentiel(goed, 50)), "p95_ms": r(percentiel(goed, 95)), "p99_ms": r(percentiel(goed, 99)),
        "max_ms": r(max(goed) if goed else None), "gem_ms": r(sum(goed) / len(goed) if goed else None),
        "berichten_per_s": round(len(goed) / duur_s, 2) if duur_s > 0 else None,
        "duur_s": round(duur_s, 1),
    }


class Gebruiker:
    """One simulated user; subclasses say how one message is sent and answered."""

    kanaal = "?"

    def __init__(self, url: str, naam: str, gesprekken: list[Gesprek], zaad: int, denktijd: tuple[float, float],
                 metingen: list, timeout_s: float) -> None:
        self.url, self.naam = url, naam
        self.stroom: Iterator[Gesprek] = volgorde(gesprekken, zaad)
        self.rng = random.Random(zaad + 1)
        self.denktijd = denktijd
        self.metingen = metingen
        self.timeout_s = timeout_s
        self.afgeremd = False  # the last answer was the rate limit's
        self.verzonden = 0  # messages really sent (the soak compares this with the tracker store)
        self.laat = 0
        self.laatste: Optional[int] = None  # index in metingen of this user's last answered message

    async def openen(self) -> None: ...

    async def sluiten(self) -> None: ...

    async def nieuw_gesprek(self, afzender: str) -> None: ...

    async def afronden(self) -> None: ...

    async def zeg(self, afzender: str, tekst: str) -> tuple[float, int, float]:
        """Sends one message; returns (latency s, number of bot messages, time already waited after the answer)."""
        raise NotImplementedError

    async def denk(self, al_gewacht: float) -> None:
        pauze = self.rng.uniform(*self.denktijd) - al_gewacht
        if pauze > 0:
            await asyncio.sleep(pauze)

    async def draai(self, einde: float) -> None:
        try:
            await self.openen()
            nummer = 0
            while time.monotonic() < einde:
                gesprek = next(self.stroom)
                afzender = f"{self.naam}-{nummer}"
                nummer += 1
                try:
                    await self.nieuw_gesprek(afzender)
                except Exception as e:  # no session: this conversation is lost, counted as one error
                    self.metingen.append(Meting(self.kanaal, time.monotonic(), 0.0, 0, "sessie: " + type(e).__name__))
                    await asyncio.sleep(0.5)
                    continue
                for tekst in gesprek.beurten:
                    if time.monotonic() >= einde:
                        break
                    begin = time.monotonic()
                    self.verzonden += 1
                    gewacht = 0.0
                    try:
                        latentie, aantal, gewacht = await self.zeg(afzender, tekst)
                        fout = None if aantal > 0 else "geen antwoord"
                        if self.afgeremd:
                            fout, self.afgeremd = "rate limit", False
                        self.laatste = len(self.metingen)
                        self.metingen.append(Meting(self.kanaal, begin, latentie, aantal, fout))
                    except asyncio.TimeoutError:
                        self.laatste = None
                        self.metingen.append(Meting(self.kanaal, begin, time.monotonic() - begin, 0, "timeout"))
                    except Exception as e:  # connection refused, HTTP error, socket closed, ...
                        self.laatste = None
                        self.metingen.append(Meting(self.kanaal, begin, time.monotonic() - begin, 0, type(e).__name__))
                        await asyncio.sleep(0.5)  # a broken server must not turn this into a busy loop
                    await self.denk(gewacht)
            await self.afronden()
        finally:
            try:
                await self.sluiten()
            except Exception:  # closing a connection that never opened
                pass


class RestGebruiker(Gebruiker):
    kanaal = "rest"

    async def openen(self) -> None:
        self.sessie = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout_s))

    async def sluiten(self) -> None:
        await self.sessie.close()

    async def zeg(self, afzender: str, tekst: str) -> tuple[float, int, float]:
        begin = time.monotonic()
        async with self.sessie.post(self.url + "/webhooks/rest/webhook", json={"sender": afzender, "message": tekst}) as r:
            if r.status != 200:
                raise RuntimeError(f"HTTP {r.status}")
            antwoord = await r.json()
        self.afgeremd = afgeremd([b.get("text") for b in antwoord])
        return time.monotonic() - begin, len(antwoord), 0.0


class VloerGebruiker(Gebruiker):
    """(c) the floor: GET / ("Hello from Rasa"), which does no work, at the same concurrency."""

    kanaal = "vloer"

    async def openen(self) -> None:
        self.sessie = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout_s))

    async def sluiten(self) -> None:
        await self.sessie.close()

    async def zeg(self, afzender: str, tekst: str) -> tuple[float, int, float]:
        begin = time.monotonic()
        async with self.sessie.get(self.url + "/") as r:
            if r.status != 200:
                raise RuntimeError(f"HTTP {r.status}")
            await r.read()
        return time.monotonic() - begin, 1, 0.0


class SocketGebruiker(Gebruiker):
    kanaal = "socketio"
    stilte = 1.0

    async def openen(self) -> None:
        import socketio

        self.sio = socketio.AsyncClient(reconnection=False)
        self.rij: asyncio.Queue = asyncio.Queue()
        self.bevestigd: asyncio.Queue = asyncio.Queue()
        self.sio.on("bot_uttered", lambda data: self.rij.put_nowait((time.monotonic(), (data or {}).get("text"))))
        self.sio.on("session_confirm", lambda data: self.bevestigd.put_nowait(data))
        await asyncio.wait_for(self.sio.connect(self.url, headers={"Origin": ORIGIN}, transports=["websocket"],
                                                socketio_path="/socket.io"), self.timeout_s)

    async def sluiten(self) -> None:
        await self.sio.disconnect()

    def na_laten(self) -> None:
        """Bot messages that came after the quiet gap but before this user's next message still
        belong to the previous turn: its latency is extended to the last of them."""
        while not self.rij.empty():
            moment, _ = self.rij.get_nowait()
            self.laat += 1
            vorige = self.metingen[self.laatste] if self.laatste is not None else None
            if vorige is not None and vorige.fout is None:
                vorige.latentie_s = moment - vorige.begin
                vorige.berichten += 1

    async def afronden(self) -> None:
        await asyncio.sleep(2 * self.stilte)  # the last turn's stragglers
        self.na_laten()

    async def nieuw_gesprek(self, afzender: str) -> None:
        # The widget's way: ask for a new session; the server issues a signed id and puts us in
        # that room (channels/socketio.py). Our own name for the conversation is not used.
        await self.sio.emit("session_request", {"session_id": None})
        bevestigd = await asyncio.wait_for(self.bevestigd.get(), self.timeout_s)
        self.sessie = bevestigd if isinstance(bevestigd, str) else (bevestigd or {}).get("session_id")

    async def zeg(self, afzender: str, tekst: str) -> tuple[float, int, float]:
        self.na_laten()
        begin = time.monotonic()
        await self.sio.emit("user_uttered", {"message": tekst, "session_id": self.sessie, "customData": {"bron": "bench"}})
        laatste, tekst = await asyncio.wait_for(self.rij.get(), self.timeout_s)
        teksten = [tekst]
        while True:
            try:
                laatste, tekst = await asyncio.wait_for(self.rij.get(), self.stilte)
                teksten.append(tekst)
            except asyncio.TimeoutError:
                break
        self.afgeremd = afgeremd(teksten)
        return laatste - begin, len(teksten), time.monotonic() - laatste


SOORTEN = {"rest": RestGebruiker, "socketio": SocketGebruiker, "vloer": VloerGebruiker}


def cpu_eigen_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def _ronde(gebruikers: list[Gebruiker], seconden: float, bemonster: Callable[[], None], interval: float) -> float:
    einde = time.monotonic() + seconden
    klaar = asyncio.Event()

    async def monster() -> None:
        while not klaar.is_set():
            bemonster()
            try:
                await asyncio.wait_for(klaar.wait(), interval)
            except asyncio.TimeoutError:
                pass

    begin = time.monotonic()
    taak = asyncio.create_task(monster())
    try:
        # Users start spread over one think time, as people do; otherwise 40 first messages hit at once.
        async def gespreid(g: Gebruiker, i: int) -> None:
            await asyncio.sleep(g.denktijd[1] * i / max(1, len(gebruikers)))
            await g.draai(einde)

        uitkomsten = await asyncio.gather(*(gespreid(g, i) for i, g in enumerate(gebruikers)), return_exceptions=True)
    finally:
        klaar.set()
        await taak
    for u in uitkomsten:
        if isinstance(u, Exception):  # e.g. a socketio connection that never opened
            gebruikers[0].metingen.append(Meting(gebruikers[0].kanaal, begin, 0.0, 0, "start: " + type(u).__name__))
    return time.monotonic() - begin


def ronde(urls: list[str], kanalen: list[str], aantal: int, seconden: float, gesprekken: list[Gesprek], zaad: int,
          denktijd: tuple[float, float], label: str, bemonster: Callable[[], None] = lambda: None,
          interval: float = 1.0, timeout_s: float = 60.0) -> tuple[dict, list[Gebruiker], list]:
    """`aantal` users at the same time for `seconden`; user i talks over kanalen[i % len] to
    urls[i % len]. Returns (summary, users, raw measurements)."""
    metingen: list = []
    gebruikers = [SOORTEN[kanalen[i % len(kanalen)]](urls[i % len(urls)], f"{label}-{i}", gesprekken, zaad * 1000 + i,
                                                     denktijd, metingen, timeout_s) for i in range(aantal)]
    cpu0 = cpu_eigen_s()
    duur = asyncio.run(_ronde(gebruikers, seconden, bemonster, interval))
    samenvatting = samenvatten(metingen, duur)
    samenvatting.update({
        "gebruikers": aantal, "kanalen": sorted(set(kanalen)), "denktijd_s": list(denktijd),
        "verzonden": sum(g.verzonden for g in gebruikers), "laat": sum(g.laat for g in gebruikers),
        "generator_cpu_s": round(cpu_eigen_s() - cpu0, 1), "load_avg_1m": round(os.getloadavg()[0], 2),
    })
    per_kanaal = {}
    for k in sorted(set(kanalen)):
        deel = [m for m in metingen if m.kanaal == k]
        if len(set(kanalen)) > 1:
            per_kanaal[k] = samenvatten(deel, duur)
    if per_kanaal:
        samenvatting["per_kanaal"] = per_kanaal
    return samenvatting, gebruikers, metingen
