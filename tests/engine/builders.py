"""Compact builders for diagram documents (contract section 1) and a runner for tests.
The one set of document builders: `tests/designer/builders.py` builds its documents with
these too.

Each builder returns the plain JSON shape a user would write, so tests read like small
diagrams: `diagram([producer("p", count=3), queue("q")], [publish("p", "q")])`.
`run` loads and runs a document and hands back the simulation, its trace and its report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from engine import Simulation, load_diagram


# --- nodes ---------------------------------------------------------------------------
def node(
    node_id: str, node_type: str, props: dict | None = None, sim: dict | None = None, **extra: Any
) -> dict:
    """A node; `extra` adds document fields such as `label`, `role` or `position`."""
    return {"id": node_id, "type": node_type, "props": props or {}, "sim": sim or {}, **extra}


def producer(node_id: str, **sim: Any) -> dict:
    """A producer; `sim` fields as the contract names them (rate, count, payload, ...)."""
    return node(node_id, "producer", sim=sim)


def burst(node_id: str, size: int, **sim: Any) -> dict:
    """A producer that sends `size` messages at once at `start` (default 0), payload
    {"id": seq} unless given."""
    sim.setdefault("payload", {"id": "{{seq}}"})
    return producer(
        node_id, arrival="burst", burst={"size": size, "every": 100_000}, count=size, **sim
    )


def topic(node_id: str, **props: Any) -> dict:
    return node(node_id, "sns.topic", props=props)


def fifo_topic(node_id: str, **props: Any) -> dict:
    return topic(node_id, FifoTopic=True, TopicName=f"{node_id}.fifo", **props)


def queue(node_id: str, sim: dict | None = None, **props: Any) -> dict:
    return node(node_id, "sqs.queue", props=props, sim=sim)


def fifo_queue(node_id: str, **props: Any) -> dict:
    return queue(node_id, FifoQueue=True, QueueName=f"{node_id}.fifo", **props)


def function(node_id: str, props: dict | None = None, **sim: Any) -> dict:
    """A Lambda function: CloudFormation props in `props`, simulation fields as keywords."""
    return node(node_id, "lambda.function", props=props, sim=sim)


def worker(node_id: str, **sim: Any) -> dict:
    return node(node_id, "worker", sim=sim)


def fixed_ms(ms: float) -> dict:
    return {"dist": "fixed", "ms": ms}


# --- edges ---------------------------------------------------------------------------
def edge(kind: str, source: str, target: str, edge_id: str | None = None, **props: Any) -> dict:
    return {
        "id": edge_id or f"{kind}-{source}-{target}",
        "kind": kind,
        "source": source,
        "target": target,
        "props": props,
    }


def publish(source: str, target: str, edge_id: str | None = None) -> dict:
    return edge("publish", source, target, edge_id)


def subscription(source: str, target: str, edge_id: str | None = None, **props: Any) -> dict:
    return edge("subscription", source, target, edge_id, **props)


def event_source(source: str, target: str, edge_id: str | None = None, **props: Any) -> dict:
    return edge("event-source", source, target, edge_id, **props)


def dead_letter(source: str, target: str, max_receive: int = 3) -> dict:
    return edge("dead-letter", source, target, maxReceiveCount=max_receive)


def destination(source: str, target: str, condition: str) -> dict:
    return edge("destination", source, target, f"dest-{condition}-{source}", condition=condition)


# --- documents and runs --------------------------------------------------------------
def diagram(
    nodes: list[dict],
    edges: list[dict],
    *,
    seed: int = 1,
    duration: float = 60,
    name: str = "test",
    description: str | None = None,
) -> dict:
    """A whole `eventyard/1` document (the designer's tests build theirs with it too)."""
    doc: dict[str, Any] = {"format": "eventyard/1", "name": name}
    if description is not None:
        doc["description"] = description
    doc.update(nodes=nodes, edges=edges, sim={"seed": seed, "duration": duration})
    return doc


@dataclass
class Run:
    sim: Simulation
    events: list[dict]
    report: dict

    @property
    def ledger(self) -> dict:
        return self.report["ledger"]

    def metrics(self, node_id: str) -> dict:
        return self.report["nodes"][node_id]["metrics"]

    def of(self, event: str, node: str | None = None) -> list[dict]:
        """Trace events of one kind, optionally at one node, in trace order."""
        return [
            e for e in self.events if e["event"] == event and (node is None or e["node"] == node)
        ]

    def count(self, event: str, node: str | None = None) -> int:
        return len(self.of(event, node))

    def batches(self, node: str) -> list[tuple[float, list[str]]]:
        """The records of each invocation of `node`: `invoke` events that follow one another
        at the same instant belong to one batch (a mapping's receive events separate its
        batches), as (time, origins)."""
        found: list[tuple[float, list[str]]] = []
        previous = None
        for event in self.events:
            is_invoke = event["event"] == "invoke" and event["node"] == node
            if is_invoke and previous is not None and previous["t"] == event["t"]:
                found[-1][1].append(event["origin"])
            elif is_invoke:
                found.append((event["t"], [event["origin"]]))
            previous = event if is_invoke else None
        return found

    def receive_counts(self, node: str) -> Counter:
        """How often each origin was received from queue `node`."""
        return Counter(e["origin"] for e in self.of("receive", node))


def simulation(doc: dict, *, seed: int = 1) -> Simulation:
    """Load `doc` and build its simulation, not yet run."""
    return Simulation(load_diagram(doc), seed=seed)


def finish(sim: Simulation, until: float | None = None) -> Run:
    """Run `sim` to `until` (default: its document's duration) and drain the trace."""
    sim.run(sim.diagram.duration if until is None else until)
    return Run(sim=sim, events=sim.drain_events(), report=sim.report())


def run(doc: dict, until: float | None = None, *, seed: int = 1) -> Run:
    """Load `doc`, run it to `until` (default: the document's duration), drain the trace."""
    return finish(simulation(doc, seed=seed), until)


def capture_arrivals(sim: Simulation, node_id: str) -> list:
    """Record every copy that reaches `node_id` (asynchronous invokes, queue sends) as it
    arrives, so a test can read the body the resource was handed."""
    resource = sim.resources[node_id]
    original = resource.accept
    seen: list = []

    def accept(copy, *, edge=None):
        seen.append(copy)
        return original(copy, edge=edge)

    resource.accept = accept
    return seen


def assert_balanced(ledger: dict) -> None:
    """The contract's ledger invariant: every copy in exactly one bucket, none negative."""
    assert ledger["unaccounted"] == 0, ledger
    for bucket, count in ledger.items():
        assert count >= 0, (bucket, ledger)


def problem_codes(doc: dict) -> set[str]:
    """The codes of the problems load_diagram raises for `doc` (empty when it loads)."""
    from engine import DiagramError

    try:
        load_diagram(doc)
    except DiagramError as err:
        return {p.code for p in err.problems}
    return set()
