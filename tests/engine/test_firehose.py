"""Amazon Data Firehose to S3 ("Configure buffering hints", "Transform source data", "Read
from Kinesis Data Streams"): a buffer is delivered as one object when it reaches its size
or its oldest record its interval; a transform's failures go under ErrorOutputPrefix; a
KinesisStreamAsSource stream reads its stream and refuses Direct PUT."""

from __future__ import annotations

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
    run,
)


def _doc(*, rate=10, hints=None, transform=None, fn_sim=None, count=None, pad=0, **props):
    stream_props = {"BufferingHints": hints or {"SizeInMBs": 1, "IntervalInSeconds": 60}, **props}
    sim = {
        "rate": rate,
        "payload": {"n": "{{seq}}", "ok": "{{choice yes yes yes no}}", "pad": "x" * pad},
    }
    if count:
        sim["count"] = count
    nodes = [
        producer("p", **sim),
        node("fh", "firehose.deliverystream", stream_props),
        node("lake", "s3.bucket"),
        function("index", duration=fixed_ms(10)),
    ]
    edges = [
        publish("p", "fh"),
        edge("delivery", "fh", "lake"),
        edge("notification", "lake", "index", Events=["s3:ObjectCreated:*"]),
    ]
    if transform:
        nodes.append(function("clean", duration=fixed_ms(200), **(fn_sim or {})))
        edges.append(edge("transform", "fh", "clean"))
    return diagram(nodes, edges)


def test_the_interval_delivers_a_small_buffer_as_one_object():
    r = run(_doc(rate=10), until=130)
    flushes = r.of("flush", "fh")
    assert [round(f["t"]) for f in flushes] == [60, 120]  # first record at 0 s, 60 s hints
    assert {f["reason"] for f in flushes} == {"interval"}
    assert [f["records"] for f in flushes] == [601, 601]
    assert r.metrics("lake")["NumberOfObjects"] == 2
    assert r.metrics("index")["Invocations"] == 2  # each object raised a notification
    assert r.metrics("fh")["DeliveryToS3.Records"] == 1202
    assert flushes[0]["key"].startswith("2026/01/01/00/fh-1-")
    assert_balanced(r.ledger)


def test_the_size_delivers_before_the_interval():
    hints = {"SizeInMBs": 1, "IntervalInSeconds": 900}
    r = run(_doc(rate=2000, count=4000, pad=1000, hints=hints), until=10)
    flushes = r.of("flush", "fh")
    assert flushes and flushes[0]["reason"] == "size"
    assert flushes[0]["bytes"] >= 1_048_576
    assert r.metrics("fh")["BufferedRecords"] + sum(f["records"] for f in flushes) == 4000
    assert_balanced(r.ledger)


def test_records_the_transform_fails_go_under_the_error_prefix():
    doc = _doc(
        rate=10,
        transform=True,
        fn_sim={"failWhen": {"ok": ["no"]}},
        ErrorOutputPrefix="bad/",
        Prefix="good/",
    )
    r = run(doc, until=61)
    results = {f["result"]: f for f in r.of("flush", "fh")}
    assert results["Ok"]["key"].startswith("good/") and results["ProcessingFailed"][
        "key"
    ].startswith("bad/")
    assert results["Ok"]["records"] + results["ProcessingFailed"]["records"] == 601
    assert 0 < results["ProcessingFailed"]["records"] < 300
    m = r.metrics("fh")
    assert m["SucceedProcessing.Records"] == results["Ok"]["records"]
    assert m["DeliveryToS3.Records"] == results["Ok"]["records"]
    assert_balanced(r.ledger)


def test_a_failing_transform_is_retried_three_times_then_all_its_records_fail():
    doc = _doc(rate=10, transform=True, fn_sim={"errorRate": 1.0})
    r = run(doc, until=70)
    assert [e["attempt"] for e in r.of("retry", "fh")] == [2, 3, 4]
    [flush] = r.of("flush", "fh")
    assert flush["result"] == "ProcessingFailed" and flush["records"] == 601
    assert_balanced(r.ledger)


def test_a_stream_as_source_reads_its_kinesis_stream_and_refuses_direct_put():
    doc = diagram(
        [
            producer("p", rate=20, partitionKey="k-{{int 1 9}}"),
            node("s", "kinesis.stream", {"ShardCount": 1}),
            node(
                "fh",
                "firehose.deliverystream",
                {
                    "DeliveryStreamType": "KinesisStreamAsSource",
                    "BufferingHints": {"IntervalInSeconds": 30},
                },
            ),
            node("lake", "s3.bucket"),
        ],
        [publish("p", "s"), edge("event-source", "s", "fh"), edge("delivery", "fh", "lake")],
    )
    r = run(doc, until=40)
    assert r.metrics("fh")["IncomingRecords"] > 700
    assert r.of("flush", "fh")[0]["records"] > 500
    assert_balanced(r.ledger)
    doc["edges"].append(publish("p", "fh"))
    assert "not_applicable" in problem_codes(doc)


def test_wiring_rules():
    no_bucket = diagram(
        [producer("p"), node("fh", "firehose.deliverystream")], [publish("p", "fh")]
    )
    assert "required" in problem_codes(no_bucket)
    bad_hints = _doc(hints={"SizeInMBs": 129})
    assert "out_of_range" in problem_codes(bad_hints)
    sqs_source = diagram(
        [node("q", "sqs.queue"), node("fh", "firehose.deliverystream"), node("lake", "s3.bucket")],
        [edge("event-source", "q", "fh"), edge("delivery", "fh", "lake")],
    )
    assert "invalid_pair" in problem_codes(sqs_source)
