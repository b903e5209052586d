"""Workers: a fleet of containers or servers polling queues (`worker` node; not Lambda).

Each of `pollers` long-polls its queue, takes up to `batchSize` messages, works on them for
`duration`, deletes those it processed and leaves the failures in flight, so they return
when their visibility timeout ends. Workers never throttle and have no cold starts.

`pollerChanges` scales the fleet during the run (an autoscaler, a deploy): new pollers
start polling at once; a poller that goes finishes the batch in hand first. A Kafka
consumer group rebalances on each change; a broker consumer that goes gives back what was
pushed to it and not taken.
"""

from __future__ import annotations

from typing import Any

from engine.core.message import Copy
from engine.core.shapes import integer, items, number, obj
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime.behaviour import DURATION, ERROR_RATE, FAIL_WHEN, Behaviour
from engine.runtime.host import PolledQueue, ReaderSource
from engine.runtime.idempotency import IdempotencyGuard
from engine.runtime.kernel import ACTION
from engine.runtime.resource import Resource

POLLER_CHANGES = items(
    '[{"at": 30, "pollers": 4}]',
    obj(
        '{"at": 30, "pollers": 4}',
        required=("at", "pollers"),
        at=number(above=0),
        pollers=integer(1, 1000),
    ),
    most=100,
)

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
        "Pollers",
        "Rebalances",
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
        FieldSpec(
            "pollerChanges",
            "json",
            None,
            "The fleet's size over the run: at `at` seconds it becomes `pollers` (a Kafka "
            "group rebalances each time).",
            check="poller_changes",
        ),
    ),
)


class Poller:
    """One poller of one queue: idle (waiting on the queue) or busy with one batch; a
    retired poller polls no more."""

    def __init__(self, worker: Worker, queue: PolledQueue, edge: str):
        self.worker, self.queue, self.edge = worker, queue, edge
        self.retired = False

    def poll(self) -> None:
        if self.retired:
            return
        batch = self.queue.receive(self.worker.batch_size)
        if not batch:
            if self.queue.can_receive:
                self.worker.kernel.at(self.worker.kernel.now, ACTION, self.poll)
            else:
                self.queue.wait(self.poll)
            return
        self.worker.work(self, batch)


class Feed:
    """What the fleet reads on one event-source edge and the pollers reading it: a queue
    they share, or a source with a consumer per poller (`member`: a Kafka group, a broker
    queue)."""

    def __init__(self, worker: Worker, edge: str, source: Any):
        self.worker, self.edge, self.source = worker, edge, source
        self.pollers: list[Poller] = []
        self.per_member = hasattr(source, "member")

    def grow(self, count: int) -> list[Poller]:
        """Pollers for a fleet of `count` (the first ones, or those it gains)."""
        have = len(self.pollers)
        added = [
            Poller(
                self.worker,
                self.source.member(i, count) if self.per_member else self.source,
                self.edge,
            )
            for i in range(have, count)
        ]
        self.pollers.extend(added)
        return added

    def resize(self, count: int) -> None:
        if hasattr(self.source, "rebalance"):  # a consumer group assigns its partitions anew
            self.source.rebalance(count, self._assigned)
            return
        for poller in self.pollers[count:]:
            poller.retired = True
            leave = getattr(self.source, "leave", None)
            if leave is not None:
                leave(poller.queue)
        del self.pollers[count:]
        for poller in self.grow(count):
            self.worker.kernel.at(self.worker.kernel.now, ACTION, poller.poll)

    def _assigned(self, members: list[Any]) -> None:
        for poller in self.pollers:
            poller.retired = True
        self.pollers = [Poller(self.worker, member, self.edge) for member in members]
        for poller in self.pollers:
            self.worker.kernel.at(self.worker.kernel.now, ACTION, poller.poll)


class Worker(Resource):
    """Invariant: at most as many batches per source as the fleet has pollers (now, or
    before a change whose leaving pollers are still finishing) are being worked on."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        s = node.sim
        self.pollers = s["pollers"]
        self.batch_size = s["batchSize"]
        self.behaviour = Behaviour(s)
        self.changes = sorted(
            (change["at"], change["pollers"]) for change in s.get("pollerChanges") or ()
        )
        self.feeds: list[Feed] = []
        self.groups: list[Any] = []  # the Kafka consumer groups it is
        self.batches = self.errors = self.busy = self.peak = 0

    def wire_in(self, edge, source) -> None:
        if edge.kind != "event-source":
            return
        # A stream read from a position gives each consumer a reader of its own.
        reader = source.open_reader(edge.id) if isinstance(source, ReaderSource) else source
        if hasattr(reader, "lag") and hasattr(reader, "member"):
            self.groups.append(reader)
        self.attach_source(edge, reader)

    def wire_out(self, edge, target) -> None:
        if edge.kind == "idempotency":
            self.behaviour.guard = IdempotencyGuard(edge, target, owner=self.id, recorder=self.rec)
        super().wire_out(edge, target)

    def attach_source(self, edge, queue) -> None:
        feed = Feed(self, edge.id, queue)
        feed.grow(self.pollers)
        self.feeds.append(feed)

    def start(self) -> None:
        for feed in self.feeds:
            for poller in feed.pollers:
                self.kernel.at(0.0, ACTION, poller.poll)
        for at, count in self.changes:
            self.kernel.at(float(at), ACTION, self._resize, count)

    def _resize(self, count: int) -> None:
        if count == self.pollers:
            return
        self.rec.note("scale", self.id, pollers=count, was=self.pollers)
        self.pollers = count
        for feed in self.feeds:
            feed.resize(count)

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
            "Pollers": self.pollers,
            "Rebalances": sum(group.rebalances for group in self.groups),
            **self.behaviour.metrics(),
        }
