"""Workers: a fleet of containers or servers polling queues (`worker` node; not Lambda).

Each of `pollers` long-polls its queue, takes up to `batchSize` messages, works on them for
`duration`, deletes those it processed and leaves the failures in flight, so they return
when their visibility timeout ends. Workers never throttle and have no cold starts.
"""

from __future__ import annotations

from typing import Any

from engine.core.message import Copy
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime.behaviour import DURATION, ERROR_RATE, FAIL_WHEN, Behaviour
from engine.runtime.host import PolledQueue, ReaderSource
from engine.runtime.idempotency import IdempotencyGuard
from engine.runtime.kernel import ACTION
from engine.runtime.resource import Resource

SPEC = NodeSpec(
    type="worker",
    metrics=(
        "Batches",
        "Errors",
        "BusyPollers",
        "PeakBusyPollers",
        "OffsetLag",
        "ProcessedMoreThanOnce",
        "DuplicatesSkipped",
    ),
    group="Clients",
    counters=(
        ("BusyPollers", "busy"),
        ("Errors", "errors"),
        ("Batches", "batches"),
    ),
    counter_variants=(
        (
            "idempotency",
            (
                ("ProcessedMoreThanOnce", "twice"),
                ("DuplicatesSkipped", "skipped"),
                ("Errors", "errors"),
            ),
        ),
    ),
    label="Worker fleet",
    description="Containers or servers that poll a queue (not an AWS resource).",
    cfn_type=None,
    sim=(
        FieldSpec("pollers", "int", 1, minimum=1, maximum=1000, help="Concurrent pollers."),
        FieldSpec(
            "batchSize", "int", 1, minimum=1, maximum=10, help="MaxNumberOfMessages per receive."
        ),
        DURATION,
        ERROR_RATE,
        FAIL_WHEN,
    ),
)


class Poller:
    """One poller of one queue: idle (waiting on the queue) or busy with one batch."""

    def __init__(self, worker: Worker, queue: PolledQueue, edge: str):
        self.worker, self.queue, self.edge = worker, queue, edge

    def poll(self) -> None:
        batch = self.queue.receive(self.worker.batch_size)
        if not batch:
            if self.queue.can_receive:
                self.worker.kernel.at(self.worker.kernel.now, ACTION, self.poll)
            else:
                self.queue.wait(self.poll)
            return
        self.worker.work(self, batch)


class Worker(Resource):
    """Invariant: at most `pollers` batches per source queue are being worked on."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        s = node.sim
        self.pollers = s["pollers"]
        self.batch_size = s["batchSize"]
        self.behaviour = Behaviour(s)
        self.fleet: list[Poller] = []
        self.groups: list[Any] = []  # the Kafka consumer groups it is
        self.batches = self.errors = self.busy = self.peak = 0

    def wire_in(self, edge, source) -> None:
        if edge.kind != "event-source":
            return
        # A stream read from a position gives each consumer a reader of its own.
        reader = source.open_reader(edge.id) if isinstance(source, ReaderSource) else source
        if hasattr(reader, "member"):  # a consumer per poller: a Kafka group, a broker queue
            if hasattr(reader, "lag"):
                self.groups.append(reader)
            self.fleet.extend(
                Poller(self, reader.member(i, self.pollers), edge.id) for i in range(self.pollers)
            )
        else:
            self.attach_source(edge, reader)

    def wire_out(self, edge, target) -> None:
        if edge.kind == "idempotency":
            self.behaviour.guard = IdempotencyGuard(edge, target, owner=self.id, recorder=self.rec)
        super().wire_out(edge, target)

    def attach_source(self, edge, queue) -> None:
        self.fleet.extend(Poller(self, queue, edge.id) for _ in range(self.pollers))

    def start(self) -> None:
        for poller in self.fleet:
            self.kernel.at(0.0, ACTION, poller.poll)

    def work(self, poller: Poller, batch: list[Copy]) -> None:
        self.busy += 1
        self.peak = max(self.peak, self.busy)
        held = {c.id: c.receipt for c in batch}
        for copy in batch:
            self.rec.emit("invoke", self.id, copy, edge=poller.edge)
        outcome = self.behaviour.decide(
            batch, self.sim.rng, now=self.kernel.now, whole_batch_fails=False
        )
        self.kernel.after(
            outcome.duration_ms / 1000.0, ACTION, self._finish, poller, batch, held, outcome
        )

    def _finish(self, poller: Poller, batch: list[Copy], held: dict[str, int], outcome) -> None:
        self.busy -= 1
        self.batches += 1
        failed = {c.id for c in outcome.failed}
        if failed:
            self.errors += 1
        for copy in batch:
            if copy.id in failed:
                self.rec.emit("error", self.id, copy, error=outcome.error_of(copy))
                reject = getattr(poller.queue, "reject", None)
                if reject is not None:  # a broker queue redelivers what its consumer failed
                    reject(copy, held[copy.id])
                continue
            self.rec.emit("success", self.id, copy)
            poller.queue.delete(copy, held[copy.id])
        self.send_on(self.behaviour.settle(batch, outcome, self.kernel.now))
        settle = getattr(poller.queue, "settle", None)
        if settle is not None:  # a Kafka group commits its offsets once the batch is over
            settle()
        poller.poll()

    def metrics(self) -> dict[str, Any]:
        return {
            "Batches": self.batches,
            "Errors": self.errors,
            "BusyPollers": self.busy,
            "PeakBusyPollers": self.peak,
            "OffsetLag": sum(group.lag() for group in self.groups),
            **self.behaviour.metrics(),
        }
