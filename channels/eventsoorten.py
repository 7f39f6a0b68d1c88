"""Rasa's `Event.resolve_by_type`, with the answer remembered until the set of Event classes changes.

Every event Rasa reads back (each stored event of the conversation on every message, each event an
action returns) goes through `Event.from_parameters` -> `Event.resolve_by_type(type_name)`, which
rebuilds the list of *all* Event subclasses (`rasa.shared.utils.common.all_subclasses`: recursive
`__subclasses__()` plus `inspect.isabstract` for every class) and takes the first class with that
`type_name`. Measured with py-spy (bench/profiel/profiel.py): 5.7% of the samples inside message
handling, for a list that does not change while the server runs.

Here the class found for a type name is remembered, and forgotten as soon as the class tree may
have changed: a new Event subclass anywhere below `Event` (counted by `Event.__init_subclass__`,
which Python calls for every new subclass), or the remembered class no longer existing (a weak
reference). Unknown names are never remembered: they take Rasa's own path (the "topic" case, the
default, or the same ValueError).
"""
from __future__ import annotations

import threading
import weakref
from typing import Any, Dict, Optional, Text, Tuple, Type

from rasa.shared.core.events import Event

_generatie = 0
_onthouden: Dict[Text, Tuple[int, "weakref.ref[Type[Event]]"]] = {}
_slot = threading.Lock()
_rasa_resolve = Event.__dict__["resolve_by_type"].__func__
_rasa_init_subclass = Event.__dict__.get("__init_subclass__")


def _nieuwe_subklasse(cls: Any, **kwargs: Any) -> None:
    global _generatie
    with _slot:
        _generatie += 1
    if _rasa_init_subclass is not None:
        _rasa_init_subclass.__func__(cls, **kwargs)
    else:
        super(Event, cls).__init_subclass__(**kwargs)


def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """Drop-in for Event.resolve_by_type: the same class, None or ValueError."""
    generatie = _generatie
    bekend = _onthouden.get(type_name)
    if bekend is not None and bekend[0] == generatie:
        cls = bekend[1]()
        if cls is not None:
            return cls
    for cls in _alle_subklassen():
        if cls.type_name == type_name:
            _onthouden[type_name] = (generatie, weakref.ref(cls))
            return cls
    return _rasa_resolve(type_name, default)  # not an Event type: Rasa's own answer


def _alle_subklassen() -> Any:
    import rasa.shared.utils.common

    return rasa.shared.utils.common.all_subclasses(Event)


def installeer() -> None:
    if Event.__dict__["resolve_by_type"].__func__ is not resolve_by_type:
        Event.__init_subclass__ = classmethod(_nieuwe_subklasse)  # type: ignore[assignment]
        Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[assignment]
