"""Accounts, server-side sessions, login throttling and the audit log."""
from __future__ import annotations

import hashlib
import secrets
import time
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine

from . import db

ROLLEN = ("medewerker", "beheerder")
MIN_LENGTE = 12
SESSIE_MAX = 8 * 3600       # absolute lifetime of a login
SESSIE_INACTIEF = 30 * 60   # idle timeout
MAX_FOUT_NAAM = 5           # failed logins per account name per window
MAX_FOUT_IP = 20            # failed logins per address per window
VENSTER = 15 * 60

_ph = PasswordHasher()  # argon2id with the library's current defaults
# Verifying against this when the account does not exist keeps the timing the same.
_DUMMY = _ph.hash(secrets.token_hex(16))


class AccountFout(ValueError):
    pass


def maak_account(engine: Engine, naam: str, wachtwoord: str, rol: str) -> None:
    naam = naam.strip()
    if rol not in ROLLEN:
        raise AccountFout(f"rol moet een van {', '.join(ROLLEN)} zijn")
    if not naam or len(naam) > 80:
        raise AccountFout("naam ontbreekt of is te lang")
    if len(wachtwoord) < MIN_LENGTE:
        raise AccountFout(f"wachtwoord moet minstens {MIN_LENGTE} tekens hebben")
    with engine.begin() as c:
        if c.execute(select(db.gebruiker.c.id).where(db.gebruiker.c.naam == naam)).first():
            raise AccountFout(f"account {naam} bestaat al")
        c.execute(db.gebruiker.insert().values(naam=naam, wachtwoord_hash=_ph.hash(wachtwoord), rol=rol,
                                               actief=True, aangemaakt=time.time()))
        schrijf_audit_c(c, "cli", "account_gemaakt", details=f"{naam} ({rol})")


def zet_actief(engine: Engine, naam: str, actief: bool) -> None:
    with engine.begin() as c:
        rij = c.execute(select(db.gebruiker.c.id).where(db.gebruiker.c.naam == naam)).first()
        if not rij:
            raise AccountFout(f"account {naam} bestaat niet")
        c.execute(db.gebruiker.update().where(db.gebruiker.c.id == rij.id).values(actief=actief))
        if not actief:  # logged-in sessions end at once
            c.execute(delete(db.sessie).where(db.sessie.c.gebruiker_id == rij.id))
        schrijf_audit_c(c, "cli", "account_aangezet" if actief else "account_uitgeschakeld", details=naam)


def zet_wachtwoord(engine: Engine, naam: str, wachtwoord: str) -> None:
    if len(wachtwoord) < MIN_LENGTE:
        raise AccountFout(f"wachtwoord moet minstens {MIN_LENGTE} tekens hebben")
    with engine.begin() as c:
        rij = c.execute(select(db.gebruiker.c.id).where(db.gebruiker.c.naam == naam)).first()
        if not rij:
            raise AccountFout(f"account {naam} bestaat niet")
        c.execute(db.gebruiker.update().where(db.gebruiker.c.id == rij.id).values(wachtwoord_hash=_ph.hash(wachtwoord)))
        c.execute(delete(db.sessie).where(db.sessie.c.gebruiker_id == rij.id))
        schrijf_audit_c(c, "cli", "wachtwoord_gewijzigd", details=naam)


def geblokkeerd(engine: Engine, naam: str, ip: str) -> bool:
    grens = time.time() - VENSTER
    p = db.inlogpoging
    with engine.connect() as c:
        per_naam = c.execute(select(func.count()).where(p.c.naam == naam, p.c.tijd > grens, ~p.c.gelukt)).scalar()
        per_ip = c.execute(select(func.count()).where(p.c.ip == ip, p.c.tijd > grens, ~p.c.gelukt)).scalar()
    return per_naam >= MAX_FOUT_NAAM or per_ip >= MAX_FOUT_IP


def controleer(engine: Engine, naam: str, wachtwoord: str, ip: str) -> Optional[dict]:
    """Returns the account when name and password are right and the account is active."""
    with engine.connect() as c:
        rij = c.execute(select(db.gebruiker).where(db.gebruiker.c.naam == naam)).mappings().first()
    goed = False
    try:
        goed = _ph.verify(rij["wachtwoord_hash"] if rij else _DUMMY, wachtwoord) and rij is not None and rij["actief"]
    except (VerificationError, InvalidHashError):
        goed = False
    with engine.begin() as c:
        c.execute(db.inlogpoging.insert().values(naam=naam[:80], ip=ip[:64], tijd=time.time(), gelukt=bool(goed)))
        if goed and _ph.check_needs_rehash(rij["wachtwoord_hash"]):
            c.execute(db.gebruiker.update().where(db.gebruiker.c.id == rij["id"])
                      .values(wachtwoord_hash=_ph.hash(wachtwoord)))
    return dict(rij) if goed else None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def nieuwe_sessie(engine: Engine, gebruiker_id: int) -> str:
    token = secrets.token_urlsafe(32)
    nu = time.time()
    with engine.begin() as c:
        c.execute(delete(db.sessie).where(db.sessie.c.laatst_actief < nu - SESSIE_INACTIEF))
        c.execute(db.sessie.insert().values(token_hash=_hash(token), gebruiker_id=gebruiker_id, aangemaakt=nu,
                                            laatst_actief=nu))
    return token


def sessie_gebruiker(engine: Engine, token: Optional[str]) -> Optional[dict]:
    if not token:
        return None
    nu = time.time()
    s, g = db.sessie, db.gebruiker
    with engine.begin() as c:
        rij = c.execute(select(s.c.token_hash, s.c.aangemaakt, s.c.laatst_actief, g.c.id, g.c.naam, g.c.rol, g.c.actief)
                        .join(g, g.c.id == s.c.gebruiker_id).where(s.c.token_hash == _hash(token))).mappings().first()
        if not rij:
            return None
        if not rij["actief"] or nu - rij["aangemaakt"] > SESSIE_MAX or nu - rij["laatst_actief"] > SESSIE_INACTIEF:
            c.execute(delete(s).where(s.c.token_hash == rij["token_hash"]))
            return None
        if nu - rij["laatst_actief"] > 60:  # avoid a write on every request
            c.execute(s.update().where(s.c.token_hash == rij["token_hash"]).values(laatst_actief=nu))
    return {"id": rij["id"], "naam": rij["naam"], "rol": rij["rol"]}


def beeindig_sessie(engine: Engine, token: Optional[str]) -> None:
    if token:
        with engine.begin() as c:
            c.execute(delete(db.sessie).where(db.sessie.c.token_hash == _hash(token)))


def schrijf_audit_c(c, gebruiker: str, actie: str, sleutel: Optional[str] = None, details: str = "",
                    ip: str = "") -> None:
    c.execute(db.audit.insert().values(tijd=time.time(), gebruiker=gebruiker, actie=actie, sleutel=sleutel,
                                       details=details[:2000], ip=ip[:64]))


def schrijf_audit(engine: Engine, gebruiker: str, actie: str, sleutel: Optional[str] = None, details: str = "",
                  ip: str = "") -> None:
    with engine.begin() as c:
        schrijf_audit_c(c, gebruiker, actie, sleutel, details, ip)
