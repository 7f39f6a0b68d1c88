"""channels/graafloper.py: VolgordeGraphRunner gives what Rasa's DaskGraphRunner gives (same
outputs, same node order, same hooks, same errors) on made-up graphs and on the trained model, and
does not run dask's scheduler per call."""
from __future__ import annotations

import asyncio
import copy
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import dask
import pytest

import rasa.core.processor
from channels import graafloper, versnelling
from channels.graafloper import VolgordeGraphRunner
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphNodeHook, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

MODEL = Path(__file__).resolve().parents[2] / "models" / "wegwijzer.tar.gz"
LOG: List[Any] = []


class Knoop(GraphComponent):
    """Records its calls; returns its name and what it received."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: Any, resource: Any, execution_context: Any) -> "Knoop":
        return cls(config)

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = config

    def doe(self, **kwargs: Any) -> Any:
        LOG.append(("doe", self.config["naam"], sorted(kwargs)))
        fout = self.config.get("fout")
        if fout == "runtime":
            raise RuntimeError("kapot")
        if fout == "value":
            raise ValueError("kapot")
        return {"naam": self.config["naam"], "in": {k: kwargs[k] for k in sorted(kwargs)}}


class Haak(GraphNodeHook):
    def on_before_node(self, node_name, execution_context, config, received_inputs):
        LOG.append(("voor", node_name, sorted(received_inputs)))
        return {"voor": node_name}

    def on_after_node(self, node_name, execution_context, config, output, input_hook_data):
        LOG.append(("na", node_name, input_hook_data))


def knoop(naam: str, needs: Dict[str, str], **extra: Any) -> SchemaNode:
    return SchemaNode(needs=needs, uses=Knoop, constructor_name="create", fn="doe", config={"naam": naam, **extra})


def schema(*, fout: Optional[str] = None) -> GraphSchema:
    # Two chains from two inputs, a diamond, a node two targets share, a node no target needs, a
    # need that is not in the graph, and node names whose sort order differs from insertion order.
    return GraphSchema({
        "z_tokens": knoop("z_tokens", {"messages": "__message__"}),
        "b_feat": knoop("b_feat", {"messages": "z_tokens"}),
        "a_feat": knoop("a_feat", {"messages": "z_tokens"}),
        "m_nlu": knoop("m_nlu", {"x": "a_feat", "y": "b_feat"}),
        "c_domain": knoop("c_domain", {}),
        "p1": knoop("p1", {"tracker": "__tracker__", "domain": "c_domain"}),
        "p2": knoop("p2", {"tracker": "__tracker__", "domain": "c_domain", "nlu": "m_nlu"},
                    **({"fout": fout} if fout else {})),
        "ensemble": knoop("ensemble", {"a": "p1", "b": "p2", "domain": "c_domain"}),
        "los": knoop("los", {"domain": "c_domain"}),
        "zonder": knoop("zonder", {"x": "bestaat_niet"}),
    })


def maak(cls, tmp_path: Path, sch: GraphSchema, hooks=None):
    storage = LocalModelStorage(tmp_path / cls.__name__)
    return cls.create(sch, storage, ExecutionContext(graph_schema=sch, model_id="1"), hooks)


def draai(runner, inputs, targets):
    LOG.clear()
    try:
        uit = runner.run(inputs=copy.deepcopy(inputs), targets=targets)
    except Exception as e:  # compared by type, message and cause type
        uit = ("fout", type(e).__name__, str(e), type(e.__cause__).__name__)
    return uit, list(LOG)


GEVALLEN = [
    ({"__message__": ["hoi"], "__tracker__": {"id": 1}}, ["m_nlu"]),
    ({"__message__": ["hoi"], "__tracker__": {"id": 1}}, ["ensemble"]),
    ({"__tracker__": {"id": 1}, "__message__": ["hoi"]}, ["ensemble", "m_nlu", "p1"]),
    ({"__tracker__": {"id": 2}}, ["p1"]),
    ({"__message__": ["x"], "__tracker__": None}, None),                # all targets
    ({"__message__": ["x"], "__tracker__": {"id": 3}}, ["__tracker__", "p1"]),  # an input as target
    ({"__message__": ["x"], "__tracker__": {}, "a_feat": "vervangen"}, ["m_nlu"]),  # input replaces a node
    ({"__message__": "z_tokens", "__tracker__": {}}, ["m_nlu"]),        # clashes with a node name
    ({"__message__": ["x"]}, ["p1"]),                                   # a need without input
    ({"__message__": ["x"], "__tracker__": {}}, ["zonder"]),            # need not in the graph
    (None, ["c_domain"]),
]


@pytest.mark.parametrize("inputs,targets", GEVALLEN)
@pytest.mark.parametrize("hooks", [False, True])
def test_zelfde_uitvoer_volgorde_en_haken_als_dask(tmp_path, inputs, targets, hooks):
    sch = schema()
    for naam in ("ensemble", "m_nlu"):
        sch.nodes[naam].is_target = True
    dask_runner = maak(DaskGraphRunner, tmp_path, sch, [Haak()] if hooks else None)
    onze = maak(VolgordeGraphRunner, tmp_path, sch, [Haak()] if hooks else None)
    verwacht = draai(dask_runner, inputs, targets)
    for _ in range(2):  # first call builds the plan, the second uses it
        assert draai(onze, inputs, targets) == verwacht


@pytest.mark.parametrize("fout,soort", [("runtime", "GraphComponentException"), ("value", "GraphComponentException")])
def test_fouten_in_een_knoop_zoals_dask(tmp_path, fout, soort):
    sch = schema(fout=fout)
    inputs, targets = {"__message__": ["hoi"], "__tracker__": {"id": 1}}, ["ensemble"]
    verwacht = draai(maak(DaskGraphRunner, tmp_path, sch), inputs, targets)
    assert verwacht[0][:2] == ("fout", soort)
    onze = maak(VolgordeGraphRunner, tmp_path, sch)
    assert draai(onze, inputs, targets) == verwacht
    assert draai(onze, inputs, targets) == verwacht


def test_runtimeerror_wordt_graphrunerror_zoals_bij_dask(tmp_path):
    sch = schema()
    for cls in (DaskGraphRunner, VolgordeGraphRunner):
        runner = maak(cls, tmp_path, sch)

        def stuk(*_a):
            raise RuntimeError("stuk")

        runner._instantiated_nodes["p1"] = stuk
        with pytest.raises(GraphRunError) as e:
            runner.run({"__tracker__": {}}, ["p1"])
        assert isinstance(e.value.__cause__, RuntimeError)


def test_dask_alleen_voor_het_plan(tmp_path, monkeypatch):
    onze = maak(VolgordeGraphRunner, tmp_path, schema())
    echte_get, aanroepen = dask.get, []
    monkeypatch.setattr(graafloper.dask, "get", lambda *a, **k: aanroepen.append(1) or echte_get(*a, **k))
    for _ in range(5):
        onze.run({"__message__": ["hoi"], "__tracker__": {}}, ["ensemble"])
        onze.run({"__message__": ["hoi"], "__tracker__": {}}, ["m_nlu"])
    assert len(aanroepen) == 2  # one plan per target set


def test_debugbericht_alleen_met_debuglogging(tmp_path, caplog):
    class Duur:
        def __repr__(self) -> str:
            Duur.geteld += 1
            return "Duur()"
    Duur.geteld = 0
    onze = maak(VolgordeGraphRunner, tmp_path, schema())
    with caplog.at_level(logging.INFO, logger="channels.graafloper"):
        onze.run({"__tracker__": Duur()}, ["p1"])
    assert Duur.geteld == 0
    with caplog.at_level(logging.DEBUG, logger="channels.graafloper"):
        onze.run({"__tracker__": Duur()}, ["p1"])
    assert Duur.geteld == 1 and "Running graph with inputs: {'__tracker__': Duur()}, targets: ['p1']" in caplog.text


def test_installeer_zet_de_loper_van_de_processor(monkeypatch):
    monkeypatch.setattr(rasa.core.processor, "DaskGraphRunner", DaskGraphRunner)
    for naam in ("_validate_action_result",):
        monkeypatch.setattr(versnelling.RemoteAction, naam, getattr(versnelling.RemoteAction, naam))
    monkeypatch.setattr(versnelling.RasaModel, "load", versnelling.RasaModel.__dict__["load"])
    monkeypatch.setattr(versnelling.RasaModel, "compile", versnelling.RasaModel.compile)
    monkeypatch.setattr(versnelling.RasaModel, "load_weights", versnelling.RasaModel.load_weights)
    versnelling.installeer()
    assert rasa.core.processor.DaskGraphRunner is VolgordeGraphRunner
    import rasa.model_training as training
    assert training.DaskGraphRunner is DaskGraphRunner  # training keeps dask


@pytest.mark.skipif(not MODEL.exists(), reason="geen getraind model")
def test_zelfde_voorspellingen_als_dask_op_het_model(monkeypatch):
    """Whole conversations through Rasa's Agent: every parse and every predicted action, with the
    policies' probabilities, equal with both runners."""
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    gesprekken = [
        ["hoi", "mijn zoon wordt gepest op school", "hij zit in groep 6", "hoe dien ik een klacht in",
         "kan ik anoniem melden", "bedankt"],
        ["ik ben docent", "een leerling wordt gediscrimineerd", "voortgezet onderwijs", "/vraag_wie_nu_bellen"],
        ["ik wil niet meer leven"],
        ["wat is de hoofdstad van frankrijk", "ze zetten fotos van me in de groepsapp", "ik ben 12", "stop"],
    ]

    async def draai_alles(runner_cls):
        monkeypatch.setattr(rasa.core.processor, "DaskGraphRunner", runner_cls)
        agent = Agent.load(str(MODEL))
        assert type(agent.processor.graph_runner) is runner_cls
        proc = agent.processor
        uit = []
        for g, gesprek in enumerate(gesprekken):
            for tekst in gesprek:
                bericht = UserMessage(tekst, CollectingOutputChannel(), f"g{g}")
                tracker = await proc.fetch_tracker_and_update_session(bericht.sender_id)
                parse = proc._parse_message_with_graph(bericht, tracker, only_output_properties=True)
                pred = proc._predict_next_with_tracker(tracker)
                uit.append((tekst, repr(sorted(parse.items(), key=str)), pred.max_confidence_index,
                            [round(p, 6) for p in pred.probabilities], pred.policy_name, pred.events))
                await proc.handle_message(bericht)
            t = await proc.tracker_store.retrieve(f"g{g}")
            uit.append([(e.type_name, getattr(e, "action_name", None), getattr(e, "key", None),
                         getattr(e, "value", None), getattr(e, "text", None)) for e in t.events])
        return uit

    verwacht = asyncio.run(draai_alles(DaskGraphRunner))
    assert asyncio.run(draai_alles(VolgordeGraphRunner)) == verwacht
