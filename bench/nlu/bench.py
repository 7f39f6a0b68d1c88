"""NLU benchmark (make bench-nlu): trains and evaluates, in one run and on the same data,
  (a) this project's pipeline (config.yml: spaCy lemmas + DIET for intents + WegwijzerSignalen),
  (b) Rasa's default pipeline as `rasa init` generates it (bench/nlu/config_standaard.yml),
  (c) a naive keyword baseline (bench/nlu/trefwoorden.py),
on the held-out set tests/nlu/heldout.yml (never used for training) and the safety set
tests/nlu/veiligheid.yml; plus `rasa test nlu` cross-validation of (a) on data/nlu.

(b) cannot learn slots from data/nlu as it stands (the project annotates no entities: its values
come from herkenning). So the bench writes a converted copy of data/nlu to <out>/standaard_data in
which every example carries the entities herkenning finds in it (same spans and contract values
as the project's component), plus data/nlu's synonyms, lookups and regexes. (b) learns from that.

Every training waits for /tmp/wegwijzer-train.lock (flock), the machine's one-training-at-a-time
rule; the measured training time is the time inside the lock.
Output: <out>/resultaten.json, <out>/resultaten.md, docs/nlu_confusie.png.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

HIER = Path(__file__).resolve().parent
REPO = HIER.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HIER))

from maten import (  # noqa: E402
    ACUUT, GEEN, SLOTS, intent_maten, laad_heldout, laad_veiligheid, slot_maten, veiligheid_maten,
)

LOCK = os.environ.get("TRAIN_LOCK", "/tmp/wegwijzer-train.lock")
RASA = str(Path(sys.executable).with_name("rasa"))
ROBUUST = {
    "leeg": "",
    "alleen spaties": "   \n\t ",
    "10.000 tekens": ("ik word gepest " * 700)[:10_000],
    "alleen emoji": "😢😢😡🙈",
    "markup": "<script>alert('hoi')</script><b>help</b>",
    # Session 4: with more intent examples DIET became sure of these (bedanken 0.70, stoppen 0.82).
    "toetsenbordgeklop": "qwerty asdf zxcv blub",
    "verzonnen woorden": "bloop fnarg wibble",
}


def sh(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    print("$", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=REPO, **kw)


def train(naam: str, config: Path, nlu: Path, uitmap: Path) -> tuple[Path, float]:
    """`rasa train nlu` under the training lock; returns model path and seconds inside the lock."""
    tijd = uitmap / f"{naam}.seconden"
    # Wall-clock and CPU seconds of the training itself (CPU time is the fairer figure on a shared machine).
    meet = ("import resource,subprocess,sys,time; t=time.time(); r=subprocess.call(sys.argv[2:]); "
            "c=resource.getrusage(resource.RUSAGE_CHILDREN); "
            "open(sys.argv[1],'w').write(f'{time.time()-t} {c.ru_utime+c.ru_stime}'); sys.exit(r)")
    r = sh(["flock", LOCK, sys.executable, "-c", meet, str(tijd), RASA, "train", "nlu", "--config", str(config),
            "--nlu", str(nlu), "--out", str(uitmap), "--fixed-model-name", naam, "--quiet"])
    if r.returncode:
        sys.exit(f"training {naam} mislukt ({r.returncode})")
    return uitmap / f"{naam}.tar.gz", lees_tijd(tijd)


def lees_tijd(pad: Path) -> dict:
    delen = pad.read_text().split()
    return {"wand_s": float(delen[0]), "cpu_s": float(delen[1]) if len(delen) > 1 else None}


def maak_standaard_data(doel: Path) -> None:
    """data/nlu with herkenning's entities annotated, for the default pipeline (b)."""
    from rasa.shared.nlu.training_data.loading import load_data

    from actions.wegwijzer.herkenning import herken, zonder_overlap

    data = load_data(str(REPO / "data/nlu"), language="nl")
    for ex in data.training_examples:
        tekst = ex.get("text")
        if not ex.get("intent") or ex.get("intent") == "andere_taal":
            continue  # the project's component gives non-Dutch messages no entities
        entiteiten = []
        for s in zonder_overlap(herken(tekst), tekst):
            # Rasa's training format cannot hold overlapping spans: the later one is left out.
            if s.slot in SLOTS and all(s.eind <= e["start"] or s.start >= e["end"] for e in entiteiten):
                entiteiten.append({"start": s.start, "end": s.eind, "value": s.waarde, "entity": s.slot})
        ex.set("entities", entiteiten)
    doel.mkdir(parents=True, exist_ok=True)
    (doel / "nlu.yml").write_text(data.nlu_as_yaml(), encoding="utf-8")


def slots_uit(entiteiten: list[dict]) -> dict:
    uit: dict = {}
    for e in entiteiten or []:
        if e.get("entity") in SLOTS and e.get("entity") not in uit:
            uit[e["entity"]] = str(e.get("value"))
    return uit


_AGENTS: dict = {}


async def _parse_alles(model: Path, teksten: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    if model not in _AGENTS:  # load each model once
        _AGENTS[model] = Agent.load(str(model))
    agent = _AGENTS[model]
    uit = []
    for t in teksten:
        r = await agent.parse_message(t)
        v = slots_uit(r.get("entities"))
        v["intent"] = (r.get("intent") or {}).get("name")
        uit.append(v)
    return uit


def parse(model: Path, teksten: list[str]) -> list[dict]:
    return asyncio.run(_parse_alles(model, teksten))


def robuustheid(model: Path) -> dict:
    uit = {}
    for naam, tekst in ROBUUST.items():
        t = time.time()
        try:
            r = parse(model, [tekst])[0]
            uit[naam] = {"intent": r.get("intent"), "slots": {k: v for k, v in r.items() if k != "intent"},
                         "ms": round((time.time() - t) * 1000)}
        except Exception as fout:  # noqa: BLE001 - the point is to report it
            uit[naam] = {"fout": repr(fout)}
    return uit


def evalueer(naam: str, voorspel, gold, veilig) -> dict:
    v = voorspel([g["tekst"] for g in gold])
    acuut = voorspel([a["tekst"] for a in veilig["acuut"]])
    look = voorspel(veilig["lookalikes"])
    soort = {"acuut_zelfdoding": "zelfdoding", "acuut_gevaar": "levensgevaar"}
    return {
        "naam": naam,
        "voorspellingen": v,
        "slots": slot_maten(gold, v),
        "intent": intent_maten(gold, v),
        "veiligheid": veiligheid_maten([soort.get(x.get("intent")) for x in acuut],
                                       [a["soort"] for a in veilig["acuut"]],
                                       [soort.get(x.get("intent")) for x in look]),
        "gemist": [a["tekst"] for a, x in zip(veilig["acuut"], acuut) if x.get("intent") not in ACUUT],
        "vals_alarm": [t for t, x in zip(veilig["lookalikes"], look) if x.get("intent") in ACUUT],
    }


# Extra held-out sets: (key, file in tests/nlu, how it was written). Reported beside the main set.
EXTRA_SETS = (
    ("vijfde", "heldout_vijfde", "Vijfde held-out set, blind geschreven (zonder trainingsdata, regels of "
     "code te zien); eerste meting: bench/nlu/heldout_vijfde_eerste_meting.txt"),
    ("zesde", "heldout_zesde", "Zesde held-out set, blind geschreven in sessie 4 (zonder trainingsdata, "
     "regels of code te zien); eerste meting: bench/nlu/heldout_zesde_eerste_meting.txt"),
    ("zevende", "heldout_zevende", "Zevende held-out set, blind geschreven in sessie 5 (zonder trainingsdata, "
     "regels of code te zien); eerste meting: bench/nlu/heldout_zevende_eerste_meting.txt"),
    ("achtste", "heldout_achtste", "Achtste held-out set, blind geschreven in sessie 6 (zonder trainingsdata, "
     "regels of code te zien); eerste meting: bench/nlu/heldout_achtste_eerste_meting.txt"),
)
# The second, third and fourth sets were tuned on after their first measurement
# (bench/nlu/heldout_*_eerste_meting.txt) and are now training data of the learned slot model
# (data/slots/vers.yml, derde.yml, vierde.yml).


def evalueer_vers(voorspel, vers) -> dict:
    """An extra held-out set: slots and intents only (the safety set is separate)."""
    v = voorspel([g["tekst"] for g in vers])
    acuut = [(g, x) for g, x in zip(vers, v) if g.get("intent") in ACUUT]
    return {"n": len(vers), "slots": slot_maten(vers, v), "intent": intent_maten(vers, v),
            "acuut": {"n": len(acuut), "herkend": sum(x.get("intent") in ACUUT for _, x in acuut),
                      "gemist": [g["tekst"] for g, x in acuut if x.get("intent") not in ACUUT]}}


def kruisvalidatie(uitmap: Path, folds: int) -> dict:
    doel = uitmap / "kruisvalidatie"
    shutil.rmtree(doel, ignore_errors=True)
    r = sh(["flock", LOCK, RASA, "test", "nlu", "--nlu", "data/nlu", "--config", "config.yml",
            "--cross-validation", "--folds", str(folds), "--out", str(doel)],
           capture_output=True, text=True)
    log = r.stdout + r.stderr
    (uitmap / "kruisvalidatie.log").write_text(log, encoding="utf-8")
    uit: dict = {"folds": folds, "returncode": r.returncode}
    blok = log.split("Intent evaluation results", 1)[-1] if "Intent evaluation results" in log else ""
    for m in re.finditer(r"(train|test) (Accuracy|F1-score|Precision): ?([\d.]+) \(([\d.]+)\)", blok):
        uit.setdefault(m.group(1), {})[m.group(2)] = {"gemiddeld": float(m.group(3)), "sd": float(m.group(4))}
    rapport = doel / "intent_report.json"  # the test folds together
    if rapport.exists():
        r = json.loads(rapport.read_text())
        uit["test_samen"] = {"accuracy": r.get("accuracy"), "macro_f1": r["macro avg"]["f1-score"],
                             "gewogen_f1": r["weighted avg"]["f1-score"]}
    return uit


def confusie_png(resultaten: dict, gold: list[dict], pad: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import confusion_matrix

    panelen = [(m, s) for s in ("situatie", "rol") for m in ("a", "b")]
    fig, assen = plt.subplots(2, 2, figsize=(13, 11))
    for ax, (m, slot) in zip(assen.flat, panelen):
        r = resultaten[m]
        labels = SLOTS[slot] + [GEEN, "overig"]
        y_t = [g[slot] for g in gold if g.get(slot)]
        # "overig": a value outside the contract for this slot (a learned entity can be anything).
        y_p = [(v.get(slot) or GEEN) if (v.get(slot) or GEEN) in labels else "overig"
               for g, v in zip(gold, r["voorspellingen"]) if g.get(slot)]
        cm = confusion_matrix(y_t, y_p, labels=labels)[: len(SLOTS[slot])]
        ax.imshow(cm, cmap="Blues")
        ax.set_xticks(range(len(labels)), labels, rotation=35, ha="right")
        ax.set_yticks(range(len(SLOTS[slot])), SLOTS[slot])
        for i in range(cm.shape[0]):
            for j in range(cm.shape[1]):
                ax.text(j, i, cm[i, j], ha="center", va="center", color="white" if cm[i, j] > cm.max() / 2 else "black")
        f1 = r["slots"][slot]["macro_f1"]
        ax.set_title(f"({m}) {r['naam']}\n{slot}: macro-F1 {f1:.3f}", fontsize=10)
        ax.set_xlabel("voorspeld")
        ax.set_ylabel("goud (heldout)")
    fig.suptitle("Wegwijzer NLU: verwarringsmatrix op tests/nlu/heldout.yml", fontsize=12)
    fig.tight_layout()
    pad.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(pad, dpi=110)


def tabel(res: dict, cv: dict | None, machine: str, commando: str) -> str:
    namen = [k for k in ("a", "b", "c") if k in res]
    r = []
    r.append(f"Datum: {res['datum']}  \nMachine: {machine}  \nCommando: `{commando}`  \n"
             f"Held-out: {res['n_heldout']} berichten (tests/nlu/heldout.yml); veiligheid: "
             f"{res['a']['veiligheid']['n_acuut']} acuut + {res['a']['veiligheid']['n_lookalikes']} lookalikes (tests/nlu/veiligheid.yml)\n")
    r.append("| | " + " | ".join(f"({k}) {res[k]['naam']}" for k in namen) + " |")
    r.append("|---|" + "---|" * len(namen))
    for slot in SLOTS:
        n = res["a"]["slots"][slot]["n"]
        r.append(f"| {slot} macro-F1 / accuracy (n={n}) | " + " | ".join(
            f"{res[k]['slots'][slot]['macro_f1']:.3f} / {res[k]['slots'][slot]['accuracy']:.3f}" for k in namen) + " |")
    r.append("| slots gevuld zonder dat het bericht ze noemt | " + " | ".join(
        str(sum(res[k]["slots"][s]["ongevraagd"] for s in SLOTS)) for k in namen) + " |")
    r.append(f"| intent macro-F1 / accuracy (n={res['a']['intent']['n']}) | " + " | ".join(
        f"{res[k]['intent']['macro_f1']:.3f} / {res[k]['intent']['accuracy']:.3f}" for k in namen) + " |")
    r.append("| nlu_fallback (vraagt door) | " + " | ".join(str(res[k]["intent"]["fallback"]) for k in namen) + " |")
    r.append("| veiligheid: recall acuut | " + " | ".join(
        f"{res[k]['veiligheid']['recall']:.1%} ({res[k]['veiligheid']['n_acuut'] - len(res[k]['gemist'])}/{res[k]['veiligheid']['n_acuut']})" for k in namen) + " |")
    r.append("| veiligheid: juiste soort (113 vs 112) | " + " | ".join(f"{res[k]['veiligheid']['juiste_soort']:.1%}" for k in namen) + " |")
    r.append("| veiligheid: vals alarm op lookalikes | " + " | ".join(
        f"{res[k]['veiligheid']['fp_rate']:.1%} ({res[k]['veiligheid']['fp']}/{res[k]['veiligheid']['n_lookalikes']})" for k in namen) + " |")
    def tijd(t):
        if not t:
            return "–"
        cpu = f", {t['cpu_s']:.0f} s CPU" if t.get("cpu_s") else ""
        return f"{t['wand_s']:.0f} s{cpu}"

    r.append("| trainingstijd (wandklok in de lock, gedeelde machine) | " + " | ".join(tijd(res[k].get("trainingstijd_s")) for k in namen) + " |")
    r.append("| modelgrootte | " + " | ".join(
        f"{res[k]['modelgrootte_mb']:.1f} MB" if res[k].get("modelgrootte_mb") is not None else "–" for k in namen) + " |")
    for sleutel, bestand, uitleg in EXTRA_SETS:
        if sleutel not in res["a"]:
            continue
        r.append("")
        r.append(f"{uitleg} (tests/nlu/{bestand}.yml, {res['a'][sleutel]['n']} berichten), macro-F1 / accuracy:\n")
        r.append("| | " + " | ".join(f"({k}) {res[k]['naam']}" for k in namen) + " |")
        r.append("|---|" + "---|" * len(namen))
        for slot in SLOTS:
            n = res["a"][sleutel]["slots"][slot]["n"]
            r.append(f"| {slot} (n={n}) | " + " | ".join(
                f"{res[k][sleutel]['slots'][slot]['macro_f1']:.3f} / {res[k][sleutel]['slots'][slot]['accuracy']:.3f}" for k in namen) + " |")
        r.append(f"| intent (n={res['a'][sleutel]['intent']['n']}) | " + " | ".join(
            f"{res[k][sleutel]['intent']['macro_f1']:.3f} / {res[k][sleutel]['intent']['accuracy']:.3f}" for k in namen) + " |")
        if res["a"][sleutel]["acuut"]["n"]:
            r.append("| acuut herkend | " + " | ".join(
                f"{res[k][sleutel]['acuut']['herkend']}/{res[k][sleutel]['acuut']['n']}" for k in namen) + " |")
    if cv:
        t = cv.get("test_samen") or {}
        r.append("")
        r.append(f"`rasa test nlu --cross-validation --folds {cv['folds']}` op data/nlu met config.yml (intents, "
                 "testfolds samen): " + ", ".join(f"{k} {v:.3f}" for k, v in t.items() if v is not None))
    return "\n".join(r) + "\n"


def beschrijf_machine() -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores (gedeeld), Python {platform.python_version()}"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
        machine = f"{cpu}, {os.cpu_count()} cores (gedeeld met andere processen), Linux, Python {platform.python_version()}"
    except (OSError, StopIteration):
        pass
    return machine


def schrijf(res: dict, cv: dict | None, machine: str, commando: str, uit: Path, gold: list[dict]) -> str:
    res["kruisvalidatie"] = cv
    md = tabel(res, cv, machine, commando)
    (uit / "resultaten.md").write_text(md, encoding="utf-8")
    (uit / "resultaten.json").write_text(json.dumps(res, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    confusie_png(res, gold, REPO / "docs/nlu_confusie.png")
    return md


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(HIER / "out"))
    ap.add_argument("--folds", type=int, default=int(os.environ.get("CV_FOLDS", "3")),
                    help="kruisvalidatie-folds voor (a); 0 = overslaan")
    ap.add_argument("--hergebruik", action="store_true", help="bestaande modellen in --out gebruiken (ontwikkelen)")
    args = ap.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ["PYTHONPATH"] = str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")
    logging.getLogger("rasa").setLevel(logging.ERROR)
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.ERROR)  # no debug line per parsed message
    uit = Path(args.out).resolve()
    modellen = uit / "modellen"
    modellen.mkdir(parents=True, exist_ok=True)

    gold, veilig = laad_heldout(), laad_veiligheid()
    extra = {sleutel: laad_heldout(bestand) for sleutel, bestand, _ in EXTRA_SETS}
    res: dict = {"datum": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "n_heldout": len(gold)}

    print("== (b) trainingsdata met entiteiten uit herkenning", flush=True)
    maak_standaard_data(uit / "standaard_data")

    for sleutel, naam, config, nlu in (
        ("a", "project (config.yml)", REPO / "config.yml", REPO / "data/nlu"),
        ("b", "Rasa-standaard (rasa init)", HIER / "config_standaard.yml", uit / "standaard_data"),
    ):
        model = modellen / f"{sleutel}.tar.gz"
        seconden = None
        if not (args.hergebruik and model.exists()):
            print(f"== ({sleutel}) trainen: {naam}", flush=True)
            model, seconden = train(sleutel, config, nlu, modellen)
        elif (modellen / f"{sleutel}.seconden").exists():
            seconden = lees_tijd(modellen / f"{sleutel}.seconden")
        print(f"== ({sleutel}) evalueren", flush=True)
        r = evalueer(naam, lambda ts, m=model: parse(m, ts), gold, veilig)
        for setnaam, set_ in extra.items():  # not `sleutel`: that names the model in this loop
            r[setnaam] = evalueer_vers(lambda ts, m=model: parse(m, ts), set_)
        r["trainingstijd_s"] = seconden
        r["modelgrootte_mb"] = model.stat().st_size / 1e6
        r["robuustheid"] = robuustheid(model)
        res[sleutel] = r

    from trefwoorden import voorspel

    res["c"] = evalueer("trefwoorden", lambda ts: [voorspel(t) for t in ts], gold, veilig)
    for setnaam, set_ in extra.items():
        res["c"][setnaam] = evalueer_vers(lambda ts: [voorspel(t) for t in ts], set_)
    res["c"]["trainingstijd_s"] = {"wand_s": 0.0, "cpu_s": None}
    res["c"]["modelgrootte_mb"] = None

    machine = beschrijf_machine()
    commando = "make bench-nlu"
    schrijf(res, None, machine, commando, uit, gold)

    cv_bestand = uit / "kruisvalidatie.json"
    if args.hergebruik and cv_bestand.exists():
        cv = json.loads(cv_bestand.read_text())
    else:
        cv = kruisvalidatie(uit, args.folds) if args.folds else None
        if cv:
            cv_bestand.write_text(json.dumps(cv))

    md = schrijf(res, cv, machine, commando, uit, gold)
    print(md)
    for k in ("a", "b", "c"):
        if res[k]["gemist"]:
            print(f"({k}) gemist acuut: {res[k]['gemist']}")
    print("robuustheid (a):", json.dumps(res["a"]["robuustheid"], ensure_ascii=False))
    print(f"Resultaten: {uit / 'resultaten.md'}, {uit / 'resultaten.json'}, docs/nlu_confusie.png")


if __name__ == "__main__":
    main()
