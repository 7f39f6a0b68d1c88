"""Local stand-in for the production set-up: one action server and several `rasa run` instances
on loopback, sharing PostgreSQL (tracker store), Redis (lock store) and RabbitMQ (event broker)
through endpoints.productie.yml. Used by tests/schaal and deploy/meet.py.

Every run gets its own database, Redis key prefix, RabbitMQ exchange and queue, and removes them
again: other sessions use the same services on this machine."""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

import requests

from scripts.processen import stop, vrije_poort, wacht_tot

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "wegwijzer.tar.gz"
RASA = str(Path(sys.executable).with_name("rasa"))
ENDPOINTS = ROOT / "endpoints.productie.yml"
LOOPBACK = "127.0.0.1"

# How this machine's services are started when they are not running (machine notes, python-svc.md).
DIENSTEN = {
    "postgresql": (5432, "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"),
    "redis": (6379, 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" '
                    "--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log"),
    "rabbitmq": (5672, "rabbitmq-server -detached"),
}


def poort_open(poort: int, host: str = LOOPBACK) -> bool:
    try:
        with socket.create_connection((host, poort), timeout=1):
            return True
    except OSError:
        return False


def diensten_starten(wachttijd: float = 60) -> None:
    """Starts PostgreSQL, Redis and RabbitMQ when their port is closed; waits until they answer."""
    for naam, (poort, commando) in DIENSTEN.items():
        if poort_open(poort):
            continue
        subprocess.run(commando, shell=True, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        einde = time.monotonic() + wachttijd
        while not poort_open(poort):
            if time.monotonic() > einde:
                raise RuntimeError(f"{naam} niet bereikbaar op {LOOPBACK}:{poort} na `{commando}`")
            time.sleep(0.5)
    # RabbitMQ opens its port before it accepts AMQP logins: wait for a real connection.
    einde = time.monotonic() + wachttijd
    while True:
        try:
            _amqp_probe()
            return
        except Exception:
            if time.monotonic() > einde:
                raise
            time.sleep(1)


def _amqp_probe() -> None:
    import asyncio

    import aio_pika

    async def probe() -> None:
        verbinding = await aio_pika.connect(host=LOOPBACK, port=5672, login="guest", password="guest", timeout=5)
        await verbinding.close()

    asyncio.run(probe())





class Omgeving:
    """A fresh database, Redis key prefix and RabbitMQ exchange/queue; `opruimen` removes them."""

    def __init__(self, naam: str = "schaal") -> None:
        code = secrets.token_hex(4)
        self.database = f"wegwijzer_{naam}_{code}"
        self.redis_db = 3  # not Rasa's default 1; the unique prefix is what keeps runs apart
        self.redis_prefix = f"wegwijzer{naam}{code}"  # alphanumeric: Rasa ignores other prefixes
        self.exchange = f"wegwijzer-{naam}-{code}"
        self.queue = f"wegwijzer-{naam}-{code}"

    def env(self, actie_poort: int) -> dict[str, str]:
        return {
            "ACTION_ENDPOINT_URL": f"http://{LOOPBACK}:{actie_poort}/webhook",
            "PG_HOST": LOOPBACK, "PG_PORT": "5432", "PG_DB": self.database,
            "PG_USER": "postgres", "PG_PASSWORD": "", "PG_SSLMODE": "prefer",
            "REDIS_HOST": LOOPBACK, "REDIS_PORT": "6379", "REDIS_DB": str(self.redis_db),
            "REDIS_PASSWORD": "", "REDIS_KEY_PREFIX": self.redis_prefix,
            "RABBITMQ_HOST": LOOPBACK, "RABBITMQ_PORT": "5672",
            "RABBITMQ_USER": "guest", "RABBITMQ_PASSWORD": "guest",
            "RABBITMQ_EXCHANGE": self.exchange, "RABBITMQ_QUEUE": self.queue,
        }

    def _pg(self, db: str = "postgres"):
        import psycopg2

        verbinding = psycopg2.connect(host=LOOPBACK, port=5432, user="postgres", dbname=db)
        verbinding.autocommit = True
        return verbinding

    def _sql(self, opdracht: str) -> None:
        # Not `with connection:` (psycopg2 opens a transaction there; CREATE DATABASE refuses one).
        v = self._pg()
        try:
            with v.cursor() as c:
                c.execute(opdracht)
        finally:
            v.close()

    def aanmaken(self) -> None:
        self._sql(f'CREATE DATABASE "{self.database}"')
        # Create the schema once, before the instances start: Rasa runs create_all at start-up and
        # two instances doing that at the same moment on an empty database can collide (in
        # Kubernetes: the first replica alone, or a one-off job like this).
        from rasa.core.tracker_store import SQLTrackerStore

        SQLTrackerStore(dialect="postgresql", host=LOOPBACK, port=5432, db=self.database, username="postgres")

    def events(self) -> list[tuple[int, str, str, dict]]:
        """(id, sender_id, type_name, data) of every stored event, in storage order."""
        import json

        v = self._pg(self.database)
        try:
            with v.cursor() as c:
                c.execute("SELECT id, sender_id, type_name, data FROM events ORDER BY id")
                return [(i, s, t, json.loads(d)) for i, s, t, d in c.fetchall()]
        finally:
            v.close()

    def database_grootte(self) -> int:
        """Bytes on disk of this run's database (tables, indexes, TOAST)."""
        v = self._pg(self.database)
        try:
            with v.cursor() as c:
                c.execute("SELECT pg_database_size(current_database())")
                return c.fetchone()[0]
        finally:
            v.close()

    def redis(self):
        import redis

        return redis.StrictRedis(host=LOOPBACK, port=6379, db=self.redis_db)

    def redis_sleutels(self) -> list[bytes]:
        return list(self.redis().scan_iter(match=f"{self.redis_prefix}:*"))

    async def broker_lezen(self, verwacht: int, wachttijd: float = 20, nalopen: float = 1.5) -> list[dict]:
        """Consumes the queue until `verwacht` messages arrived (or the time is up), then keeps
        listening `nalopen` seconds more so that duplicates would show."""
        import asyncio
        import json

        import aio_pika

        verbinding = await aio_pika.connect(host=LOOPBACK, port=5672, login="guest", password="guest")
        berichten: list[dict] = []
        try:
            kanaal = await verbinding.channel()
            rij = await kanaal.declare_queue(self.queue, durable=True, passive=True)
            einde = time.monotonic() + wachttijd
            stil_tot: Optional[float] = None
            while time.monotonic() < einde:
                bericht = await rij.get(no_ack=True, fail=False)
                if bericht is None:
                    if len(berichten) >= verwacht:
                        stil_tot = stil_tot or time.monotonic() + nalopen
                        if time.monotonic() > stil_tot:
                            break
                    await asyncio.sleep(0.1)
                    continue
                # The AMQP message_id (deploy/rabbit_broker.bericht_id) rides along, for dedup checks.
                berichten.append({**json.loads(bericht.body), "_message_id": bericht.message_id})
        finally:
            await verbinding.close()
        return berichten

    def __enter__(self) -> "Omgeving":
        self.aanmaken()
        return self

    def __exit__(self, *exc) -> None:
        self.opruimen()

    def opruimen(self) -> None:
        import asyncio

        import aio_pika

        fouten = []
        try:
            self._sql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        except Exception as e:  # keep cleaning the other services
            fouten.append(f"postgres: {e}")
        try:
            r = self.redis()
            for sleutel in r.scan_iter(match=f"{self.redis_prefix}:*"):
                r.delete(sleutel)
        except Exception as e:
            fouten.append(f"redis: {e}")

        async def rabbit() -> None:
            verbinding = await aio_pika.connect(host=LOOPBACK, port=5672, login="guest", password="guest")
            try:
                kanaal = await verbinding.channel()
                await kanaal.queue_delete(self.queue)
                await kanaal.exchange_delete(self.exchange)
            finally:
                await verbinding.close()

        try:
            asyncio.run(rabbit())
        except Exception as e:
            fouten.append(f"rabbitmq: {e}")
        if fouten:
            raise RuntimeError("opruimen onvolledig: " + "; ".join(fouten))





class Instanties:
    """One action server and `aantal` Rasa instances (single Sanic worker each), started in
    parallel. Context manager: always stops every process it started."""

    def __init__(self, omgeving: Omgeving, werkmap: Path, aantal: int = 2, auth_token: Optional[str] = None) -> None:
        if not MODEL.exists():
            raise FileNotFoundError(f"{MODEL} ontbreekt: eerst `make train`")
        self.omgeving = omgeving
        self.werkmap = werkmap
        self.auth_token = auth_token
        self.actie_poort = vrije_poort()
        self.poorten = [vrije_poort() for _ in range(aantal)]
        self.urls = [f"http://{LOOPBACK}:{p}" for p in self.poorten]
        self.actieserver: Optional[subprocess.Popen] = None
        self.rasa: list[subprocess.Popen] = []
        self.starttijd_s: Optional[float] = None

    def __enter__(self) -> "Instanties":
        # Own copy of the model: a retraining elsewhere in this checkout must not swap it between
        # the instances' loads.
        model = self.werkmap / "wegwijzer.tar.gz"
        shutil.copyfile(MODEL, model)
        env = {
            **os.environ, **self.omgeving.env(self.actie_poort),
            "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "SANIC_WORKERS": "1",
        }
        begin = time.monotonic()
        actie_log = self.werkmap / "actions.log"
        self.actieserver = subprocess.Popen(
            [RASA, "run", "actions", "--actions", "actions", "--port", str(self.actie_poort)],
            cwd=ROOT, env=env, stdout=actie_log.open("w"), stderr=subprocess.STDOUT,
        )
        api = ["--enable-api", f"--auth-token={self.auth_token}"] if self.auth_token else []
        logs = []
        for i, poort in enumerate(self.poorten):
            log = self.werkmap / f"rasa{i}.log"
            logs.append(log)
            self.rasa.append(subprocess.Popen(
                [RASA, "run", "--model", str(model), "--port", str(poort), "--interface", LOOPBACK,
                 "--credentials", "credentials.yml", "--endpoints", str(ENDPOINTS), *api],
                cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
            ))
        try:
            wacht_tot(f"http://{LOOPBACK}:{self.actie_poort}/health", 120, self.actieserver, actie_log)
            for url, proces, log in zip(self.urls, self.rasa, logs):
                wacht_tot(url + "/", 240, proces, log)
        except Exception:
            self.__exit__()
            raise
        self.starttijd_s = time.monotonic() - begin
        return self

    def __exit__(self, *exc) -> None:
        stop([self.actieserver, *self.rasa], 20)

    def zeg(self, instantie: int, afzender: str, tekst: str) -> list[dict]:
        r = requests.post(self.urls[instantie] + "/webhooks/rest/webhook",
                          json={"sender": afzender, "message": tekst}, timeout=120)
        r.raise_for_status()
        return r.json()

    def tracker(self, instantie: int, afzender: str) -> dict:
        r = requests.get(f"{self.urls[instantie]}/conversations/{afzender}/tracker",
                         params={"token": self.auth_token}, timeout=30)
        r.raise_for_status()
        return r.json()

    def rss_mb(self) -> dict[str, float]:
        """Resident memory (VmRSS) of each process, in MB."""
        uit = {}
        for naam, p in [("actions", self.actieserver), *((f"rasa{i}", p) for i, p in enumerate(self.rasa))]:
            uit[naam] = rss_mb(p.pid)
        return uit


def rss_mb(pid: int) -> float:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmRSS:"):
            return int(regel.split()[1]) / 1024
    return 0.0
