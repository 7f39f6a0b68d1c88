"""Cross-validation of the learned slot model over writers, without Rasa: is it worth its place
under the rules, and from which probability on?

Each file in data/slots was written by someone else, so each fold holds out one whole file (a new
writer, as in real use) and trains on the rest. Scored like the benchmark (bench/nlu/maten.py):
rules alone vs rules + learned model at several thresholds, on vertel_verhaal messages (stories:
fill and correct), or with --antwoorden on the short form answers (informeren: fill only).

    PYTHONPATH=. .venv/bin/python bench/nlu/slotmodel_cv.py [--drempels 0.3 0.4 0.5 0.6 0.7] [--rooster]
    PYTHONPATH=. .venv/bin/python bench/nlu/slotmodel_cv.py --antwoorden --drempels 0.5 0.6 0.7
    PYTHONPATH=. .venv/bin/python bench/nlu/slotmodel_cv.py --acuut 0.3 0.4 0.5 [--binnen] [--bewaar rijen.json]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER.parents[1]))
sys.path.insert(0, str(HIER))

from actions.wegwijzer.herkenning import andere_taal, herken  # noqa: E402
from components import slotmodel  # noqa: E402
from maten import SLOTS, slot_maten  # noqa: E402

REPO = HIER.parents[1]


def regels(tekst: str) -> dict:
    s = herken(tekst)
    if s.waarde("acuut_soort") or andere_taal(tekst):
        return {}
    return {slot: s.waarde(slot) for slot in SLOTS if s.waarde(slot)}


def voorspellingen() -> tuple[list[dict], list[dict], list[dict], list[str]]:
    """Gold, rule values and learned values of every story, each predicted by a model that never
    saw its writer."""
    paden = sorted((REPO / "data/slots").glob("*.yml"))
    alles = slotmodel.laad_voorbeelden(paden)
    bronnen = sorted({v["bron"] for v in alles})
    gold, regel_v, geleerd_v = [], [], []
    for bron in bronnen:
        train = [v for v in alles if v["bron"] != bron]
        test = [v for v in alles if v["bron"] == bron and v.get("intent") == "vertel_verhaal"]
        if not test:
            continue
        model = slotmodel.train(train)
        gold += test
        regel_v += [regels(v["tekst"]) for v in test]
        geleerd_v += model.voorspel([v["tekst"] for v in test])
        print(f"fold {bron}: train {len(train)}, test {len(test)}", file=sys.stderr)
    return gold, regel_v, geleerd_v, bronnen


def rooster(gold, regel_v, geleerd_v) -> None:
    """Per slot: macro-F1/ongevraagd for each (fill, correct) threshold pair."""
    stappen = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01]
    for slot in SLOTS:
        print(f"\n{slot}: rijen = aanvullen vanaf, kolommen = overstemmen vanaf (1.01 = nooit)")
        print("      " + "".join(f"{o:>12}" for o in stappen))
        for a in stappen:
            cellen = []
            for o in stappen:
                samen = [dict(r, **{s: w for s, (w, _) in slotmodel.aanvulling(r, {slot: g[slot]}, {slot: a}, {slot: o}).items()})
                         for r, g in zip(regel_v, geleerd_v)]
                m = slot_maten(gold, samen)[slot]
                cellen.append(f"{m['macro_f1']:.3f}/{m['ongevraagd']:<4}")
            print(f"{a:>6}" + "".join(f"{c:>12}" for c in cellen))


def antwoorden_cv(drempels: list[float]) -> None:
    """Short form answers (`informeren`), one writer held out at a time: rules alone vs the model
    filling only the slots the rules left empty (an answer never corrects the rules)."""
    alles = slotmodel.laad_voorbeelden(sorted((REPO / "data/slots").glob("*.yml")))
    gold, regel_v, geleerd_v = [], [], []
    for bron in sorted({v["bron"] for v in alles}):
        test = [v for v in alles if v["bron"] == bron and v.get("intent") == "informeren"]
        if not test:
            continue
        model = slotmodel.train([v for v in alles if v["bron"] != bron])
        gold += test
        regel_v += [regels(v["tekst"]) for v in test]
        geleerd_v += model.voorspel([v["tekst"] for v in test])

    def toon(naam: str, voorspeld: list[dict]) -> None:
        m = slot_maten(gold, voorspeld)
        print(f"{naam:22}" + "".join(f" {s}={m[s]['macro_f1']:.3f}/{m[s]['n']}/{m[s]['ongevraagd']:<3}" for s in SLOTS))

    print(f"n={len(gold)} informeren; per slot macro-F1/n/ongevraagd")
    toon("regels", regel_v)
    for d in drempels:
        toon(f"aanvullen >= {d}", [dict(r, **{s: w for s, (w, _) in slotmodel.aanvulling(r, g, {s: d for s in SLOTS}, {}).items()})
                                   for r, g in zip(regel_v, geleerd_v)])


def nlu_intenties() -> list[dict]:
    """data/nlu's examples as {tekst, intent}: the acute net also learns from them."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(REPO / "data/nlu"), language="nl")
    return [{"tekst": m.get("text"), "intent": m.get("intent"), "bron": "data_nlu"}
            for m in data.intent_examples if (m.get("text") or "").strip()]


def acuut_cv(drempels: list[float], binnen: bool = False, bewaar: str | None = None) -> None:
    """Acute recall and false alarms of rules alone vs rules + learned net, one writer held out
    at a time (data/nlu counts as one writer); then the final net on tests/nlu/veiligheid.yml."""
    from actions.wegwijzer.herkenning import acuut_soort, lijkt_op_beeldspraak
    from maten import laad_veiligheid

    acuut_data = slotmodel.laad_voorbeelden(sorted((REPO / "data/acuut").glob("*.yml")))
    alles = slotmodel.laad_voorbeelden(sorted((REPO / "data/slots").glob("*.yml"))) + nlu_intenties() + acuut_data
    alles = [v for v in alles if v.get("intent") != "andere_taal"]
    zonder_slots = {"data_nlu"} | {v["bron"] for v in acuut_data}
    if binnen:
        # Within-writer: the acute file in 5 parts, each held out in turn (optimistic: the same
        # writer is in training); the other writers' messages stay in training throughout.
        for i, v in enumerate(acuut_data):
            v["bron"] = f"{v['bron']}#{i % 5}"
        zonder_slots |= {v["bron"] for v in acuut_data}
    rijen = []  # (is acute, rules say acute, figure of speech, learned)
    berichten = []  # the same order, for --bewaar
    bronnen = sorted({v["bron"] for v in (acuut_data if binnen else alles)})
    for bron in bronnen:
        test = [v for v in alles if v["bron"] == bron]
        train = [v for v in alles if v["bron"] != bron]
        model = slotmodel.train([v for v in train if v["bron"] not in zonder_slots],
                                alleen_acuut=[v for v in train if v["bron"] in zonder_slots])
        for v, g in zip(test, model.voorspel_acuut([v["tekst"] for v in test])):
            berichten.append({"tekst": v["tekst"], "intent": v.get("intent"), "bron": v["bron"]})
            # The pipeline's guard for short form answers, here with the gold intent.
            rijen.append((v.get("intent") in slotmodel.ACUUT_SOORT, bool(acuut_soort(v["tekst"])),
                          lijkt_op_beeldspraak(v["tekst"]) or slotmodel.kort_antwoord(v.get("intent"), v["tekst"]), g))
    if bewaar:  # every held-out prediction, to study the net's errors without the test sets
        Path(bewaar).write_text(json.dumps([dict(b, acuut=r[0], regels=r[1], beeldspraak_of_kort=r[2],
                                                 soort=r[3][0], kans=r[3][1]) for b, r in zip(berichten, rijen)],
                                           ensure_ascii=False, indent=0), encoding="utf-8")
    n_acuut = sum(r[0] for r in rijen)
    n_rest = len(rijen) - n_acuut
    wijze = "binnen data/acuut, 5 delen" if binnen else "per schrijver uitgelaten"
    print(f"\nacuut, {wijze}: {n_acuut} acute en {n_rest} andere berichten")
    print(f"{'regels':24} gevonden {sum(r[0] and r[1] for r in rijen)}/{n_acuut}   vals alarm {sum(not r[0] and r[1] for r in rijen)}/{n_rest}")
    for d in drempels:
        alarm = [r[1] or bool(slotmodel.acuut_alarm(r[1], r[2], r[3], d)) for r in rijen]
        print(f"{'regels+geleerd >= ' + str(d):24} gevonden {sum(r[0] and a for r, a in zip(rijen, alarm))}/{n_acuut}"
              f"   vals alarm {sum(not r[0] and a for r, a in zip(rijen, alarm))}/{n_rest}")
    veilig = laad_veiligheid()
    model = slotmodel.train(slotmodel.laad_voorbeelden(sorted((REPO / "data/slots").glob("*.yml"))),
                            alleen_acuut=nlu_intenties() + acuut_data)
    acuut = [a["tekst"] for a in veilig["acuut"]]
    look = list(veilig["lookalikes"])
    for naam, teksten in (("veiligheid.yml acuut", acuut), ("veiligheid.yml lookalikes", look)):
        g = model.voorspel_acuut(teksten)
        regels = [bool(acuut_soort(t)) for t in teksten]
        extra = [bool(slotmodel.acuut_alarm(r, lijkt_op_beeldspraak(t), x)) for t, r, x in zip(teksten, regels, g)]
        print(f"{naam}: regels {sum(regels)}/{len(teksten)}, met geleerd net (>= {slotmodel.ACUUT_DREMPEL}) "
              f"{sum(a or b for a, b in zip(regels, extra))}/{len(teksten)}")
        if naam.endswith("lookalikes"):
            print("   extra alarm:", [t for t, r, e in zip(teksten, regels, extra) if e and not r])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--drempels", type=float, nargs="*", default=[0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
    ap.add_argument("--rooster", action="store_true", help="per slot every (fill, correct) threshold pair")
    ap.add_argument("--acuut", type=float, nargs="*", help="only the acute net, at these thresholds")
    ap.add_argument("--binnen", action="store_true", help="with --acuut: folds within data/acuut")
    ap.add_argument("--bewaar", help="with --acuut: write every held-out prediction to this JSON file")
    ap.add_argument("--antwoorden", action="store_true", help="short form answers (informeren) instead of stories")
    args = ap.parse_args()
    if args.antwoorden:
        antwoorden_cv(args.drempels)
        return
    if args.acuut is not None:
        acuut_cv(args.acuut or [0.2, 0.3, 0.35, 0.4, 0.5, 0.6], binnen=args.binnen, bewaar=args.bewaar)
        return
    gold, regel_v, geleerd_v, bronnen = voorspellingen()

    def toon(naam: str, voorspeld: list[dict]) -> None:
        m = slot_maten(gold, voorspeld)
        print(f"{naam:22}" + "".join(f" {s}={m[s]['macro_f1']:.3f}/{m[s]['ongevraagd']:<3}" for s in SLOTS))

    print(f"n={len(gold)} vertel_verhaal over {len(bronnen)} schrijvers; per slot macro-F1/ongevraagd")
    toon("regels", regel_v)
    toon("alleen geleerd", [{s: w for s, (w, _) in g.items() if w != slotmodel.GEEN} for g in geleerd_v])
    for d in args.drempels:
        drempels = {s: d for s in SLOTS}
        samen = []
        for r, g in zip(regel_v, geleerd_v):
            samen.append(dict(r, **{s: w for s, (w, _) in slotmodel.aanvulling(r, g, drempels, {}).items()}))
        toon(f"regels+geleerd >= {d}", samen)
    samen = [dict(r, **{s: w for s, (w, _) in slotmodel.aanvulling(r, g).items()}) for r, g in zip(regel_v, geleerd_v)]
    toon("gekozen (AANVULLEN/OVERSTEMMEN)", samen)
    if args.rooster:
        rooster(gold, regel_v, geleerd_v)
    # The other way round: the learned value wins over the rules when it is at least this sure.
    for d in args.drempels:
        samen = []
        for r, g in zip(regel_v, geleerd_v):
            v = dict(r)
            for s, (w, p) in g.items():
                if w != slotmodel.GEEN and (p >= d or not r.get(s) and p >= 0.3):
                    v[s] = w
            samen.append(v)
        toon(f"geleerd wint >= {d}", samen)


if __name__ == "__main__":
    main()
