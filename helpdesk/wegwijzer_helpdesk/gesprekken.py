"""Reading conversations from the Rasa tracker store (its `events` table), turning events into a
transcript, keeping the app's index up to date (sync) and deleting old conversations (retention)."""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import statistics
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, func, select
from sqlalchemy.engine import Engine

from . import db
from .pseudo import PSEUDO, Pseudonimiseerder, Vervanger

log = logging.getLogger(__name__)

# Rasa's SQLTrackerStore table (rasa/core/tracker_store.py, SQLEvent); only read and deleted here.
_rasa_meta = MetaData()
events = Table(
    "events", _rasa_meta,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)

CONTRACT_SLOTS = ("rol", "situatie", "onderwijstype", "voor_wie", "dader", "acuut", "verwijzingen")
FALLBACK_ACTIES = {"action_two_stage_fallback", "action_default_fallback", "action_default_ask_affirmation",
                   "action_default_ask_rephrase"}
ONZEKER_ONDER = 0.5  # NLU confidence below this counts as "unsure" (the project's fallback threshold area)
STATUSSEN = ("nieuw", "bekeken", "opvolgen", "afgehandeld")
VERBORGEN_ACTIES = {"action_listen", "action_session_start"}


def sleutel_van(geheim: bytes, sender_id: str) -> str:
    return hmac.new(geheim, sender_id.encode(), hashlib.sha256).hexdigest()[:24]


@dataclass
class Beurt:
    """One line of the transcript."""
    soort: str  # gebruiker | assistent | route
    tijd: float
    tekst: str = ""
    event_id: int = 0
    intent: Optional[str] = None
    zekerheid: Optional[float] = None
    onzeker: bool = False
    knop: Optional[str] = None  # title of the button the user clicked
    knoppen: list = field(default_factory=list)
    actie: Optional[str] = None
    entities: list = field(default_factory=list)
    slots: list = field(default_factory=list)  # [(name, value)] set right after this turn
    stappen: list = field(default_factory=list)  # [("action", name) | ("slot", {name: value})] in order


@dataclass
class Gesprek:
    sender_id: str
    beurten: list
    begin: float
    eind: float
    kanaal: Optional[str]
    slots: dict
    fallback: bool
    handoff: bool
    laatste_event_id: int
    route: list  # [(time, description)]

    @property
    def gebruikersbeurten(self) -> list:
        return [b for b in self.beurten if b.soort == "gebruiker"]


def _json(data: Optional[str]) -> dict:
    try:
        return json.loads(data or "{}")
    except ValueError:
        return {}


def lees_events(tracker: Engine, sender_id: str) -> list[dict]:
    with tracker.connect() as c:
        rijen = c.execute(select(events.c.id, events.c.data).where(events.c.sender_id == sender_id)
                          .order_by(events.c.id)).all()
    uit = []
    for rid, data in rijen:
        e = _json(data)
        e["_id"] = rid
        uit.append(e)
    return uit


def bouw_gesprek(sender_id: str, evs: list[dict]) -> Gesprek:
    """Events (Rasa JSON, in order) -> transcript turns, contract slots, flags."""
    beurten: list[Beurt] = []
    slots: dict[str, Any] = {}
    route: list = []
    kanaal = None
    fallback = handoff = False
    laatste_knoppen: list = []
    laatste_gebruiker: Optional[Beurt] = None
    for e in evs:
        soort, t = e.get("event"), float(e.get("timestamp") or 0)
        if soort == "user":
            pd = e.get("parse_data") or {}
            intent = (pd.get("intent") or {}).get("name")
            zekerheid = (pd.get("intent") or {}).get("confidence")
            tekst = e.get("text") or ""
            knop = next((k.get("title") for k in laatste_knoppen if k.get("payload") == tekst), None)
            onzeker = intent == "nlu_fallback" or (knop is None and zekerheid is not None and zekerheid < ONZEKER_ONDER)
            b = Beurt("gebruiker", t, tekst, e["_id"], intent, zekerheid, onzeker, knop,
                      entities=[(x.get("entity"), x.get("value")) for x in pd.get("entities") or []])
            beurten.append(b)
            laatste_gebruiker = b
            kanaal = kanaal or e.get("input_channel")
            fallback |= intent == "nlu_fallback"
            handoff |= intent == "vraag_mens_spreken"
            laatste_knoppen = []
        elif soort == "bot":
            knoppen = (e.get("data") or {}).get("buttons") or []
            beurten.append(Beurt("assistent", t, e.get("text") or "", e["_id"], knoppen=knoppen))
            laatste_knoppen = knoppen
        elif soort == "action":
            naam = e.get("name")
            if naam in FALLBACK_ACTIES:
                fallback = True
                # The two-stage fallback also runs (as a loop) on the user's answer to "Bedoel je…?";
                # that answer was understood, so only the core fallback marks a turn by itself.
                if laatste_gebruiker and naam == "action_default_fallback":
                    laatste_gebruiker.onzeker = True
            if naam and naam not in VERBORGEN_ACTIES:
                route.append((t, naam))
                if laatste_gebruiker is not None:
                    laatste_gebruiker.stappen.append(("action", naam))
        elif soort == "slot":
            naam = e.get("name")
            if naam in CONTRACT_SLOTS:
                nieuw = naam not in slots or slots[naam] != e.get("value")
                slots[naam] = e.get("value")
                if nieuw:  # forms set the same slots again every turn: show only changes
                    route.append((t, f"{naam} = {_toon(e.get('value'))}"))
                if laatste_gebruiker is not None:
                    if nieuw:
                        laatste_gebruiker.slots.append((naam, e.get("value")))
                    laatste_gebruiker.stappen.append(("slot", {naam: e.get("value")}))
        elif soort == "restart":
            route.append((t, "opnieuw begonnen"))
    tijden = [float(e.get("timestamp") or 0) for e in evs] or [0.0]
    return Gesprek(sender_id, beurten, min(tijden), max(tijden), kanaal, slots, fallback, handoff,
                   max((e["_id"] for e in evs), default=0), route)


def _toon(w: Any) -> str:
    if isinstance(w, list):
        return ", ".join(map(str, w))
    if isinstance(w, bool):
        return "ja" if w else "nee"
    return str(w)


def pseudo_teksten(app: Engine, sleutel: str, g: Gesprek, pseudo: Pseudonimiseerder = PSEUDO,
                   opslaan: bool = True) -> dict[int, str]:
    """Pseudonymised text of every user and bot message, by event id (cached in the app db).
    Numbering of placeholders runs over the whole conversation, so the cache is all-or-nothing."""
    with app.connect() as c:
        cache = dict(c.execute(select(db.pseudo_bericht.c.event_id, db.pseudo_bericht.c.tekst)
                               .where(db.pseudo_bericht.c.sleutel == sleutel)).all())
    nodig = [b for b in g.beurten if b.soort in ("gebruiker", "assistent")]
    if all(b.event_id in cache for b in nodig):
        return cache
    v, uit = Vervanger(), {}
    for b in nodig:
        if b.soort == "gebruiker":
            uit[b.event_id] = pseudo.vervang(b.tekst, v)
    for b in nodig:
        if b.soort == "assistent":
            uit[b.event_id] = pseudo.echo_vervangen(b.tekst, v)
    if opslaan:
        with app.begin() as c:
            c.execute(delete(db.pseudo_bericht).where(db.pseudo_bericht.c.sleutel == sleutel))
            if uit:
                c.execute(db.pseudo_bericht.insert(), [{"event_id": k, "sleutel": sleutel, "tekst": t}
                                                       for k, t in uit.items()])
    return uit


def _maand(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m")


def index_rij(geheim: bytes, g: Gesprek, pseudo: dict[int, str]) -> dict:
    s = g.slots
    gebruiker = [pseudo.get(b.event_id, "") if not b.knop else f"[knop] {b.knop}" for b in g.gebruikersbeurten]
    # Search covers what users wrote; the assistant's own texts are fixed and would only bloat the index.
    alle = [pseudo.get(b.event_id, "") for b in g.gebruikersbeurten if not b.knop]
    acuut = s.get("acuut")
    return {
        "sleutel": sleutel_van(geheim, g.sender_id), "sender_id": g.sender_id, "begin": g.begin, "eind": g.eind,
        "maand": _maand(g.begin), "kanaal": g.kanaal, "rol": s.get("rol"), "situatie": s.get("situatie"),
        "onderwijstype": s.get("onderwijstype"), "voor_wie": s.get("voor_wie"), "dader": s.get("dader"),
        "acuut": bool(acuut) and str(acuut).lower() not in ("false", "0", "none"),
        "verwijzingen": json.dumps(list(s.get("verwijzingen") or [])),
        "fallback": g.fallback, "handoff": g.handoff, "beurten": len(g.gebruikersbeurten),
        "eerste_tekst": next((t for t in gebruiker if t), "")[:200],
        "zoektekst": "\n".join(alle).lower(), "laatste_event_id": g.laatste_event_id,
    }


def _instelling(c, naam: str, standaard: str) -> str:
    w = c.execute(select(db.instelling.c.waarde).where(db.instelling.c.naam == naam)).scalar()
    return standaard if w is None else w


def _zet_instelling(c, naam: str, waarde: str) -> None:
    if c.execute(select(db.instelling.c.naam).where(db.instelling.c.naam == naam)).first():
        c.execute(db.instelling.update().where(db.instelling.c.naam == naam).values(waarde=waarde))
    else:
        c.execute(db.instelling.insert().values(naam=naam, waarde=waarde))


def synchroniseer(app: Engine, tracker: Engine, geheim: bytes, pseudo: Pseudonimiseerder = PSEUDO,
                  blok: int = 5000) -> int:
    """Brings the index up to date with events newer than the last seen id. Returns conversations updated."""
    with app.connect() as c:
        vanaf = int(_instelling(c, "laatste_event_id", "0"))
    with tracker.connect() as c:
        hoogste = c.execute(select(func.max(events.c.id))).scalar() or 0
    if hoogste < vanaf:  # tracker store was replaced by a fresh one: start again
        vanaf = 0
    bijgewerkt = 0
    while True:
        with tracker.connect() as c:
            rijen = c.execute(select(events.c.id, events.c.sender_id).where(events.c.id > vanaf)
                              .order_by(events.c.id).limit(blok)).all()
        if not rijen:
            break
        for sender in dict.fromkeys(r.sender_id for r in rijen):
            werk_bij(app, tracker, geheim, sender, pseudo)
            bijgewerkt += 1
        vanaf = rijen[-1].id
        with app.begin() as c:
            _zet_instelling(c, "laatste_event_id", str(vanaf))
    return bijgewerkt


def werk_bij(app: Engine, tracker: Engine, geheim: bytes, sender_id: str,
             pseudo: Pseudonimiseerder = PSEUDO) -> None:
    evs = lees_events(tracker, sender_id)
    sleutel = sleutel_van(geheim, sender_id)
    if not evs:
        return
    g = bouw_gesprek(sender_id, evs)
    with app.begin() as c:  # the conversation grew: its cached texts are renumbered as a whole
        c.execute(delete(db.pseudo_bericht).where(db.pseudo_bericht.c.sleutel == sleutel))
    rij = index_rij(geheim, g, pseudo_teksten(app, sleutel, g, pseudo))
    with app.begin() as c:
        bestaand = c.execute(select(db.gesprek.c.sleutel).where(db.gesprek.c.sleutel == sleutel)).first()
        if bestaand:
            c.execute(db.gesprek.update().where(db.gesprek.c.sleutel == sleutel).values(**rij))
        else:
            c.execute(db.gesprek.insert().values(status="nieuw", **rij))
        db.zoekindex_bij(c, sleutel, rij["zoektekst"])


def opschonen(app: Engine, tracker: Engine, dagen: int, nu: Optional[float] = None) -> dict:
    """Deletes conversations whose last activity is older than `dagen` days: from the tracker store
    and from the app (index, cached texts, notes, tags). The audit log keeps only keys, no content."""
    grens = (nu or time.time()) - dagen * 86400
    with tracker.connect() as c:
        oud = [r[0] for r in c.execute(select(events.c.sender_id).group_by(events.c.sender_id)
                                       .having(func.max(events.c.timestamp) < grens)).all()]
    events_weg = 0
    for i in range(0, len(oud), 500):
        deel = oud[i:i + 500]
        with tracker.begin() as c:
            events_weg += c.execute(delete(events).where(events.c.sender_id.in_(deel))).rowcount or 0
    with app.begin() as c:
        sleutels = [r[0] for r in c.execute(select(db.gesprek.c.sleutel).where(
            (db.gesprek.c.eind < grens) | db.gesprek.c.sender_id.in_(oud[:30000]))).all()]
        for i in range(0, len(sleutels), 500):
            deel = sleutels[i:i + 500]
            db.zoekindex_weg(c, deel)
            for tabel in (db.pseudo_bericht, db.label, db.notitie, db.gesprek):
                c.execute(delete(tabel).where(tabel.c.sleutel.in_(deel)))
        c.execute(delete(db.inlogpoging).where(db.inlogpoging.c.tijd < grens))
    return {"gesprekken": max(len(oud), len(sleutels)), "events": events_weg}


def mediaan(waarden: list) -> float:
    return float(statistics.median(waarden)) if waarden else 0.0
