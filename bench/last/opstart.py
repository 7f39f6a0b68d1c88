"""Real servers for the load benchmark and what is measured on them from /proc: starting a Rasa
server plus its own action server on free loopback ports (cold start measured), RSS and CPU
seconds per process, and the trainings: (a) only when models/wegwijzer.tar.gz is missing, (b)
Rasa's default pipeline and policies on the same data, cached per data hash. Every training
waits for the machine's training lock (flock), like make train and make bench-nlu."""
from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from deploy.instanties import rss_mb  # noqa: E402
from deploy.meet import cpu_s  # noqa: E402
from scripts.processen import stop, vrije_poort  # noqa: E402

RASA = str(Path(sys.executable).with_name("rasa"))
LOCK = os.environ.get("TRAIN_LOCK", "/tmp/wegwijzer-train.lock")
MODEL_A = ROOT / "models" / "wegwijzer.tar.gz"
CONFIG_B = Path(__file__).resolve().parent / "config_standaard.yml"
LOOPBACK = "127.0.0.1"

# Load runs must measure the assistant, not the per-sender rate limits of the channels.
OMGEVING = {
    "WEGWIJZER_LIMIET_UIT": "1",
    "RASA_CORS": "http://localhost:8080",  # the Origin the socketio users send (belasting.ORIGIN)
    "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "SANIC_WORKERS": "1", "PYTHONHASHSEED": "0",
}


def proc_meting(pid: int) -> dict:
    return {"rss_mb": round(rss_mb(pid), 1), "cpu_s": round(cpu_s(pid), 2)}


# ---------------------------------------------------------------------------------------- trainen

@contextmanager
def trainingsslot():
    """The machine's training lock, the same flock(2) lock `flock /tmp/wegwijzer-train.lock` (make
    train, make bench-nlu) takes. Yields the seconds spent waiting for it."""
    with open(LOCK, "a") as f:
        begin = time.monotonic()
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield time.monotonic() - begin
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _getimede_training(commando: list[str]) -> dict:
    """Runs a training (inside the lock); wall-clock and CPU seconds of the training process."""
    print("$", " ".join(commando), flush=True)
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.monotonic()
    r = subprocess.run(commando, cwd=ROOT, env={**os.environ, **OMGEVING})
    wand = time.monotonic() - begin
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode:
        raise SystemExit(f"training mislukt ({r.returncode}): {' '.join(commando)}")
    return {"wand_s": round(wand, 1), "cpu_s": round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 1)}


def model_a(uit: Path) -> dict:
    """The project's model; trained (and timed) only when it is missing. Checked again inside the
    lock: a training that was running elsewhere (make train) may just have made it."""
    if not MODEL_A.exists():
        with trainingsslot() as wachten:
            if not MODEL_A.exists():
                MODEL_A.parent.mkdir(exist_ok=True)
                tijd = _getimede_training([RASA, "train", "--fixed-model-name", "wegwijzer", "--out",
                                           str(MODEL_A.parent), "--quiet"])
                return {"pad": str(MODEL_A), "training": {**tijd, "wachten_op_lock_s": round(wachten, 1)},
                        "bytes": MODEL_A.stat().st_size}
    return {"pad": str(MODEL_A), "training": "niet opnieuw getraind", "bytes": MODEL_A.stat().st_size}


def _nlu_bench():
    """bench/nlu/bench.py as a module: its maak_standaard_data() writes data/nlu with the entities
    herkenning finds annotated, so (b) can learn the slots (same conversion as make bench-nlu)."""
    spec = importlib.util.spec_from_file_location("nlu_bench", ROOT / "bench/nlu/bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def data_hash(nlu: Path) -> str:
    """Everything (b) is trained from: its config, the domain, rules and stories, the converted NLU
    data itself (so a change in herkenning retrains (b) only when it changes the annotations), and
    Rasa's version."""
    import rasa

    h = hashlib.sha256(rasa.__version__.encode())
    bestanden = [CONFIG_B, ROOT / "domain.yml", *sorted((ROOT / "data/rules").rglob("*.yml")),
                 *sorted((ROOT / "data/stories").rglob("*.yml"))]
    for pad in bestanden:
        h.update(str(pad.relative_to(ROOT)).encode())
        h.update(pad.read_bytes())
    h.update(b"nlu")
    h.update(nlu.read_bytes())
    return h.hexdigest()


def model_b(uit: Path, verouderd_mag: bool = False) -> dict:
    """(b), cached per data hash; trained inside the training lock only when the cache is stale.
    `verouderd_mag` (smoke runs): a stale cached model is used anyway, marked `verouderd`."""
    map_b = uit / "standaard"
    model = map_b / "standaard.tar.gz"
    info_pad = map_b / "training.json"
    # The converted NLU data is made first (a few seconds): it is part of what the hash covers.
    _nlu_bench().maak_standaard_data(map_b / "data")
    sleutel = data_hash(map_b / "data" / "nlu.yml")

    def uit_cache() -> Optional[dict]:
        if model.exists() and info_pad.exists():
            info = json.loads(info_pad.read_text())
            if info.get("data_hash") == sleutel:
                return {**info, "pad": str(model), "bytes": model.stat().st_size, "uit_cache": True}
        return None

    if (klaar := uit_cache()) is not None:
        return klaar
    if verouderd_mag and model.exists() and info_pad.exists():
        return {**json.loads(info_pad.read_text()), "pad": str(model), "bytes": model.stat().st_size,
                "uit_cache": True, "verouderd": True}
    with trainingsslot() as wachten:
        if (klaar := uit_cache()) is not None:
            return klaar
        model.unlink(missing_ok=True)
        tijd = _getimede_training([
            RASA, "train", "--config", str(CONFIG_B), "--domain", "domain.yml",
            "--data", str(map_b / "data" / "nlu.yml"), "data/rules", "data/stories",
            "--out", str(map_b), "--fixed-model-name", "standaard", "--quiet"])
    info = {"data_hash": sleutel, "training": {**tijd, "wachten_op_lock_s": round(wachten, 1)},
            "getraind_op": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    info_pad.write_text(json.dumps(info, indent=2))
    return {**info, "pad": str(model), "bytes": model.stat().st_size, "uit_cache": False}


# ---------------------------------------------------------------------------------------- servers

def _wacht(url: str, proces: subprocess.Popen, log: Path, seconden: float, post: Optional[dict] = None) -> float:
    """Polls every 0.1 s (a cold start is measured to that precision); returns the moment it answered."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"{url}: server stopte (code {proces.returncode}):\n{log.read_text()[-3000:]}")
        try:
            r = requests.post(url, json=post, timeout=30) if post else requests.get(url, timeout=2)
            if r.status_code < 500 and (not post or r.json()):
                return time.monotonic()
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} niet bereikbaar na {seconden} s:\n{log.read_text()[-3000:]}")


class Server:
    """`rasa run` with one model and its own action server, SQLite tracker store in `werkmap`.
    Context manager: always stops both. Cold start: from the command to GET / answering (Rasa
    loads the model before it listens) and to the first answered REST message."""

    def __init__(self, model: Path, werkmap: Path, naam: str) -> None:
        self.model, self.werkmap, self.naam = Path(model), werkmap, naam
        werkmap.mkdir(parents=True, exist_ok=True)
        self.rasa_poort, self.actie_poort = vrije_poort(), vrije_poort()
        self.url = f"http://{LOOPBACK}:{self.rasa_poort}"
        self.tracker_db = werkmap / "tracker.db"
        self.rasa: Optional[subprocess.Popen] = None
        self.acties: Optional[subprocess.Popen] = None
        self.koude_start: dict = {}

    def __enter__(self) -> "Server":
        self.tracker_db.unlink(missing_ok=True)
        env = {**os.environ, **OMGEVING, "ACTIONS_PORT": str(self.actie_poort), "TRACKER_DB": str(self.tracker_db),
               "SANIC_HOST": LOOPBACK}
        actie_log, rasa_log = self.werkmap / "actions.log", self.werkmap / "rasa.log"
        begin = time.monotonic()
        self.acties = subprocess.Popen([RASA, "run", "actions", "--actions", "actions", "--port", str(self.actie_poort)],
                                       cwd=ROOT, env=env, stdout=actie_log.open("w"), stderr=subprocess.STDOUT)
        self.rasa = subprocess.Popen(
            [RASA, "run", "--model", str(self.model), "--port", str(self.rasa_poort), "--interface", LOOPBACK,
             "--credentials", "credentials.yml", "--endpoints", "endpoints.yml"],
            cwd=ROOT, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT)
        try:
            acties_klaar = _wacht(f"http://{LOOPBACK}:{self.actie_poort}/health", self.acties, actie_log, 180)
            rasa_klaar = _wacht(self.url + "/", self.rasa, rasa_log, 300)
            eerste = _wacht(self.url + "/webhooks/rest/webhook", self.rasa, rasa_log, 120,
                            post={"sender": f"koudestart-{self.naam}", "message": "hoi"})
        except Exception:
            self.__exit__()
            raise
        self.koude_start = {"actieserver_s": round(acties_klaar - begin, 1), "rasa_luistert_s": round(rasa_klaar - begin, 1),
                            "eerste_antwoord_s": round(eerste - begin, 1), "load_avg_1m": os.getloadavg()[0]}
        return self

    def __exit__(self, *exc) -> None:
        stop([self.rasa, self.acties], 30)

    def pids(self) -> dict[str, int]:
        return {"rasa": self.rasa.pid, "acties": self.acties.pid}

    def opgeslagen_gebruikersberichten(self, vanaf: float) -> int:
        """User messages stored since `vanaf` (epoch seconds). Not by sender id: socketio ids are
        issued by the server (channels/socketio.py), so the harness does not choose them."""
        import sqlite3

        with sqlite3.connect(f"file:{self.tracker_db}?mode=ro", uri=True) as db:
            return db.execute("SELECT COUNT(*) FROM events WHERE type_name = 'user' AND timestamp >= ?",
                              (vanaf,)).fetchone()[0]


class Bemonsteraar:
    """RSS of each process sampled during a round (start, end, max) and CPU seconds used."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.begin = {n: proc_meting(p) for n, p in pids.items()}
        self.rss: dict[str, list[tuple[float, float]]] = {n: [] for n in pids}
        self.t0 = time.monotonic()

    def __call__(self) -> None:
        for n, p in self.pids.items():
            try:
                self.rss[n].append((round(time.monotonic() - self.t0, 1), round(rss_mb(p), 1)))
            except (FileNotFoundError, ProcessLookupError):  # the server died: the round's errors show it
                pass

    def resultaat(self, berichten: int) -> dict:
        uit = {}
        for n, p in self.pids.items():
            try:
                eind = proc_meting(p)
            except (FileNotFoundError, ProcessLookupError):
                uit[n] = {"gestopt": True}
                continue
            reeks = [m for _, m in self.rss[n]] or [eind["rss_mb"]]
            cpu = eind["cpu_s"] - self.begin[n]["cpu_s"]
            uit[n] = {"rss_begin_mb": self.begin[n]["rss_mb"], "rss_eind_mb": eind["rss_mb"], "rss_max_mb": max(reeks),
                      "cpu_s": round(cpu, 2), "cpu_ms_per_bericht": round(1000 * cpu / berichten, 1) if berichten else None}
        return uit
