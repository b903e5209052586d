"""SNS delivery-status logging: the topic's `DeliveryStatusLogging` ("Amazon SNS message
delivery status"; CloudFormation "AWS::SNS::Topic LoggingConfig").

Per protocol a topic may name a role for successful deliveries (with a sample rate, 0 to 100
per cent) and one for failed deliveries. SNS then writes one CloudWatch Logs entry per
delivery it logs: successes to the log group `sns/<region>/<account>/<topic>`, failures to
`.../Failure`, each with the notification (message id, MD5 of the message, topic, publish
time) and the delivery (destination, provider response, dwell time, attempts, status code).
Each entry is a `delivery-log` trace event at the topic, so the live page can list them.
Which successes are logged is drawn from the run's seeded random stream.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.core.errors import Problem, join_path
from engine.core.message import Copy
from engine.core.values import is_int, show
from engine.runtime import names
from engine.runtime.recorder import Recorder

PROTOCOLS = ("http/s", "sqs", "lambda", "firehose", "application")
LOGGING_KEYS = (
    "Protocol",
    "SuccessFeedbackRoleArn",
    "SuccessFeedbackSampleRate",
    "FailureFeedbackRoleArn",
)
ROLE_ARN = re.compile(r"arn:aws[A-Za-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}")
_DELIVERY_IDS = uuid.UUID("0b4c8f57-2e4b-4d1a-9a0e-5a3f6c9d2e71")
# What each protocol's endpoint answers a delivery with: HTTP status and response text.
PROVIDER = {"sqs": (200, "sqsRequestId"), "lambda": (202, "lambdaRequestId")}


@dataclass(frozen=True)
class LoggingConfig:
    """One protocol's settings: whether successes (and what share of them, per cent) and
    failures are logged."""

    success: bool
    rate: float
    failure: bool


def parse_configs(value: Any) -> dict[str, LoggingConfig]:
    """The checked `DeliveryStatusLogging` list, by protocol."""
    configs = {}
    for item in value or []:
        rate = item.get("SuccessFeedbackSampleRate")
        configs[item["Protocol"]] = LoggingConfig(
            success=bool(item.get("SuccessFeedbackRoleArn")),
            rate=float(rate) if rate is not None else 0.0,
            failure=bool(item.get("FailureFeedbackRoleArn")),
        )
    return configs


def log_group(topic_name: str, *, failure: bool) -> str:
    group = f"sns/{names.REGION}/{names.ACCOUNT}/{topic_name}"
    return group + "/Failure" if failure else group


class DeliveryLogger:
    """Invariant: `counts` holds one entry per `delivery-log` event traced, by status."""

    def __init__(
        self, value: Any, *, topic: str, topic_name: str, topic_arn: str, recorder: Recorder
    ):
        self.configs = parse_configs(value)
        self.topic = topic
        self.topic_arn = topic_arn
        self.groups = (log_group(topic_name, failure=False), log_group(topic_name, failure=True))
        self.rec = recorder
        self.counts = {"SUCCESS": 0, "FAILURE": 0}

    def wants(self, protocol: str, *, failure: bool) -> bool:
        config = self.configs.get(protocol)
        return config is not None and (config.failure if failure else config.success)

    def success(self, out: Copy, sub: Any, rng, *, attempts: int, delivery: Mapping) -> None:
        """A delivery the endpoint took: logged for a share `rate` of them."""
        config = self.configs.get(sub.protocol)
        if config is None or not config.success or config.rate <= 0:
            return
        if config.rate < 100 and rng.random() * 100 >= config.rate:
            return
        code, field = PROVIDER.get(sub.protocol, (200, "requestId"))
        response = f'{{"{field}":"{uuid.uuid5(_DELIVERY_IDS, out.id + "-response")}"}}'
        self._log(
            out, sub, "SUCCESS", attempts=attempts, code=code, response=response, delivery=delivery
        )

    def failure(
        self, out: Copy, sub: Any, *, attempts: int, code: int, error: str, delivery: Mapping
    ) -> None:
        """A failed attempt: always logged when the protocol has a failure role."""
        if self.wants(sub.protocol, failure=True):
            self._log(
                out, sub, "FAILURE", attempts=attempts, code=code, response=error, delivery=delivery
            )

    def _log(
        self,
        out: Copy,
        sub: Any,
        status: str,
        *,
        attempts: int,
        code: int,
        response: str,
        delivery: Mapping,
    ) -> None:
        self.counts[status] += 1
        self.rec.emit(
            "delivery-log",
            self.topic,
            out,
            edge=sub.edge,
            target=sub.target.id,
            protocol=sub.protocol,
            status=status,
            logGroup=self.groups[status == "FAILURE"],
            messageId=delivery["messageId"],
            topicArn=self.topic_arn,
            messageMD5Sum=hashlib.md5(delivery["body"].encode("utf-8")).hexdigest(),
            publishedAt=delivery["publishedAt"],
            destination=sub.endpoint,
            deliveryId=str(uuid.uuid5(_DELIVERY_IDS, f"{out.id}-{attempts}")),
            attempts=attempts,
            dwellTimeMs=round((self.rec.kernel.now - delivery["published"]) * 1000),
            statusCode=code,
            providerResponse=response,
        )

    def summary(self) -> dict[str, Any]:
        return {
            "SUCCESS": self.counts["SUCCESS"],
            "FAILURE": self.counts["FAILURE"],
            "logGroups": {
                self.groups[0]: self.counts["SUCCESS"],
                self.groups[1]: self.counts["FAILURE"],
            },
        }


def check_delivery_status_logging(value: Any, path: str) -> list[Problem]:
    """`DeliveryStatusLogging`: a list of LoggingConfig objects, one per protocol."""
    if not isinstance(value, list):
        return [Problem(path, "invalid_type", "must be a list of LoggingConfig objects")]
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        where = join_path(path, index)
        if not isinstance(item, dict):
            problems.append(Problem(where, "invalid_type", f"{show(item)} is not an object"))
            continue
        problems += [
            Problem(
                join_path(where, k),
                "unknown_field",
                f"'{k}' is not allowed here; allowed: {', '.join(LOGGING_KEYS)}",
            )
            for k in item
            if k not in LOGGING_KEYS
        ]
        protocol = item.get("Protocol")
        if protocol not in PROTOCOLS:
            problems.append(
                Problem(
                    join_path(where, "Protocol"),
                    "invalid_choice" if "Protocol" in item else "required",
                    f"{show(protocol)} is not one of {', '.join(PROTOCOLS)}",
                )
            )
        elif protocol in seen:
            problems.append(
                Problem(
                    join_path(where, "Protocol"),
                    "duplicate_protocol",
                    f"'{protocol}' is configured twice; a topic has one setting per protocol",
                )
            )
        seen.add(protocol)
        problems += _check_config(item, where)
    return problems


def _check_config(item: dict, where: str) -> list[Problem]:
    problems = []
    for key in ("SuccessFeedbackRoleArn", "FailureFeedbackRoleArn"):
        value = item.get(key)
        if key in item and not (isinstance(value, str) and ROLE_ARN.fullmatch(value)):
            problems.append(
                Problem(
                    join_path(where, key),
                    "invalid_value",
                    f"{show(value)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
                )
            )
    if "SuccessFeedbackSampleRate" in item:
        rate = item["SuccessFeedbackSampleRate"]
        number = int(rate) if isinstance(rate, str) and rate.isdigit() else rate
        if not is_int(number) or not 0 <= number <= 100:
            problems.append(
                Problem(
                    join_path(where, "SuccessFeedbackSampleRate"),
                    "out_of_range",
                    f"{show(rate)} is not a percentage 0..100",
                )
            )
    return problems


def delivery_log_report(resources: Mapping[str, Any]) -> dict[str, Any] | None:
    """The report's `deliveryLogs` section: entries written, by status, in all and per topic
    that logs; None when no topic logs delivery status."""
    topics = {
        node_id: res.logs.summary()
        for node_id, res in resources.items()
        if isinstance(getattr(res, "logs", None), DeliveryLogger)
    }
    if not topics:
        return None
    success = sum(t["SUCCESS"] for t in topics.values())
    failure = sum(t["FAILURE"] for t in topics.values())
    return {"entries": success + failure, "SUCCESS": success, "FAILURE": failure, "topics": topics}
