"""Cross-node rules of Step Functions: each `Task` state calls exactly the node one `task`
edge names, through an integration that can call that type; Express machines use no
`.sync` integrations ("Choosing workflow type in Step Functions": Express workflows do not
support the run-a-job pattern); a pipe's target state machine is started as its type
allows ("Amazon EventBridge Pipes targets": a STANDARD machine FIRE_AND_FORGET only).
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.diagram import Diagram
from engine.core.errors import Problem
from engine.services.stepfunctions.definition import iter_states, key_path, task_states
from engine.services.stepfunctions.machine import INTEGRATIONS, LEGACY_LAMBDA, integration_of

MACHINE = "stepfunctions.statemachine"


def task_edges(d: Diagram) -> Iterator[Problem]:
    for node in (n for n in d.nodes.values() if n.type == MACHINE):
        definition = node.props.get("Definition")
        tasks = task_states(definition)
        base = f"{node.path}.props.Definition"
        bound: dict[str, str] = {}
        for edge in d.edges_from(node.id, "task"):
            state = edge.props.get("State")
            if not state:
                continue  # the edge's own check says State is required
            if state not in tasks:
                yield Problem(
                    f"{edge.path}.props.State",
                    "unknown_state",
                    f"'{state}' is not a Task state of '{node.id}'s Definition",
                )
                continue
            if state in bound:
                yield Problem(
                    f"{edge.path}.props.State",
                    "duplicate_task",
                    f"Task '{state}' already calls through edge '{bound[state]}'; a Task "
                    "calls one resource",
                )
                continue
            bound[state] = edge.id
            target = d.nodes[edge.target]
            where = tasks[state]
            resource = _state_at(definition, where).get("Resource")
            if integration_of(resource, target.type) is None:
                known = ", ".join(INTEGRATIONS.get(target.type, ()))
                if target.type == "lambda.function":
                    known += f", or a function ARN ({LEGACY_LAMBDA}...)"
                yield Problem(
                    f"{base}.{where}.Resource",
                    "invalid_resource",
                    f"'{resource}' cannot call {target.type} '{target.id}'; use {known} "
                    "(or leave Resource out)",
                )
            elif node.props.get("StateMachineType") == "EXPRESS" and ".sync" in (resource or ""):
                yield Problem(
                    f"{base}.{where}.Resource",
                    "not_supported",
                    "an EXPRESS state machine cannot wait for a child execution (.sync); "
                    "use STANDARD or startExecution",
                )
        for state, where in tasks.items():
            if state not in bound:
                yield Problem(
                    f"{base}.{where}",
                    "missing_task_edge",
                    f"Task '{state}' calls nothing: draw a task edge from '{node.id}' to the "
                    f"node it calls and set the edge's State to '{state}'",
                )


def _state_at(definition: dict, where: str) -> dict:
    """The state at a path `iter_states` gave (e.g. `States.Fan.Branches[0].States.Pay`)."""
    for path, _name, state in iter_states(definition):
        if path == where:
            return state
    return {}


def pipe_targets(d: Diagram) -> Iterator[Problem]:
    for edge in d.edges:
        if edge.kind != "target" or d.nodes[edge.source].type != "pipes.pipe":
            continue
        target = d.nodes[edge.target]
        if target.type != MACHINE or target.props.get("StateMachineType") == "EXPRESS":
            continue
        pipe = d.nodes[edge.source]
        params = (pipe.props.get("TargetParameters") or {}).get(
            "StepFunctionStateMachineParameters"
        ) or {}
        if params.get("InvocationType", "REQUEST_RESPONSE") == "REQUEST_RESPONSE":
            yield Problem(
                key_path(
                    f"{pipe.path}.props.TargetParameters", "StepFunctionStateMachineParameters"
                )
                + ".InvocationType",
                "invalid_invocation",
                f"a STANDARD state machine ('{target.id}') is started FIRE_AND_FORGET only; "
                "set InvocationType to FIRE_AND_FORGET or make the machine EXPRESS",
            )


RULES = (task_edges, pipe_targets)
