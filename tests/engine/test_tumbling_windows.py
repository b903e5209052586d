"""Lambda's tumbling windows on stream event sources ("Using tumbling windows" in "Using
Lambda with Kinesis Data Streams" and "... with DynamoDB"): records belong to the window
their arrival time falls in, a batch never spans two windows, each invocation carries the
window's state so far, and a final invocation closes each window once it is over."""

from __future__ import annotations

from collections import defaultdict

from tests.engine.builders import (
    assert_balanced,
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
)


def _doc(window: int = 10, *, fn_sim: dict | None = None, **esm) -> dict:
    return diagram(
        [
            producer("p", rate=10, partitionKey="k", payload={"n": "{{seq}}"}),
            node("s", "kinesis.stream", {"ShardCount": 1}),
            function("f", {"Timeout": 30}, duration=fixed_ms(100), **(fn_sim or {})),
        ],
        [
            publish("p", "s"),
            edge(
                "event-source",
                "s",
                "f",
                "m",
                StartingPosition="TRIM_HORIZON",
                BatchSize=100,
                TumblingWindowInSeconds=window,
                **esm,
            ),
        ],
    )


def test_each_window_closes_with_a_final_invocation_carrying_its_state():
    r = run(_doc(10), until=35)
    finals = r.of("window-final", "f")
    assert [(f["windowStart"][11:19], f["windowEnd"][11:19]) for f in finals] == [
        ("00:00:00", "00:00:10"),
        ("00:00:10", "00:00:20"),
        ("00:00:20", "00:00:30"),
    ]
    assert [f["state"]["records"] for f in finals] == [100, 100, 100]
    assert all(f["shard"] == "shardId-000000000000" and f["edge"] == "m" for f in finals)
    # each window is closed once its time is up, not before
    assert [f["t"] for f in finals] == sorted(f["t"] for f in finals)
    assert all(f["t"] >= 10 * (i + 1) for i, f in enumerate(finals))
    # the final invocations are invocations (with no records)
    batches = len({e["t"] for e in r.of("success", "f")})  # finished batch invocations
    assert r.metrics("f")["Invocations"] == batches + len(finals)
    assert_balanced(r.ledger)


def test_a_batch_never_spans_two_windows():
    """With a batching window longer than the tumbling window, batches would gather records
    of two windows; they are cut at the window's end instead."""
    r = run(_doc(5, MaximumBatchingWindowInSeconds=8), until=30)
    arrival = {e["message"]: e["t"] for e in r.of("put-record", "s")}
    by_invocation = defaultdict(list)
    for event in r.of("invoke", "f"):
        by_invocation[event["t"]].append(arrival[event["message"]] // 5)
    assert by_invocation and all(len(set(w)) == 1 for w in by_invocation.values())
    assert sum(f["state"]["records"] for f in r.of("window-final", "f")) == sum(
        len(w) for t, w in by_invocation.items() if max(w) < 5
    )


def test_a_failing_final_invocation_is_retried_and_holds_the_shard():
    """The final processing is synchronous: until it succeeds, nothing after it is read.
    With MaximumRetryAttempts 0 a failed window is given up."""
    doc = _doc(10, fn_sim={"errorRate": 1.0}, MaximumRetryAttempts=0)
    r = run(doc, until=25)
    discarded = r.of("window-discarded", "f")
    assert discarded and discarded[0]["state"]["records"] == 0  # every batch failed too
    assert not r.of("window-final", "f")
    retried = run(_doc(10, fn_sim={"errorRate": 1.0}, MaximumRetryAttempts=3), until=40)
    attempts = [e["attempt"] for e in retried.of("window-retry", "f")]
    assert attempts[:3] == [2, 3, 4]
    assert_balanced(retried.ledger)


def test_tumbling_windows_are_for_streams_and_at_most_15_minutes():
    assert "out_of_range" in problem_codes(_doc(901))
    sqs = diagram(
        [producer("p"), queue("q"), function("f")],
        [publish("p", "q"), edge("event-source", "q", "f", TumblingWindowInSeconds=30)],
    )
    assert "not_applicable" in problem_codes(sqs)
    assert "not_applicable" not in problem_codes(_doc(900))
