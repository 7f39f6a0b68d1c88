"""channels/eventsoorten.py: Event.resolve_by_type gives what Rasa's gives (same class, None, the
default or the same ValueError), also after new Event classes appear, without rebuilding the list
of all Event subclasses for every event."""
from __future__ import annotations

import gc

import pytest

import rasa.shared.utils.common
from channels import eventsoorten
from rasa.shared.core import events as ev
from rasa.shared.core.events import Event

RASA = eventsoorten._rasa_resolve


@pytest.fixture
def geinstalleerd(monkeypatch):
    resolve, init = Event.__dict__["resolve_by_type"], Event.__dict__.get("__init_subclass__")
    monkeypatch.setattr(eventsoorten, "_onthouden", {})
    eventsoorten.installeer()
    yield
    Event.resolve_by_type = resolve
    if init is not None:
        Event.__init_subclass__ = init
    elif "__init_subclass__" in Event.__dict__:
        del Event.__init_subclass__


NAMEN = sorted({c.type_name for c in rasa.shared.utils.common.all_subclasses(Event)})


def test_zelfde_klasse_voor_elk_eventtype(geinstalleerd):
    assert len(NAMEN) > 20
    for _ in range(2):
        for naam in NAMEN:
            assert Event.resolve_by_type(naam) is RASA(naam)


def test_onbekend_zoals_rasa(geinstalleerd):
    assert Event.resolve_by_type("topic") is None is RASA("topic")
    assert Event.resolve_by_type("bestaat_niet", ev.SlotSet) is ev.SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'bestaat_niet'"):
        Event.resolve_by_type("bestaat_niet")


def test_van_parameters_zelfde_events(geinstalleerd):
    dicts = [ev.UserUttered("hoi", {"name": "begroeten", "confidence": 0.9}, timestamp=1).as_dict(),
             ev.SlotSet("rol", "ouder", timestamp=2).as_dict(), ev.ActionExecuted("action_listen", timestamp=3).as_dict(),
             ev.BotUttered("Hoi", {"buttons": []}, timestamp=4).as_dict(), ev.SessionStarted(timestamp=5).as_dict(),
             ev.ActiveLoop("wegwijzer_form", timestamp=6).as_dict(), {"event": "followup", "name": "x", "timestamp": 7}]
    assert [e.as_dict() for e in ev.deserialise_events(dicts)] == dicts


def test_lijst_niet_per_event_opnieuw(geinstalleerd, monkeypatch):
    Event.resolve_by_type("slot")
    geteld = []
    echt = rasa.shared.utils.common.all_subclasses
    monkeypatch.setattr(rasa.shared.utils.common, "all_subclasses", lambda c: geteld.append(c) or echt(c))
    for _ in range(50):
        assert Event.resolve_by_type("slot") is ev.SlotSet
    assert geteld == []


def test_nieuwe_eventklasse_wordt_gevonden(geinstalleerd):
    assert Event.resolve_by_type("slot") is ev.SlotSet
    # A class defined later with the same type name comes after SlotSet in Rasa's list: SlotSet stays.
    class MijnSlot(ev.SlotSet):
        type_name = "slot"

    class MijnEvent(ev.SlotSet):
        type_name = "mijn_event"

    assert Event.resolve_by_type("slot") is RASA("slot") is ev.SlotSet
    assert Event.resolve_by_type("mijn_event") is MijnEvent is RASA("mijn_event")
    del MijnEvent
    gc.collect()
    # The remembered class is gone: Rasa's answer again (now an error, as in Rasa).
    with pytest.raises(ValueError):
        RASA("mijn_event")
    with pytest.raises(ValueError):
        Event.resolve_by_type("mijn_event")


def test_nieuwe_klasse_die_voor_komt_in_rasas_lijst(geinstalleerd):
    """A new direct subclass of Event comes before Rasa's deeper classes in all_subclasses: Rasa then
    resolves "form" to it, so the remembered LegacyForm must be forgotten."""
    assert Event.resolve_by_type("form") is ev.LegacyForm

    class NieuweVorm(Event):
        type_name = "form"

        def __eq__(self, other):
            return type(other) is type(self)

        def as_story_string(self):
            return None

    assert RASA("form") is NieuweVorm
    assert Event.resolve_by_type("form") is NieuweVorm
    del NieuweVorm
    gc.collect()
    assert Event.resolve_by_type("form") is RASA("form") is ev.LegacyForm
