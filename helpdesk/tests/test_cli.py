"""The command line: accounts and the retention command (as cron would run it)."""
import os
import shutil
import subprocess
import time
from pathlib import Path

from sqlalchemy import create_engine, select, update

from wegwijzer_helpdesk import db
from wegwijzer_helpdesk.gesprekken import events

HELPDESK = Path(__file__).resolve().parents[1]


def cli(tmp_path, *args, **env):
    omgeving = {**os.environ, "HELPDESK_DB": f"sqlite:///{tmp_path / 'app.db'}", "HELPDESK_SECRET_KEY": "x" * 32,
                "HELPDESK_TRACKER_URL": f"sqlite:///{tmp_path / 'tracker.db'}", **env}
    return subprocess.run([str(HELPDESK / "helpdesk.sh"), *args], env=omgeving, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def test_accounts_via_cli(tmp_path, stores):
    shutil.copy(stores["sqlite"], tmp_path / "tracker.db")
    assert cli(tmp_path, "account-maken", "kim", "--rol", "beheerder", HELPDESK_WACHTWOORD="kort").returncode == 1
    r = cli(tmp_path, "account-maken", "kim", "--rol", "beheerder", HELPDESK_WACHTWOORD="lang-genoeg-wachtwoord")
    assert r.returncode == 0, r.stderr
    assert cli(tmp_path, "account-maken", "kim", HELPDESK_WACHTWOORD="lang-genoeg-wachtwoord").returncode == 1
    assert cli(tmp_path, "account-uitschakelen", "kim").returncode == 0
    appdb = create_engine(f"sqlite:///{tmp_path / 'app.db'}")
    with appdb.connect() as c:
        rij = c.execute(select(db.gebruiker.c.rol, db.gebruiker.c.actief, db.gebruiker.c.wachtwoord_hash)).first()
    assert rij.rol == "beheerder" and not rij.actief and rij.wachtwoord_hash.startswith("$argon2id$")


def test_opschonen_via_cli(tmp_path, stores):
    shutil.copy(stores["sqlite"], tmp_path / "tracker.db")
    assert cli(tmp_path, "synchroniseer").returncode == 0
    tracker = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    with tracker.begin() as c:
        c.execute(update(events).where(events.c.sender_id == "hd-docent").values(timestamp=time.time() - 40 * 86400))
    r = cli(tmp_path, "opschonen", "--dagen", "30")
    assert r.returncode == 0 and "Verwijderd: 1 gesprekken" in r.stdout, r.stdout + r.stderr
    with tracker.connect() as c:
        over = {x[0] for x in c.execute(select(events.c.sender_id).distinct()).all()}
    assert "hd-docent" not in over and "hd-acuut" in over
