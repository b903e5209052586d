"""Amazon CloudWatch metric alarms: the engine's `cloudwatch.alarm` node.

An alarm watches one metric of one node (`watch`). It samples the node's `metrics()` once
a second of simulated time, after everything else due at that instant; at the end of each
`Period` the samples become one datapoint by the `Statistic`, and the alarm evaluates the
most recent datapoints as "Using Amazon CloudWatch alarms" describes ("Evaluating an
alarm", "How alarm state is evaluated when data is missing"): M out of N, with missing
datapoints filled in by `TreatMissingData` only when fewer than N real ones are in the
evaluation range. It starts in INSUFFICIENT_DATA; each change of state is traced
(`alarm` events) and, on entering ALARM, published to every `alarm-action` topic (its
AlarmActions; actions fire on a transition, not again while the state holds).

What a sample is. `metrics()` reports counters as totals so far and gauges as of now, so a
counter's sample is its increase over the last second and a gauge's sample is its value.
Gauges are the `Approximate...` metrics plus those in GAUGES. `ConcurrentExecutions` is
the run's peak in the report, so an alarm on it samples `RunningExecutions`, the live
count whose Maximum is CloudWatch's ConcurrentExecutions; other run-long aggregates
(RUN_AGGREGATES: averages and peaks over the whole run) cannot be sampled and are refused.

Missing data. SQS queues report every period while the queue is active ("Available
CloudWatch metrics for Amazon SQS"); the queues of a diagram are always polled, so they
always report. Other resources report only in periods when something happened in them (a
counter moved or a gauge was above zero), as Lambda reports Errors and Throttles only
around invocations: an idle period is a missing datapoint.

Choices where AWS leaves room: the evaluation range is the last N + 2 periods (the page's
example retrieves 5 datapoints for 3 evaluation periods); alarms evaluate at the end of
each period, with no publication delay; every metric here is sampled each second, so
10, 20 and 30 s periods behave as high-resolution alarms do on custom metrics (AWS
service metrics have one-minute resolution and such alarms lapse into INSUFFICIENT_DATA
on AWS). Alarm notifications are new messages and count as `produced` in the ledger.
The words CloudWatch writes (state reasons, the SNS notification) are in
`engine.services.cloudwatch.messages`.

Anomaly detection. The band operators (`LessThanLowerOrGreaterThanUpperThreshold`,
`LessThanLowerThreshold`, `GreaterThanUpperThreshold`) compare each datapoint with a band
of expected values instead of a `Threshold`, as an alarm whose `ThresholdMetricId` names
an `ANOMALY_DETECTION_BAND(m1, k)` expression does ("Using CloudWatch anomaly detection";
`AnomalyDetectionThreshold` is k, 2 unless set). CloudWatch's model is a trained one that
also learns hourly, daily and weekly seasonality and trends from up to two weeks of data;
the engine's model is a plain, reproducible stand-in for it: the band is the mean of the
metric's earlier datapoints (by the alarm's statistic and period, the last two weeks of
them) plus and minus k of their standard deviations, its lower edge never below 0 (the
metrics here are counts, sizes and ages; CloudWatch clamps such bands too). Until
`MIN_TRAINING` earlier datapoints exist there is no band, and a datapoint cannot be
compared: it counts as missing. A datapoint joins the model after it is evaluated.
"""

from __future__ import annotations

import json
import math
import operator
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from engine.core.errors import DiagramError, Problem
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime.kernel import ACTION
from engine.runtime.resource import Resource
from engine.services.cloudwatch.messages import (
    ALARM,
    DEFAULT_BAND_WIDTH,
    INSUFFICIENT_DATA,
    OK,
    notification,
    state_reason,
)

if TYPE_CHECKING:
    from engine.core.diagram import Diagram
    from engine.runtime.host import Host

SAMPLE = ACTION + 1  # samples read the state after everything else due at that instant
EXTRA_RANGE = 2  # evaluation range = EvaluationPeriods + 2 periods
GAUGES = frozenset(
    {"RunningExecutions", "AsyncEventsQueued", "BucketSizeBytes", "NumberOfObjects"}
    | {"BusyPollers", "Records", "Shards"}
)
RUN_AGGREGATES = frozenset(
    {"Duration", "IteratorAge", "GetRecords.IteratorAgeMilliseconds", "SentMessageSize"}
    | {"PeakBusyPollers"}
)
ALIASES = {"ConcurrentExecutions": "RunningExecutions"}
CUSTOM_NAMESPACE, CUSTOM_DIMENSION = "Eventyard", "Node"
REPORTS_WHEN_IDLE = frozenset({"sqs.queue"})
OPERATORS: dict[str, tuple[Callable[[float, float], bool], str]] = {
    "GreaterThanOrEqualToThreshold": (operator.ge, "greater than or equal to"),
    "GreaterThanThreshold": (operator.gt, "greater than"),
    "LessThanThreshold": (operator.lt, "less than"),
    "LessThanOrEqualToThreshold": (operator.le, "less than or equal to"),
}
# The band operators: (breaches(value, lower, upper), the words for a breaching datapoint).
BAND_OPERATORS: dict[str, tuple[Callable[[float, float, float], bool], str]] = {
    "LessThanLowerOrGreaterThanUpperThreshold": (
        lambda v, lo, hi: v < lo or v > hi,
        "outside the band",
    ),
    "LessThanLowerThreshold": (lambda v, lo, _hi: v < lo, "less than the lower threshold"),
    "GreaterThanUpperThreshold": (
        lambda v, _lo, hi: v > hi,
        "greater than the upper threshold",
    ),
}
MIN_TRAINING = 5  # earlier datapoints before the model gives a band
TRAINING_SECONDS = 14 * 86400  # CloudWatch trains on up to two weeks of the metric
STATISTICS = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")

SPEC = NodeSpec(
    type="cloudwatch.alarm",
    metrics=(
        "State",
        "Transitions",
    ),
    group="Monitoring",
    name_prop="AlarmName",
    arn_format="arn:aws:cloudwatch:{region}:{account}:alarm:{name}",
    counters=(("State", "state"),),
    label="CloudWatch alarm",
    description="Watches one metric of a node and notifies a topic when it goes to ALARM.",
    cfn_type="AWS::CloudWatch::Alarm",
    props=(
        FieldSpec(
            "AlarmName",
            "string",
            None,
            pattern=r"[ -~]{1,255}",
            help="Up to 255 ASCII characters (default: the node id).",
        ),
        FieldSpec("AlarmDescription", "string", None, pattern=r"[^\x00]{0,1024}"),
        FieldSpec(
            "MetricName",
            "string",
            None,
            required=True,
            help="A metric the watched node reports, e.g. ApproximateNumberOfMessagesVisible.",
        ),
        FieldSpec("Statistic", "enum", "Average", choices=STATISTICS),
        FieldSpec(
            "Period",
            "int",
            60,
            minimum=10,
            maximum=604800,
            help="Seconds per datapoint: 10, 20, 30 or a multiple of 60.",
        ),
        FieldSpec(
            "EvaluationPeriods",
            "int",
            1,
            minimum=1,
            maximum=100000,
            help="N: the most recent datapoints evaluated.",
        ),
        FieldSpec(
            "DatapointsToAlarm",
            "int",
            None,
            minimum=1,
            maximum=100000,
            help="M: breaching datapoints among the last N that cause ALARM (default N).",
        ),
        FieldSpec(
            "Threshold",
            "number",
            None,
            help="The static threshold; not used with a band operator.",
        ),
        FieldSpec(
            "ComparisonOperator",
            "enum",
            "GreaterThanThreshold",
            choices=(*OPERATORS, *BAND_OPERATORS),
            help="The four static operators compare each datapoint with Threshold; "
            "LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold and "
            "GreaterThanUpperThreshold compare it with an anomaly detection band "
            "(see AnomalyDetectionThreshold).",
        ),
        FieldSpec(
            "AnomalyDetectionThreshold",
            "number",
            None,
            minimum=0.01,
            maximum=100,
            help="The band's width in standard deviations, for the band operators "
            "(ANOMALY_DETECTION_BAND(m1, k); default 2).",
        ),
        FieldSpec(
            "TreatMissingData",
            "enum",
            "missing",
            choices=("missing", "notBreaching", "breaching", "ignore"),
            help="How missing datapoints count when fewer than N real ones are at hand.",
        ),
        FieldSpec("watch", "node", None, required=True, help="The node whose metric it reads."),
    ),
)


# --- evaluation ------------------------------------------------------------------------
def evaluate(
    history: Sequence[float | None],
    *,
    periods: int,
    to_alarm: int,
    breaches: Callable[[float], bool],
    treat: str,
) -> str | None:
    """The state the evaluation range calls for ("How alarm state is evaluated when data is
    missing"); None keeps the current state (`ignore`). `history` is oldest first, None
    where a datapoint is missing."""
    real = [breaches(v) for v in history if v is not None]
    if len(real) >= periods:  # enough real datapoints: TreatMissingData is not needed
        return ALARM if sum(real[-periods:]) >= to_alarm else OK
    if treat in ("breaching", "notBreaching"):
        filled = real + [treat == "breaching"] * (periods - len(real))
        return ALARM if sum(filled) >= to_alarm else OK
    # `missing` and `ignore` do not count missing datapoints: the real ones decide when
    # they can (the page's tables), else the data is insufficient.
    if sum(real) >= to_alarm:
        return ALARM
    if not all(real):
        return OK
    return None if treat == "ignore" else INSUFFICIENT_DATA


class Datapoint(NamedTuple):
    """One period's datapoint: `value` None when missing; `breaching` None when it cannot be
    compared (missing, or no band yet); `band` the (lower, upper) it was compared with."""

    t: float
    value: float | None
    breaching: bool | None
    band: tuple[float, float] | None = None


class BandModel:
    """The expected values of a metric: the mean of its earlier datapoints (within two
    weeks) plus and minus k standard deviations. Invariant: `total` and `squares` are the
    sum and the sum of squares of the values in `points`."""

    def __init__(self, width: float):
        self.width = width
        self.points: deque[tuple[float, float]] = deque()
        self.total = 0.0
        self.squares = 0.0

    def band(self) -> tuple[float, float] | None:
        count = len(self.points)
        if count < MIN_TRAINING:
            return None
        mean = self.total / count
        spread = math.sqrt(max(self.squares / count - mean * mean, 0.0))
        return max(mean - self.width * spread, 0.0), mean + self.width * spread

    def learn(self, t: float, value: float) -> None:
        self.points.append((t, value))
        self.total += value
        self.squares += value * value
        while self.points and self.points[0][0] <= t - TRAINING_SECONDS:
            _, old = self.points.popleft()
            self.total -= old
            self.squares -= old * old


def is_band_operator(name: str) -> bool:
    return name in BAND_OPERATORS


def statistic(name: str, samples: list[float]) -> float:
    if name == "SampleCount":
        return float(len(samples))
    if name == "Sum":
        return float(sum(samples))
    if name == "Average":
        return sum(samples) / len(samples)
    return float(min(samples) if name == "Minimum" else max(samples))


def is_gauge(metric: str) -> bool:
    return metric.startswith("Approximate") or metric in GAUGES


# --- rules and run-time checks ---------------------------------------------------------
def alarm_rules(d: Diagram) -> Iterator[Problem]:
    """ "PutMetricAlarm": the watched node exists; Period is 10, 20, 30 or a multiple of 60;
    Period x EvaluationPeriods is at most one day (seven days for periods of an hour or
    more); DatapointsToAlarm is at most EvaluationPeriods."""
    for node in (n for n in d.nodes.values() if n.type == SPEC.type):
        p, path = node.props, f"nodes[{node.index}].props"
        watched = d.nodes.get(p["watch"])
        if watched is None:
            yield Problem(
                f"{path}.watch", "unknown_node", f"'{p['watch']}' is not a node of this diagram"
            )
        elif watched.type == SPEC.type:
            yield Problem(
                f"{path}.watch", "invalid_watch", "an alarm watches a metric, not another alarm"
            )
        period, count = p["Period"], p["EvaluationPeriods"]
        if period not in (10, 20, 30) and period % 60:
            yield Problem(
                f"{path}.Period", "invalid_value", f"{period} is not 10, 20, 30 or a multiple of 60"
            )
        limit = 86400 if period < 3600 else 604800
        if period * count > limit:
            yield Problem(
                f"{path}.EvaluationPeriods",
                "out_of_range",
                f"{count} periods of {period} s exceed {limit} s, the longest evaluation",
            )
        operator_path = f"{path}.ComparisonOperator"
        if is_band_operator(p["ComparisonOperator"]):
            if p["Threshold"] is not None:
                yield Problem(
                    f"{path}.Threshold",
                    "threshold_with_band",
                    f"{p['ComparisonOperator']} compares with the anomaly detection band, "
                    "not a Threshold: remove Threshold (AnomalyDetectionThreshold sets the "
                    "band's width)",
                )
        else:
            if p["Threshold"] is None:
                yield Problem(
                    f"{path}.Threshold",
                    "required",
                    f"Threshold is required with {p['ComparisonOperator']} (or choose a "
                    f"band operator for anomaly detection; {operator_path} says which)",
                )
            if p["AnomalyDetectionThreshold"] is not None:
                yield Problem(
                    f"{path}.AnomalyDetectionThreshold",
                    "band_without_band_operator",
                    "AnomalyDetectionThreshold is the width of an anomaly detection band, "
                    f"which {p['ComparisonOperator']} does not use: choose a band operator "
                    "or remove it",
                )
        if p["DatapointsToAlarm"] is not None and p["DatapointsToAlarm"] > count:
            yield Problem(
                f"{path}.DatapointsToAlarm",
                "out_of_range",
                f"{p['DatapointsToAlarm']} is more than EvaluationPeriods ({count})",
            )


def metric_problems(sim: Host) -> list[Problem]:
    """Alarms whose MetricName the watched resource does not report (known at run time only:
    `metrics()` names them), or reports only as a run-long aggregate."""
    problems = []
    for alarm in sim.resources.values():
        if not isinstance(alarm, CloudWatchAlarm):
            continue
        watched = sim.resources[alarm.props["watch"]]
        reported = list(watched.metrics())
        metric = alarm.props["MetricName"]
        path = f"nodes[{alarm.node.index}].props.MetricName"
        if metric not in reported:
            shown = ", ".join(reported) or "no metrics"
            message = f"'{watched.id}' ({watched.node.type}) does not report '{metric}'"
            problems.append(Problem(path, "unknown_metric", f"{message}; it reports: {shown}"))
        elif metric in RUN_AGGREGATES or ALIASES.get(metric, metric) not in reported:
            message = f"'{metric}' is a run-long average or peak; an alarm cannot sample it"
            problems.append(Problem(path, "unsupported_metric", message))
    return problems


class CloudWatchAlarm(Resource):
    """Invariants: `state` is OK, ALARM or INSUFFICIENT_DATA and changes only at the end of a
    period; `history` holds the last N + 2 datapoints, oldest first; one sample timer is
    pending at any time; notifications leave only on a transition into ALARM."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        p = node.props
        self.name = p["AlarmName"] or node.id
        self.period = p["Period"]
        self.periods = p["EvaluationPeriods"]
        self.to_alarm = p["DatapointsToAlarm"] or self.periods
        self.model: BandModel | None = None
        if is_band_operator(p["ComparisonOperator"]):
            self.band_breaches, self.phrase = BAND_OPERATORS[p["ComparisonOperator"]]
            self.model = BandModel(p["AnomalyDetectionThreshold"] or DEFAULT_BAND_WIDTH)
            self.threshold = None
        else:
            self.compare, self.phrase = OPERATORS[p["ComparisonOperator"]]
            self.threshold = float(p["Threshold"])
        self.treat = p["TreatMissingData"]
        self.history: deque[Datapoint] = deque(maxlen=self.periods + EXTRA_RANGE)
        self.actions: list[tuple[str, Resource]] = []
        self.state = INSUFFICIENT_DATA
        self.transitions = 0
        self.samples: list[float] = []
        self.active = False

    def wire_out(self, edge, target: Resource) -> None:
        if edge.kind == "alarm-action":
            self.actions.append((edge.id, target))
        super().wire_out(edge, target)

    def start(self) -> None:
        problems = metric_problems(self.sim)
        if problems:
            raise DiagramError(problems)
        self.watched = self.sim.resources[self.props["watch"]]
        self.source = ALIASES.get(self.props["MetricName"], self.props["MetricName"])
        self.previous = self.watched.metrics()
        numbers = [k for k, v in self.previous.items() if isinstance(v, int | float)]
        self.gauges = [k for k in numbers if is_gauge(k)]
        self.counters = [k for k in numbers if not is_gauge(k) and k not in RUN_AGGREGATES]
        spec = self.watched.node.spec
        if spec is not None and spec.metric_namespace:
            namespace, dimension = spec.metric_namespace, spec.metric_dimension
        else:  # not an AWS resource: a custom namespace the fleet would publish to
            namespace, dimension = CUSTOM_NAMESPACE, CUSTOM_DIMENSION
        # "Configuring how CloudWatch alarms treat missing data": AWS/DynamoDB alarms ignore it.
        if namespace == "AWS/DynamoDB":
            self.treat = "ignore"
        self.namespace, self.dimension = namespace, dimension
        self.always_reports = self.watched.node.type in REPORTS_WHEN_IDLE
        self.history.extend(self.missing_range())
        self.kernel.at(1.0, SAMPLE, self._sample, 1)

    def missing_range(self) -> list[Datapoint]:
        """The evaluation range before the first period: the metric did not exist yet."""
        size = self.history.maxlen or 0
        return [Datapoint((i - size) * self.period, None, None) for i in range(size)]

    # --- sampling --------------------------------------------------------------------
    def _sample(self, second: int) -> None:
        now = self.watched.metrics()
        before = self.previous
        if (
            self.always_reports
            or any(now[k] != before[k] for k in self.counters)
            or any(now[k] > 0 for k in self.gauges)
        ):
            self.active = True
        value = now[self.source]
        self.samples.append(value if is_gauge(self.source) else value - before[self.source])
        self.previous = now
        if second % self.period == 0:
            self._close_period(float(second))
        self.kernel.at(second + 1.0, SAMPLE, self._sample, second + 1)

    def _close_period(self, end: float) -> None:
        stat = self.props["Statistic"]
        value = statistic(stat, self.samples) if self.active and self.samples else None
        point = self._datapoint(end - self.period, value)
        self.history.append(point)
        self.samples, self.active = [], False
        new = evaluate(
            [p.breaching for p in self.history],
            periods=self.periods,
            to_alarm=self.to_alarm,
            breaches=bool,
            treat=self.treat,
        )
        if new is not None and new != self.state:
            self._transition(new, point)

    def _datapoint(self, start: float, value: float | None) -> Datapoint:
        """The datapoint and whether it breaches: by the threshold, or by the band the
        model gives before the datapoint joins it (none yet: it cannot be compared)."""
        if value is None:
            return Datapoint(start, None, None)
        if self.model is None:
            return Datapoint(start, value, self.compare(value, self.threshold))
        band = self.model.band()
        self.model.learn(start, value)
        if band is None:
            return Datapoint(start, value, None)
        return Datapoint(start, value, self.band_breaches(value, *band), band)

    def _transition(self, new: str, point: Datapoint) -> None:
        old, self.state = self.state, new
        self.transitions += 1
        reason = state_reason(self, old, new)
        extra = {}
        if point.band is not None:
            extra = {"lower": round(point.band[0], 6), "upper": round(point.band[1], 6)}
        self.rec.note(
            "alarm", self.id, state=new, previous=old, reason=reason, value=point.value, **extra
        )
        if new == ALARM:
            message = notification(self, old, new, reason)
            for edge, topic in self.actions:
                body = json.dumps(message, separators=(",", ":"))
                copy = self.sim.new_copy(body=body, attributes={}, payload=message)
                self.sim.publish(self.id, copy, edge=edge, target=topic)

    def metrics(self) -> dict[str, Any]:
        return {"State": self.state, "Transitions": self.transitions}
