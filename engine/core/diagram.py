"""The validated diagram: what `load_diagram` returns and `Simulation` runs.

Props and sim fields are complete here: every field the spec declares is present, with
AWS's default where the document left it out (None where AWS has no default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.core.spec import NodeSpec


@dataclass(frozen=True)
class Node:
    """A checked node. `spec` is its type's declaration (None only for nodes built by hand
    outside `load_diagram`); `index` is its place in the document's `nodes`."""

    id: str
    type: str
    label: str
    props: dict[str, Any]
    sim: dict[str, Any]
    role: str | None = None
    index: int = 0
    spec: NodeSpec | None = field(default=None, compare=False, repr=False)
    # The prop names the document itself set (the rest are defaults).
    given: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @property
    def path(self) -> str:
        """The node's contract path (`nodes[3]`)."""
        return f"nodes[{self.index}]"

    @property
    def is_fifo(self) -> bool:
        """A FIFO queue or topic."""
        return bool(self.props.get("FifoQueue") or self.props.get("FifoTopic"))


@dataclass(frozen=True)
class Edge:
    id: str
    kind: str
    source: str
    target: str
    props: dict[str, Any]
    index: int = 0
    # The prop names the document itself set (the rest are defaults), for settings whose
    # default depends on the ends (a Kafka mapping's batching window).
    given: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def path(self) -> str:
        """The edge's contract path (`edges[2]`)."""
        return f"edges[{self.index}]"

    def set_props(self) -> list[str]:
        """The props set to something other than an empty or neutral value (None, [], False,
        0, -1, 1, True: every event source mapping default), for ends that take none."""
        return [k for k, v in self.props.items() if v not in (None, [], False, 0, -1, 1, True)]


# What a goal may take of a metric's one-second samples, and how it compares.
GOAL_STATS = ("end", "max", "min", "avg")
GOAL_OPS = ("==", "!=", "<", "<=", ">", ">=")


@dataclass(frozen=True)
class Goal:
    """A goal of `sim.goals` (contract section 8): `metric` is `<node id>.<MetricName>` or
    `ledger.<bucket>`; `stat` of its one-second samples (`end`: its value when the run
    ends), compared by `op` with `value`."""

    name: str
    metric: str
    stat: str
    op: str
    value: float
    index: int = 0

    @property
    def path(self) -> str:
        return f"sim.goals[{self.index}]"

    @property
    def source(self) -> tuple[str, str]:
        """(node id or "ledger", metric or bucket name)."""
        head, _, name = self.metric.partition(".")
        return head, name


@dataclass(frozen=True)
class Diagram:
    """Invariant: every edge's source and target are nodes of this diagram, in an allowed pair.

    The edges are indexed once by source and by target, so a rule that visits each node's
    edges costs time linear in nodes and edges."""

    name: str
    description: str
    nodes: dict[str, Node]
    edges: tuple[Edge, ...]
    seed: int = 1
    duration: float = 60.0
    goals: tuple[Goal, ...] = ()
    document: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    _out: dict[str, list[Edge]] = field(init=False, compare=False, repr=False)
    _in: dict[str, list[Edge]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        out: dict[str, list[Edge]] = {}
        into: dict[str, list[Edge]] = {}
        for edge in self.edges:
            out.setdefault(edge.source, []).append(edge)
            into.setdefault(edge.target, []).append(edge)
        object.__setattr__(self, "_out", out)
        object.__setattr__(self, "_in", into)

    def edges_from(self, node_id: str, kind: str | None = None) -> list[Edge]:
        found = self._out.get(node_id, [])
        return list(found) if kind is None else [e for e in found if e.kind == kind]

    def edges_to(self, node_id: str, kind: str | None = None) -> list[Edge]:
        found = self._in.get(node_id, [])
        return list(found) if kind is None else [e for e in found if e.kind == kind]
