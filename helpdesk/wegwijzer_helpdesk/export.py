"""Exports that help improve the assistant: a conversation as a Rasa test story, and the turns
where NLU was unsure as candidate training examples. Both use pseudonymised text only."""
from __future__ import annotations

import re

import yaml

from .gesprekken import Gesprek

_PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$")
_NIET_IN_STORY = {"action_listen", "action_session_start"}


class _Blok(str):
    pass


def _blok_dump(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Blok, _blok_dump)


def test_story(g: Gesprek, pseudo: dict[int, str], naam: str) -> str:
    """Rasa test-story YAML (tests/*.yml): user text with the intent the assistant recognised,
    the actions it took and the contract slots it set, in order."""
    stappen: list[dict] = []
    for b in g.beurten:
        if b.soort != "gebruiker":
            continue
        m = _PAYLOAD.match(b.tekst.strip())
        stap: dict = {}
        if m:  # a button: its payload (intent + entities) is what Rasa parses, and holds no personal data
            stap["user"] = b.tekst.strip()
            stap["intent"] = m.group(1)
        else:
            stap["user"] = pseudo.get(b.event_id, "")
            stap["intent"] = b.intent or "nlu_fallback"
        stappen.append(stap)
        for soort, waarde in b.stappen:
            if soort == "action":
                stappen.append({"action": waarde})
            else:
                stappen.append({"slot_was_set": [waarde]})
    doc = {"stories": [{"story": naam, "steps": stappen}]}
    kop = ("# Uit de helpdesk (gepseudonimiseerd). Controleer de intents en acties voor je dit in tests/ zet.\n")
    return kop + yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def nlu_kandidaten(rijen: list[tuple[str, str, float]]) -> str:
    """rijen: (pseudonymised text, best intent guess, confidence). Grouped per intent as Rasa NLU YAML;
    a person decides whether the guess is right before it goes into data/nlu."""
    per_intent: dict[str, list] = {}
    for tekst, intent, _ in rijen:
        if tekst and not tekst.startswith("/"):
            per_intent.setdefault(intent or "onbekend", [])
            if tekst not in per_intent[intent or "onbekend"]:
                per_intent[intent or "onbekend"].append(tekst)
    nlu = [{"intent": i, "examples": _Blok("".join(f"- {t.replace(chr(10), ' ')}\n" for t in v))}
           for i, v in sorted(per_intent.items())]
    kop = ("# Kandidaat-trainingsvoorbeelden uit de helpdesk (gepseudonimiseerd): zinnen waarbij de\n"
           "# assistent twijfelde. De intent is de beste gok van het model: controleer elke regel.\n")
    return kop + yaml.dump({"version": "3.1", "nlu": nlu}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                           width=100)
