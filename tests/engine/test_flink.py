"""Managed Service for Apache Flink ("Windows" of Flink's DataStream API, the Kinesis
connector's polling, CloudWatch's `millisBehindLatest`): processing-time tumbling, sliding
and session windows keyed by a payload path, the five aggregates, one result per key per
window to every sink, throughput bounded by parallelism, Kafka sources, and the checks."""

from __future__ import annotations

import json

import pytest

from engine.services.flink.windows import Aggregate, windows_of
from tests.engine.builders import (
    assert_balanced,
    diagram,
    edge,
    event_source,
    fixed_ms,
    function,
    node,
    problem_codes,
    producer,
    publish,
    run,
)


def stream(node_id="s", shards=1):
    return node(node_id, "kinesis.stream", {"Name": node_id, "ShardCount": shards})


def app(node_id="f", **sim):
    return node(node_id, "flink.application", {"ApplicationName": node_id}, sim)


def pipeline(producer_node, application, *, source=None, sink=None):
    source = source or stream()
    sink = sink or stream("out")
    return diagram(
        [producer_node, source, application, sink],
        [
            publish(producer_node["id"], source["id"]),
            event_source(source["id"], application["id"], StartingPosition="TRIM_HORIZON"),
            publish(application["id"], sink["id"]),
        ],
    )


def results(r, sink="out"):
    """What the application emitted, in order: the payloads of the sink's puts."""
    by_id = {}
    for copy in r.sim.resources[sink].store.shards[0].records:
        by_id[copy.id] = json.loads(copy.body)
    return list(by_id.values())


def test_windows_are_aligned_and_slide():
    assert windows_of({"type": "tumbling", "size": 10}, 12.5) == [(10.0, 20.0)]
    assert windows_of({"type": "tumbling", "size": 10}, 20.0) == [(20.0, 30.0)]
    sliding = windows_of({"type": "sliding", "size": 10, "slide": 5}, 12.5)
    assert sliding == [(5.0, 15.0), (10.0, 20.0)]
    assert windows_of({"type": "sliding", "size": 10, "slide": 2.5}, 10.0) == [
        (2.5, 12.5),
        (5.0, 15.0),
        (7.5, 17.5),
        (10.0, 20.0),
    ]


def test_aggregates_skip_values_that_are_not_numbers():
    values = [3, 1.5, "x", None, True, 7]
    found = {}
    for op in ("count", "sum", "avg", "min", "max"):
        aggregate = Aggregate(op)
        for value in values:
            aggregate.add(value)
        found[op] = aggregate.result()
    assert found == {"count": 6, "sum": 11.5, "avg": 11.5 / 3, "min": 1.5, "max": 7}
    assert Aggregate("avg").result() is None


def test_a_tumbling_window_emits_one_count_per_key_when_it_ends():
    doc = pipeline(
        producer("p", rate=10, count=100, partitionKey="k", payload={"page": "{{choice a b}}"}),
        app(window={"type": "tumbling", "size": 5}, keyBy="page", aggregate={"op": "count"}),
    )
    r = run(doc, until=20)
    out = results(r)
    by_window = {}
    for item in out:
        by_window.setdefault(item["windowStart"], {})[item["key"]] = item["count"]
    assert all(set(keys) <= {"a", "b"} for keys in by_window.values())
    assert sum(item["count"] for item in out) == 100  # every click in exactly one window
    fires = r.of("window-fire", "f")
    assert [e["t"] for e in fires] == [5.0, 10.0, 15.0]
    m = r.metrics("f")
    assert m["numRecordsIn"] == 100 and m["numRecordsOut"] == len(out)
    assert_balanced(r.ledger)


def test_sliding_windows_count_each_record_in_every_window_it_falls_in():
    doc = pipeline(
        producer("p", rate=10, count=40, partitionKey="k"),
        app(window={"type": "sliding", "size": 4, "slide": 2}, aggregate={"op": "count"}),
    )
    r = run(doc, until=20)
    out = results(r)
    assert {item["key"] for item in out} == {"all"}  # no keyBy: one key
    assert sum(item["count"] for item in out) == 80  # size / slide = 2 windows each


def test_a_session_closes_after_the_gap_and_sums_a_field():
    doc = pipeline(
        producer(
            "p",
            arrival="burst",
            burst={"size": 5, "every": 10},
            count=10,
            partitionKey="k",
            payload={"user": "u1", "amount": 4},
        ),
        app(
            window={"type": "session", "gap": 3},
            keyBy="user",
            aggregate={"op": "sum", "field": "amount"},
        ),
    )
    r = run(doc, until=30)
    out = results(r)
    assert [(item["key"], item["sum"], item["records"]) for item in out] == [
        ("u1", 20.0, 5),
        ("u1", 20.0, 5),
    ]
    first, second = (e["t"] for e in r.of("window-fire", "f"))
    assert 3.0 <= first < 4.0 and 13.0 <= second < 14.0  # the gap after each burst


def test_too_little_parallelism_falls_behind_and_more_keeps_up():
    def doc(parallelism):
        return pipeline(
            producer("p", rate=200, count=2000, partitionKey="k-{{int 1 9}}"),
            app(parallelism=parallelism, recordsPerSecond=100),
            source=stream("s", 2),
        )

    behind = run(doc(1), until=10)
    assert behind.metrics("f")["millisBehindLatest"] > 3000
    assert behind.metrics("f")["numRecordsIn"] < 1100
    assert behind.metrics("f")["KPUs"] == 2  # one task, one KPU for orchestration
    keeps_up = run(doc(3), until=10)
    assert keeps_up.metrics("f")["millisBehindLatest"] < 1000
    assert keeps_up.metrics("f")["numRecordsIn"] > 1700


def test_a_kafka_source_and_a_function_sink():
    topic = node("t", "kafka.topic", {"TopicName": "t", "NumPartitions": 2})
    doc = diagram(
        [
            producer("p", rate=20, count=40, partitionKey="k-{{int 1 4}}", payload={"v": 2}),
            topic,
            app(window={"type": "tumbling", "size": 1}, aggregate={"op": "max", "field": "v"}),
            function("fn", duration=fixed_ms(5)),
        ],
        [
            publish("p", "t"),
            event_source("t", "f", StartingPosition="TRIM_HORIZON"),
            publish("f", "fn"),
        ],
    )
    r = run(doc, until=10)
    assert r.metrics("f")["numRecordsIn"] == 40
    assert r.metrics("fn")["Invocations"] == r.metrics("f")["numRecordsOut"] > 0
    assert_balanced(r.ledger)


@pytest.mark.parametrize(
    ("window", "path"),
    [
        ({"type": "tumbling"}, "sim.window.size"),  # a window without a size
        ({"type": "sliding", "size": 10}, "sim.window.slide"),
        ({"type": "sliding", "size": 5, "slide": 10}, "sim.window.slide"),
        ({"type": "session", "size": 5}, "sim.window.gap"),
        ({"type": "hopping", "size": 5}, "sim.window.type"),
        ({"type": "tumbling", "size": 0}, "sim.window.size"),
    ],
)
def test_a_bad_window_is_a_problem_at_its_path(window, path):
    from engine import DiagramError, load_diagram

    with pytest.raises(DiagramError) as raised:
        load_diagram(diagram([app(window=window)], []))
    assert any(p.path.endswith(path) for p in raised.value.problems), raised.value.problems


def test_checks_of_aggregates_and_sources():
    assert "required" in problem_codes(diagram([app(aggregate={"op": "sum"})], []))
    assert problem_codes(diagram([app(aggregate={"op": "count"})], [])) == set()
    wired = [stream(), app()]
    lambda_only = [
        event_source("s", "f", StartingPosition="LATEST", BisectBatchOnFunctionError=True)
    ]
    assert "not_applicable" in problem_codes(diagram(wired, lambda_only))
    to_queue = [app(), node("q", "sqs.queue")]
    assert "invalid_pair" in problem_codes(diagram(to_queue, [publish("f", "q")]))
    from_queue = [node("q", "sqs.queue"), app()]
    assert "invalid_pair" in problem_codes(diagram(from_queue, [edge("event-source", "q", "f")]))
