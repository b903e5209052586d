"""Amazon MQ destinations while they run: `mq.queue`, `mq.topic` and `mq.exchange`.

A queue is point to point: the broker pushes each message to one consumer, round robin
among the consumers with room in their prefetch ("ActiveMQ: What is the prefetch limit
for?"; RabbitMQ's `basic.qos`), and forgets it when the consumer acknowledges it. A
consumer that fails a message gives it back:

- ActiveMQ's redelivery policy ("Redelivery Policy", "Message Redelivery and DLQ
  Handling") redelivers it to the same consumer after `InitialRedeliveryDelay`, then
  `RedeliveryDelay` (or a back-off by `BackOffMultiplier`); after `MaximumRedeliveries`
  redeliveries it is a poison pill and goes to the dead-letter queue, `ActiveMQ.DLQ` unless
  a `dead-letter` edge names another. Lambda's mapping always uses the policy's defaults
  ("Troubleshoot Amazon MQ event source mapping errors").
- RabbitMQ requeues it at once (`basic.nack` with requeue); a classic queue does so for
  ever, a quorum queue dead-letters it once it has failed more than `DeliveryLimit` times
  ("Quorum Queues: Poison Message Handling"), or drops it without a dead-letter queue.

Every message is persistent (JMS's default delivery mode), so all of them may be
dead-lettered. A topic gives every subscriber its own copy; an exchange routes each
message by its routing key to the queues its bindings match, and drops what none match.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from engine.core.message import DELAYED, GONE, IN_FLIGHT, VISIBLE, Copy
from engine.runtime import names
from engine.runtime.kernel import ACTION, STATE
from engine.runtime.resource import Resource
from engine.services.mq.routing import routes
from engine.services.mq.spec import ACTIVEMQ, DEFAULT_DLQ

if TYPE_CHECKING:
    from engine.core.diagram import Edge

# A copy the broker pushed to a consumer that has not taken it yet (its prefetch buffer).
PUSHED = "pushed"
# A nack-and-requeue is a network round trip, not an instant: without it a poison message
# on a classic queue and a consumer that fails at once would loop without time passing.
REQUEUE_LATENCY = 0.001
# "Using Lambda with Amazon MQ": one mapping runs at most 5 concurrent batches on
# ActiveMQ and 1 on RabbitMQ.
LAMBDA_CONCURRENCY = {ACTIVEMQ: 5, "RABBITMQ": 1}


class Redelivery:
    """What happens to a delivery that failed: `requeue` (RabbitMQ: back to the queue at
    once) or a delay before the consumer gets it again (ActiveMQ), and after how many
    failures the message is given up on (`limit`, None: never)."""

    __slots__ = ("requeue", "limit", "initial", "delay", "backoff", "multiplier", "cap")

    def __init__(
        self,
        *,
        requeue: bool,
        limit: int | None,
        initial: float = 0.0,
        delay: float = 0.0,
        backoff: bool = False,
        multiplier: float = 5.0,
        cap: float | None = None,
    ):
        self.requeue, self.limit = requeue, limit
        self.initial, self.delay = initial, delay
        self.backoff, self.multiplier, self.cap = backoff, multiplier, cap

    @classmethod
    def of(cls, props: dict[str, Any]) -> Redelivery:
        if props["EngineType"] == ACTIVEMQ:
            limit = props["MaximumRedeliveries"]
            cap = props["MaximumRedeliveryDelay"]
            return cls(
                requeue=False,
                limit=None if limit < 0 else limit,
                initial=props["InitialRedeliveryDelay"] / 1000.0,
                delay=props["RedeliveryDelay"] / 1000.0,
                backoff=bool(props["UseExponentialBackOff"]),
                multiplier=float(props["BackOffMultiplier"]),
                cap=None if cap < 0 else cap / 1000.0,
            )
        quorum = props["QueueType"] == "quorum"
        return cls(requeue=True, limit=props["DeliveryLimit"] if quorum else None)

    def exhausted(self, failures: int) -> bool:
        return self.limit is not None and failures > self.limit

    def wait(self, redelivery: int) -> float:
        """Seconds before the `redelivery`-th redelivery (1 is the first): the initial
        delay, then the redelivery delay, or with back-off each delay times the
        multiplier ("Redelivery Policy"; an initial delay of 0 redelivers at once)."""
        if self.requeue:
            return REQUEUE_LATENCY
        wait = self.initial
        for _ in range(redelivery - 1):
            if self.backoff and wait > 0 and self.multiplier > 1:
                wait *= self.multiplier
                if self.cap is not None:
                    wait = min(wait, self.cap)
            else:
                wait = self.delay
        return wait


# The policy Lambda's Amazon MQ client always uses: ActiveMQ's defaults.
LAMBDA_ACTIVEMQ_POLICY = Redelivery(requeue=False, limit=6, initial=1.0, delay=1.0)


class Consumer:
    """One consumer of a destination, as a poller sees it (the `PolledQueue` surface): the
    messages the broker pushed to it and it has not taken yet (`buffer`), and how many it
    holds unacknowledged in all (`unacked`, which the prefetch bounds)."""

    fifo = False
    visibility_timeout = 0.0

    def __init__(self, dest: Destination, edge: str, policy: Redelivery):
        self.dest, self.edge, self.policy = dest, edge, policy
        self.id = dest.id
        self.buffer: deque[Copy] = deque()
        self.unacked = 0
        self.waiter: Callable[[], None] | None = None

    @property
    def visible_count(self) -> int:
        return len(self.buffer)

    @property
    def can_receive(self) -> bool:
        return bool(self.buffer)

    def wait(self, callback: Callable[[], None]) -> None:
        self.waiter = callback

    def notify(self) -> None:
        if self.waiter is not None:
            callback, self.waiter = self.waiter, None
            self.dest.kernel.at(self.dest.kernel.now, ACTION, callback)

    def receive(self, max_messages: int) -> list[Copy]:
        taken: list[Copy] = []
        buffer, dest = self.buffer, self.dest
        while buffer and len(taken) < max_messages:
            copy = buffer.popleft()
            taken.append(dest.hand_over(copy))
        return taken

    def delete(self, copy: Copy, receipt: int) -> bool:
        """Acknowledge."""
        return self.dest.ack(self, copy, receipt)

    def reject(self, copy: Copy, receipt: int) -> None:
        """The consumer failed the message: redeliver it, or give it up."""
        self.dest.reject(self, copy, receipt)

    def discard(self, copy: Copy, receipt: int, bucket: str) -> None:
        """Acknowledge a message a filter turned away, ending it as `bucket`."""
        self.dest.ack(self, copy, receipt, bucket=bucket)


class ConsumerPool:
    """A worker fleet reading a destination: each poller is a consumer of its own."""

    def __init__(self, dest: Destination, edge: str):
        self.dest, self.edge = dest, edge

    def member(self, index: int, count: int) -> Consumer:
        return self.dest.add_consumer(self.edge, self.dest.policy)

    def leave(self, consumer: Consumer) -> None:
        self.dest.remove_consumer(consumer)


class Destination:
    """The messages of one queue (or one durable subscription). Invariants: every copy in
    `held` is ready (VISIBLE, in `ready`), pushed to a consumer (PUSHED, in its buffer),
    taken (IN_FLIGHT) or waiting to be redelivered (DELAYED), or dead in the implicit
    ActiveMQ.DLQ; a consumer's `unacked` counts its buffer, its taken copies and its
    redeliveries, and never passes the prefetch."""

    def __init__(self, owner: Resource, policy: Redelivery, prefetch: int, engine: str):
        self.id = owner.id
        self.owner = owner
        self.kernel, self.rec = owner.kernel, owner.rec
        self.policy, self.prefetch, self.engine = policy, prefetch, engine
        self.ready: deque[Copy] = deque()
        self.consumers: list[Consumer] = []
        self.held: dict[str, Copy] = {}
        self.dead_letter: tuple[str, MqQueue] | None = None
        self._next = 0
        self._receipts = 0
        self.enqueued = self.dequeued = self.dispatched = 0
        self.redelivered = self.dead = 0

    def add_consumer(self, edge: str, policy: Redelivery) -> Consumer:
        consumer = Consumer(self, edge, policy)
        self.consumers.append(consumer)
        return consumer

    def remove_consumer(self, consumer: Consumer) -> None:
        """A consumer closes: what was pushed to it and not taken goes back to the front
        of the queue for the others; what it took it may still acknowledge."""
        self.consumers.remove(consumer)
        consumer.waiter = None
        while consumer.buffer:
            copy = consumer.buffer.pop()
            copy.state = VISIBLE
            consumer.unacked -= 1
            self.ready.appendleft(copy)
        self.dispatch()

    # --- in ----------------------------------------------------------------------
    def put(self, copy: Copy, edge: str | None, **extra: Any) -> None:
        copy.holder = self
        copy.state = VISIBLE
        copy.receive_count = 0
        copy.sent_at = copy.enqueued_at = self.kernel.now
        self.held[copy.id] = copy
        self.enqueued += 1
        if edge:
            extra["edge"] = edge
        self.rec.emit("deliver", self.id, copy, **extra)
        self.ready.append(copy)
        self.dispatch()

    def dispatch(self) -> None:
        """Push ready messages to consumers with room, round robin."""
        consumers, ready = self.consumers, self.ready
        count = len(consumers)
        while ready and count:
            for _ in range(count):
                consumer = consumers[self._next % count]
                self._next += 1
                if consumer.unacked < self.prefetch:
                    break
            else:
                return  # every consumer's prefetch is full
            copy = ready.popleft()
            copy.state = PUSHED
            consumer.buffer.append(copy)
            consumer.unacked += 1
            self.dispatched += 1
            consumer.notify()

    def hand_over(self, copy: Copy) -> Copy:
        """A consumer takes a pushed message: a delivery, counted."""
        self._receipts += 1
        copy.receipt = self._receipts
        copy.state = IN_FLIGHT
        copy.receive_count += 1
        if copy.first_receive is None:
            copy.first_receive = self.kernel.now
        extra = {"redelivered": True} if copy.receive_count > 1 else {}
        self.rec.emit("receive", self.id, copy, receiveCount=copy.receive_count, **extra)
        return copy

    # --- out ---------------------------------------------------------------------
    def _taken(self, copy: Copy, receipt: int) -> bool:
        return copy.holder is self and copy.state == IN_FLIGHT and copy.receipt == receipt

    def ack(self, consumer: Consumer, copy: Copy, receipt: int, *, bucket: str = "") -> bool:
        if not self._taken(copy, receipt):
            return False
        consumer.unacked -= 1
        self._release(copy)
        self.dequeued += 1
        if bucket:
            self.rec.end(copy, bucket)
        else:
            self.rec.emit("delete", self.id, copy)
            self.rec.end(copy, "deleted")
        self.dispatch()
        return True

    def reject(self, consumer: Consumer, copy: Copy, receipt: int) -> None:
        if not self._taken(copy, receipt):
            return
        failures = copy.receive_count
        policy = consumer.policy
        if policy.exhausted(failures):
            consumer.unacked -= 1
            self._give_up(copy, failures)
            self.dispatch()
            return
        wait = policy.wait(failures)
        self.redelivered += 1
        copy.state = DELAYED
        self.rec.emit("retry", self.id, copy, attempt=failures + 1, after=round(wait, 6))
        if policy.requeue:  # back to the queue, for any consumer
            consumer.unacked -= 1
            self.kernel.after(wait, STATE, self._requeue, copy)
        else:  # the consumer's session redelivers it to the same consumer
            self.kernel.after(wait, STATE, self._redeliver, consumer, copy)

    def _requeue(self, copy: Copy) -> None:
        copy.state = VISIBLE
        self.ready.appendleft(copy)
        self.dispatch()

    def _redeliver(self, consumer: Consumer, copy: Copy) -> None:
        if consumer not in self.consumers:  # its session closed: back to the queue
            consumer.unacked -= 1
            self._requeue(copy)
            return
        copy.state = PUSHED
        consumer.buffer.appendleft(copy)
        consumer.notify()

    def _give_up(self, copy: Copy, failures: int) -> None:
        self.dead += 1
        if self.dead_letter is not None:
            edge, dlq = self.dead_letter
            self._release(copy)
            self.rec.emit(
                "dead-letter", self.id, copy, target=dlq.id, edge=edge, receiveCount=failures
            )
            copy.dead = True
            dlq.dest.put(copy, edge)
        elif self.engine == ACTIVEMQ:
            # The broker's shared ActiveMQ.DLQ: kept here, counted as dead-lettered.
            self.rec.emit("dead-letter", self.id, copy, target=DEFAULT_DLQ, receiveCount=failures)
            copy.dead = True
            copy.state = GONE
        else:
            self._release(copy)
            self.rec.emit("drop", self.id, copy, reason="delivery limit exceeded")
            self.rec.end(copy, "dropped")

    def _release(self, copy: Copy) -> None:
        del self.held[copy.id]
        copy.state = GONE
        copy.holder = None

    # --- reporting -----------------------------------------------------------------
    def holdings(self) -> dict[str, int]:
        counts = {"in_queues": 0, "in_flight": 0, "dead_lettered": 0}
        for copy in self.held.values():
            if copy.dead:
                counts["dead_lettered"] += 1
            elif copy.state == VISIBLE:
                counts["in_queues"] += 1
            else:
                counts["in_flight"] += 1
        return counts

    @property
    def in_flight(self) -> int:
        return sum(c.unacked for c in self.consumers)

    def metrics(self) -> dict[str, Any]:
        parked = sum(1 for copy in self.held.values() if copy.state == GONE)
        return {
            "EnqueueCount": self.enqueued,
            "DequeueCount": self.dequeued,
            "DispatchCount": self.dispatched,
            "QueueSize": len(self.held) - parked,
            "InFlightCount": self.in_flight,
            "ConsumerCount": len(self.consumers),
            "RedeliveryCount": self.redelivered,
            "DeadLetterCount": self.dead,
        }


class MqQueue(Resource):
    """`mq.queue`: one destination, read by worker fleets (a consumer per poller) and
    Lambda mappings (one consumer each)."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        p = node.props
        self.engine = p["EngineType"]
        self.name = names.resource_name(node)
        self.arn = names.arn(node)
        broker = node.props["BrokerName"]
        digest = hashlib.sha256(broker.encode("utf-8")).hexdigest()
        broker_id = f"b-{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
        self.broker_arn = f"arn:aws:mq:{names.REGION}:{names.ACCOUNT}:broker:{broker}:{broker_id}"
        self.dest = Destination(self, Redelivery.of(p), node.sim["prefetch"], self.engine)
        self.esm_concurrency = LAMBDA_CONCURRENCY[self.engine]

    def wire_out(self, edge: Edge, target) -> None:
        if edge.kind == "dead-letter":
            self.dest.dead_letter = (edge.id, target)
        super().wire_out(edge, target)

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        self.dest.put(copy, edge)
        return None

    def open_reader(self, edge: str) -> ConsumerPool:
        return ConsumerPool(self.dest, edge)

    def open_consumer(self, edge: str) -> Consumer:
        """Lambda's mapping: one consumer, with ActiveMQ's default redelivery policy."""
        policy = LAMBDA_ACTIVEMQ_POLICY if self.engine == ACTIVEMQ else self.dest.policy
        return self.dest.add_consumer(edge, policy)

    def holdings(self) -> dict[str, int]:
        return self.dest.holdings()

    def metrics(self) -> dict[str, Any]:
        return self.dest.metrics()


class MqTopic(Resource):
    """`mq.topic`: every subscriber gets a copy: each `subscription` edge's queue (ActiveMQ's
    virtual topics: a queue per consumer group), and each worker fleet reading it directly
    (a durable subscription: a destination of its own)."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        self.name = names.resource_name(node)
        self.subscribers: list[tuple[str, Any]] = []  # (edge, queue or subscription)
        self.subscriptions: list[Destination] = []
        self.enqueued = self.dispatched = 0

    def wire_out(self, edge: Edge, target) -> None:
        if edge.kind == "subscription":
            self.subscribers.append((edge.id, target.dest))
        super().wire_out(edge, target)

    def open_reader(self, edge: str) -> ConsumerPool:
        policy = Redelivery(requeue=False, limit=6, initial=1.0, delay=1.0)
        dest = Destination(self, policy, 1000, ACTIVEMQ)
        self.subscriptions.append(dest)
        self.subscribers.append((edge, dest))
        return ConsumerPool(dest, edge)

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        self.enqueued += 1
        self.rec.emit("deliver", self.id, copy, edge=edge)
        if not self.subscribers:
            # "a message sent to a topic with no subscribers is lost"
            self.rec.emit("drop", self.id, copy, reason="no subscribers")
            self.rec.end(copy, "dropped")
            return None
        self.rec.replaced(copy)
        for sub_edge, dest in self.subscribers:
            out = self.sim.derive(copy, dedup=copy.dedup)
            self.dispatched += 1
            self.rec.emit("publish", self.id, out, edge=sub_edge, target=dest.id)
            dest.put(out, sub_edge)
        return None

    def holdings(self) -> dict[str, int]:
        counts = {"in_queues": 0, "in_flight": 0, "dead_lettered": 0}
        for dest in self.subscriptions:
            for key, value in dest.holdings().items():
                counts[key] += value
        return counts

    def metrics(self) -> dict[str, Any]:
        return {
            "EnqueueCount": self.enqueued,
            "DispatchCount": self.dispatched,
            "ConsumerCount": sum(len(d.consumers) for d in self.subscriptions),
        }


class MqExchange(Resource):
    """`mq.exchange`: routes each message by its routing key (the producer's `routingKey`)
    to every queue with a matching binding, one copy per queue however many of its
    bindings match; a message no binding matches is unroutable and dropped."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        self.kind = node.props["ExchangeType"]
        self.bindings: list[tuple[str, str, MqQueue]] = []  # (edge, binding key, queue)
        self.enqueued = self.routed = self.unroutable = 0

    def wire_out(self, edge: Edge, target) -> None:
        if edge.kind == "binding":
            self.bindings.append((edge.id, edge.props["BindingKey"] or "", target))
        super().wire_out(edge, target)

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        self.enqueued += 1
        key = copy.partition_key or ""
        self.rec.emit("deliver", self.id, copy, edge=edge, routingKey=key)
        chosen: dict[str, tuple[str, MqQueue]] = {}
        for bind_edge, binding_key, queue in self.bindings:
            if queue.id not in chosen and routes(self.kind, binding_key, key):
                chosen[queue.id] = (bind_edge, queue)
        if not chosen:
            self.unroutable += 1
            self.rec.emit("drop", self.id, copy, reason="unroutable", routingKey=key)
            self.rec.end(copy, "dropped")
            return None
        self.rec.replaced(copy)
        for bind_edge, queue in chosen.values():
            out = self.sim.derive(copy, dedup=copy.dedup, partition_key=copy.partition_key)
            self.routed += 1
            self.rec.emit("publish", self.id, out, edge=bind_edge, target=queue.id)
            queue.dest.put(out, bind_edge)
        return None

    def metrics(self) -> dict[str, Any]:
        return {
            "EnqueueCount": self.enqueued,
            "DispatchCount": self.routed,
            "UnroutableCount": self.unroutable,
        }
