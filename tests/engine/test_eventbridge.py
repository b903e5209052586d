"""EventBridge buses, rules, targets and schedules in the engine, each test checked against
the AWS behaviour it reproduces (the docstring names the documentation page)."""

from __future__ import annotations

import json
import random
import re
from itertools import pairwise
from pathlib import Path

import pytest

import engine
from engine import DiagramError, load_diagram
from engine.services.eventbridge.input import InputTransformer
from engine.services.eventbridge.schedule import ScheduleError, parse_schedule
from engine.services.eventbridge.targets import BACKOFF_CAP, backoff
from engine.services.kinesis.stream import THROTTLED
from tests.engine.builders import (
    assert_balanced,
    capture_arrivals,
    destination,
    diagram,
    edge,
    finish,
    function,
    node,
    producer,
    publish,
    queue,
    run,
    simulation,
    subscription,
    topic,
)

EXAMPLE = Path(engine.__file__).parent / "examples" / "eventbridge-order-routing.json"
UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


# --- builders --------------------------------------------------------------------------
def bus(node_id: str, name: str | None = None) -> dict:
    return node(node_id, "eventbridge.bus", {"Name": name} if name else {})


def rule(node_id: str, pattern: dict | None = None, **props) -> dict:
    if pattern is not None:
        props["EventPattern"] = pattern
    return node(node_id, "eventbridge.rule", props)


def on_bus(bus_id: str, rule_id: str) -> dict:
    return edge("rule", bus_id, rule_id, f"on-{rule_id}")


def target(rule_id: str, target_id: str, edge_id: str | None = None, **props) -> dict:
    return edge("target", rule_id, target_id, edge_id or f"t-{rule_id}-{target_id}", **props)


def order(amount, **detail) -> dict:
    return {
        "source": "shop.orders",
        "detail-type": "OrderPlaced",
        "detail": {"amount": amount, **detail},
    }


def problems(doc: dict) -> list[tuple[str, str]]:
    try:
        load_diagram(doc)
    except DiagramError as err:
        return [(p.path, p.code) for p in err.problems]
    return []


def stored(r, queue_id: str) -> list:
    """The copies a queue holds now, in arrival order (the trace carries no bodies)."""
    return list(r.sim.resources[queue_id].held.values())


def bodies(r, queue_id: str) -> list[dict]:
    return [json.loads(c.body) for c in stored(r, queue_id)]


def times(r, event: str, node_id: str) -> list[float]:
    return [e["t"] for e in r.of(event, node_id)]


def injected(doc: dict, entries: list, until: float = 10):
    """Run `doc`, putting each entry on bus `b` by hand at time 0."""
    sim = simulation(doc)
    for entry in entries:
        sim.inject("b", entry)
    r = finish(sim, until)
    assert_balanced(r.ledger)
    return r


# --- the envelope ----------------------------------------------------------------------
def test_the_bus_wraps_each_entry_in_the_event_envelope():
    """ "Amazon EventBridge events" / "PutEvents": the bus adds version "0", a UUID id, the
    time (whole seconds, UTC), the account, the Region and resources to source, detail-type
    and detail."""
    doc = diagram(
        [
            producer("p", count=1, start=2.5, payload=order(42, orderId="{{seq}}")),
            bus("b", "orders"),
            rule("r", {"source": ["shop.orders"]}),
            queue("q"),
        ],
        [publish("p", "b"), on_bus("b", "r"), target("r", "q")],
    )
    r = run(doc, 10)
    assert r.ledger["unaccounted"] == 0
    [event] = bodies(r, "q")
    order_of_keys = "version id detail-type source account time region resources detail"
    assert " ".join(event) == order_of_keys
    assert event["version"] == "0"
    assert UUID4.fullmatch(event["id"])
    assert event["time"] == "2026-01-01T00:00:02Z"
    assert (event["account"], event["region"]) == ("123456789012", "us-east-1")
    assert event["resources"] == []
    assert (event["source"], event["detail-type"]) == ("shop.orders", "OrderPlaced")
    assert event["detail"] == {"amount": 42, "orderId": 1}
    assert r.metrics("b")["PutEventsEntriesCount"] == 1
    # The id comes from the run's seeded stream: the same seed gives the same id.
    assert bodies(run(doc, 10), "q")[0]["id"] == event["id"]


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ({"source": "shop.orders", "detail": {}}, "Parameter DetailType is not valid"),
        ({"detail-type": "X", "detail": {}}, "Parameter Source is not valid"),
        ({"source": "shop.orders", "detail-type": "X"}, "Parameter Detail is not valid"),
        ({"source": "shop.orders", "detail-type": "X", "detail": [1]}, "MalformedDetail"),
        ({"source": "aws.s3", "detail-type": "X", "detail": {}}, "NotAuthorizedForSource"),
    ],
    ids=["no-detail-type", "no-source", "no-detail", "detail-not-object", "aws-source"],
)
def test_an_entry_put_events_refuses_fails_and_the_producer_drops_it(entry, reason):
    """ "PutEvents": Source, DetailType and Detail are required, Detail is a JSON object, and
    only AWS services may send `aws.` sources; a failed entry is the caller's to handle."""
    doc = diagram(
        [
            producer("p", count=1, payload=entry),
            bus("b"),
            rule("r", {"source": [{"prefix": ""}]}),
            queue("q"),
        ],
        [publish("p", "b"), on_bus("b", "r"), target("r", "q")],
    )
    r = run(doc, 5)
    assert r.ledger["unaccounted"] == 0
    [drop] = r.of("drop")
    assert reason in drop["reason"]
    assert r.ledger["dropped"] == 1 and r.ledger["in_queues"] == 0
    assert r.metrics("b")["PutEventsFailedEntriesCount"] == 1
    assert r.of("deliver", "b") == []


# --- routing ---------------------------------------------------------------------------
ROUTING_RULES = {
    "big": {"detail": {"amount": [{"numeric": [">", 100, "<=", 1000]}]}},
    "eu": {"detail": {"region": [{"prefix": "eu-"}]}},
    "not-test": {"detail": {"channel": [{"anything-but": ["test", "staging"]}]}},
    "vip-or-rush": {"$or": [{"detail": {"vip": [True]}}, {"detail": {"rush": [{"exists": True}]}}]},
}


def routing_doc() -> dict:
    names = list(ROUTING_RULES)
    return diagram(
        [bus("b")]
        + [rule(n, pattern) for n, pattern in ROUTING_RULES.items()]
        + [queue(f"q-{n}") for n in names],
        [on_bus("b", n) for n in names] + [target(n, f"q-{n}") for n in names],
    )


def test_rules_route_by_numeric_prefix_anything_but_and_or_patterns():
    """ "Amazon EventBridge event patterns" / "Content filtering": numeric ranges, prefix,
    anything-but lists and $or; each rule that matches gets the event, the others do not."""
    entries = [
        order(500, region="eu-west-1", channel="web"),  # big, eu, not-test
        order(100, region="us-east-1", channel="test"),  # nothing: 100 is not > 100
        order(5, region="eu", channel="staging", vip=True),  # vip-or-rush ("eu" lacks "eu-")
        order(2000, rush="today"),  # vip-or-rush; no channel: anything-but needs the field
    ]
    r = injected(routing_doc(), entries)
    amounts = {n: sorted(e["detail"]["amount"] for e in bodies(r, f"q-{n}")) for n in ROUTING_RULES}
    assert amounts == {"big": [500], "eu": [500], "not-test": [500], "vip-or-rush": [5, 2000]}
    assert r.ledger["filtered"] == 1
    assert r.metrics("big")["MatchedEvents"] == 1
    assert r.metrics("vip-or-rush")["MatchedEvents"] == 2
    # The event that matched three rules became three copies: 2 more than it started as.
    assert r.ledger["copies"] == 2
    assert r.metrics("b")["TriggeredRules"] == 5 and r.metrics("b")["MatchedEvents"] == 3


def test_an_event_no_rule_matches_is_filtered_at_the_bus():
    """ "Amazon EventBridge rules": an event that matches no rule goes nowhere; the engine
    ends it as filtered, with one filter-out at the bus and nothing per rule."""
    r = injected(routing_doc(), [order(1, region="us-west-2", channel="test")])
    [filtered] = r.of("filter-out")
    assert filtered["node"] == "b" and "edge" not in filtered
    assert r.ledger["filtered"] == 1
    assert [e for e in r.events if e["node"] in ROUTING_RULES] == []


def test_the_example_sends_every_order_to_exactly_one_of_its_two_rules():
    """The example's patterns split orders at 500 ("Numeric matching"): each order reaches
    the review queue or the small-order function, never both, never neither."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    sim = simulation(doc)
    handled = capture_arrivals(sim, "small-order-handler")
    r = finish(sim)
    assert r.ledger["unaccounted"] == 0
    orders = {e["origin"] for e in r.of("publish", "checkout")}
    to_review = [e["origin"] for e in r.of("deliver", "review")]
    to_lambda = [e["origin"] for e in r.of("deliver", "small-order-handler")]
    assert len(orders) == 100
    assert (len(to_review), len(to_lambda)) == (56, 44)
    assert sorted(to_review + to_lambda) == sorted(orders)
    assert all(json.loads(c.body)["detail"]["amount"] >= 500 for c in stored(r, "review"))
    assert all(c.payload["detail"]["amount"] < 500 for c in handled)
    # The function receives the transformer's output, not the event.
    first = json.loads(handled[0].body)
    assert first == {
        "orderId": handled[0].payload["detail"]["orderId"],
        "amount": handled[0].payload["detail"]["amount"],
        "rule": "small-orders",
    }
    assert r.metrics("orders-bus")["MatchedEvents"] == 100
    assert r.metrics("every-minute")["TriggeredRules"] == 3  # at 60, 120 and 180 s


def test_a_disabled_rule_matches_nothing():
    """ "Amazon EventBridge rules": a DISABLED rule does not match events."""
    doc = diagram(
        [bus("b"), rule("r", {"source": ["shop.orders"]}, State="DISABLED"), queue("q")],
        [on_bus("b", "r"), target("r", "q")],
    )
    r = injected(doc, [order(1), order(2)])
    assert r.ledger["filtered"] == 2 and r.ledger["in_queues"] == 0
    assert r.metrics("r")["MatchedEvents"] == 0


def test_a_rule_fans_out_to_each_target():
    """ "Targets in Amazon EventBridge": a rule sends each matching event to every target."""
    doc = diagram(
        [bus("b"), rule("r", {"source": ["shop.orders"]}), queue("q1"), queue("q2"), queue("q3")],
        [on_bus("b", "r"), target("r", "q1"), target("r", "q2"), target("r", "q3")],
    )
    r = injected(doc, [order(1)])
    assert [len(bodies(r, q)) for q in ("q1", "q2", "q3")] == [1, 1, 1]
    ids = {e["message"] for e in r.of("deliver") if e["node"].startswith("q")}
    assert len(ids) == 3
    assert r.ledger["copies"] == 2
    assert r.metrics("r")["Invocations"] == 3


def test_more_than_five_targets_per_rule_are_refused():
    """ "Amazon EventBridge quotas": a rule has at most 5 targets."""
    queues = [queue(f"q{i}") for i in range(6)]
    doc = diagram(
        [bus("b"), rule("r", {"source": ["x"]}), *queues],
        [on_bus("b", "r")] + [target("r", f"q{i}") for i in range(6)],
    )
    assert problems(doc) == [("edges[6]", "too_many_targets")]


# --- input transformers ----------------------------------------------------------------
EC2_EVENT = {
    "version": "0",
    "id": "7bf73129-1428-4cd3-a780-95db273d1602",
    "detail-type": "EC2 Instance State-change Notification",
    "source": "aws.ec2",
    "account": "123456789012",
    "time": "2015-11-11T21:29:54Z",
    "region": "us-east-1",
    "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
    "detail": {"instance-id": "i-0123456789", "state": "RUNNING", "tags": {"team": "a"}},
}
EC2_PATHS = {"instance": "$.detail.instance-id", "state": "$.detail.state", "tags": "$.detail.tags"}


def render(template: str, paths: dict | None = None) -> str:
    transformer = InputTransformer({"InputPathsMap": paths or EC2_PATHS, "InputTemplate": template})
    variables = transformer.variables(
        EC2_EVENT,
        rule_arn="arn:aws:events:us-east-1:123456789012:rule/r",
        rule_name="r",
        ingestion_time="2026-01-01T00:00:00.000Z",
    )
    return transformer.render(variables)


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # "Input transform examples": variables outside quotes are JSON values.
        (
            '{"instance": <instance>, "state": [9, <state>, true], "Transformed": "Yes"}',
            '{"instance": "i-0123456789", "state": [9, "RUNNING", true], "Transformed": "Yes"}',
        ),
        # A JSON-string template: text substitution, and the target gets the text.
        ('"instance <instance> is in <state>"', "instance i-0123456789 is in RUNNING"),
        # A plain-text template: values outside quotes keep their JSON quotes.
        ("instance <instance> is in <state>", 'instance "i-0123456789" is in "RUNNING"'),
        # An object inside a string loses its inner quotes; outside it stays JSON.
        ('{"t": "tags <tags>", "raw": <tags>}', '{"t": "tags {team:a}", "raw": {"team":"a"}}'),
        # Predefined variables.
        (
            '{"rule": "<aws.events.rule-name>", "arn": <aws.events.rule-arn>, '
            '"at": "<aws.events.event.ingestion-time>"}',
            '{"rule": "r", "arn": "arn:aws:events:us-east-1:123456789012:rule/r", '
            '"at": "2026-01-01T00:00:00.000Z"}',
        ),
    ],
    ids=["json-values", "string-template", "text-template", "objects", "predefined"],
)
def test_input_transformer_substitutes_as_the_documentation_shows(template, expected):
    """ "Amazon EventBridge input transformation": placeholders in and out of quotes, and the
    predefined aws.events.* variables."""
    assert render(template) == expected


def test_input_transformer_event_variables_and_missing_paths():
    """ "Predefined variables": <aws.events.event> is the event without detail, and
    <aws.events.event.json> the whole event; a path the event lacks creates no variable
    ("Tutorial: Use input transformer"), so its placeholder disappears."""
    out = json.loads(render('{"e": <aws.events.event>, "all": <aws.events.event.json>}'))
    assert "detail" not in out["e"] and out["e"]["id"] == EC2_EVENT["id"]
    assert out["all"] == EC2_EVENT
    assert render('{"x": "[<gone>]"}', {"gone": "$.detail.nothing"}) == '{"x": "[]"}'
    assert render('{"first": <r>}', {"r": "$.resources[0]"}) == (
        '{"first": "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"}'
    )


def test_a_target_receives_the_transformed_input_and_the_producer_payload_stays():
    """ "Amazon EventBridge input transformation": the transformed text is sent instead of
    the event; the engine keeps the producer's payload for failWhen patterns."""
    transformer = {
        "InputPathsMap": {"amount": "$.detail.amount"},
        "InputTemplate": '{"amount": <amount>, "rule": "<aws.events.rule-arn>"}',
    }
    doc = diagram(
        [bus("b", "orders"), rule("r", {"source": ["shop.orders"]}), queue("q")],
        [on_bus("b", "r"), target("r", "q", InputTransformer=transformer)],
    )
    r = injected(doc, [order(7)])
    [copy] = stored(r, "q")
    assert json.loads(copy.body) == {
        "amount": 7,
        "rule": "arn:aws:events:us-east-1:123456789012:rule/orders/r",
    }
    assert copy.payload == order(7)


def paths_map(**paths) -> dict:
    return {"InputTemplate": "x", "InputPathsMap": paths}


@pytest.mark.parametrize(
    ("transformer", "where", "code"),
    [
        ({"InputTemplate": '{"<a>": 1}', "InputPathsMap": {"a": "$.x"}}, "", "placeholder_key"),
        (paths_map(a="detail.x"), "Map.a", "invalid_path"),
        (paths_map(a="$['x']"), "Map.a", "invalid_path"),
        (paths_map(**{"aws.x": "$.x"}), "Map.aws.x", "invalid_name"),
        ({"InputPathsMap": {}}, "", "required"),
        (paths_map(**{f"v{i}": "$" for i in range(101)}), "Map", "too_many"),
    ],
    ids=["key", "no-dollar", "brackets", "reserved-name", "no-template", "101-variables"],
)
def test_input_transformer_problems_have_paths(transformer, where, code):
    """API reference "InputTransformer": at most 100 variables, dot-notation JSON paths,
    a required template whose placeholders are never object keys."""
    doc = diagram(
        [bus("b"), rule("r", {"source": ["x"]}), queue("q")],
        [on_bus("b", "r"), target("r", "q", InputTransformer=transformer)],
    )
    field = "InputPathsMap" + where[3:] if where.startswith("Map") else "InputTemplate"
    assert (f"edges[1].props.InputTransformer.{field}", code) in problems(doc)


# --- retries and dead-letter queues ----------------------------------------------------
def dlq_doc(*, dlq: str | None = "dlq", retry: dict | None = None, fifo_dlq: bool = False) -> dict:
    props = {}
    if dlq:
        props["DeadLetterConfig"] = {"Arn": dlq}
    if retry:
        props["RetryPolicy"] = retry
    dlq_props = {"FifoQueue": True, "QueueName": "dlq.fifo"} if fifo_dlq else {}
    return diagram(
        [
            bus("b"),
            rule("r", {"source": ["shop.orders"]}),
            queue("small", MaximumMessageSize=1024),
            queue("dlq", **dlq_props),
        ],
        [on_bus("b", "r"), target("r", "small", "t", **props)],
    )


def test_a_non_retriable_refusal_goes_straight_to_the_target_dlq():
    """ "Using dead-letter queues to process undelivered events": an event the target
    refuses for good (SQS's MessageTooLong) is not retried and lands in the DLQ with the
    RULE_ARN, TARGET_ARN, ERROR_CODE and ERROR_MESSAGE attributes."""
    r = injected(dlq_doc(), [order(1, note="x" * 2000)])
    assert r.of("retry") == []
    [moved] = r.of("dead-letter")
    assert (moved["node"], moved["target"], moved["edge"]) == ("r", "dlq", "t")
    [copy] = stored(r, "dlq")
    assert copy.attributes["ERROR_CODE"]["Value"] == "MessageTooLong"
    assert copy.attributes["RULE_ARN"]["Value"] == "arn:aws:events:us-east-1:123456789012:rule/r"
    assert copy.attributes["TARGET_ARN"]["Value"] == "arn:aws:sqs:us-east-1:123456789012:small"
    assert copy.attributes["RETRY_ATTEMPTS"]["Value"] == "0"
    assert json.loads(copy.body)["detail"]["amount"] == 1
    assert r.ledger["dead_lettered"] == 1
    m = r.metrics("r")
    assert (m["Invocations"], m["FailedInvocations"], m["InvocationsSentToDlq"]) == (1, 1, 1)


def test_without_a_dlq_a_refused_event_is_dropped():
    """ "How EventBridge retries delivering events": an event that cannot be delivered is
    dropped unless the target has a dead-letter queue."""
    r = injected(dlq_doc(dlq=None), [order(1, note="x" * 2000)])
    [drop] = r.of("drop")
    assert (drop["node"], drop["reason"]) == ("small", "MessageTooLong")
    assert r.ledger["dropped"] == 1


def test_a_throttled_kinesis_target_is_retried_with_backoff_until_it_takes_the_event():
    """ "How EventBridge retries delivering events": throttling is retriable; EventBridge
    retries with exponential backoff and jitter. A one-shard stream takes 1,000 records a
    second ("Kinesis Data Streams quotas"), so a burst of 1,200 needs retries; the stream's
    partition key is the event id when no KinesisParameters are set."""
    doc = diagram(
        [
            producer(
                "p",
                arrival="burst",
                burst={"size": 1200, "every": 1000},
                count=1200,
                payload=order("{{int 1 9}}"),
            ),
            bus("b"),
            rule("r", {"source": ["shop.orders"]}),
            node("s", "kinesis.stream", {"ShardCount": 1}),
        ],
        [publish("p", "b"), on_bus("b", "r"), target("r", "s", "t")],
    )
    r = run(doc, 30)
    assert r.ledger["unaccounted"] == 0
    retries = r.of("retry", "r")
    # 200 events over the first second's 1,000; a retry that still falls inside that
    # second is throttled again and waits longer.
    assert len([e for e in retries if e["attempt"] == 2]) == 200
    for e in retries:
        ceiling = 2.0 ** (e["attempt"] - 2)
        assert ceiling / 2 <= e["after"] <= ceiling and e["error"] == THROTTLED
    assert r.ledger["in_streams"] == 1200
    puts = r.of("put-record", "s")
    assert all(UUID4.fullmatch(e["partitionKey"]) for e in puts)
    m = r.metrics("r")
    assert (m["Invocations"], m["FailedInvocations"]) == (1200, 0)
    assert m["InvocationAttempts"] == 1200 + len(retries)


def always_throttled(sim, node_id: str) -> list[float]:
    """Make `node_id` refuse every delivery with a retriable error; returns attempt times."""
    seen: list[float] = []

    def accept(copy, *, edge=None):
        seen.append(sim.now)
        return THROTTLED

    sim.resources[node_id].accept = accept
    return seen


def test_retries_follow_the_backoff_schedule_until_maximum_retry_attempts():
    """ "RetryPolicy": after MaximumRetryAttempts retries the event goes to the DLQ, marked
    with the exhausted condition; the waits grow exponentially, with jitter."""
    sim = simulation(dlq_doc(retry={"MaximumRetryAttempts": 4}))
    attempts = always_throttled(sim, "small")
    sim.inject("b", order(1))
    r = finish(sim, 100)
    assert_balanced(r.ledger)
    assert len(attempts) == 5
    waits = [b - a for a, b in pairwise(attempts)]
    for n, wait in enumerate(waits, 1):
        ceiling = 2.0 ** (n - 1)
        assert ceiling / 2 <= wait <= ceiling + 1e-9
    [copy] = stored(r, "dlq")
    assert copy.attributes["EXHAUSTED_RETRY_CONDITION"]["Value"] == "MaximumRetryAttempts"
    assert copy.attributes["RETRY_ATTEMPTS"]["Value"] == "4"
    assert r.metrics("r")["InvocationsSentToDlq"] == 1


def test_retries_stop_at_the_maximum_event_age():
    """ "RetryPolicy": MaximumEventAgeInSeconds ends retries even with attempts left; the
    event moves to the DLQ when it reaches that age."""
    sim = simulation(dlq_doc(retry={"MaximumEventAgeInSeconds": 60}))
    attempts = always_throttled(sim, "small")
    sim.inject("b", order(1))
    sim.run(59.9)
    assert sim.ledger()["in_flight"] == 1 and sim.ledger()["unaccounted"] == 0
    r = finish(sim, 200)
    assert_balanced(r.ledger)
    assert attempts[-1] < 60
    [moved] = r.of("dead-letter")
    assert moved["t"] == 60.0
    [copy] = stored(r, "dlq")
    assert copy.attributes["EXHAUSTED_RETRY_CONDITION"]["Value"] == "MaximumEventAgeInSeconds"


def test_default_backoff_stays_under_its_cap():
    """The engine's schedule (AWS publishes none): equal jitter capped at 600 s, so 185
    retries take about a day, matching the default "24 hours and up to 185 times"."""
    rng = random.Random(5)
    waits = [backoff(n, rng) for n in range(1, 186)]
    assert all(w <= BACKOFF_CAP for w in waits)
    assert 20 * 3600 < sum(waits) < 26 * 3600


def test_a_fifo_dead_letter_queue_is_refused():
    """ "Using dead-letter queues to process undelivered events": the DLQ must be a
    standard SQS queue."""
    assert problems(dlq_doc(fifo_dlq=True)) == [
        ("edges[1].props.DeadLetterConfig.Arn", "fifo_dead_letter")
    ]


def test_retry_policy_bounds_are_checked():
    """ "RetryPolicy": MaximumRetryAttempts 0..185, MaximumEventAgeInSeconds 60..86,400."""
    found = problems(dlq_doc(retry={"MaximumRetryAttempts": 186, "MaximumEventAgeInSeconds": 59}))
    assert found == [
        ("edges[1].props.RetryPolicy.MaximumRetryAttempts", "out_of_range"),
        ("edges[1].props.RetryPolicy.MaximumEventAgeInSeconds", "out_of_range"),
    ]


# --- schedules -------------------------------------------------------------------------
def scheduled(expression: str, *, on: str | None = "default-bus", name: str | None = None) -> dict:
    nodes = [rule("tick", ScheduleExpression=expression), queue("q")]
    edges = [target("tick", "q")]
    if on:
        nodes.append(bus(on, name))
        edges.append(on_bus(on, "tick"))
    return diagram(nodes, edges)


@pytest.mark.parametrize(
    ("expression", "until", "expected"),
    [
        ("rate(5 minutes)", 1200, [300, 600, 900, 1200]),
        ("rate(1 hour)", 7200, [3600, 7200]),
        ("cron(0/5 * * * ? *)", 1200, [300, 600, 900, 1200]),
        ("cron(0 10 * * ? *)", 2 * 86400, [36000, 122400]),
        # 2026-01-01 is a Thursday: the first weekday 18:00 after it that is a Monday is the 5th.
        ("cron(0 18 ? * MON *)", 7 * 86400, [4 * 86400 + 18 * 3600]),
    ],
)
def test_scheduled_rules_fire_at_their_simulated_times(expression, until, expected):
    """ "Rate expressions reference" / "Cron expressions reference": a rate starts when
    the rule is created (time 0); cron times are UTC on the simulated calendar."""
    r = run(scheduled(expression), until)
    assert r.ledger["unaccounted"] == 0
    assert times(r, "publish", "tick") == expected
    assert len(stored(r, "q")) == len(expected)


def test_a_scheduled_event_has_the_scheduled_event_shape():
    """ "Creating a rule that runs on a schedule": source aws.events, detail-type Scheduled
    Event, the rule's ARN in resources, an empty detail."""
    r = run(scheduled("rate(1 minute)", on=None), 60)
    assert r.ledger["unaccounted"] == 0
    [event] = bodies(r, "q")
    assert (event["source"], event["detail-type"], event["detail"]) == (
        "aws.events",
        "Scheduled Event",
        {},
    )
    assert event["resources"] == ["arn:aws:events:us-east-1:123456789012:rule/tick"]
    assert event["time"] == "2026-01-01T00:01:00Z"


def test_a_disabled_scheduled_rule_does_not_fire():
    """ "Amazon EventBridge rules": a DISABLED rule does not run on its schedule."""
    doc = scheduled("rate(1 minute)")
    doc["nodes"][0]["props"]["State"] = "DISABLED"
    r = run(doc, 600)
    assert r.ledger["unaccounted"] == 0
    assert r.of("publish") == [] and r.ledger["produced"] == 0


def test_a_scheduled_rule_on_a_custom_bus_is_refused():
    """ "Creating a rule that runs on a schedule": scheduled rules are on the default bus."""
    assert problems(scheduled("rate(1 minute)", on="custom", name="orders")) == [
        ("nodes[0].props.ScheduleExpression", "schedule_on_custom_bus")
    ]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("rate(1 minutes)", "must be written rate(1 minute)"),
        ("rate(5 minute)", "must be written rate(5 minutes)"),
        ("rate(0 minutes)", "not a positive whole number"),
        ("rate(2 weeks)", "'weeks' is not a unit"),
        ("cron(0 12 * * *)", "takes 6 fields"),
        ("cron(0 12 * * * *)", "must be '?'"),
        ("cron(0 12 ? * ? *)", "must be '?'"),
        ("cron(60 * * * ? *)", "minutes: 60 is not in 0..59"),
        ("cron(0 24 * * ? *)", "hours: 24 is not in 0..23"),
        ("cron(0 0 32 * ? *)", "day-of-month: 32 is not in 1..31"),
        ("cron(0 0 ? * 8 *)", "day-of-week: 8 is not in 1..7"),
        ("cron(0 0 ? * 2#1,3 *)", "'#' must be the only expression"),
        ("cron(0 0 ? * 2/2 *)", "'/' is not allowed"),
        ("cron(0 0 * * ? 2300)", "year: 2300 is not in 1970..2199"),
        ("every 5 minutes", "is not a schedule"),
    ],
)
def test_bad_schedule_expressions_are_refused_with_their_path(expression, message):
    """ "Rate expressions reference" / "Cron expressions reference": units agree with the
    value, cron has six fields with `?` in exactly one day field, values in range."""
    with pytest.raises(ScheduleError, match=re.escape(message)):
        parse_schedule(expression)
    assert problems(scheduled(expression)) == [
        ("nodes[0].props.ScheduleExpression", "invalid_schedule")
    ]


@pytest.mark.parametrize(
    ("expression", "first"),
    [
        ("cron(15 10 ? * 6L 2026)", "2026-01-30T10:15"),  # the last Friday of January
        ("cron(0 0 LW * ? *)", "2026-01-30T00:00"),  # the last weekday: 31 Jan is a Saturday
        ("cron(0 9 ? * 3#2 *)", "2026-01-13T09:00"),  # the second Tuesday
        ("cron(0 8 1W FEB ? *)", "2026-02-02T08:00"),  # 1 Feb 2026 is a Sunday: Monday the 2nd
        ("cron(0 0 L * ? *)", "2026-01-31T00:00"),
    ],
)
def test_cron_l_w_and_hash_pick_the_documented_days(expression, first):
    """ "Cron expressions reference": L is the last day, W the nearest weekday, # the nth
    weekday of the month."""
    from engine.runtime.templates import iso_time

    assert iso_time(parse_schedule(expression).next_after(0.0)).startswith(first)


def test_a_rule_needs_a_pattern_or_a_schedule():
    """ "PutRule": a rule has an EventPattern, a ScheduleExpression, or both."""
    doc = diagram([bus("b"), rule("r"), queue("q")], [on_bus("b", "r"), target("r", "q")])
    assert problems(doc) == [("nodes[1].props", "required")]


def test_an_account_has_one_default_bus():
    """ "Event buses in Amazon EventBridge": each account has one default event bus."""
    doc = diagram([bus("b1"), bus("b2", "default"), bus("c1", "orders"), bus("c2", "orders")], [])
    assert problems(doc) == [
        ("nodes[1].props.Name", "duplicate_bus"),
        ("nodes[3].props.Name", "duplicate_bus"),
    ]


def test_a_fifo_queue_target_needs_its_message_group_and_content_based_deduplication():
    """ "AWS::Events::Rule SqsParameters" and the EventBridge API's Target: a FIFO queue
    target needs SqsParameters.MessageGroupId, and the queue content-based deduplication;
    SqsParameters apply to SQS targets only; a FIFO topic is no rule target."""

    def doc(target_props, **queue_props):
        fifo = queue("q", FifoQueue=True, QueueName="q.fifo", **queue_props)
        return diagram(
            [bus("b"), rule("r", {"source": ["x"]}), fifo, function("f")],
            [on_bus("b", "r"), target("r", "q", **target_props)],
        )

    assert problems(doc({})) == [("edges[1].props.SqsParameters", "fifo_target")]
    assert problems(doc({"SqsParameters": {"MessageGroupId": "g"}})) == [
        ("edges[1].props.SqsParameters", "fifo_target")
    ]
    ok = {"SqsParameters": {"MessageGroupId": "g"}}
    assert problems(doc(ok, ContentBasedDeduplication=True)) == []
    bad = {"SqsParameters": {"MessageGroupId": "x" * 101}}
    assert problems(doc(bad, ContentBasedDeduplication=True)) == [
        ("edges[1].props.SqsParameters.MessageGroupId", "out_of_range")
    ]
    to_lambda = diagram(
        [bus("b"), rule("r", {"source": ["x"]}), function("f")],
        [on_bus("b", "r"), target("r", "f", SqsParameters={"MessageGroupId": "g"})],
    )
    assert problems(to_lambda) == [("edges[1].props.SqsParameters", "not_applicable")]
    fifo_topic = diagram(
        [bus("b"), rule("r", {"source": ["x"]}), topic("t", FifoTopic=True, TopicName="t.fifo")],
        [on_bus("b", "r"), target("r", "t")],
    )
    assert problems(fifo_topic) == [("edges[1]", "fifo_target")]


def test_events_reach_a_fifo_queue_in_their_message_group_in_order():
    doc = diagram(
        [
            producer("p", count=20, rate=20, payload=order(10, orderId="{{seq}}")),
            bus("b", "orders"),
            rule("r", {"source": ["shop.orders"]}),
            queue("q", FifoQueue=True, QueueName="q.fifo", ContentBasedDeduplication=True),
        ],
        [
            publish("p", "b"),
            on_bus("b", "r"),
            target("r", "q", SqsParameters={"MessageGroupId": "orders"}),
        ],
    )
    r = run(doc, 10)
    held = stored(r, "q")
    assert {c.group for c in held} == {"orders"}
    assert [json.loads(c.body)["detail"]["orderId"] for c in held] == list(range(1, 21))
    assert r.metrics("q")["NumberOfMessagesSent"] == 20
    assert_balanced(r.ledger)


# --- other senders ---------------------------------------------------------------------
def test_lambda_destination_records_arrive_as_lambda_events():
    """ "Introducing AWS Lambda Destinations": a bus destination receives source "lambda"
    and detail-type "Lambda Function Invocation Result - Success", the record as detail."""
    doc = diagram(
        [
            producer("p", count=1, payload={"orderId": 1}),
            topic("t"),
            function("f"),
            bus("b"),
            rule("r", {"source": ["lambda"], "detail-type": [{"suffix": "Success"}]}),
            queue("q"),
        ],
        [
            publish("p", "t"),
            subscription("t", "f"),
            destination("f", "b", "OnSuccess"),
            on_bus("b", "r"),
            target("r", "q"),
        ],
    )
    r = run(doc, 10)
    assert r.ledger["unaccounted"] == 0
    [event] = bodies(r, "q")
    assert event["detail-type"] == "Lambda Function Invocation Result - Success"
    assert event["detail"]["requestContext"]["condition"] == "Success"
    assert event["resources"][0] == "arn:aws:events:us-east-1:123456789012:event-bus/default"


def test_a_functions_output_that_is_not_an_entry_is_wrapped():
    """A simulated function has no code to build a PutEvents entry: its output becomes the
    detail of an event from the function ("PutEvents")."""
    doc = diagram(
        [
            producer("p", count=1, payload={"orderId": 3}),
            topic("t"),
            function("f", {"FunctionName": "enrich"}),
            bus("b"),
            rule("r", {"source": ["enrich"]}),
            queue("q"),
        ],
        [
            publish("p", "t"),
            subscription("t", "f"),
            publish("f", "b"),
            on_bus("b", "r"),
            target("r", "q"),
        ],
    )
    r = run(doc, 10)
    assert r.ledger["unaccounted"] == 0
    [event] = bodies(r, "q")
    assert (event["source"], event["detail-type"], event["detail"]) == (
        "enrich",
        "Function Output",
        {"orderId": 3},
    )


def test_a_rule_can_forward_events_to_another_bus():
    """ "Sending and receiving events between event buses": a bus target gets the event
    itself, which the second bus's rules match again; the event keeps its id."""
    doc = diagram(
        [
            bus("a", "orders"),
            rule("fwd", {"source": ["shop.orders"]}),
            bus("b", "audit"),
            rule("audit-all", {"detail-type": ["OrderPlaced"]}),
            queue("q"),
        ],
        [
            on_bus("a", "fwd"),
            target("fwd", "b"),
            on_bus("b", "audit-all"),
            target("audit-all", "q"),
        ],
    )
    sim = simulation(doc)
    sim.inject("a", order(9))
    r = finish(sim, 5)
    assert_balanced(r.ledger)
    [event] = bodies(r, "q")
    assert [e["node"] for e in r.of("deliver")] == ["a", "fwd", "b", "audit-all", "q"]
    assert event["detail"]["amount"] == 9


def test_a_target_that_would_loop_the_event_back_is_not_invoked():
    """ "Monitoring Amazon EventBridge": DeadLetterInvocations counts targets not invoked
    because the invocation would run the same rule again, in an infinite loop."""
    doc = diagram(
        [bus("b", "orders"), rule("r", {"source": ["shop.orders"]})],
        [on_bus("b", "r"), target("r", "b")],
    )
    r = injected(doc, [order(1)])
    [drop] = r.of("drop")
    assert drop["reason"] == "InfiniteLoop"
    assert r.metrics("r")["DeadLetterInvocations"] == 1
    assert r.ledger["dropped"] == 1


def test_s3_events_reach_the_default_bus_with_their_aws_source():
    """ "Using EventBridge" (S3): S3 sends "Object Created" events with source aws.s3 to the
    default bus, where rules match them like any event."""
    doc = diagram(
        [
            producer("p", count=1, payload={"key": "a.png", "size": 10}),
            node("bucket", "s3.bucket", {"BucketName": "uploads"}),
            bus("default"),
            rule("r", {"source": ["aws.s3"], "detail-type": ["Object Created"]}),
            queue("q"),
        ],
        [
            publish("p", "bucket"),
            edge("notification", "bucket", "default", "n"),
            on_bus("default", "r"),
            target("r", "q"),
        ],
    )
    r = run(doc, 5)
    assert r.ledger["unaccounted"] == 0
    [event] = bodies(r, "q")
    assert event["detail"]["object"]["key"] == "a.png"


# --- archives and replays ("Archiving and replaying events in Amazon EventBridge") -------
def _archive_doc(archives, replays, *, fresh_pattern=None):
    entry = {"Source": "shop", "DetailType": "Order", "Detail": {"n": "{{seq}}"}}
    return diagram(
        [
            producer("p", count=6, payload=entry),
            node(
                "bus",
                "eventbridge.bus",
                {"Name": "shop", "Archives": archives},
                {"replays": replays},
            ),
            node("all", "eventbridge.rule", {"EventPattern": {"source": ["shop"]}}),
            node(
                "fresh", "eventbridge.rule", {"EventPattern": fresh_pattern or {"source": ["shop"]}}
            ),
            queue("a"),
            queue("f"),
        ],
        [
            publish("p", "bus"),
            edge("rule", "bus", "all"),
            edge("rule", "bus", "fresh"),
            edge("target", "all", "a"),
            edge("target", "fresh", "f"),
        ],
    )


def test_a_replay_sends_an_archived_time_range_back_marked_with_its_name():
    archives = [
        {"ArchiveName": "orders", "EventPattern": {"detail": {"n": [{"numeric": ["<", 5]}]}}}
    ]
    replays = [
        {
            "ReplayName": "again",
            "ArchiveName": "orders",
            "At": 30,
            "EventStartTime": 1,
            "EventEndTime": 4,
        }
    ]
    sim = simulation(_archive_doc(archives, replays))
    seen = capture_arrivals(sim, "a")
    r = finish(sim, 60)
    assert r.metrics("bus")["ArchivedEvents"] == 4  # n = 1..4 match the archive's pattern
    replayed = [json.loads(c.body) for c in seen if "replay-name" in json.loads(c.body)]
    # events archived at 1, 2 and 3 s (the producer sends one a second from 0 s)
    assert [e["detail"]["n"] for e in replayed] == [2, 3, 4]
    assert {e["replay-name"] for e in replayed} == {"again"}
    assert [e["t"] for e in r.of("replay", "bus")] == [30.0, 30.0, 30.0]
    originals = {json.loads(c.body)["id"] for c in seen if "replay-name" not in json.loads(c.body)}
    assert {e["id"] for e in replayed} <= originals  # a replayed event keeps its id
    assert r.metrics("f")["NumberOfMessagesSent"] == 6 + 3  # no Rules: every rule gets them
    assert_balanced(r.ledger)


def test_a_replay_to_chosen_rules_and_a_rule_that_leaves_replays_out():
    archives = [{"ArchiveName": "orders"}]
    replays = [{"ReplayName": "backfill", "ArchiveName": "orders", "At": 30, "Rules": ["all"]}]
    r = run(_archive_doc(archives, replays), until=60)
    assert (
        r.metrics("a")["NumberOfMessagesSent"] == 12 and r.metrics("f")["NumberOfMessagesSent"] == 6
    )
    skip = {"source": ["shop"], "replay-name": [{"exists": False}]}
    replays = [{"ReplayName": "backfill", "ArchiveName": "orders", "At": 30}]
    r = run(_archive_doc(archives, replays, fresh_pattern=skip), until=60)
    assert (
        r.metrics("a")["NumberOfMessagesSent"] == 12 and r.metrics("f")["NumberOfMessagesSent"] == 6
    )
    assert r.metrics("bus")["ArchivedEvents"] == 6  # replayed events are not archived again


def test_retention_keeps_old_events_out_of_a_replay():
    archives = [{"ArchiveName": "orders", "RetentionDays": 1}]
    replays = [{"ReplayName": "late", "ArchiveName": "orders", "At": 86_403}]
    doc = _archive_doc(archives, replays)
    r = run(doc, until=86_410)
    assert r.metrics("bus")["ReplayedEvents"] == 3  # events of 0..2 s are past one day


def test_archive_and_replay_problems_have_paths():
    bad = _archive_doc(
        [{"ArchiveName": "bad name!", "RetentionDays": -1, "Other": 1}],
        [{"ReplayName": "r", "ArchiveName": "nope", "At": 10, "EventEndTime": 20, "Rules": ["x"]}],
    )
    with pytest.raises(DiagramError) as caught:
        load_diagram(bad)
    found = {(p.path, p.code) for p in caught.value.problems}
    assert ("nodes[1].props.Archives[0].ArchiveName", "invalid_value") in found
    assert ("nodes[1].props.Archives[0].RetentionDays", "out_of_range") in found
    assert ("nodes[1].props.Archives[0].Other", "unknown_field") in found
    assert ("nodes[1].sim.replays[0].EventEndTime", "out_of_range") in found
    good_archive = _archive_doc(
        [{"ArchiveName": "a"}],
        [{"ReplayName": "r", "ArchiveName": "nope", "At": 10, "Rules": ["x"]}],
    )
    with pytest.raises(DiagramError) as caught:
        load_diagram(good_archive)
    found = {(p.path, p.code) for p in caught.value.problems}
    assert found == {
        ("nodes[1].sim.replays[0].ArchiveName", "unknown_archive"),
        ("nodes[1].sim.replays[0].Rules[0]", "unknown_rule"),
    }


def test_the_archive_replay_example():
    doc = json.loads(
        (Path(engine.__file__).parent / "examples/eventbridge-archive-replay.json").read_text()
    )
    r = run(doc)
    declined = r.metrics("bill-dlq")["NumberOfMessagesSent"]
    assert declined > 0 and r.metrics("bill-failures")["NumberOfMessagesSent"] == declined
    replayed = r.metrics("bus")["ReplayedEvents"]
    assert replayed == 30  # the first minute: one order every 2 s
    assert r.metrics("reports")["NumberOfMessagesSent"] == 40 + replayed
    assert r.metrics("billing")["MatchedEvents"] == 40  # nobody billed twice
    assert_balanced(r.ledger)


# --- SaaS partner event sources ("Receiving events from a SaaS partner") ----------------
def _partner_doc(preset_key: str, *, bus_props: dict | None = None):
    from engine import registry

    preset = next(p for p in registry.PRESETS if p.key == preset_key)
    sim = dict(preset.sim)
    source = sim["payload"]["Source"]
    props = bus_props if bus_props is not None else {"Name": source, "EventSourceName": source}
    return diagram(
        [
            producer("partner", count=20, **{k: v for k, v in sim.items() if k != "count"}),
            node("bus", "eventbridge.bus", props),
            node("all", "eventbridge.rule", {"EventPattern": {"source": [source]}}),
            queue("q"),
        ],
        [publish("partner", "bus"), edge("rule", "bus", "all"), edge("target", "all", "q")],
    )


@pytest.mark.parametrize(
    "key", ["producer:zendesk", "producer:stripe", "producer:shopify", "producer:auth0"]
)
def test_each_partner_preset_puts_its_events_on_its_partner_bus(key):
    sim = simulation(_partner_doc(key))
    seen = capture_arrivals(sim, "q")
    r = finish(sim, 60)
    assert r.metrics("bus")["PutEventsFailedEntriesCount"] == 0
    assert r.metrics("q")["NumberOfMessagesSent"] == 20
    event = json.loads(seen[0].body)
    assert event["source"].startswith("aws.partner/")
    assert event["detail-type"] and isinstance(event["detail"], dict)
    assert_balanced(r.ledger)


def test_a_custom_bus_refuses_a_partners_aws_source():
    r = run(_partner_doc("producer:zendesk", bus_props={"Name": "tickets"}), until=60)
    assert r.metrics("bus")["PutEventsFailedEntriesCount"] == 20
    assert r.metrics("q")["NumberOfMessagesSent"] == 0


def test_a_partner_bus_is_named_after_its_event_source():
    source = "aws.partner/zendesk.com/1234567890/default"
    doc = _partner_doc("producer:zendesk", bus_props={"Name": "tickets", "EventSourceName": source})
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    assert {(p.path, p.code) for p in caught.value.problems} == {
        ("nodes[1].props.Name", "partner_bus_name")
    }
    doc = _partner_doc("producer:zendesk", bus_props={"Name": source})
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    assert {p.code for p in caught.value.problems} == {"required"}


def test_the_saas_partner_example():
    doc = json.loads(
        (Path(engine.__file__).parent / "examples/saas-partner-events.json").read_text()
    )
    r = run(doc)
    urgent = r.metrics("urgent")["MatchedEvents"]
    assert 0 < urgent < 60
    assert r.metrics("pager")["NumberOfMessagesSent"] == urgent
    assert r.metrics("crm-sync")["Invocations"] == 60
    assert_balanced(r.ledger)


# --- API destinations -----------------------------------------------------------------
def api_destination(node_id="hook", rate=300, error_rate=0.0):
    return node(
        node_id,
        "eventbridge.apidestination",
        {"InvocationEndpoint": "https://hooks.example.com/x", "InvocationRateLimitPerSecond": rate},
        {"errorRate": error_rate},
    )


def test_an_api_destination_holds_its_rate_and_the_rule_retries_what_waits():
    """ "API destinations": at most InvocationRateLimitPerSecond requests a second; the
    events over it are retried by the rule, not lost."""
    doc = diagram(
        [
            producer(
                "p", arrival="burst", burst={"size": 20, "every": 1000}, count=20, payload=order(5)
            ),
            bus("b", "orders"),
            rule("r", {"source": ["shop.orders"]}),
            api_destination(rate=5),
        ],
        [publish("p", "b"), on_bus("b", "r"), target("r", "hook")],
    )
    r = run(doc, 120)
    assert_balanced(r.ledger)
    sent = [e["t"] for e in r.of("deliver", "hook")]
    assert len(sent) == 20
    per_second: dict[int, int] = {}
    for t in sent:
        per_second[int(t)] = per_second.get(int(t), 0) + 1
    assert max(per_second.values()) <= 5
    m = r.metrics("hook")
    assert m["Invocations"] == 20 and m["InvocationsThrottled"] > 0
    assert r.ledger["processed"] >= 20


def test_an_endpoint_that_fails_is_retried_then_dead_lettered():
    doc = diagram(
        [
            producer("p", count=10, rate=1, payload=order(5)),
            bus("b", "orders"),
            rule("r", {"source": ["shop.orders"]}),
            api_destination(error_rate=1.0),
            queue("dlq"),
        ],
        [
            publish("p", "b"),
            on_bus("b", "r"),
            target(
                "r",
                "hook",
                RetryPolicy={"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 3600},
                DeadLetterConfig={"Arn": "dlq"},
            ),
        ],
    )
    r = run(doc, 200)
    assert_balanced(r.ledger)
    assert r.metrics("hook")["InvocationsFailed"] == 30  # each event: 1 try and 2 retries
    assert len(stored(r, "dlq")) == 10
