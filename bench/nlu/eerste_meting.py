"""First-contact measurement of a held-out set on a trained model: slots, intents, acute recall and
every error, for recording in bench/nlu/<set>_eerste_meting.txt before the set is used for anything.

    PYTHONPATH=. .venv/bin/python bench/nlu/eerste_meting.py models/wegwijzer.tar.gz heldout_vierde | grep -v '^20'
"""
import os, sys, json
HIER = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HIER))); sys.path.insert(0, HIER)
import logging; logging.disable(logging.WARNING)
from pathlib import Path
from maten import laad_heldout, slot_maten, intent_maten, SLOTS, ACUUT, GEEN
import bench
model = Path(sys.argv[1]); naam = sys.argv[2]
gold = laad_heldout(naam)
v = bench.parse(model, [g["tekst"] for g in gold])
sm = slot_maten(gold, v); im = intent_maten(gold, v)
for s, m in sm.items():
    print(f"{s:14} n={m['n']:3} acc={m['accuracy']:.3f} F1={m['macro_f1']:.3f} ongevraagd={m['ongevraagd']}")
print(f"intent n={im['n']} acc={im['accuracy']:.3f} F1={im['macro_f1']:.3f} fallback={im['fallback']}")
ac = [(g, x) for g, x in zip(gold, v) if g["intent"] in ACUUT]
print("acuut", sum(x.get("intent") in ACUUT for _, x in ac), "/", len(ac))
look = [(g, x) for g, x in zip(gold, v) if g["intent"] not in ACUUT and x.get("intent") in ACUUT]
print("vals acuut", len(look), [g["tekst"] for g, _ in look])
print("\nFOUTEN")
for g, x in zip(gold, v):
    fout = [f"{s}: {g.get(s)}→{x.get(s) or GEEN}" for s in SLOTS if g.get(s) and g.get(s) != x.get(s)]
    if g["intent"] != x.get("intent"): fout.append(f"intent: {g['intent']}→{x.get('intent')}")
    if fout: print("-", g["tekst"][:110], "|", "; ".join(fout))
