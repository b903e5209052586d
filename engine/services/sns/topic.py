"""Amazon SNS topics, standard and FIFO: the engine's `sns.topic` node.

Fan-out to SQS and Lambda subscriptions, subscription filter policies ("Amazon SNS message
filtering"), the JSON envelope unless raw delivery is on ("Amazon SNS raw message
delivery"), FIFO deduplication, and subscription dead-letter queues for client-side
delivery errors ("Amazon SNS dead-letter queues (DLQs)"), and delivery-status logs
(`DeliveryStatusLogging`, in `delivery_logs`).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from engine.core.message import Copy, compact_json
from engine.core.spec import FieldSpec, NodeSpec
from engine.matching.filter_policies import filter_policy_matches
from engine.runtime import names
from engine.runtime.deadlines import DedupWindow
from engine.runtime.kernel import ARRIVAL
from engine.runtime.resource import Resource
from engine.runtime.templates import iso_time
from engine.services.sns.delivery_logs import DeliveryLogger

__all__ = ["SPEC", "SnsTopic", "filter_policy_matches"]

# "Amazon SNS quotas": a published message is at most 256 KiB.
MAX_PUBLISH_BYTES = 262_144
# "Amazon SNS raw message delivery": more than 10 attributes cannot become SQS attributes.
MAX_RAW_ATTRIBUTES = 10
# "Amazon SNS message delivery retries", AWS-managed endpoints (SQS, Lambda): 3 immediate
# retries, 2 one second apart, 10 backing off exponentially from 1 s to 20 s, then 100,000
# twenty seconds apart: 100,015 attempts in all, over about 23 days.
MAX_ATTEMPTS = 100_015
# The provider response a delivery-status log shows for a server-side error.
UNAVAILABLE = '{"ErrorCode":"ServiceUnavailable","ErrorMessage":"the endpoint is unavailable"}'
_NAMESPACE = uuid.UUID("6f1c1a8e-5d1e-4a0b-9a55-2f6c1e7d0b11")

SPEC = NodeSpec(
    type="sns.topic",
    metrics=(
        "NumberOfMessagesPublished",
        "NumberOfNotificationsDelivered",
        "NumberOfNotificationsFailed",
        "NumberOfNotificationsFilteredOut",
        "NumberOfNotificationsRedrivenToDlq",
    ),
    group="Messaging",
    name_prop="TopicName",
    arn_format="arn:aws:sns:{region}:{account}:{name}",
    metric_namespace="AWS/SNS",
    metric_dimension="TopicName",
    counters=(
        ("NumberOfNotificationsDelivered", "delivered"),
        ("NumberOfNotificationsFilteredOut", "filtered"),
        ("NumberOfNotificationsFailed", "failed"),
    ),
    label="SNS topic",
    description="Publish once, deliver a copy to every subscription whose filter matches.",
    cfn_type="AWS::SNS::Topic",
    props=(
        FieldSpec(
            "TopicName",
            "string",
            None,
            pattern=r"[A-Za-z0-9_-]{1,251}(\.fifo)?|"
            r"[A-Za-z0-9_-]{1,256}",
            help="Up to 256 characters; FIFO names end in .fifo.",
        ),
        FieldSpec("FifoTopic", "bool", False, help="Ordered per message group; SQS FIFO only."),
        FieldSpec(
            "ContentBasedDeduplication",
            "bool",
            False,
            help="FIFO only: deduplicate by SHA-256 of the body.",
        ),
        FieldSpec(
            "DeliveryStatusLogging",
            "json",
            None,
            check="delivery_status_logging",
            help='[{"Protocol": "lambda", "SuccessFeedbackRoleArn": "arn:aws:iam::123456789012:'
            'role/sns-logs", "SuccessFeedbackSampleRate": 100, "FailureFeedbackRoleArn": '
            '"arn:aws:iam::123456789012:role/sns-logs"}]: CloudWatch Logs entries per delivery.',
        ),
    ),
    sim=(
        FieldSpec(
            "deliveryFailureRate",
            "number",
            0,
            minimum=0,
            maximum=1,
            help="Chance that a delivery attempt meets a server-side error (the endpoint "
            "unavailable); SNS then retries on its delivery policy.",
        ),
    ),
)


def retry_delay(attempt: int) -> float:
    """Seconds before retry number `attempt` (1-based: the first retry follows attempt 1)."""
    if attempt <= 3:
        return 0.0
    if attempt <= 5:
        return 1.0
    if attempt <= 15:
        return round(20.0 ** ((attempt - 6) / 9), 3)
    return 20.0


@dataclass
class Subscription:
    edge: str
    target: Resource
    policy: dict | None
    scope: str
    raw: bool
    dlq: Resource | None
    arn: str
    protocol: str = "sqs"
    endpoint: str = ""


class SnsTopic(Resource):
    """Invariant: each published copy either ends here (deduplicated, no subscriptions) or is
    replaced by exactly one copy per subscription, each of which is filtered out, delivered,
    dead-lettered or dropped."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        self.fifo = bool(node.props["FifoTopic"])
        self.content_dedup = bool(node.props["ContentBasedDeduplication"])
        self.arn = names.arn(node)
        self.subscriptions: list[Subscription] = []
        self._dedup = DedupWindow()
        self.sequence = 0
        self.published = self.delivered = self.failed = self.filtered = 0
        self.redriven = 0
        self.pending = 0  # deliveries waiting for a retry
        self._envelope_body: str | None = None
        self.failure_rate = float(node.sim["deliveryFailureRate"] or 0)
        logging = node.props.get("DeliveryStatusLogging")
        self.logs = (
            DeliveryLogger(
                logging,
                topic=self.id,
                topic_name=names.resource_name(node),
                topic_arn=self.arn,
                recorder=self.rec,
            )
            if logging
            else None
        )

    @property
    def is_fifo(self) -> bool:
        return self.fifo

    def wire_out(self, edge, target: Resource) -> None:
        if edge.kind == "subscription":
            dlq_id = (edge.props["RedrivePolicy"] or {}).get("deadLetterTargetArn")
            self.subscribe(edge, target, self.sim.resources.get(dlq_id))
        super().wire_out(edge, target)

    def subscribe(self, edge, target: Resource, dlq: Resource | None) -> None:
        p = edge.props
        self.subscriptions.append(
            Subscription(
                edge=edge.id,
                target=target,
                policy=p["FilterPolicy"],
                scope=p["FilterPolicyScope"] or "MessageAttributes",
                raw=bool(p["RawMessageDelivery"]),
                dlq=dlq,
                arn=f"{self.arn}:{uuid.uuid5(_NAMESPACE, edge.id)}",
                protocol="lambda" if target.node.type == "lambda.function" else "sqs",
                endpoint=names.arn(target.node),
            )
        )

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        if len(copy.body.encode("utf-8")) > MAX_PUBLISH_BYTES:
            return "InvalidParameter: message too long"
        self.published += 1
        self.rec.emit(
            "deliver", self.id, copy, edge=edge, **({"group": copy.group} if self.fifo else {})
        )
        if self.fifo and self._is_duplicate(copy):
            self.rec.emit("drop", self.id, copy, reason="deduplicated")
            self.rec.end(copy, "deduplicated")
            return None
        if not self.subscriptions:
            self.rec.emit("drop", self.id, copy, reason="no subscriptions")
            self.rec.end(copy, "dropped")
            return None
        self._fan_out(copy)
        return None

    def _is_duplicate(self, copy: Copy) -> bool:
        key = copy.dedup or copy.body_sha256()
        copy.dedup = key
        return self._dedup.is_repeat(key, self.kernel.now)

    def _fan_out(self, copy: Copy) -> None:
        self.rec.replaced(copy)  # by one copy per subscription
        message_id = str(uuid.UUID(int=self.sim.rng.getrandbits(128), version=4))
        self._envelope_body = None  # the same envelope serves every SQS subscription
        body_json: Any = None
        if self.fifo:
            self.sequence += 1
        now = self.kernel.now
        delivery = (
            {
                "messageId": message_id,
                "body": copy.body,
                "publishedAt": iso_time(now),
                "published": now,
            }
            if self.logs is not None
            else None
        )
        for sub in self.subscriptions:
            if sub.policy is not None:
                if sub.scope == "MessageBody" and body_json is None:
                    body_json = _parse(copy.body)
                body = body_json if sub.scope == "MessageBody" else None
                if not filter_policy_matches(sub.policy, copy.attributes, body, sub.scope):
                    out = self.sim.derive(copy)
                    self.filtered += 1
                    self.rec.emit("filter-out", self.id, out, edge=sub.edge)
                    self.rec.end(out, "filtered")
                    continue
            self._deliver(copy, sub, message_id, delivery)

    def _deliver(
        self, copy: Copy, sub: Subscription, message_id: str, delivery: dict | None = None
    ) -> None:
        # FIFO topics pass the group and the deduplication id on to FIFO queues.
        if sub.target.node.type == "lambda.function":
            body = compact_json(self._lambda_event(copy, sub, message_id))
            out = self.sim.derive(copy, body=body, attributes={}, dedup=copy.dedup)
        elif sub.raw:
            out = self.sim.derive(copy, dedup=copy.dedup)
        else:
            if self._envelope_body is None:
                self._envelope_body = compact_json(self._envelope(copy, message_id))
            out = self.sim.derive(copy, body=self._envelope_body, attributes={}, dedup=copy.dedup)
        if sub.raw and len(copy.attributes) > MAX_RAW_ATTRIBUTES:
            error = "InvalidParameterValue: more than 10 message attributes"
            self._log_failure(out, sub, delivery, attempt=1, code=400, error=error)
            self._fail(out, sub, error)
            return
        self.pending += 1
        self._attempt(out, sub, 1, delivery)

    def _attempt(
        self, out: Copy, sub: Subscription, attempt: int, delivery: dict | None = None
    ) -> None:
        """One delivery attempt. A server-side error (the endpoint unavailable, modelled by
        `deliveryFailureRate`) is retried on the AWS-managed endpoint schedule."""
        if self.failure_rate and self.sim.rng.random() < self.failure_rate:
            self._log_failure(out, sub, delivery, attempt=attempt, code=503, error=UNAVAILABLE)
            if attempt >= MAX_ATTEMPTS:
                self.pending -= 1
                self._fail(out, sub, "DeliveryPolicyExhausted")
                return
            delay = retry_delay(attempt)
            self.rec.emit("retry", self.id, out, edge=sub.edge, attempt=attempt + 1, after=delay)
            self.kernel.after(delay, ARRIVAL, self._attempt, out, sub, attempt + 1, delivery)
            return
        self.pending -= 1
        error = sub.target.accept(out, edge=sub.edge)
        if error is None:
            self.delivered += 1
            if delivery is not None:
                self.logs.success(out, sub, self.sim.rng, attempts=attempt, delivery=delivery)
        else:
            self._log_failure(out, sub, delivery, attempt=attempt, code=400, error=error)
            self._fail(out, sub, error)  # client-side errors are not retried

    def _log_failure(
        self,
        out: Copy,
        sub: Subscription,
        delivery: dict | None,
        *,
        attempt: int,
        code: int,
        error: str,
    ) -> None:
        if delivery is not None:
            self.logs.failure(out, sub, attempts=attempt, code=code, error=error, delivery=delivery)

    def _fail(self, out: Copy, sub: Subscription, error: str) -> None:
        """Give up on a delivery: to the subscription's DLQ, or dropped."""
        self.failed += 1
        if sub.dlq is not None and sub.dlq.accept_dead_letter(out, self.id, sub.edge) is None:
            self.redriven += 1
            return
        self.rec.emit("drop", sub.target.id, out, reason=error, edge=sub.edge)
        self.rec.end(out, "dropped")

    def _envelope(self, copy: Copy, message_id: str) -> dict[str, Any]:
        envelope = {
            "Type": "Notification",
            "MessageId": message_id,
            "TopicArn": self.arn,
            "Message": copy.body,
            "Timestamp": iso_time(self.kernel.now),
            "SignatureVersion": "1",
            "Signature": "SIMULATED",
            "SigningCertURL": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService.pem",
            "UnsubscribeURL": f"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe"
            f"&SubscriptionArn={self.arn}",
        }
        if self.fifo:
            envelope["SequenceNumber"] = f"{self.sequence:020d}"
        if copy.attributes:
            envelope["MessageAttributes"] = copy.attributes
        return envelope

    def _lambda_event(self, copy: Copy, sub: Subscription, message_id: str) -> dict[str, Any]:
        sns = self._envelope(copy, message_id)
        # Lambda's SNS records spell the URL fields SigningCertUrl and UnsubscribeUrl.
        sns["SigningCertUrl"] = sns.pop("SigningCertURL")
        sns["UnsubscribeUrl"] = sns.pop("UnsubscribeURL")
        sns.setdefault("MessageAttributes", {})
        sns["Subject"] = None
        return {
            "Records": [
                {
                    "EventSource": "aws:sns",
                    "EventVersion": "1.0",
                    "EventSubscriptionArn": sub.arn,
                    "Sns": sns,
                }
            ]
        }

    def holdings(self) -> dict[str, int]:
        return {"in_flight": self.pending}

    def metrics(self) -> dict[str, Any]:
        return {
            "NumberOfMessagesPublished": self.published,
            "NumberOfNotificationsDelivered": self.delivered,
            "NumberOfNotificationsFailed": self.failed,
            "NumberOfNotificationsFilteredOut": self.filtered,
            "NumberOfNotificationsRedrivenToDlq": self.redriven,
        }


def _parse(body: str) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return body
