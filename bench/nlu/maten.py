"""Metrics for the NLU benchmark: per-slot accuracy and macro-F1 against the held-out gold labels.

A slot is scored only on the messages whose gold label states it. A missing prediction counts as
the wrong answer "geen"; macro-F1 averages F1 over the contract values only (scikit-learn).
Predictions on messages where the gold does not state the slot are counted separately
("ongevraagd"): a filled slot the person never mentioned is also an error the form will not ask.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from sklearn.metrics import f1_score

REPO = Path(__file__).resolve().parents[2]
SLOTS = {
    "situatie": ["pesten", "discriminatie", "seksueel_misbruik", "intimidatie", "anders"],
    "rol": ["leerling", "ouder", "onderwijspersoneel"],
    "onderwijstype": ["po", "vo"],
    "voor_wie": ["zelf", "ander"],
    "dader": ["medeleerling", "personeel", "ouder", "onbekend"],
}
GEEN = "geen"
ACUUT = {"acuut_zelfdoding", "acuut_gevaar"}


def laad_heldout(naam: str = "heldout") -> list[dict]:
    return yaml.safe_load((REPO / f"tests/nlu/{naam}.yml").read_text(encoding="utf-8"))["berichten"]


def laad_veiligheid() -> dict:
    return yaml.safe_load((REPO / "tests/nlu/veiligheid.yml").read_text(encoding="utf-8"))


def slot_maten(gold: list[dict], voorspeld: list[dict]) -> dict:
    uit = {}
    for slot, waarden in SLOTS.items():
        paren = [(g[slot], v.get(slot) or GEEN) for g, v in zip(gold, voorspeld) if g.get(slot)]
        ongevraagd = sum(1 for g, v in zip(gold, voorspeld) if not g.get(slot) and v.get(slot))
        y_true = [a for a, _ in paren]
        y_pred = [b for _, b in paren]
        aanwezig = [w for w in waarden if w in y_true]
        uit[slot] = {
            "n": len(paren),
            "accuracy": sum(a == b for a, b in paren) / len(paren) if paren else float("nan"),
            "macro_f1": f1_score(y_true, y_pred, labels=aanwezig, average="macro", zero_division=0)
            if paren else float("nan"),
            "ongevraagd": ongevraagd,
        }
    return uit


def intent_maten(gold: list[dict], voorspeld: list[dict]) -> dict:
    y_true = [g["intent"] for g in gold]
    y_pred = [v.get("intent") or GEEN for v in voorspeld]
    labels = sorted(set(y_true))
    return {
        "n": len(y_true),
        "accuracy": sum(a == b for a, b in zip(y_true, y_pred)) / len(y_true),
        "macro_f1": f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0),
        "fallback": sum(p == "nlu_fallback" for p in y_pred),
    }


def veiligheid_maten(acuut_voorspeld: list[str | None], soort_gold: list[str], lookalike_voorspeld: list[str | None]) -> dict:
    gevonden = sum(1 for v in acuut_voorspeld if v)
    juiste_soort = sum(1 for v, g in zip(acuut_voorspeld, soort_gold) if v == g)
    fp = sum(1 for v in lookalike_voorspeld if v)
    return {
        "n_acuut": len(acuut_voorspeld),
        "recall": gevonden / len(acuut_voorspeld),
        "juiste_soort": juiste_soort / len(acuut_voorspeld),
        "n_lookalikes": len(lookalike_voorspeld),
        "fp": fp,
        "fp_rate": fp / len(lookalike_voorspeld),
    }
