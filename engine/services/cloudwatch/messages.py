"""What CloudWatch writes about an alarm: state values, the reason for a change of state and
the JSON it publishes to an SNS topic ("Using Amazon CloudWatch alarms"; the notification's
fields as CloudWatch sends them to SNS). The alarm's behaviour lives in `alarm` beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, Protocol

from engine.core.diagram import Node
from engine.runtime import names
from engine.runtime.kernel import Kernel
from engine.runtime.templates import SIM_EPOCH, iso_time

OK, ALARM, INSUFFICIENT_DATA = "OK", "ALARM", "INSUFFICIENT_DATA"
REGION_NAME = "US East (N. Virginia)"  # notifications name the Region in words
_TRIGGER_STATISTIC = {"SampleCount": "SAMPLE_COUNT"}  # the Trigger spells statistics in capitals


class Watched(Protocol):
    node: Node


class Point(Protocol):
    t: float
    value: float | None
    breaching: bool | None
    band: tuple[float, float] | None


class Alarm(Protocol):
    """What the words about an alarm read of it (`CloudWatchAlarm` has all of it)."""

    node: Node
    name: str
    props: dict[str, Any]
    kernel: Kernel
    watched: Watched
    actions: Sequence[tuple[str, Watched]]
    history: Sequence[Point]
    namespace: str
    dimension: str
    period: int
    periods: int
    to_alarm: int
    threshold: float | None
    treat: str
    phrase: str


def state_reason(alarm: Alarm, old: str, new: str) -> str:
    """NewStateReason, in the words CloudWatch uses."""
    # a datapoint that cannot be compared (no band yet) is as good as missing
    points = [p for p in alarm.history if p.breaching is not None][-alarm.periods :]
    missing = alarm.periods - len(points)
    if new == INSUFFICIENT_DATA:
        return f"Insufficient Data: {missing} datapoint{_s(missing)} {_were(missing)} unknown."
    if missing and alarm.treat in ("breaching", "notBreaching"):
        kind = "Breaching" if alarm.treat == "breaching" else "NonBreaching"
        return (
            f"Threshold Crossed: no datapoints were received for {missing} "
            f"period{_s(missing)} and {missing} missing datapoint{_s(missing)} "
            f"{_were(missing)} treated as [{kind}]."
        )
    wanted = new == ALARM
    chosen = [p for p in points if p.breaching == wanted]
    needed = alarm.to_alarm if wanted else alarm.periods - alarm.to_alarm + 1
    verb = _were(len(chosen)) + ("" if wanted else " not")
    minimum = f"(minimum {needed} datapoint{_s(needed)} for {old} -> {new} transition)."
    if alarm.threshold is None:  # an anomaly detection band: each datapoint has its own
        shown = ", ".join(
            f"{p.value} ({_stamp(p.t)}; band {_g(p.band[0])} to {_g(p.band[1])})"
            for p in reversed(chosen)
            if p.band is not None
        )
        return (
            f"Thresholds Crossed: {len(chosen)} out of the last {len(points)} datapoints "
            f"[{shown}] {verb} {alarm.phrase} of expected values {minimum}"
        )
    shown = ", ".join(f"{p.value} ({_stamp(p.t)})" for p in reversed(chosen))
    return (
        f"Threshold Crossed: {len(chosen)} out of the last {len(points)} datapoints "
        f"[{shown}] {verb} {alarm.phrase} the threshold ({alarm.threshold}) {minimum}"
    )


def notification(alarm: Alarm, old: str, new: str, reason: str) -> dict[str, Any]:
    """The JSON CloudWatch publishes to an SNS topic when the alarm changes state."""
    p = alarm.props
    trigger: dict[str, Any] = {
        "MetricName": p["MetricName"],
        "Namespace": alarm.namespace,
        "StatisticType": "Statistic",
        "Statistic": _TRIGGER_STATISTIC.get(p["Statistic"], p["Statistic"].upper()),
        "Unit": None,
        "Dimensions": [{"value": _dimension_value(alarm), "name": alarm.dimension}],
        "Period": alarm.period,
        "EvaluationPeriods": alarm.periods,
        "DatapointsToAlarm": alarm.to_alarm,
        "ComparisonOperator": p["ComparisonOperator"],
        "Threshold": alarm.threshold,
        "TreatMissingData": p["TreatMissingData"],
        "EvaluateLowSampleCountPercentile": "",
    }
    if alarm.threshold is None:  # a metric-math alarm: its queries instead of one metric
        trigger = {
            "Period": alarm.period,
            "EvaluationPeriods": alarm.periods,
            "DatapointsToAlarm": alarm.to_alarm,
            "ComparisonOperator": p["ComparisonOperator"],
            "ThresholdMetricId": BAND_ID,
            "TreatMissingData": p["TreatMissingData"],
            "EvaluateLowSampleCountPercentile": "",
            "Metrics": band_queries(
                alarm.namespace,
                [{"Name": alarm.dimension, "Value": _dimension_value(alarm)}],
                p,
            ),
        }
    return {
        "AlarmName": alarm.name,
        "AlarmDescription": p["AlarmDescription"],
        "AWSAccountId": names.ACCOUNT,
        "AlarmConfigurationUpdatedTimestamp": _aws_time(0.0),
        "NewStateValue": new,
        "NewStateReason": reason,
        "StateChangeTime": _aws_time(alarm.kernel.now),
        "Region": REGION_NAME,
        "AlarmArn": names.arn(alarm.node),
        "OldStateValue": old,
        "OKActions": [],
        "AlarmActions": [names.arn(topic.node) for _edge, topic in alarm.actions],
        "InsufficientDataActions": [],
        "Trigger": trigger,
    }


METRIC_ID, BAND_ID = "m1", "ad1"
DEFAULT_BAND_WIDTH = 2


def band_queries(namespace: str, dimensions: list[Any], props: dict[str, Any]) -> list[dict]:
    """An anomaly detection alarm's metric queries (`Metrics`, as PutMetricAlarm and
    CloudFormation take them): the metric, and the band around it that the alarm's
    `ThresholdMetricId` names."""
    width = props.get("AnomalyDetectionThreshold") or DEFAULT_BAND_WIDTH
    return [
        {
            "Id": METRIC_ID,
            "MetricStat": {
                "Metric": {
                    "Namespace": namespace,
                    "MetricName": props["MetricName"],
                    "Dimensions": dimensions,
                },
                "Period": props["Period"],
                "Stat": props["Statistic"],
            },
            "ReturnData": True,
        },
        {
            "Id": BAND_ID,
            "Expression": f"ANOMALY_DETECTION_BAND({METRIC_ID}, {_g(width)})",
            "Label": f"{props['MetricName']} (expected)",
            "ReturnData": True,
        },
    ]


def _g(number: float) -> str:
    """A number as people write it: 2, not 2.0; 1.5; 0.333333."""
    return f"{number:g}"


def _dimension_value(alarm: Alarm) -> str:
    return names.resource_name(alarm.watched.node)


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _were(count: int) -> str:
    return "was" if count == 1 else "were"


def _aws_time(t: float) -> str:
    """Times in alarm notifications: ISO-8601 with milliseconds and a +0000 offset."""
    return iso_time(t).removesuffix("Z") + "+0000"


def _stamp(t: float) -> str:
    """A datapoint's time as alarm reasons show it: dd/MM/yy HH:mm:ss."""
    return (SIM_EPOCH + timedelta(seconds=t)).strftime("%d/%m/%y %H:%M:%S")
