"""Shared fixtures. The tracker stores are filled once per test session by the real Rasa server
(rasa_vullen.py, run with the Rasa venv: WEGWIJZER_RASA_PYTHON, default <project>/.venv/bin/python)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest

HIER = Path(__file__).resolve().parent
HELPDESK = HIER.parent
PROJECT = HELPDESK.parent
sys.path.insert(0, str(HELPDESK))

from wegwijzer_helpdesk import db  # noqa: E402
from wegwijzer_helpdesk.config import Instellingen  # noqa: E402
from wegwijzer_helpdesk.gesprekken import synchroniseer  # noqa: E402
from wegwijzer_helpdesk.web import maak_app  # noqa: E402

PG = dict(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
GESPREKKEN = json.loads((HIER / "gesprekken.json").read_text())
GEHEIM = GESPREKKEN["geheim"]


def pg_url(naam: str) -> str:
    return f"postgresql+psycopg2://postgres@127.0.0.1:5432/{naam}"


def pg_sql(sql: str) -> None:
    con = psycopg2.connect(**PG)
    con.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
    try:
        con.cursor().execute(sql)
    finally:
        con.close()


def _start_postgres_als_nodig() -> None:
    try:
        psycopg2.connect(**PG, connect_timeout=3).close()
    except psycopg2.OperationalError:
        versie = os.listdir("/etc/postgresql")[0]
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versie, "main", "start"], check=True)


@pytest.fixture(scope="session")
def stores(tmp_path_factory):
    """{"sqlite": path of tracker.db, "postgres": database name}, both filled by the real Rasa server.
    HELPDESK_TEST_STORES=PATH,DBNAME reuses stores filled earlier by rasa_vullen.py (only to iterate faster)."""
    if os.environ.get("HELPDESK_TEST_STORES"):
        pad, naam = os.environ["HELPDESK_TEST_STORES"].split(",")
        yield {"sqlite": Path(pad), "postgres": naam}
        return
    rasa_py = os.environ.get("WEGWIJZER_RASA_PYTHON", str(PROJECT / ".venv" / "bin" / "python"))
    if not Path(rasa_py).exists():
        pytest.fail(f"Rasa-venv niet gevonden ({rasa_py}): zet WEGWIJZER_RASA_PYTHON of draai eerst make env")
    if not (PROJECT / "models" / "wegwijzer.tar.gz").exists():
        pytest.fail("models/wegwijzer.tar.gz ontbreekt: train eerst (make train)")
    _start_postgres_als_nodig()
    pgnaam = f"wegwijzer_test_{uuid.uuid4().hex[:10]}"
    pg_sql(f'CREATE DATABASE "{pgnaam}"')
    werk = tmp_path_factory.mktemp("rasa")
    try:
        r = subprocess.run([rasa_py, str(HIER / "rasa_vullen.py"), "--werkmap", str(werk), "--postgres", pgnaam],
                           capture_output=True, text=True, timeout=1500)
        if r.returncode != 0:
            pytest.fail(f"tracker stores vullen mislukt:\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}")
        yield {"sqlite": werk / "tracker.db", "postgres": pgnaam}
    finally:
        pg_sql(f'DROP DATABASE IF EXISTS "{pgnaam}" WITH (FORCE)')


@pytest.fixture
def tracker_kopie(stores, tmp_path, request):
    """A private copy of a filled tracker store (tests may delete from it). Param: sqlite | postgres."""
    soort = getattr(request, "param", "sqlite")
    if soort == "sqlite":
        doel = tmp_path / "tracker.db"
        shutil.copy(stores["sqlite"], doel)
        yield f"sqlite:///{doel}"
    else:
        naam = f"wegwijzer_test_{uuid.uuid4().hex[:10]}"
        pg_sql(f'CREATE DATABASE "{naam}" TEMPLATE "{stores["postgres"]}"')
        try:
            yield pg_url(naam)
        finally:
            pg_sql(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def maak_omgeving(tracker_url: str, tmp_path: Path, **extra):
    inst = Instellingen(app_db=f"sqlite:///{tmp_path / 'helpdesk.db'}", tracker_url=tracker_url,
                        geheim=b"test-geheim-" + uuid.uuid4().hex.encode(), **extra)
    appdb = db.maak_engine(inst.app_db)
    db.init(appdb)
    tracker = db.maak_engine(inst.tracker_url)
    synchroniseer(appdb, tracker, inst.geheim)
    app = maak_app(inst, appdb, tracker)
    app.testing = True
    return inst, appdb, tracker, app


@pytest.fixture
def omgeving(tracker_kopie, tmp_path):
    inst, appdb, tracker, app = maak_omgeving(tracker_kopie, tmp_path)
    yield inst, appdb, tracker, app
    tracker.dispose()
    appdb.dispose()
