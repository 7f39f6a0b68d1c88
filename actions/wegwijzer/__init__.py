"""Wegwijzer-kern: kennisbank, routing en teksten, los van Rasa (alleen stdlib en PyYAML).

Gebruik vanuit de Rasa-acties:

    from actions.wegwijzer import Vraag, maak_plan, plan_berichten, laad_kennisbank
    kb = laad_kennisbank()
    plan = maak_plan(Vraag("leerling", "pesten", "po", "zelf"), kb)
    berichten = plan_berichten(plan, kb, eenvoudig=plan.vraag.is_kind)
"""

from .kennisbank import Kennisbank, Verwijzing, laad_kennisbank
from .plan import CONTEXT_VLAGGEN, VEILIGHEIDSZIN, Plan, Stap, Vraag
from .routing import maak_plan
from .schema import KennisbankFout
from .teksten import VERVOLGVRAGEN, antwoord_vervolgvraag, beschrijf_verwijzing, plan_berichten

__all__ = [
    "CONTEXT_VLAGGEN",
    "Kennisbank",
    "KennisbankFout",
    "Plan",
    "Stap",
    "VEILIGHEIDSZIN",
    "VERVOLGVRAGEN",
    "Verwijzing",
    "Vraag",
    "antwoord_vervolgvraag",
    "beschrijf_verwijzing",
    "laad_kennisbank",
    "maak_plan",
    "plan_berichten",
]
