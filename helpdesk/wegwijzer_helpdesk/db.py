"""The app's own data (accounts, sessions, review status, notes, tags, audit log, conversation index)
in its own database: SQLite by default, any SQLAlchemy URL (PostgreSQL) via HELPDESK_DB."""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        create_engine, event)
from sqlalchemy.engine import Engine

meta = MetaData()

gebruiker = Table(
    "gebruiker", meta,
    Column("id", Integer, primary_key=True),
    Column("naam", String(80), unique=True, nullable=False),
    Column("wachtwoord_hash", String(255), nullable=False),
    Column("rol", String(20), nullable=False),  # medewerker | beheerder
    Column("actief", Boolean, nullable=False, default=True),
    Column("aangemaakt", Float, nullable=False),
)

sessie = Table(
    "sessie", meta,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the cookie value, never the value
    Column("gebruiker_id", Integer, ForeignKey("gebruiker.id", ondelete="CASCADE"), nullable=False),
    Column("aangemaakt", Float, nullable=False),
    Column("laatst_actief", Float, nullable=False),
)

inlogpoging = Table(
    "inlogpoging", meta,
    Column("id", Integer, primary_key=True),
    Column("naam", String(80), nullable=False),
    Column("ip", String(64), nullable=False),
    Column("tijd", Float, nullable=False, index=True),
    Column("gelukt", Boolean, nullable=False),
)

# One row per conversation (Rasa sender id), derived from the tracker store by the sync job.
gesprek = Table(
    "gesprek", meta,
    Column("sleutel", String(32), primary_key=True),  # HMAC of sender_id: sender ids can be phone numbers
    Column("sender_id", String(255), nullable=False, unique=True),
    Column("begin", Float, nullable=False),
    Column("eind", Float, nullable=False),
    Column("maand", String(7), nullable=False),
    Column("kanaal", String(40)),
    Column("rol", String(40)),
    Column("situatie", String(40)),
    Column("onderwijstype", String(10)),
    Column("voor_wie", String(10)),
    Column("dader", String(20)),
    Column("acuut", Boolean, nullable=False, default=False),
    Column("verwijzingen", Text, nullable=False, default="[]"),  # JSON list of referral ids
    Column("fallback", Boolean, nullable=False, default=False),
    Column("handoff", Boolean, nullable=False, default=False),
    Column("beurten", Integer, nullable=False, default=0),  # user messages
    Column("eerste_tekst", Text, nullable=False, default=""),  # pseudonymised preview
    Column("zoektekst", Text, nullable=False, default=""),  # pseudonymised, lower case
    Column("status", String(20), nullable=False, default="nieuw"),
    Column("laatste_event_id", Integer, nullable=False, default=0),
)
Index("ix_gesprek_begin", gesprek.c.begin)
Index("ix_gesprek_eind", gesprek.c.eind)
Index("ix_gesprek_situatie_begin", gesprek.c.situatie, gesprek.c.begin)
Index("ix_gesprek_status_begin", gesprek.c.status, gesprek.c.begin)
Index("ix_gesprek_kanaal", gesprek.c.kanaal)

# Pseudonymised text per tracker event, so deduce runs once per message.
pseudo_bericht = Table(
    "pseudo_bericht", meta,
    Column("event_id", Integer, primary_key=True),
    Column("sleutel", String(32), nullable=False, index=True),
    Column("tekst", Text, nullable=False),
)

label = Table(
    "label", meta,
    Column("sleutel", String(32), primary_key=True),
    Column("naam", String(40), primary_key=True),
)
Index("ix_label_naam", label.c.naam)

notitie = Table(
    "notitie", meta,
    Column("id", Integer, primary_key=True),
    Column("sleutel", String(32), nullable=False, index=True),
    Column("gebruiker", String(80), nullable=False),
    Column("tijd", Float, nullable=False),
    Column("tekst", Text, nullable=False),
)

audit = Table(
    "audit", meta,
    Column("id", Integer, primary_key=True),
    Column("tijd", Float, nullable=False, index=True),
    Column("gebruiker", String(80), nullable=False),
    Column("actie", String(40), nullable=False),
    Column("sleutel", String(32)),
    Column("details", Text, nullable=False, default=""),
    Column("ip", String(64), nullable=False, default=""),
)

instelling = Table(
    "instelling", meta,
    Column("naam", String(40), primary_key=True),
    Column("waarde", Text, nullable=False),
)


def maak_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        from pathlib import Path
        pad = url.split("sqlite:///", 1)[-1]
        if pad and pad != ":memory:":
            Path(pad).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragma(conn, _):
            # WAL: the web threads read while the sync job writes.
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
        return engine
    return create_engine(url, pool_pre_ping=True)


def init(engine: Engine) -> None:
    meta.create_all(engine)
    for tabel in meta.tables.values():  # indexes added in a later version, on an existing database
        for idx in tabel.indexes:
            idx.create(engine, checkfirst=True)
    if heeft_fts(engine):
        with engine.begin() as c:
            nieuw = not c.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'gesprek_zoek'").first()
            # Substring search over pseudonymised text through a trigram index (rowid = gesprek.rowid);
            # a LIKE '%...%' scan of 100,000 conversations is too slow.
            c.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS gesprek_zoek USING fts5(tekst, tokenize='trigram')")
            if nieuw:
                c.exec_driver_sql("INSERT INTO gesprek_zoek(rowid, tekst) SELECT rowid, zoektekst FROM gesprek")


def heeft_fts(engine) -> bool:
    return engine.dialect.name == "sqlite"


def zoekindex_bij(c, sleutel: str, tekst: str) -> None:
    if heeft_fts(c.engine):
        rowid = c.exec_driver_sql("SELECT rowid FROM gesprek WHERE sleutel = ?", (sleutel,)).scalar()
        c.exec_driver_sql("DELETE FROM gesprek_zoek WHERE rowid = ?", (rowid,))
        c.exec_driver_sql("INSERT INTO gesprek_zoek(rowid, tekst) VALUES (?, ?)", (rowid, tekst))


def zoekindex_weg(c, sleutels: list) -> None:
    if heeft_fts(c.engine) and sleutels:
        vraag = ",".join("?" * len(sleutels))
        c.exec_driver_sql(f"DELETE FROM gesprek_zoek WHERE rowid IN (SELECT rowid FROM gesprek WHERE sleutel IN ({vraag}))",
                          tuple(sleutels))
