"""EventBridge rule targets: delivery, retries and target dead-letter queues.

"How EventBridge retries delivering events": a delivery refused with a retriable error
(throttling, the target unavailable) is retried with exponential backoff and jitter until
`RetryPolicy.MaximumRetryAttempts` (0..185, default 185) retries were made or the event is
`MaximumEventAgeInSeconds` old (60..86,400, default 86,400), whichever comes first. Then,
and straight away for errors a retry cannot fix (a message too large, a malformed entry),
the event goes to the target's `DeadLetterConfig.Arn`, a standard SQS queue, with the
message attributes of "Using dead-letter queues to process undelivered events in
EventBridge" (RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, RETRY_ATTEMPTS and, when
the policy ran out, EXHAUSTED_RETRY_CONDITION); without one it is dropped.

AWS does not publish the backoff schedule. The engine waits d/2 plus a uniform draw in
[0, d/2] before retry n, with d = 1 s * 2^(n-1) capped at 600 s ("equal jitter" from the
AWS Architecture Blog's "Exponential Backoff And Jitter"): the 185 retries then take about
23 hours, so with the defaults both limits end retries at about the same time, as the
documentation's "24 hours and up to 185 times" suggests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.core.errors import Problem, join_path
from engine.core.message import Copy
from engine.core.shapes import check_shape, obj, string
from engine.runtime import names
from engine.runtime.kernel import ARRIVAL
from engine.services.eventbridge.input import InputTransformer

if TYPE_CHECKING:
    from engine.core.diagram import Edge
    from engine.runtime.resource import Resource

DEFAULT_RETRIES = 185
DEFAULT_MAX_AGE = 86400
RETRY_RANGE = (0, 185)
AGE_RANGE = (60, 86400)
BACKOFF_BASE = 1.0
BACKOFF_CAP = 600.0
# Errors that a later attempt may not meet: throttling and unavailable targets ("EventBridge
# retries responses sent with a 5xx or 429 HTTP status code").
RETRIABLE = (
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "ServiceUnavailable",
    "InternalFailure",
)


def error_code(error: str) -> str:
    return error.split(":", 1)[0].strip()


def is_retriable(error: str) -> bool:
    return error_code(error) in RETRIABLE


def backoff(attempt: int, rng) -> float:
    """Seconds before retry number `attempt` (1-based), equal jitter."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2.0 ** min(attempt - 1, 30))
    return round(ceiling / 2 + rng.uniform(0.0, ceiling / 2), 3)


class RuleTarget:
    """One `target` edge: where the rule sends, how, and where failures go."""

    __slots__ = (
        "edge",
        "resource",
        "transformer",
        "max_retries",
        "max_age",
        "dlq",
        "arn",
        "group",
    )

    def __init__(self, edge: Edge, resource: Resource, dlq: Resource | None):
        p = edge.props
        policy = p["RetryPolicy"] or {}
        self.edge = edge.id
        self.resource = resource
        self.transformer = (
            InputTransformer(p["InputTransformer"]) if p["InputTransformer"] else None
        )
        self.max_retries = int(policy.get("MaximumRetryAttempts", DEFAULT_RETRIES))
        self.max_age = float(policy.get("MaximumEventAgeInSeconds", DEFAULT_MAX_AGE))
        self.dlq = dlq
        self.arn = getattr(resource, "arn", None) or names.arn(resource.node)
        # "SqsParameters": a FIFO queue target's message group (deduplication is the
        # queue's own, content-based)
        self.group = (p.get("SqsParameters") or {}).get("MessageGroupId")


class Delivery:
    """One event on its way to one target."""

    __slots__ = ("target", "copy", "deadline", "attempts")

    def __init__(self, target: RuleTarget, copy: Copy, deadline: float):
        self.target, self.copy, self.deadline = target, copy, deadline
        self.attempts = 0


class TargetDeliveries:
    """The deliveries of one rule. Invariant: every copy handed to `send` ends exactly once:
    delivered (the target took it), dead-lettered, expired or dropped; until then, while it
    waits for a retry, it counts in `pending` (in flight)."""

    def __init__(self, rule: Resource):
        self.rule = rule
        self.sim, self.rec, self.kernel = rule.sim, rule.rec, rule.kernel
        self.pending = 0
        self.invocations = self.attempts = self.failed = 0
        self.loops = self.sent_to_dlq = self.failed_to_dlq = 0

    def send(self, target: RuleTarget, copy: Copy, *, ingested_at: float, event_id: str) -> None:
        if target.group is not None:
            copy.group = target.group
        has_ingested = getattr(target.resource, "has_ingested", None)
        if has_ingested is not None and has_ingested(event_id):
            # "DeadLetterInvocations": a target that would run the same rule again is not
            # invoked: the event already passed through that bus.
            self.loops += 1
            self.rec.emit("drop", target.resource.id, copy, reason="InfiniteLoop", edge=target.edge)
            self.rec.end(copy, "dropped")
            return
        self._attempt(Delivery(target, copy, ingested_at + target.max_age))

    def _attempt(self, delivery: Delivery) -> None:
        target = delivery.target
        delivery.attempts += 1
        self.attempts += 1
        error = target.resource.accept(delivery.copy, edge=target.edge)
        if error is None:
            self.invocations += 1
        elif not is_retriable(error):
            self._fail(delivery, error, None)
        elif delivery.attempts > target.max_retries:
            self._fail(delivery, error, "MaximumRetryAttempts")
        else:
            self._wait(delivery, error)

    def _wait(self, delivery: Delivery, error: str) -> None:
        delay = backoff(delivery.attempts, self.sim.rng)
        self.pending += 1
        if self.kernel.now + delay > delivery.deadline:
            self.kernel.at(delivery.deadline, ARRIVAL, self._expire, delivery, error)
            return
        self.rec.emit(
            "retry",
            self.rule.id,
            delivery.copy,
            edge=delivery.target.edge,
            attempt=delivery.attempts + 1,
            after=delay,
            error=error_code(error),
        )
        self.kernel.after(delay, ARRIVAL, self._retry, delivery)

    def _retry(self, delivery: Delivery) -> None:
        self.pending -= 1
        self._attempt(delivery)

    def _expire(self, delivery: Delivery, error: str) -> None:
        self.pending -= 1
        self._fail(delivery, error, "MaximumEventAgeInSeconds")

    def _fail(self, delivery: Delivery, error: str, exhausted: str | None) -> None:
        """A permanent failure: to the target's DLQ, else the event is lost."""
        target = delivery.target
        self.failed += 1
        self.invocations += 1  # "Invocations" counts failed ones once they fail for good
        node, reason = target.resource.id, error
        if target.dlq is not None:
            refused = self._dead_letter(delivery, error, exhausted)
            if refused is None:
                return
            node, reason = target.dlq.id, refused
        extra = {"exhausted": exhausted} if exhausted else {}
        self.rec.emit("drop", node, delivery.copy, reason=reason, edge=target.edge, **extra)
        expired = exhausted == "MaximumEventAgeInSeconds"
        self.rec.end(delivery.copy, "expired" if expired else "dropped")

    def _dead_letter(self, delivery: Delivery, error: str, exhausted: str | None) -> str | None:
        target, copy = delivery.target, delivery.copy
        attributes = {
            "RULE_ARN": _string(self.rule.arn),
            "TARGET_ARN": _string(target.arn),
            "ERROR_CODE": _string(error_code(error)),
            "ERROR_MESSAGE": _string(error),
            "RETRY_ATTEMPTS": {"Type": "Number", "Value": str(delivery.attempts - 1)},
        }
        if exhausted:
            attributes["EXHAUSTED_RETRY_CONDITION"] = _string(exhausted)
        copy.set_attributes(attributes)
        self.rec.resized(copy)
        refused = target.dlq.accept_dead_letter(copy, self.rule.id, target.edge)
        if refused is None:
            self.sent_to_dlq += 1
        else:
            self.failed_to_dlq += 1
        return refused


def _string(value: str) -> dict[str, str]:
    return {"Type": "String", "Value": value}


# --- the named checks `retry_policy` and `target_dead_letter` --------------------------
def check_retry_policy(value: Any, path: str) -> list[Problem]:
    shape = '{"MaximumRetryAttempts": 0..185, "MaximumEventAgeInSeconds": 60..86400}'
    if not isinstance(value, dict):
        return [Problem(path, "invalid_type", f"must be an object: {shape}")]
    problems = []
    bounds = {"MaximumRetryAttempts": RETRY_RANGE, "MaximumEventAgeInSeconds": AGE_RANGE}
    for key, item in value.items():
        if key not in bounds:
            problems.append(
                Problem(
                    join_path(path, key),
                    "unknown_field",
                    f"'{key}' is not allowed here; allowed: {', '.join(bounds)}",
                )
            )
            continue
        low, high = bounds[key]
        if isinstance(item, bool) or not isinstance(item, int) or not low <= item <= high:
            problems.append(
                Problem(join_path(path, key), "out_of_range", f"{item!r} is not in {low}..{high}")
            )
    return problems


def check_target_dead_letter(value: Any, path: str) -> list[Problem]:
    # Which node it names (a standard SQS queue) is checked by engine.eventbridge_rules.
    if not isinstance(value, dict):
        return [Problem(path, "invalid_type", 'must be an object: {"Arn": "<queue node id>"}')]
    problems = [
        Problem(join_path(path, key), "unknown_field", f"'{key}' is not allowed here; allowed: Arn")
        for key in value
        if key != "Arn"
    ]
    if not isinstance(value.get("Arn"), str):
        problems.append(Problem(join_path(path, "Arn"), "required", "Arn must name a queue node"))
    return problems


SQS_PARAMETERS = obj(
    '{"MessageGroupId": "orders"}',
    required=("MessageGroupId",),
    MessageGroupId=string("a message group id: 1 to 100 characters"),
)


def check_sqs_parameters(value: Any, path: str) -> list[Problem]:
    """A rule target's `SqsParameters` (CloudFormation: `MessageGroupId`, at most 100
    characters). Whether its queue is a FIFO one is checked by the rules."""
    problems = check_shape(SQS_PARAMETERS, value, path)
    group = value.get("MessageGroupId") if isinstance(value, dict) else None
    if not problems and isinstance(group, str) and not 1 <= len(group) <= 100:
        problems.append(
            Problem(join_path(path, "MessageGroupId"), "out_of_range", "1 to 100 characters")
        )
    return problems
