"""channels/versnelling.py: the action-answer check accepts and refuses exactly what Rasa's own
check does, and a model loaded with the eager start-up step predicts exactly what Rasa's own load
predicts."""
from __future__ import annotations

import jsonschema
import pytest

from pathlib import Path

from channels import versnelling
from rasa.core.actions.action import RemoteAction
from rasa.utils.tensorflow.models import RasaModel

MODEL = Path(__file__).resolve().parents[2] / "models" / "wegwijzer.tar.gz"

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
    assert versnelling.controleer_actieantwoord(None, result) is True


@pytest.mark.parametrize("result", FOUT)
def test_weigert_wat_rasa_weigert_met_dezelfde_fout(result):
    with pytest.raises(jsonschema.ValidationError) as rasa_fout:
        _rasa(result)
    with pytest.raises(jsonschema.ValidationError) as onze_fout:
        versnelling.controleer_actieantwoord(None, result)
    assert onze_fout.value.message.startswith(rasa_fout.value.message)
    assert "Failed to validate Action server response" in onze_fout.value.message


def _herstel_na_de_test(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    monkeypatch.setattr(RasaModel, "load", RasaModel.__dict__["load"])
    monkeypatch.setattr(RasaModel, "compile", RasaModel.compile)
    monkeypatch.setattr(RasaModel, "load_weights", RasaModel.load_weights)


def test_installeer_vervangt_de_controle_van_remoteaction(monkeypatch):
    _herstel_na_de_test(monkeypatch)
    versnelling.Versnelling.from_credentials(None)
    assert RemoteAction._validate_action_result is versnelling.controleer_actieantwoord
    with pytest.raises(jsonschema.ValidationError):
        RemoteAction("action_x", None)._validate_action_result({"events": [{"event": "bestaat_niet"}]})


def test_model_laden_zonder_getraceerde_stap_geeft_dezelfde_voorspellingen(monkeypatch):
    import asyncio

    from rasa.core.agent import Agent

    teksten = ["mijn zoon wordt gepest", "hoe dien ik een klacht in", "hoi", "ik ben docent",
               "wat is de hoofdstad van frankrijk", "ze zetten fotos van me in de groepsapp"]

    async def voorspel():
        agent = Agent.load(str(MODEL))
        uit = []
        for t in teksten:
            r = await agent.parse_message(t)
            uit.append([(i["name"], round(i["confidence"], 5)) for i in r["intent_ranking"][:3]])
        return uit

    eerst = asyncio.run(voorspel())  # Rasa's own load
    _herstel_na_de_test(monkeypatch)
    geladen = []

    def onthoud(*args, **kwargs):
        geladen.append(rasa_load(*args, **kwargs))
        return geladen[-1]

    rasa_load = versnelling._rasa_load
    monkeypatch.setattr(versnelling, "_rasa_load", onthoud)
    versnelling.installeer()
    assert RasaModel.load.__func__ is versnelling._load
    assert asyncio.run(voorspel()) == eerst
    # Prediction must stay compiled: an eager DIET costs ~3x the CPU per message (measured).
    assert geladen and all(not m.run_eagerly and m._tf_predict_step is not None for m in geladen)
