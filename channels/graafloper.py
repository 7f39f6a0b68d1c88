"""Rasa's prediction graph, run node after node in dask's own order, without dask's scheduler per call.

Rasa 3.6 runs its model graph (NLU pipeline, policies) twice or more per user message with
`DaskGraphRunner.run`, i.e. `dask.get` = dask's local scheduler `get_async` with one synchronous
worker. For every call it rebuilds the minimal graph (`GraphSchema.minimal_graph_schema`), orders
it (`dask.order`), sets up scheduler state, a queue and futures, and formats a debug message with
the whole tracker and the execution context (the graph schema) even when debug logging is off.
The graph never changes after loading, and with one synchronous worker dask runs every node
one after the other anyway.

`VolgordeGraphRunner` is a `DaskGraphRunner` (same constructor, same instantiated `GraphNode`s,
same hooks: the nodes call them) whose `run` asks dask once per (targets, input names) for the
order in which `dask.get` executes the nodes (by running `dask.get` on a copy of the graph with
recording stand-ins), and then calls the nodes in exactly that order with exactly the arguments
dask would pass them: the `(node name, output)` tuple of each needed node, the `(input name,
value)` tuple of each input, and the literal name for a need that is not in the graph. The result
is the same `dict` of target name -> output, the same `GraphRunError` for a clashing input name or
a `RuntimeError` in a node, and any other exception raised unchanged. The debug message is only
built when debug logging is on.

Installed by channels/versnelling.py (one entry in credentials.yml) for the processor's prediction
graph only: `rasa train` keeps dask.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

import dask

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

logger = logging.getLogger(__name__)

# One step of a plan: (node name, names of its arguments, and for each argument whether it is a
# key of the graph (its cached result is passed) or a literal (the name itself is passed)).
Stap = Tuple[Text, Tuple[Tuple[Text, bool], ...]]


class _Plan:
    __slots__ = ("knopen", "stappen")

    def __init__(self, knopen: frozenset, stappen: List[Stap]) -> None:
        self.knopen = knopen  # node names of the minimal graph (for the input clash check)
        self.stappen = stappen


class VolgordeGraphRunner(DaskGraphRunner):
    """DaskGraphRunner with the same results, computing dask's execution order once per target set."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plannen: Dict[Tuple[Tuple[Text, ...], Tuple[Text, ...]], _Plan] = {}

    def _maak_plan(self, run_targets: Sequence[Text], input_namen: Sequence[Text]) -> _Plan:
        minimal_schema = self._graph_schema.minimal_graph_schema(run_targets)
        volgorde: List[Text] = []

        def opname(naam: Text) -> Any:
            def stap(*_: Any) -> Tuple[Text, None]:
                volgorde.append(naam)
                return naam, None
            return stap

        # The graph DaskGraphRunner.run gives dask, with stand-ins that record the order.
        graaf: Dict[Text, Any] = {
            naam: (opname(naam), *knoop.needs.values()) for naam, knoop in minimal_schema.nodes.items()
        }
        for naam in input_namen:
            graaf[naam] = (naam, None)
        dask.get(graaf, list(run_targets))

        stappen: List[Stap] = []
        for naam in volgorde:
            needs = minimal_schema.nodes[naam].needs.values()
            stappen.append((naam, tuple((n, n in graaf) for n in needs)))
        return _Plan(frozenset(minimal_schema.nodes), stappen)

    def run(
        self,
        inputs: Optional[Dict[Text, Any]] = None,
        targets: Optional[List[Text]] = None,
    ) -> Dict[Text, Any]:
        """Runs the graph (see DaskGraphRunner.run): same inputs, same outputs."""
        run_targets = targets if targets else self._graph_schema.target_names
        gegeven = inputs or {}
        sleutel = (tuple(run_targets), tuple(gegeven))
        plan = self._plannen.get(sleutel)
        if plan is None:
            plan = self._plannen[sleutel] = self._maak_plan(run_targets, list(gegeven))

        # DaskGraphRunner._add_inputs_to_graph: a string input equal to a node name (or to an
        # earlier input's name) is refused, and an input replaces a node of the same name.
        cache: Dict[Text, Any] = {}
        for input_name, input_value in gegeven.items():
            if isinstance(input_value, str) and (input_value in plan.knopen or input_value in cache):
                raise GraphRunError(
                    f"Input value '{input_value}' clashes with a node name. Make sure "
                    f"that none of the input names passed to the `run` method are the "
                    f"same as node names in the graph schema."
                )
            cache[input_name] = (input_name, input_value)

        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                f"Running graph with inputs: {inputs}, targets: {targets} "
                f"and {self._execution_context}."
            )

        knopen = self._instantiated_nodes
        try:
            for naam, argumenten in plan.stappen:
                if naam in gegeven:
                    continue  # an input took this node's place (as in dask's graph)
                cache[naam] = knopen[naam](*[cache[a] if in_graaf else a for a, in_graaf in argumenten])
            for doel in run_targets:
                if doel not in cache:
                    raise KeyError(f"{doel} is not a key in the graph")
            return dict(cache[doel] for doel in run_targets)
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e
