"""The held-out benchmark set is never used for training: no held-out message occurs in data/nlu."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def _gewoon(t: str) -> str:
    return re.sub(r"[^\w]+", " ", t.lower()).strip()


def test_geen_heldout_bericht_in_de_trainingsdata():
    training = set()
    for pad in (REPO / "data/nlu").glob("*.yml"):
        for blok in yaml.safe_load(pad.read_text(encoding="utf-8")).get("nlu", []):
            for regel in (blok.get("examples") or "").splitlines():
                tekst = re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", r"\1\2", regel.strip()[2:])
                training.add(_gewoon(tekst))
    heldout = yaml.safe_load((REPO / "tests/nlu/heldout.yml").read_text(encoding="utf-8"))["berichten"]
    assert len(heldout) >= 300
    # Short form answers ("ouder", "ik ben juf") are the same everywhere; longer messages must differ.
    dubbel = [b["tekst"] for b in heldout if len(b["tekst"].split()) > 3 and _gewoon(b["tekst"]) in training]
    assert not dubbel, dubbel
