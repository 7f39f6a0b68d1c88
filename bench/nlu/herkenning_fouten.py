"""Development aid: where herkenning (the project's slot recogniser) disagrees with a gold set."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import yaml  # noqa: E402

from actions.wegwijzer import herkenning as h  # noqa: E402
from maten import SLOTS, slot_maten  # noqa: E402

bestand = sys.argv[1] if len(sys.argv) > 1 else "tests/nlu/heldout.yml"
g = yaml.safe_load(open(bestand, encoding="utf-8"))["berichten"]
v = [{s: h.herken(x["tekst"]).waarde(s) for s in SLOTS} for x in g]
for slot, m in slot_maten(g, v).items():
    print(f"{slot:14} n={m['n']:3} acc={m['accuracy']:.3f} F1={m['macro_f1']:.3f} ongevraagd={m['ongevraagd']}")
if "-v" in sys.argv:
    for slot in SLOTS:
        for x, p in zip(g, v):
            if x.get(slot) and p[slot] != x[slot]:
                print(f"  {slot}: {x[slot]} <- {p[slot]}: {x['tekst'][:120]}")
            elif not x.get(slot) and p[slot] and "-o" in sys.argv:
                print(f"  ONGEVRAAGD {slot}: {p[slot]}: {x['tekst'][:120]}")
