"""Loads actions/berichten.yml: the texts the action server sends by itself."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List

import yaml
from rasa_sdk.executor import CollectingDispatcher

BESTAND = Path(__file__).with_name("berichten.yml")


@lru_cache(maxsize=1)
def berichten() -> Dict[str, Dict[str, Any]]:
    with BESTAND.open(encoding="utf-8") as f:
        inhoud = yaml.safe_load(f)
    for naam, bericht in inhoud.items():
        if not isinstance(bericht, dict) or not isinstance(bericht.get("tekst"), str):
            raise ValueError(f"{BESTAND.name}: '{naam}' heeft geen 'tekst'")
    return inhoud


def knoppen(naam: str, extra: List[Dict[str, str]] | None = None) -> List[Dict[str, str]]:
    eigen = [{"title": k["titel"], "payload": k["payload"]} for k in berichten()[naam].get("knoppen", [])]
    return (extra or []) + eigen


def stuur(dispatcher: CollectingDispatcher, naam: str, extra_knoppen: List[Dict[str, str]] | None = None) -> None:
    tekst = " ".join(berichten()[naam]["tekst"].split())
    dispatcher.utter_message(text=tekst, buttons=knoppen(naam, extra_knoppen))
