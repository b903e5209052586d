"""EventBridge API destinations: an HTTP endpoint outside AWS as a rule's target
(`eventbridge.apidestination`; "API destinations as targets in Amazon EventBridge").

The destination sends each event to its `InvocationEndpoint` with its `HttpMethod`, at
most `InvocationRateLimitPerSecond` a second (1 to 300; EventBridge's default 300): an
event over the rate is refused as throttled, and the rule retries it with its usual
backoff (so a low limit delays events rather than losing them, until the rule's
`RetryPolicy` runs out and its dead-letter queue takes them). The endpoint itself is the
`sim` part: `errorRate` is the chance it answers 500, which EventBridge retries too
("EventBridge retries requests that fail with 401, 407, 409, 429 and 5xx"). An event the
endpoint takes leaves the simulation, as processed. The connection (its authorization)
is the export's business: the engine does not check credentials. CloudWatch has no
metrics of an API destination's own (the rule's `Invocations` and `FailedInvocations`
count its deliveries); the counters here are the engine's.
"""

from __future__ import annotations

from typing import Any

from engine.core.message import Copy
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime import names
from engine.runtime.resource import Resource

RATE_RANGE = (1, 300)  # "API destinations": 1 to 300 invocations a second, 300 by default
METHODS = ("POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE")

SPEC = NodeSpec(
    type="eventbridge.apidestination",
    metrics=("Invocations", "InvocationsThrottled", "InvocationsFailed"),
    group="Routing",
    name_prop="Name",
    arn_format="arn:aws:events:{region}:{account}:api-destination/{name}",
    counters=(
        ("Invocations", "sent"),
        ("InvocationsThrottled", "throttled"),
        ("InvocationsFailed", "failed"),
    ),
    label="API destination",
    description="An HTTP endpoint outside AWS that a rule sends events to, at a rate limit.",
    cfn_type="AWS::Events::ApiDestination",
    props=(
        FieldSpec(
            "Name",
            "string",
            None,
            pattern=r"[\.\-_A-Za-z0-9]{1,64}",
            help="Letters, digits, dots, hyphens and underscores; at most 64.",
        ),
        FieldSpec(
            "InvocationEndpoint",
            "string",
            "https://api.example.com/events",
            pattern=r"https://[^\s]{1,2040}",
            help="The HTTPS address events are sent to.",
        ),
        FieldSpec("HttpMethod", "enum", "POST", choices=METHODS, help="The request's method."),
        FieldSpec(
            "InvocationRateLimitPerSecond",
            "int",
            300,
            minimum=RATE_RANGE[0],
            maximum=RATE_RANGE[1],
            help="At most this many requests a second; more wait for the rule's retries.",
        ),
    ),
    sim=(
        FieldSpec(
            "errorRate",
            "number",
            0,
            "Chance the endpoint answers 500 (EventBridge retries it).",
            0,
            1,
        ),
    ),
)


class ApiDestination(Resource):
    """Invariant: at most `InvocationRateLimitPerSecond` requests are sent in any one
    simulated second; every request sent is counted once, as taken or as failed."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        self.arn = names.arn(node)
        self.limit = node.props["InvocationRateLimitPerSecond"]
        self.error_rate = float(node.sim["errorRate"])
        self.second, self.in_second = -1, 0
        self.sent = self.throttled = self.failed = 0

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        second = int(self.kernel.now)
        if second != self.second:
            self.second, self.in_second = second, 0
        if self.in_second >= self.limit:
            self.throttled += 1
            self.rec.emit("throttle", self.id, copy, edge=edge)
            return "ThrottlingException: over the API destination's rate limit"
        self.in_second += 1
        if self.error_rate and self.sim.rng.random() < self.error_rate:
            self.failed += 1
            self.rec.emit("error", self.id, copy, edge=edge, error="HTTP 500")
            return "InternalFailure: the endpoint answered 500"
        self.sent += 1
        self.rec.emit("deliver", self.id, copy, edge=edge)
        self.rec.end(copy, "processed")
        return None

    def metrics(self) -> dict[str, Any]:
        return {
            "Invocations": self.sent,
            "InvocationsThrottled": self.throttled,
            "InvocationsFailed": self.failed,
        }
