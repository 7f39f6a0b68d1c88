"""Settings from environment variables (all optional)."""
from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml

HELPDESK = Path(__file__).resolve().parents[1]
PROJECT = HELPDESK.parent


def _expand(waarde: str) -> str:
    # Same ${VAR} expansion Rasa does in endpoints.yml.
    return re.sub(r"\$\{(\w+)\}", lambda m: os.environ.get(m.group(1), ""), str(waarde))


def tracker_url_uit_endpoints(pad: Path) -> str:
    """SQLAlchemy URL of the tracker store that endpoints.yml configures (SQL tracker store)."""
    if not pad.exists():  # same default as the project's Makefile
        conf = {"dialect": "sqlite", "db": os.environ.get("TRACKER_DB", "var/tracker.db")}
    else:
        conf = (yaml.safe_load(pad.read_text()) or {}).get("tracker_store") or {}
    dialect = _expand(conf.get("dialect", "sqlite"))
    db = _expand(conf.get("db", "rasa.db"))
    if dialect == "sqlite":
        p = Path(db)
        return f"sqlite:///{p if p.is_absolute() else PROJECT / p}"
    from sqlalchemy.engine import URL
    return URL.create(
        "postgresql+psycopg2" if dialect.startswith("postgres") else dialect,
        username=_expand(conf.get("username", "")) or None, password=_expand(conf.get("password", "")) or None,
        host=_expand(conf.get("url", "localhost")) or None, port=int(_expand(conf.get("port", 0)) or 0) or None,
        database=db,
    ).render_as_string(hide_password=False)


@dataclass
class Instellingen:
    app_db: str
    tracker_url: str
    geheim: bytes
    bewaartermijn_dagen: int = 90
    veilige_cookies: bool = True
    sync_interval: float = 10.0
    opschonen_interval: float = 24 * 3600.0
    per_pagina: int = 25

    @classmethod
    def uit_omgeving(cls) -> "Instellingen":
        var = HELPDESK / "var"
        app_db = os.environ.get("HELPDESK_DB") or f"sqlite:///{var / 'helpdesk.db'}"
        tracker = os.environ.get("HELPDESK_TRACKER_URL") or tracker_url_uit_endpoints(
            Path(os.environ.get("HELPDESK_ENDPOINTS", PROJECT / "endpoints.yml")))
        return cls(
            app_db=app_db, tracker_url=tracker, geheim=_geheim(var),
            bewaartermijn_dagen=int(os.environ.get("HELPDESK_BEWAARTERMIJN_DAGEN", "90")),
            # Only for a deliberate plain-http deployment other than localhost (browsers accept
            # Secure cookies from http://localhost and 127.0.0.1).
            veilige_cookies=os.environ.get("HELPDESK_ONVEILIGE_COOKIES", "0") != "1",
            sync_interval=float(os.environ.get("HELPDESK_SYNC_SECONDEN", "10")),
        )


def _geheim(var: Path) -> bytes:
    """HELPDESK_SECRET_KEY, or a random key kept in var/geheim (mode 600), made on first start."""
    if os.environ.get("HELPDESK_SECRET_KEY"):
        return os.environ["HELPDESK_SECRET_KEY"].encode()
    var.mkdir(parents=True, exist_ok=True)
    pad = var / "geheim"
    if not pad.exists():
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return pad.read_text().strip().encode()
