"""Shared builders for engine tests: small diagram documents from compact specs, and a
runner that checks the ledger of every simulation it runs.

Tests get them through two fixtures:

- `build`: `build.producer("p", count=3)`, `build.queue("q", VisibilityTimeout=5)`,
  `build.worker("w", duration=200)`, `build.function("f", {"Timeout": 3}, {...})`, edges
  `build.publish("p", "q")`, `build.reads("q", "w", BatchSize=1)`,
  `build.dead_letter("q", "dlq", 3)`, and `build.doc(nodes, edges, duration=60)`, which
  numbers the edges `e1`, `e2`, ... unless they carry an id.
- `example(name)`: an example document from engine/examples.
- `simulate(doc, until=None, seed=1)`: loads and runs the document and returns a `Run`
  (trace, report, ledger, metrics). It asserts `ledger["unaccounted"] == 0` for every run:
  the contract's "every copy of every message ends in exactly one bucket, always".
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import engine
from engine import Simulation, load_diagram
from tests.engine import builders

EXAMPLES_DIR = Path(engine.__file__).resolve().parent / "examples"


class Builder:
    """Compact node and edge specs for diagram documents (contract section 1), on top of
    the one set of builders in `tests/engine/builders.py`."""

    node = staticmethod(builders.node)

    def producer(self, node_id: str = "p", **sim: Any) -> dict[str, Any]:
        """A producer; `sim` fields as keyword arguments (count, rate, payload, ...)."""
        return self.node(node_id, "producer", sim=sim)

    def queue(self, node_id: str = "q", *, sim: dict | None = None, **props: Any) -> dict:
        """An SQS queue; props (CloudFormation names) as keyword arguments."""
        return self.node(node_id, "sqs.queue", props=props, sim=sim)

    def fifo_queue(self, node_id: str = "q", *, sim: dict | None = None, **props: Any) -> dict:
        props = {"FifoQueue": True, **props}
        return self.node(node_id, "sqs.queue", props=props, sim=sim)

    def worker(self, node_id: str = "w", **sim: Any) -> dict[str, Any]:
        """A worker fleet (no Lambda semantics); `duration` may be a number of ms."""
        if isinstance(sim.get("duration"), int | float):
            sim["duration"] = {"dist": "fixed", "ms": sim["duration"]}
        return self.node(node_id, "worker", sim=sim)

    def function(
        self, node_id: str = "f", props: dict | None = None, sim: dict | None = None
    ) -> dict[str, Any]:
        return self.node(node_id, "lambda.function", props=props or {}, sim=sim or {})

    @staticmethod
    def edge(
        kind: str, source: str, target: str, props: dict | None = None, edge_id: str | None = None
    ) -> dict[str, Any]:
        item: dict[str, Any] = {"kind": kind, "source": source, "target": target}
        if props is not None:
            item["props"] = props
        if edge_id is not None:
            item["id"] = edge_id
        return item

    def publish(self, source: str, target: str, edge_id: str | None = None) -> dict:
        return self.edge("publish", source, target, None, edge_id)

    def reads(self, queue: str, consumer: str, edge_id: str | None = None, **props: Any) -> dict:
        """An `event-source` edge: `consumer` polls `queue`."""
        return self.edge("event-source", queue, consumer, props, edge_id)

    def dead_letter(
        self, queue: str, dlq: str, max_receive_count: int = 3, edge_id: str | None = None
    ) -> dict:
        return self.edge("dead-letter", queue, dlq, {"maxReceiveCount": max_receive_count}, edge_id)

    @staticmethod
    def doc(
        nodes: list[dict],
        edges: list[dict] = (),
        *,
        seed: int = 1,
        duration: float = 60,
        **top: Any,
    ) -> dict[str, Any]:
        """A complete `eventyard/1` document; edges without an id get `e1`, `e2`, ..."""
        numbered = []
        for index, item in enumerate(edges, 1):
            item = dict(item)
            item.setdefault("id", f"e{index}")
            numbered.append(item)
        nodes = copy.deepcopy(list(nodes))
        document = builders.diagram(nodes, numbered, seed=seed, duration=duration)
        document.update(top)
        return document


@dataclass
class Run:
    """A finished (or paused) run: its simulation, the drained trace and the report."""

    sim: Simulation
    trace: list[dict[str, Any]]
    report: dict[str, Any]

    @property
    def ledger(self) -> dict[str, int]:
        return self.report["ledger"]

    def metrics(self, node_id: str) -> dict[str, Any]:
        return self.report["nodes"][node_id]["metrics"]

    def events(self, event: str | None = None, **fields: Any) -> list[dict[str, Any]]:
        """Trace events of one kind (any kind when None) whose fields equal `fields`."""
        return [
            item
            for item in self.trace
            if (event is None or item["event"] == event)
            and all(item.get(key) == value for key, value in fields.items())
        ]

    def times(self, event: str, **fields: Any) -> list[float]:
        return [item["t"] for item in self.events(event, **fields)]

    def stored(self, node_id: str) -> list[Any]:
        """The message copies a queue holds now, in arrival order. The trace names copies
        but does not carry bodies or SQS message ids, so tests of what a message contains
        look here (the engine's `SqsQueue.held`)."""
        return list(self.sim.resources[node_id].held.values())


def run_document(doc: dict[str, Any], until: float | None = None, seed: int = 1) -> Run:
    sim = Simulation(load_diagram(doc), seed=seed)
    sim.run(until=doc.get("sim", {}).get("duration", 60) if until is None else until)
    run = Run(sim=sim, trace=sim.drain_events(), report=sim.report())
    assert run.ledger["unaccounted"] == 0, run.ledger
    return run


@pytest.fixture
def build() -> Builder:
    return Builder()


@pytest.fixture
def simulate():
    return run_document


@pytest.fixture
def example():
    """`example("fifo-groups-poison.json")`: an example diagram document from
    engine/examples."""

    def load(name: str) -> dict[str, Any]:
        return json.loads((EXAMPLES_DIR / name).read_text(encoding="utf-8"))

    return load
