"""A learned model for the five wegwijzer slots: the safety net under the hand-written rules.

The rules in `actions.wegwijzer.herkenning` are precise but miss wording they were not written for
(first contact with two blind test sets: situatie macro-F1 0.685 and 0.727, mostly "nothing
found"). This model learns from labelled messages (`data/slots/*.yml`) and is asked for what the
rules left empty, when it is sure enough (`AANVULLEN`), and may correct the rules only where
cross-validation over writers showed it reads better and only when surer still (`OVERSTEMMEN`).
When it is not sure, the slot stays as the rules left it and an empty slot makes the form ask: a
question is cheaper than routing a child on a wrong guess.

Pure Python with scikit-learn (a Rasa dependency) and no Rasa imports; the Rasa adapter is
`components.geleerde_slots`. Deterministic: fixed vocabulary order and liblinear with a fixed seed.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from actions.wegwijzer import contract
from actions.wegwijzer.herkenning import normaliseer, woorden

SLOTS: dict[str, tuple[str, ...]] = contract.SLOTS
GEEN = "geen"  # the class "the message does not say"
ANTWOORD = "informeren"  # the intent of a short answer to the form's question
ACUUT_SOORT = {"acuut_zelfdoding": "zelfdoding", "acuut_gevaar": "levensgevaar"}
ACUUT_INTENT = {v: k for k, v in ACUUT_SOORT.items()}

# Minimum probability before a learned value fills a slot the rules left empty, and before it
# replaces what the rules found. Chosen by cross-validation over writers (one writer's file held
# out at a time, bench/nlu/slotmodel_cv.py; docs/benchmarks.md, "Session 3"): on new
# writers the model, when it is sure, reads situatie, rol, voor_wie and dader better than the
# rules. School type and perpetrator decide the route, so a guess there must be surer: a wrong
# value costs more than the form's question. School type is never corrected (the rules read the
# numbers and names of school years; the model cannot).
AANVULLEN: dict[str, float] = {
    "situatie": 0.4,
    "rol": 0.4,
    "onderwijstype": 0.6,
    "voor_wie": 0.5,
    "dader": 0.6,
}
OVERSTEMMEN: dict[str, float] = {
    "situatie": 0.6,
    "rol": 0.7,
    "voor_wie": 0.7,
    "dader": 0.7,
}

# A short answer to the form's question ("de gymleraar", "mentor van 4 havo", "hij is 6"): the
# model only fills what the rules left empty, never corrects them. Cross-validation over writers on
# the 333 answers in data/slots (session 4): dader macro-F1 0.53 -> 0.97, rol 0.89 -> 0.94,
# onderwijstype 0.93 -> 0.98, with 2-19 slots filled that the answer does not state.
AANVULLEN_ANTWOORD: dict[str, float] = {slot: 0.6 for slot in SLOTS}

# The learned safety net under the acute rules: from this probability on, a message the rules and
# DIET did not flag is treated as acute (bench/nlu/slotmodel_cv.py --acuut). Low on purpose: a
# false alarm shows 113/112 once and the conversation goes on; a miss can cost a life. Session 6:
# with the everyday writer (data/acuut/alledaags_en_acuut_kort.yml) 0.25 finds more acute messages
# of the earlier writers than 0.3 did without it (706 against 692 of 782) with fewer false alarms
# (306 against 314 of 9,607).
ACUUT_DREMPEL = 0.25

_CIJFERS = re.compile(r"\d+")


def _tekst(tekst: str) -> str:
    # Numbers as a shape ("groep 7" and "groep 5" look alike to the model); the rules read the
    # numbers themselves.
    return _CIJFERS.sub("0", normaliseer(tekst))


def _kenmerken() -> FeatureUnion:
    return FeatureUnion(
        [
            ("woorden", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                        token_pattern=r"(?u)\b\w+\b", min_df=1)),
            ("letters", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                        min_df=2)),
        ]
    )


def _classificeerder(seed: int) -> LogisticRegression:
    # Balanced: "ouder" and "onbekend" perpetrators are rare but matter as much.
    return LogisticRegression(C=8.0, solver="liblinear", max_iter=2000, random_state=seed,
                              class_weight="balanced")


def laad_voorbeelden(paden: Iterable[Path]) -> list[dict]:
    """Labelled messages from YAML files with a top key `berichten` (the held-out format)."""
    uit: list[dict] = []
    for pad in sorted(paden):
        data = yaml.safe_load(Path(pad).read_text(encoding="utf-8")) or {}
        for b in data.get("berichten") or []:
            if isinstance(b, dict) and isinstance(b.get("tekst"), str) and b["tekst"].strip():
                uit.append(dict(b, bron=Path(pad).stem))
    return uit


def vingerafdruk(paden: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for pad in sorted(paden):
        h.update(Path(pad).name.encode())
        h.update(Path(pad).read_bytes())
    return h.hexdigest()


def telt_mee(voorbeeld: dict) -> bool:
    """Acute examples carry no slot labels (their slots come from the rules and the story around
    them) and non-Dutch messages fill no slots: neither may teach that a slot is empty."""
    return voorbeeld.get("intent") not in ACUUT_SOORT and voorbeeld.get("intent") != "andere_taal"


@dataclass
class SlotModel:
    # One vocabulary for the five slots (they learn from the same messages): a message is
    # turned into features once, not once per slot.
    kenmerken: FeatureUnion | None
    modellen: dict[str, LogisticRegression | str]
    seed: int
    acuut: Pipeline | str = GEEN
    # Every word of every training text (slots, acute, NLU examples): a message with none of
    # them, and none of the rules' signals, is keyboard noise rather than Dutch (`onzin`).
    woorden: frozenset[str] = frozenset()

    def voorspel_acuut(self, teksten: list[str]) -> list[tuple[str, float]]:
        """Per text: "zelfdoding", "levensgevaar" or GEEN, and the probability of being acute."""
        if isinstance(self.acuut, str):
            return [(self.acuut, 1.0 if self.acuut != GEEN else 0.0) for _ in teksten]
        klassen = list(self.acuut.classes_)
        uit = []
        for rij in self.acuut.predict_proba([_tekst(t) for t in teksten]):
            soorten = [(rij[k], klassen[k]) for k in range(len(klassen)) if klassen[k] != GEEN]
            _, soort = max(soorten) if soorten else (0.0, GEEN)
            # The probability of "acute at all": both kinds together.
            uit.append((soort, float(sum(p for p, _ in soorten))))
        return uit

    def voorspel(self, teksten: list[str]) -> list[dict[str, tuple[str, float]]]:
        """Per text, per slot: the most likely value (or GEEN) and its probability."""
        matrix = self.kenmerken.transform([_tekst(t) for t in teksten]) if self.kenmerken else None
        uit: list[dict[str, tuple[str, float]]] = [{} for _ in teksten]
        for slot, model in self.modellen.items():
            if isinstance(model, str):  # only one class was seen in training
                for i in range(len(teksten)):
                    uit[i][slot] = (model, 1.0)
                continue
            klassen = list(model.classes_)
            for i, rij in enumerate(model.predict_proba(matrix)):
                beste = max(range(len(klassen)), key=lambda k: (rij[k], klassen[k]))
                uit[i][slot] = (klassen[beste], float(rij[beste]))
        return uit


def train(voorbeelden: list[dict], seed: int = 2026, alleen_acuut: list[dict] | None = None) -> SlotModel:
    """Slot models from the labelled messages; the acute net also from `alleen_acuut` (messages
    with an intent but no slot labels, such as Rasa's NLU examples: they cannot teach slots)."""
    bruikbaar = [v for v in voorbeelden if telt_mee(v)]
    kenmerken = _kenmerken().fit([_tekst(v["tekst"]) for v in bruikbaar]) if bruikbaar else None
    matrix = kenmerken.transform([_tekst(v["tekst"]) for v in bruikbaar]) if kenmerken else None
    modellen: dict[str, LogisticRegression | str] = {}
    for slot, waarden in SLOTS.items():
        labels = [v.get(slot) if v.get(slot) in waarden else GEEN for v in bruikbaar]
        if len(set(labels)) < 2:
            modellen[slot] = labels[0] if labels else GEEN
            continue
        modellen[slot] = _classificeerder(seed).fit(matrix, labels)
    alle = voorbeelden + (alleen_acuut or [])
    return SlotModel(kenmerken, modellen, seed, _train_acuut(alle, seed),
                     frozenset(w for v in alle for w in woorden(v["tekst"])))


def _train_acuut(voorbeelden: list[dict], seed: int) -> Pipeline | str:
    # Every Dutch message teaches the safety net: acute ones by kind, all others as GEEN.
    bruikbaar = [v for v in voorbeelden if v.get("intent") != "andere_taal"]
    labels = [ACUUT_SOORT.get(v.get("intent"), GEEN) for v in bruikbaar]
    if len(set(labels)) < 2:
        return labels[0] if labels else GEEN
    model = Pipeline([("kenmerken", _kenmerken()), ("model", _classificeerder(seed))])
    model.fit([_tekst(v["tekst"]) for v in bruikbaar], labels)
    return model


# A form answer this short ("mezelf", "me zusje", "een man") says too little for the net: its
# words are those of many acute messages, so the net called them acute (session 4). The rules
# still read short acute answers ("ik wil dood").
KORT_ANTWOORD_WOORDEN = 3


def kort_antwoord(intent: str | None, tekst: str) -> bool:
    return intent == ANTWOORD and len(re.findall(r"\w+", tekst or "")) <= KORT_ANTWOORD_WOORDEN


def acuut_alarm(regels_acuut: bool, beeldspraak: bool, geleerd: tuple[str, float],
                drempel: float = ACUUT_DREMPEL, kort: bool = False) -> str | None:
    """The kind of acute danger the learned net adds, or None. It never takes an alarm away, and
    it stays silent on a known figure of speech (the rules mask those and decide on the rest) and
    on a short form answer (`kort_antwoord`)."""
    soort, kans = geleerd
    if regels_acuut or beeldspraak or kort or soort == GEEN or kans < drempel:
        return None
    return soort


def aanvulling(
    gevonden: dict[str, str | None],
    geleerd: dict[str, tuple[str, float]],
    aanvullen: dict[str, float] = AANVULLEN,
    overstemmen: dict[str, float] = OVERSTEMMEN,
) -> dict[str, tuple[str, float]]:
    """The learned values to use: for empty slots when sure enough, over the rules when surer still."""
    uit = {}
    for slot, (waarde, kans) in geleerd.items():
        if waarde == GEEN or waarde not in SLOTS.get(slot, ()):
            continue
        regel = gevonden.get(slot)
        if regel == waarde:
            continue
        drempel = overstemmen.get(slot, 1.01) if regel else aanvullen.get(slot, 1.01)
        if kans >= drempel:
            uit[slot] = (waarde, kans)
    return uit
