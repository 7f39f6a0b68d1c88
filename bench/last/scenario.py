"""Conversations for the load benchmark, generated from the project's own test data:

- every story in tests/test_*.yml becomes one whole conversation, in order: a user step with text
  sends that text (entity markup `[tekst]{...}` / `[tekst](slot)` removed); an intent-only step
  sends what a button sends, `/intent{"slot": "waarde"}` (Rasa's payload syntax);
- every message of tests/nlu/heldout.yml becomes a one-turn conversation (an opening message as
  pupils, parents and staff write it).

Pure Python (yaml only): unit-tested in bench/last/tests."""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# [tekst]{"entity": ...} or [tekst](slot) or [tekst](slot:waarde): keep only the text.
_MARKUP = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")


@dataclass
class Gesprek:
    naam: str
    beurten: list[str] = field(default_factory=list)


def zonder_markup(tekst: str) -> str:
    return _MARKUP.sub(r"\1", tekst).strip()


def payload(stap: dict) -> str:
    """What a button sends for an intent-only story step."""
    entiteiten: dict = {}
    for e in stap.get("entities") or []:
        if isinstance(e, dict):
            if "entity" in e:  # long form {entity: rol, value: ouder}
                entiteiten[e["entity"]] = e.get("value")
            else:
                entiteiten.update(e)
    return "/" + stap["intent"] + (json.dumps(entiteiten, ensure_ascii=False) if entiteiten else "")


def uit_verhaal(naam: str, stappen: list) -> Gesprek:
    gesprek = Gesprek(naam)
    for stap in stappen or []:
        if not isinstance(stap, dict):
            continue
        if stap.get("user"):
            gesprek.beurten.append(zonder_markup(str(stap["user"])))
        elif stap.get("intent"):
            gesprek.beurten.append(payload(stap))
    return gesprek


def uit_testverhalen(bestanden: list[Path]) -> list[Gesprek]:
    gesprekken = []
    for pad in bestanden:
        data = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
        for verhaal in data.get("stories") or []:
            g = uit_verhaal(f"{pad.stem}: {verhaal.get('story', '?')}", verhaal.get("steps"))
            if g.beurten:
                gesprekken.append(g)
    return gesprekken


def uit_heldout(pad: Path) -> list[Gesprek]:
    data = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
    return [Gesprek(f"heldout {i}", [str(b["tekst"])]) for i, b in enumerate(data.get("berichten") or [])
            if str(b.get("tekst", "")).strip()]


def alle_gesprekken(root: Path = ROOT) -> list[Gesprek]:
    return uit_testverhalen(sorted((root / "tests").glob("test_*.yml"))) + uit_heldout(root / "tests/nlu/heldout.yml")


def volgorde(gesprekken: list[Gesprek], zaad: int):
    """Endless stream of conversations for one simulated user: shuffled with a fixed seed, so a
    run is reproducible and users do not all start with the same conversation."""
    rng = random.Random(zaad)
    while True:
        lijst = list(gesprekken)
        rng.shuffle(lijst)
        yield from lijst
