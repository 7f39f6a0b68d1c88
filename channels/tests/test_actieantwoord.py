"""channels/actieantwoord.py accepts and refuses exactly what Rasa's own check does."""
from __future__ import annotations

import jsonschema
import pytest

from channels import actieantwoord
from rasa.core.actions.action import RemoteAction

GOED = [
    {},
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "rol", "value": "ouder"}],
     "responses": [{"text": "Dank je.", "buttons": [{"title": "Ja", "payload": "/verder_gaan"}]}]},
    {"events": [{"event": "active_loop", "name": None}, {"event": "followup", "name": "action_listen"}]},
    {"responses": [{"response": "utter_begroeten"}], "extra": 1},
]
FOUT = [
    {"events": [{"name": "rol"}]},           # event without type
    {"events": [{"event": "bestaat_niet"}]},  # unknown event
    {"events": {"event": "slot"}},            # not a list
    {"events": [{"event": "slot", "name": 5, "value": "x"}]},
]


def _rasa(result):
    # Rasa 3.6's own check, as it is in the installed package.
    jsonschema.validate(result, RemoteAction.action_response_format_spec())


@pytest.mark.parametrize("result", GOED)
def test_accepteert_wat_rasa_accepteert(result):
    _rasa(result)
    assert actieantwoord.controleer_actieantwoord(None, result) is True


@pytest.mark.parametrize("result", FOUT)
def test_weigert_wat_rasa_weigert_met_dezelfde_fout(result):
    with pytest.raises(jsonschema.ValidationError) as rasa_fout:
        _rasa(result)
    with pytest.raises(jsonschema.ValidationError) as onze_fout:
        actieantwoord.controleer_actieantwoord(None, result)
    assert onze_fout.value.message.startswith(rasa_fout.value.message)
    assert "Failed to validate Action server response" in onze_fout.value.message


def test_installeer_vervangt_de_controle_van_remoteaction(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    actieantwoord.SnelleActieControle.from_credentials(None)
    assert RemoteAction._validate_action_result is actieantwoord.controleer_actieantwoord
    with pytest.raises(jsonschema.ValidationError):
        RemoteAction("action_x", None)._validate_action_result({"events": [{"event": "bestaat_niet"}]})
