"""CloudWatch metric alarms in the engine: datapoints per period, M out of N, missing data,
transitions and their notifications, and the alarms AWS refuses, each checked against the
page of "Using Amazon CloudWatch alarms" (or the PutMetricAlarm reference) it reproduces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import engine
from engine import DiagramError, Simulation, load_diagram
from engine.services.cloudwatch.alarm import ALARM, INSUFFICIENT_DATA, OK, BandModel, evaluate
from tests.engine.builders import (
    assert_balanced,
    burst,
    diagram,
    edge,
    fixed_ms,
    function,
    node,
    problem_codes,
    producer,
    publish,
    queue,
    run,
    subscription,
    topic,
)

EXAMPLES = Path(engine.__file__).parent / "examples"


def alarm(node_id: str = "a", **props) -> dict:
    props.setdefault("watch", "q")
    props.setdefault("Threshold", 1)
    return node(node_id, "cloudwatch.alarm", props)


def alarm_action(source: str, target: str) -> dict:
    return edge("alarm-action", source, target)


def alarm_events(r, node_id: str = "a") -> list[tuple[float, str, str]]:
    return [(e["t"], e["previous"], e["state"]) for e in r.of("alarm", node_id)]


def datapoints(r, node_id: str = "a") -> list[float | None]:
    """The alarm's evaluation range, oldest first (None: missing)."""
    return [point.value for point in r.sim.resources[node_id].history]


# --- evaluation: the tables of "How alarm state is evaluated when data is missing" ----------
def _points(text: str) -> list[float | None]:
    return [None if c == "-" else (1.0 if c == "X" else 0.0) for c in text.split()]


THREE_OF_THREE = [
    ("0 - X - X", OK, OK, OK, OK),
    ("0 - - - -", OK, OK, OK, OK),
    ("- - - - -", INSUFFICIENT_DATA, None, ALARM, OK),
    ("0 X X - X", ALARM, ALARM, ALARM, ALARM),
    ("- - - - X", INSUFFICIENT_DATA, None, ALARM, OK),
]
TWO_OF_THREE = [
    ("0 - X - X", ALARM, ALARM, ALARM, ALARM),
    ("0 0 X 0 X", ALARM, ALARM, ALARM, ALARM),
    ("0 - X - -", OK, OK, ALARM, OK),
    ("- - - - 0", OK, OK, ALARM, OK),
    ("- - - - X", INSUFFICIENT_DATA, None, ALARM, OK),
]


@pytest.mark.parametrize(
    ("to_alarm", "row"),
    [(3, row) for row in THREE_OF_THREE] + [(2, row) for row in TWO_OF_THREE],
    ids=lambda v: v if isinstance(v, int) else v[0],
)
def test_evaluation_matches_the_missing_data_tables(to_alarm, row):
    """Both tables of "How alarm state is evaluated when data is missing" (3 evaluation
    periods, 5 datapoints retrieved; 0 not breaching, X breaching, - missing), for each
    TreatMissingData; None is "retain current state"."""
    text, *expected = row
    for treat, want in zip(
        ("missing", "ignore", "breaching", "notBreaching"), expected, strict=True
    ):
        got = evaluate(
            _points(text), periods=3, to_alarm=to_alarm, breaches=lambda v: v > 0.5, treat=treat
        )
        assert got == want, (text, treat)


# --- datapoints --------------------------------------------------------------------------------
STEADY = [producer("p", rate=2, count=20, payload={"n": "{{seq}}"}), queue("q")]


@pytest.mark.parametrize(
    ("metric", "stat", "value"),
    [
        ("NumberOfMessagesSent", "Sum", 20.0),
        ("NumberOfMessagesSent", "SampleCount", 10.0),
        ("NumberOfMessagesSent", "Average", 2.0),
        ("NumberOfMessagesSent", "Maximum", 3.0),
        ("NumberOfMessagesSent", "Minimum", 1.0),
        ("ApproximateNumberOfMessagesVisible", "Maximum", 20.0),
        ("ApproximateNumberOfMessagesVisible", "Minimum", 3.0),
        ("ApproximateNumberOfMessagesVisible", "Average", 11.9),
    ],
)
def test_a_period_becomes_one_datapoint_by_its_statistic(metric, stat, value):
    """ "Evaluating an alarm": each Period yields one datapoint by the Statistic. Counters
    are sampled as their increase each second, gauges as their value: messages sent at
    0, 0.5, ... 9.5 s give per-second counts 3, 2, ... 2, 1 and a visible backlog growing
    from 3 to 20."""
    doc = diagram(
        [*STEADY, alarm(MetricName=metric, Statistic=stat, Period=10)], [publish("p", "q")]
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    assert datapoints(r)[-1] == value


def test_a_counter_at_rest_reports_zero_for_sqs():
    """ "Available CloudWatch metrics for Amazon SQS": an active queue reports every period,
    so a quiet period is a datapoint of 0, not missing data."""
    doc = diagram(
        [*STEADY, alarm(MetricName="NumberOfMessagesSent", Statistic="Sum", Period=10)],
        [publish("p", "q")],
    )
    r = run(doc, 30)
    assert datapoints(r)[-3:] == [20.0, 0.0, 0.0]


# --- M out of N ----------------------------------------------------------------------------------
def _bursts(**props) -> dict:
    """5 messages at 5, 25, 45 and 65 s: periods of 10 s alternate 5, 0, 5, 0, ..."""
    sender = producer("p", arrival="burst", burst={"size": 5, "every": 20}, start=5, count=20)
    props = {"MetricName": "NumberOfMessagesSent", "Statistic": "Sum", "Threshold": 5, **props}
    props.update(Period=10, ComparisonOperator="GreaterThanOrEqualToThreshold")
    return diagram([sender, queue("q"), alarm(**props)], [publish("p", "q")])


def test_m_out_of_n_alarms_on_breaching_datapoints_that_need_not_be_consecutive():
    """ "Evaluating an alarm": with DatapointsToAlarm 2 of EvaluationPeriods 3, two breaching
    datapoints among the last three cause ALARM, consecutive or not."""
    r = run(_bursts(EvaluationPeriods=3, DatapointsToAlarm=2), 70)
    assert alarm_events(r) == [
        (20.0, INSUFFICIENT_DATA, OK),
        (30.0, OK, ALARM),
        (40.0, ALARM, OK),
        (50.0, OK, ALARM),
        (60.0, ALARM, OK),
        (70.0, OK, ALARM),
    ]


def test_n_out_of_n_needs_every_datapoint_to_breach():
    """The same datapoints with 3 out of 3: never three breaching in a row, never ALARM."""
    r = run(_bursts(EvaluationPeriods=3), 70)
    assert alarm_events(r) == [(20.0, INSUFFICIENT_DATA, OK)]


# --- missing data ---------------------------------------------------------------------------------
def _failing_function(**props) -> dict:
    """Three invocations at about 1 s, all failing, then nothing: Lambda reports Errors only
    around invocations, so from 10 s on the datapoints are missing."""
    nodes = [
        producer("p", count=3, rate=10, start=1),
        topic("t"),
        function("f", errorRate=1, MaximumRetryAttempts=0),
        alarm(watch="f", MetricName="Errors", Statistic="Sum", Period=10, **props),
    ]
    return diagram(nodes, [publish("p", "t"), subscription("t", "f")])


@pytest.mark.parametrize(
    ("treat", "after"),
    [
        ("missing", [(40.0, ALARM, INSUFFICIENT_DATA)]),
        ("notBreaching", [(40.0, ALARM, OK)]),
        ("breaching", []),
        ("ignore", []),
    ],
)
def test_treat_missing_data_decides_once_the_range_holds_too_few_real_datapoints(treat, after):
    """ "How alarm state is evaluated when data is missing": while a real datapoint is in the
    evaluation range (5 for 3 here, N + 2 = 3 for 1) the alarm re-evaluates it; when none
    is left, missing data is filled in as TreatMissingData says, and `ignore` keeps the
    state."""
    r = run(_failing_function(TreatMissingData=treat), 60)
    assert_balanced(r.ledger)
    assert alarm_events(r) == [(10.0, INSUFFICIENT_DATA, ALARM), *after]


def test_an_invoked_function_without_errors_reports_zero_errors():
    """Lambda publishes Errors with every invocation: a period with invocations and no errors
    is a datapoint of 0, which is not breaching."""
    nodes = [
        producer("p", count=3, rate=10, start=1),
        topic("t"),
        function("f"),
        alarm(watch="f", MetricName="Errors", Statistic="Sum", Period=10),
    ]
    r = run(diagram(nodes, [publish("p", "t"), subscription("t", "f")]), 10)
    assert alarm_events(r) == [(10.0, INSUFFICIENT_DATA, OK)]


BREACHING = {"Period": 10, "TreatMissingData": "breaching"}


def test_breaching_missing_data_alarms_on_a_resource_that_never_reports():
    """TreatMissingData breaching: an idle topic never reports, so every datapoint is
    missing and counts as breaching."""
    idle = alarm(watch="t", MetricName="NumberOfMessagesPublished", **BREACHING)
    r = run(diagram([topic("t"), idle], []), 20)
    assert alarm_events(r) == [(10.0, INSUFFICIENT_DATA, ALARM)]


def test_dynamodb_alarms_always_ignore_missing_data():
    """ "Configuring how CloudWatch alarms treat missing data": alarms on AWS/DynamoDB
    metrics ignore missing data whatever TreatMissingData says."""
    idle = alarm(watch="tbl", MetricName="WriteRequests", **BREACHING)
    r = run(diagram([node("tbl", "dynamodb.table"), idle], []), 60)
    assert alarm_events(r) == []
    assert r.metrics("a") == {"State": INSUFFICIENT_DATA, "Transitions": 0}


def test_concurrent_executions_samples_the_running_count():
    """Lambda's ConcurrentExecutions Maximum is the most executions at once in the period;
    the report's ConcurrentExecutions is the run's peak, so the alarm samples the live count."""
    nodes = [
        producer("p", arrival="burst", burst={"size": 3, "every": 100}, count=3, start=1),
        topic("t"),
        function("f", duration=fixed_ms(5000)),
        alarm(
            watch="f",
            MetricName="ConcurrentExecutions",
            Statistic="Maximum",
            Period=10,
            Threshold=3,
            ComparisonOperator="GreaterThanOrEqualToThreshold",
        ),
    ]
    r = run(diagram(nodes, [publish("p", "t"), subscription("t", "f")]), 10)
    assert datapoints(r)[-1] == 3.0
    assert alarm_events(r) == [(10.0, INSUFFICIENT_DATA, ALARM)]


# --- transitions and notifications ------------------------------------------------------------
BACKLOG = {"MetricName": "ApproximateNumberOfMessagesVisible", "Statistic": "Maximum"}


def _backlog_alarm() -> dict:
    """A queue filling one message a second, an alarm on its backlog above 5 with an action."""
    props = {**BACKLOG, "Period": 10, "Threshold": 5, "AlarmName": "backlog"}
    nodes = [producer("p", rate=1, count=40, start=0.5), queue("q"), topic("ops"), queue("inbox")]
    edges = [publish("p", "q"), alarm_action("a", "ops"), subscription("ops", "inbox")]
    return diagram([*nodes, alarm(AlarmDescription="too many", **props)], edges)


def test_notifications_are_published_only_on_the_transition_into_alarm():
    """ "Using Amazon CloudWatch alarms": an SNS action fires when the state changes, not again
    while it holds: five breaching periods, one notification."""
    r = run(_backlog_alarm(), 60)
    assert_balanced(r.ledger)
    assert alarm_events(r) == [(10.0, INSUFFICIENT_DATA, ALARM)]
    assert r.metrics("inbox")["NumberOfMessagesSent"] == 1
    assert r.ledger["produced"] == 41, "the alarm's notification counts as produced"


def test_the_notification_is_cloudwatchs_json_in_the_topics_envelope():
    """The message CloudWatch publishes to SNS: names, states, reason, time and the Trigger
    (metric, namespace, capitalised statistic, dimensions, period, threshold)."""
    r = run(_backlog_alarm(), 20)
    [copy] = r.sim.resources["inbox"].held.values()
    message = json.loads(json.loads(copy.body)["Message"])
    assert (message["AlarmName"], message["AlarmDescription"]) == ("backlog", "too many")
    assert (message["OldStateValue"], message["NewStateValue"]) == (INSUFFICIENT_DATA, ALARM)
    assert message["StateChangeTime"] == "2026-01-01T00:00:10.000+0000"
    assert message["NewStateReason"].startswith("Threshold Crossed: 1 out of the last 1 ")
    assert message["AlarmActions"] == ["arn:aws:sns:us-east-1:123456789012:ops"]
    trigger = message["Trigger"]
    assert (trigger["MetricName"], trigger["Namespace"]) == (BACKLOG["MetricName"], "AWS/SQS")
    assert trigger["Statistic"] == "MAXIMUM"
    assert trigger["Dimensions"] == [{"value": "q", "name": "QueueName"}]
    assert (trigger["Period"], trigger["EvaluationPeriods"], trigger["Threshold"]) == (10, 1, 5.0)
    assert trigger["ComparisonOperator"] == "GreaterThanThreshold"
    assert trigger["TreatMissingData"] == "missing"


def test_queue_depth_example_goes_to_alarm_and_back_to_ok():
    """The example: 300 jobs at 65 s, drained two a second. The Maximum of the visible
    backlog is 0 in the first minute (OK at 60 s), 299 in the second (ALARM at 120 s), 187
    in the third, 67 in the fourth (OK at 240 s); one notification reaches ops-inbox."""
    doc = json.loads((EXAMPLES / "queue-depth-alarm.json").read_text())
    r = run(doc)
    assert_balanced(r.ledger)
    assert alarm_events(r, "backlog") == [
        (60.0, INSUFFICIENT_DATA, OK),
        (120.0, OK, ALARM),
        (240.0, ALARM, OK),
    ]
    values = [e["value"] for e in r.of("alarm", "backlog")]
    assert values == [0.0, 299.0, 67.0]
    assert [v for v in datapoints(r, "backlog") if v is not None] == [187.0, 67.0, 0.0]
    assert r.metrics("backlog") == {"State": OK, "Transitions": 3}
    assert r.metrics("ops-inbox")["NumberOfMessagesSent"] == 1
    assert r.ledger["produced"] == 301
    assert r.ledger["deleted"] == 300


def test_sampling_gives_the_same_trace_headless_or_stepped():
    """Contract section 4: the same diagram and seed give the same trace whether run at once
    or advanced in live steps of 0.05 s."""
    doc = json.loads((EXAMPLES / "queue-depth-alarm.json").read_text())
    headless = Simulation(load_diagram(doc))
    headless.run(300)
    live = Simulation(load_diagram(doc))
    for _ in range(6000):
        live.advance(0.05)
    assert live.drain_events() == headless.drain_events()
    assert live.report() == headless.report()


# --- anomaly detection ---------------------------------------------------------------------
def band_alarm(operator: str = "GreaterThanUpperThreshold", **props) -> dict:
    props = {
        "watch": "q",
        "MetricName": "NumberOfMessagesSent",
        "Statistic": "Sum",
        "Period": 10,
        "ComparisonOperator": operator,
        **props,
    }
    return node("a", "cloudwatch.alarm", props)


def _spike_doc(operator: str = "GreaterThanUpperThreshold", **props) -> dict:
    """10 messages a period, and 30 more at t = 80 s (the ninth period)."""
    nodes = [
        producer("steady", rate=1, start=0.5),
        burst("spike", 30, start=80.5),
        queue("q"),
        topic("ops"),
        queue("inbox"),
        band_alarm(operator, **props),
    ]
    edges = [
        publish("steady", "q"),
        publish("spike", "q"),
        alarm_action("a", "ops"),
        subscription("ops", "inbox"),
    ]
    return diagram(nodes, edges)


def test_the_band_model_is_the_mean_and_k_deviations_of_earlier_datapoints():
    model = BandModel(2.0)
    for t, value in enumerate([4.0, 6.0, 4.0, 6.0]):
        model.learn(t * 60.0, value)
        assert model.band() is None, "too little training for a band"
    model.learn(240.0, 5.0)
    # mean 5, population deviation sqrt(0.8)
    lower, upper = model.band()
    assert (round(lower, 6), round(upper, 6)) == (
        round(5 - 2 * 0.8**0.5, 6),
        round(5 + 2 * 0.8**0.5, 6),
    )
    wide = BandModel(10.0)
    for t, value in enumerate([0.0, 10.0, 0.0, 10.0, 0.0]):
        wide.learn(float(t), value)
    assert wide.band()[0] == 0.0, "a count's band never goes below 0"


def test_the_model_forgets_datapoints_older_than_two_weeks():
    model = BandModel(2.0)
    for t in range(6):
        model.learn(t * 3600.0, 100.0)
    model.learn(14 * 86400 + 2 * 3600.0, 10.0)  # the first three are now over two weeks old
    assert len(model.points) == 4
    assert model.total == 310.0


def test_a_spike_above_the_band_alarms_and_the_band_learns_it():
    """Five periods train the model (INSUFFICIENT_DATA: no band to compare with), steady
    traffic is inside the band (OK), the spike of 40 in the ninth period is above it
    (ALARM: one notification), and the next ordinary period is inside the band again,
    which has widened with the spike."""
    r = run(_spike_doc(), 110)
    assert_balanced(r.ledger)
    assert alarm_events(r) == [
        (60.0, INSUFFICIENT_DATA, OK),
        (90.0, OK, ALARM),
        (100.0, ALARM, OK),
    ]
    into_alarm = r.of("alarm", "a")[1]
    assert into_alarm["value"] == 40.0
    assert (into_alarm["lower"], into_alarm["upper"]) == (10.0, 10.0)
    assert into_alarm["reason"] == (
        "Thresholds Crossed: 1 out of the last 1 datapoints [40.0 (01/01/26 00:01:20; band "
        "10 to 10)] was greater than the upper threshold of expected values (minimum 1 "
        "datapoint for OK -> ALARM transition)."
    )
    back = r.of("alarm", "a")[2]
    assert back["lower"] < 10.0 < back["upper"]
    assert r.metrics("inbox")["NumberOfMessagesSent"] == 1
    [copy] = r.sim.resources["inbox"].held.values()
    trigger = json.loads(json.loads(copy.body)["Message"])["Trigger"]
    assert trigger["ComparisonOperator"] == "GreaterThanUpperThreshold"
    assert trigger["ThresholdMetricId"] == "ad1"
    assert "Threshold" not in trigger and "MetricName" not in trigger
    metric, band = trigger["Metrics"]
    assert metric["MetricStat"]["Metric"] == {
        "Namespace": "AWS/SQS",
        "MetricName": "NumberOfMessagesSent",
        "Dimensions": [{"Name": "QueueName", "Value": "q"}],
    }
    assert band["Expression"] == "ANOMALY_DETECTION_BAND(m1, 2)"


def test_below_the_band_only_alarms_on_a_drop():
    """The spike is above the band, not below it: LessThanLowerThreshold stays OK; a
    producer that stops drops the count to 0, below the band (ALARM); outside the band on
    either side sees both."""
    r = run(_spike_doc("LessThanLowerThreshold"), 110)
    assert alarm_events(r) == [(60.0, INSUFFICIENT_DATA, OK)]
    stops = diagram(
        [
            producer("steady", rate=1, start=0.5, count=80),
            queue("q"),
            band_alarm("LessThanLowerThreshold"),
        ],
        [publish("steady", "q")],
    )
    r = run(stops, 100)
    assert alarm_events(r)[-1] == (90.0, OK, ALARM)
    assert r.of("alarm", "a")[-1]["value"] == 0.0  # steady 10s: the band is 10 to 10
    both = run(_spike_doc("LessThanLowerOrGreaterThanUpperThreshold"), 110)
    assert [e[2] for e in alarm_events(both)] == [OK, ALARM, OK]


def test_the_bands_width_is_k_standard_deviations():
    """Traffic that varies (Poisson arrivals) gives a band as wide as k deviations: the
    spike is outside a band of 2 and inside a band of 50."""
    doc = _spike_doc("LessThanLowerOrGreaterThanUpperThreshold")
    doc["nodes"][0]["sim"]["arrival"] = "poisson"
    narrow = run(doc, 110)
    assert (90.0, OK, ALARM) in alarm_events(narrow)
    doc["nodes"][-1]["props"]["AnomalyDetectionThreshold"] = 50
    wide = run(doc, 110)
    assert [e[2] for e in alarm_events(wide)] == [OK]
    band = wide.sim.resources["a"].history[-1].band
    assert band[1] - band[0] > 40


@pytest.mark.parametrize(
    ("props", "path", "code"),
    [
        (
            {"ComparisonOperator": "GreaterThanUpperThreshold", "Threshold": 3},
            "Threshold",
            "threshold_with_band",
        ),
        ({"ComparisonOperator": "GreaterThanThreshold"}, "Threshold", "required"),
        (
            {
                "ComparisonOperator": "GreaterThanThreshold",
                "Threshold": 3,
                "AnomalyDetectionThreshold": 2,
            },
            "AnomalyDetectionThreshold",
            "band_without_band_operator",
        ),
        (
            {"ComparisonOperator": "GreaterThanUpperThreshold", "AnomalyDetectionThreshold": 0},
            "AnomalyDetectionThreshold",
            "out_of_range",
        ),
    ],
)
def test_a_band_operator_takes_a_band_width_and_no_threshold(props, path, code):
    a = node("a", "cloudwatch.alarm", {"watch": "q", "MetricName": "NumberOfMessagesSent", **props})
    with pytest.raises(DiagramError) as raised:
        load_diagram(diagram([queue("q"), a], []))
    assert [(p.path, p.code) for p in raised.value.problems] == [(f"nodes[1].props.{path}", code)]


# --- alarms AWS refuses ----------------------------------------------------------------------
def test_an_unknown_metric_is_refused_when_the_run_starts():
    """PutMetricAlarm accepts any name, but an alarm on a metric the resource never reports
    is INSUFFICIENT_DATA forever; the engine refuses it with the metrics the node reports."""
    doc = diagram(
        [
            queue("q"),
            queue("other"),
            alarm(MetricName="NumberOfMessagesSnet"),
            alarm("b", watch="other", MetricName="Duration"),
        ],
        [],
    )
    with pytest.raises(DiagramError) as err:
        Simulation(load_diagram(doc))
    problems = err.value.problems
    assert [(p.path, p.code) for p in problems] == [
        ("nodes[2].props.MetricName", "unknown_metric"),
        ("nodes[3].props.MetricName", "unknown_metric"),
    ]
    assert "NumberOfMessagesSent" in problems[0].message


def test_a_run_long_aggregate_cannot_be_alarmed_on():
    """Lambda's Duration is reported as the run's average: there is nothing to sample."""
    doc = diagram([function("f"), alarm(watch="f", MetricName="Duration")], [])
    with pytest.raises(DiagramError) as err:
        Simulation(load_diagram(doc))
    assert [(p.path, p.code) for p in err.value.problems] == [
        ("nodes[1].props.MetricName", "unsupported_metric")
    ]


@pytest.mark.parametrize(
    ("props", "prop", "code"),
    [
        ({"watch": "nowhere"}, "watch", "unknown_node"),
        ({"Period": 45}, "Period", "invalid_value"),
        ({"Period": 60, "EvaluationPeriods": 1441}, "EvaluationPeriods", "out_of_range"),
        ({"Period": 3600, "EvaluationPeriods": 168}, None, None),
        ({"Period": 3600, "EvaluationPeriods": 169}, "EvaluationPeriods", "out_of_range"),
        ({"EvaluationPeriods": 2, "DatapointsToAlarm": 3}, "DatapointsToAlarm", "out_of_range"),
        ({"Period": 20}, None, None),
    ],
)
def test_put_metric_alarm_limits(props, prop, code):
    """PutMetricAlarm: Period is 10, 20, 30 or a multiple of 60; Period x EvaluationPeriods
    is at most one day below an hour's period, seven days otherwise; DatapointsToAlarm is at
    most EvaluationPeriods; `watch` names a node of the diagram."""
    doc = diagram([queue("q"), alarm(MetricName="NumberOfMessagesSent", **props)], [])
    if code is None:
        load_diagram(doc)
        return
    with pytest.raises(DiagramError) as err:
        load_diagram(doc)
    assert [(p.path, p.code) for p in err.value.problems] == [(f"nodes[1].props.{prop}", code)]


def test_required_props_and_alarms_on_alarms():
    """MetricName, Threshold and watch are required; an alarm watches a metric, not an alarm
    (composite alarms are not modelled)."""
    assert problem_codes(diagram([node("a", "cloudwatch.alarm", {})], [])) == {"required"}
    alarms = [
        alarm("a1", MetricName="NumberOfMessagesSent"),
        alarm("a2", watch="a1", MetricName="State"),
    ]
    assert problem_codes(diagram([queue("q"), *alarms], [])) == {"invalid_watch"}
