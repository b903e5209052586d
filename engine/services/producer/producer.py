"""Producers: client applications that publish messages on a schedule (`producer` node).

Arrivals are constant (every 1/rate s), Poisson (exponential gaps with mean 1/rate) or bursts
(`burst.size` messages every `burst.every` s), from `start`, up to `count` messages. Each
message goes to every `publish` edge of the producer.
"""

from __future__ import annotations

from typing import Any

from engine.core.message import encode_attributes, encode_body
from engine.core.shapes import integer, number, obj
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime.kernel import ARRIVAL
from engine.runtime.resource import Resource
from engine.runtime.templates import compile_template

SPEC = NodeSpec(
    type="producer",
    metrics=("MessagesPublished",),
    group="Clients",
    counters=(("MessagesPublished", "sent"),),
    label="Producer",
    description="A client application that publishes messages (not an AWS resource).",
    cfn_type=None,
    # "starter": added by import at an entry point nothing sent to, to be replaced
    roles=("starter",),
    sim=(
        FieldSpec(
            "rate",
            "number",
            1,
            minimum=0.0001,
            maximum=100000,
            help="Messages per second (constant and Poisson arrivals).",
        ),
        FieldSpec("arrival", "enum", "constant", choices=("constant", "poisson", "burst")),
        FieldSpec(
            "burst",
            "json",
            {"size": 100, "every": 10},
            check="burst",
            help="For burst arrivals: size messages at once, every `every` seconds.",
        ),
        FieldSpec(
            "count",
            "int",
            None,
            minimum=1,
            maximum=10_000_000,
            help="Stop after this many messages (default: until the run ends).",
        ),
        FieldSpec(
            "start",
            "number",
            0,
            minimum=0,
            maximum=30 * 86400,
            help="Seconds into the run of the first message.",
        ),
        FieldSpec(
            "payload",
            "json",
            {"id": "{{seq}}"},
            check="template",
            help="The message: any JSON, with {{seq}}, {{uuid}}, {{now}}, {{int A B}}, "
            "{{float A B}}, {{choice a b c}} placeholders.",
        ),
        FieldSpec(
            "attributes",
            "json",
            {},
            check="attributes",
            help="Message attributes: name to value template (numbers become Number).",
        ),
        FieldSpec(
            "partitionKey",
            "string",
            None,
            check="template",
            help="Kinesis targets: the partition key template.",
        ),
        FieldSpec(
            "routingKey",
            "string",
            None,
            check="template",
            help="RabbitMQ exchanges: the routing key template (dot-separated words for a "
            "topic exchange).",
        ),
        FieldSpec(
            "messageGroupId",
            "string",
            None,
            check="template",
            help="FIFO targets: the message group id template.",
        ),
        FieldSpec(
            "deduplicationId",
            "string",
            None,
            check="template",
            help="FIFO targets: the deduplication id template.",
        ),
        FieldSpec(
            "delaySeconds",
            "int",
            None,
            minimum=0,
            maximum=900,
            help="Standard SQS targets: a per-message delay (FIFO queues refuse it).",
        ),
        FieldSpec(
            "retries",
            "int",
            3,
            minimum=0,
            maximum=10,
            help="Retries of a throttled put (Kinesis), 100 ms apart and doubling, "
            "as the AWS SDKs do.",
        ),
    ),
)

# Errors an AWS SDK retries on its own: throttling.
RETRIABLE = ("ProvisionedThroughputExceededException", "ThrottlingException")
RETRY_BASE = 0.1


class Producer(Resource):
    """Invariant: it has published exactly `self.seq` messages, each to every output, and
    never more than `count`."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        s = node.sim
        self.rate = float(s["rate"])
        self.arrival = s["arrival"]
        self.count = s["count"]
        self.start_at = float(s["start"])
        self.payload = compile_template(s["payload"])
        self.attributes = compile_template(s["attributes"] or {})
        self.group = compile_template(s["messageGroupId"]) if s["messageGroupId"] else None
        self.dedup = compile_template(s["deduplicationId"]) if s["deduplicationId"] else None
        self.key = compile_template(s["partitionKey"]) if s["partitionKey"] else None
        self.routing = compile_template(s["routingKey"]) if s["routingKey"] else None
        self.delay = s["delaySeconds"]
        self.burst = s["burst"] or {"size": 100, "every": 10}
        self.seq = 0
        self.pending = 0  # throttled puts waiting for a retry
        self.retries = s["retries"]

    def start(self) -> None:
        if self.outputs:
            self.kernel.at(self.start_at, ARRIVAL, self._fire, 0)

    def _fire(self, tick: int) -> None:
        if self.arrival == "burst":
            for _ in range(self.burst["size"]):
                if not self._publish_next():
                    return
            self.kernel.at(
                self.start_at + (tick + 1) * self.burst["every"], ARRIVAL, self._fire, tick + 1
            )
            return
        if not self._publish_next():
            return
        if self.arrival == "poisson":
            self.kernel.after(self.sim.rng.expovariate(self.rate), ARRIVAL, self._fire, tick + 1)
        else:
            self.kernel.at(self.start_at + (tick + 1) / self.rate, ARRIVAL, self._fire, tick + 1)

    def _publish_next(self) -> bool:
        if self.count is not None and self.seq >= self.count:
            return False
        self.seq += 1
        rng, now, seq = self.sim.rng, self.kernel.now, self.seq
        payload = self.payload(seq, now, rng)
        attributes = encode_attributes(self.attributes(seq, now, rng))
        group = str(self.group(seq, now, rng)) if self.group else None
        dedup = str(self.dedup(seq, now, rng)) if self.dedup else None
        key = str(self.key(seq, now, rng)) if self.key else None
        routing = str(self.routing(seq, now, rng)) if self.routing else ""
        for edge, target in self.outputs:
            copy = self.sim.new_copy(
                body=encode_body(payload),
                attributes=attributes,
                payload=payload,
                group=group,
                dedup=dedup,
                delay=self.delay,
                partition_key=routing if target.node.type == "mq.exchange" else key,
            )
            self._send(copy, edge, target, 0)
        return True

    def _send(self, copy, edge: str, target: Resource, attempt: int) -> None:
        error = self.sim.offer(self.id, copy, edge=edge, target=target)
        if error is None:
            return
        if error in RETRIABLE and attempt < self.retries:
            delay = RETRY_BASE * 2**attempt
            self.pending += 1
            self.rec.emit("retry", self.id, copy, edge=edge, attempt=attempt + 2, after=delay)
            self.kernel.after(delay, ARRIVAL, self._resend, copy, edge, target, attempt + 1)
            return
        self.sim.drop(target.id, copy, reason=error, edge=edge)

    def _resend(self, copy, edge: str, target: Resource, attempt: int) -> None:
        self.pending -= 1
        self._send(copy, edge, target, attempt)

    def holdings(self) -> dict[str, int]:
        return {"in_flight": self.pending}

    def metrics(self) -> dict[str, Any]:
        return {"MessagesPublished": self.seq}


BURST = obj(
    '{"size": 500, "every": 10}',
    required=("size", "every"),
    size=integer(1, 1_000_000),
    every=number(above=0),
)
