"""`Simulation`: a diagram brought to life on the kernel, with the public API of contract
section 2 (`run`, `advance`, `drain_events`, `report`, `inject`)."""

from __future__ import annotations

from typing import Any

from engine import registry
from engine.core.diagram import Diagram
from engine.core.errors import DiagramError, Problem
from engine.core.message import Copy, encode_attributes, encode_body
from engine.runtime.goals import GoalTracker
from engine.runtime.kernel import Kernel
from engine.runtime.recorder import HELD, Recorder
from engine.runtime.resource import Resource
from engine.services.sns.delivery_logs import delivery_log_report

REPORT_FORMAT = "eventyard-report/1"
STEP_HORIZON = 3600.0


class Simulation:
    """Invariant: every copy ever made is counted in the recorder's ledger exactly once, as
    produced (by a producer or `inject`) or as a copy (made inside the system)."""

    def __init__(self, diagram: Diagram, seed: int | None = None, *, trace: bool = True):
        if not isinstance(diagram, Diagram):
            raise TypeError("Simulation takes the Diagram that load_diagram returns")
        self.diagram = diagram
        self.seed = diagram.seed if seed is None else int(seed)
        self.kernel = Kernel(self.seed)
        self.rng = self.kernel.rng
        self.recorder = Recorder(self.kernel, trace=trace)
        self._ids = 0
        self.resources: dict[str, Resource] = {
            node.id: registry.resource_class(node.type)(node, self)
            for node in diagram.nodes.values()
        }
        self._wire()
        for resource in self.resources.values():
            resource.start()
        self.goals = GoalTracker(self.kernel, diagram.goals, self.metric) if diagram.goals else None

    def _wire(self) -> None:
        """Each edge is handed to both of its ends; each resource wires the kinds it knows."""
        res = self.resources
        for edge in self.diagram.edges:
            source, target = res[edge.source], res[edge.target]
            source.wire_out(edge, target)
            target.wire_in(edge, source)

    # --- copies --------------------------------------------------------------------
    def _next_id(self) -> str:
        self._ids += 1
        return f"m-{self._ids}"

    def new_copy(self, *, body: str, attributes: dict, payload: Any, **fields: Any) -> Copy:
        """A message a producer (or `inject`) publishes: counted as produced."""
        copy_id = self._next_id()
        copy = Copy(
            id=copy_id, origin=copy_id, body=body, attributes=attributes, payload=payload, **fields
        )
        self.recorder.made(copy, produced=True)
        return copy

    def derive(
        self,
        source: Copy,
        *,
        body: str | None = None,
        attributes: dict | None = None,
        **fields: Any,
    ) -> Copy:
        """A further copy made inside the system (fan-out, function output, destination
        record): it keeps the origin and payload of `source`."""
        fields.setdefault("group", source.group)
        fields.setdefault("dedup", None)
        copy = Copy(
            id=self._next_id(),
            origin=source.origin,
            body=source.body if body is None else body,
            attributes=source.attributes if attributes is None else attributes,
            payload=source.payload,
            **fields,
        )
        self.recorder.made(copy, produced=False)
        return copy

    def duplicate(self, source: Copy) -> Copy:
        """An at-least-once duplicate: a new copy with the same message id."""
        twin = self.derive(source, group=source.group, dedup=source.dedup, delay=source.delay)
        twin.message_id = source.message_id
        return twin

    def offer(self, node_id: str, copy: Copy, *, edge: str | None, target: Resource) -> str | None:
        """`node_id` sends `copy` over `edge` to `target`; returns the error AWS would answer
        with, leaving a refused copy to the sender."""
        self.recorder.emit("publish", node_id, copy, edge=edge, target=target.id)
        return target.accept(copy, edge=edge)

    def drop(self, node_id: str, copy: Copy, *, reason: str, edge: str | None = None) -> None:
        """End a copy that was refused or given up on."""
        self.recorder.emit("drop", node_id, copy, reason=reason, edge=edge)
        self.recorder.end(copy, "dropped")

    def publish(
        self, node_id: str, copy: Copy, *, edge: str | None, target: Resource
    ) -> str | None:
        """`offer`, dropping the copy if the target refuses it; returns the error."""
        error = self.offer(node_id, copy, edge=edge, target=target)
        if error is not None:
            self.drop(target.id, copy, reason=error, edge=edge)
        return error

    # --- the public API ------------------------------------------------------------
    @property
    def now(self) -> float:
        return self.kernel.now

    def run(self, until: float) -> None:
        """Process every event up to simulated time `until` (seconds)."""
        self.kernel.run_until(float(until))

    def advance(self, dt: float) -> None:
        """Move the clock on by `dt` seconds (live mode)."""
        if dt < 0:
            raise ValueError("advance takes a non-negative number of seconds")
        self.kernel.run_until(self.kernel.now + dt)

    def step(self, *, horizon: float = STEP_HORIZON) -> bool:
        """Process scheduled events until one of them is traced (one visible step). False
        when nothing traced happens within `horizon` simulated seconds: periodic timers
        (alarm sampling, schedules) may tick forever without tracing anything."""
        before = self.recorder.count
        limit = self.kernel.now + horizon
        while self.recorder.count == before:
            due = self.kernel.next_time()
            if due is None or due > limit:
                return False
            self.kernel.step()
        return True

    def drain_events(self) -> list[dict[str, Any]]:
        """Trace events since the last drain, in simulated-time order."""
        return self.recorder.drain()

    def inject(self, node_id: str, payload: Any, attributes: dict | None = None) -> str:
        """Publish a message by hand into `node_id`, now; returns its message id."""
        target = self.resources.get(node_id)
        if (
            target is None
            or not hasattr(target, "accept")
            or type(target).accept is Resource.accept
        ):
            raise DiagramError(
                [
                    Problem(
                        "node", "invalid_target", f"'{node_id}' is not a node that takes messages"
                    )
                ]
            )
        if attributes is not None and not isinstance(attributes, dict):
            raise DiagramError(
                [
                    Problem(
                        "attributes",
                        "invalid_type",
                        "attributes must be an object of name to value",
                    )
                ]
            )
        copy = self.new_copy(
            body=encode_body(payload),
            attributes=encode_attributes(attributes or {}),
            payload=payload,
            group="injected",
        )
        copy.dedup = copy.id
        self.publish("inject", copy, edge=None, target=target)
        return copy.id

    def metric(self, name: str) -> Any:
        """One metric now: `<node id>.<MetricName>` or `ledger.<bucket>` (None if the node
        does not report it)."""
        head, _, key = name.partition(".")
        if head == "ledger":
            return self.ledger().get(key)
        resource = self.resources.get(head)
        return resource.metrics().get(key) if resource is not None else None

    def goal_states(self, *, ended: bool = False) -> list[dict[str, Any]]:
        """Each goal's state so far (`pending`, `passed`, `failed`) and value, or as the
        run ended; [] without goals."""
        return self.goals.states(ended=ended) if self.goals is not None else []

    def node_states(self) -> dict[str, dict[str, int]]:
        """For each state machine, how many running executions (and their branches and Map
        iterations) are in each of its states now; {} without state machines."""
        return {
            node_id: res.states_now()
            for node_id, res in self.resources.items()
            if hasattr(res, "states_now")
        }

    def node_metrics(self) -> dict[str, dict[str, Any]]:
        return {node_id: res.metrics() for node_id, res in self.resources.items()}

    def held_bytes(self) -> int:
        """Bytes of every message copy the run holds now (in queues, in flight, dead-lettered,
        in streams or waiting in a buffer): body plus attributes, as SQS counts a message
        against MaximumMessageSize. Kept as copies are made and end, so reading it is O(1)."""
        return self.recorder.held_bytes

    def ledger(self) -> dict[str, int]:
        held = dict.fromkeys(HELD, 0)
        for resource in self.resources.values():
            for bucket, count in resource.holdings().items():
                held[bucket] += count
        return self.recorder.ledger(held)

    def report(self) -> dict[str, Any]:
        report = {
            "format": REPORT_FORMAT,
            "seed": self.seed,
            "duration": round(self.kernel.now, 6),
            "events": self.recorder.count,
            "nodes": {
                node_id: {"type": res.node.type, "metrics": res.metrics()}
                for node_id, res in self.resources.items()
            },
            "ledger": self.ledger(),
        }
        logs = delivery_log_report(self.resources)
        if logs is not None:
            report["deliveryLogs"] = logs
        registries = {
            node_id: res.report()
            for node_id, res in self.resources.items()
            if hasattr(res, "summary")
        }
        if registries:
            report["schemas"] = registries
        if self.goals is not None:
            report["goals"] = self.goals.results()
        return report

    def schema_summary(self) -> dict[str, dict[str, int]]:
        """For each schema registry, each schema's number of versions; {} without any."""
        return {
            node_id: res.summary()
            for node_id, res in self.resources.items()
            if hasattr(res, "summary")
        }
