"""Kinesis Data Streams: placement, limits, retention and Lambda stream mappings.

Each test cites the AWS documentation page whose behaviour it reproduces.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from engine import DiagramError, Simulation, load_diagram
from engine.kinesis import shard_for_partition_key

EXAMPLES = Path(__file__).resolve().parents[2] / "engine" / "examples"


def _doc(nodes, edges, duration=60):
    return {
        "format": "eventyard/1",
        "name": "t",
        "nodes": nodes,
        "edges": edges,
        "sim": {"seed": 3, "duration": duration},
    }


def _node(node_id, node_type, props=None, sim=None):
    return {"id": node_id, "type": node_type, "props": props or {}, "sim": sim or {}}


def _edge(edge_id, kind, source, target, props=None):
    return {"id": edge_id, "kind": kind, "source": source, "target": target, "props": props or {}}


def _stream_doc(
    *, producer=None, shards=2, esm=None, fn=None, extra_nodes=(), extra_edges=(), duration=60
):
    nodes = [
        _node(
            "p",
            "producer",
            sim={
                "rate": 10,
                "count": 50,
                "partitionKey": "k-{{int 1 9}}",
                "payload": {"n": "{{seq}}"},
                **(producer or {}),
            },
        ),
        _node("s", "kinesis.stream", {"ShardCount": shards}),
        _node(
            "f",
            "lambda.function",
            {"Timeout": 30},
            {"duration": {"dist": "fixed", "ms": 50}, **(fn or {})},
        ),
        *extra_nodes,
    ]
    edges = [
        _edge("put", "publish", "p", "s"),
        _edge("esm", "event-source", "s", "f", {"StartingPosition": "TRIM_HORIZON", **(esm or {})}),
        *extra_edges,
    ]
    return _doc(nodes, edges, duration)


def _sequences_by(events, field, kind):
    """Sequence numbers of the records that reached `kind` events, grouped by the record's
    `field` (its shard or partition key), in the order the events happened."""
    put = {e["message"]: e for e in events if e["event"] == "put-record"}
    grouped = defaultdict(list)
    for event in events:
        if event["event"] == kind:
            record = put[event["message"]]
            grouped[record[field]].append(int(record["sequence"]))
    return grouped


def _run(doc, until=None):
    sim = Simulation(load_diagram(doc))
    sim.run(until or doc["sim"]["duration"])
    report = sim.report()
    assert report["ledger"]["unaccounted"] == 0
    return sim.drain_events(), report


def test_records_go_to_the_shard_their_partition_key_hashes_to():
    """ "Kinesis Data Streams terminology and concepts": MD5 of the partition key picks the
    shard; the same key always lands on the same shard."""
    events, _ = _run(_stream_doc(shards=4))
    puts = [e for e in events if e["event"] == "put-record"]
    assert len(puts) == 50
    for event in puts:
        expected = shard_for_partition_key(event["partitionKey"], 4)
        assert event["shard"] == f"shardId-{expected:012d}"


def test_sequence_numbers_increase_within_each_shard():
    """Sequence numbers grow over time within a shard ("PutRecord")."""
    events, _ = _run(_stream_doc(shards=3))
    by_shard = defaultdict(list)
    for event in events:
        if event["event"] == "put-record":
            by_shard[event["shard"]].append(int(event["sequence"]))
    assert len(by_shard) == 3
    for numbers in by_shard.values():
        assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_each_shard_is_processed_in_order():
    """ "Using Lambda with Kinesis": records of a shard reach the function in sequence order."""
    events, _ = _run(_stream_doc(shards=2, producer={"rate": 100, "count": 300}))
    invoked = _sequences_by(events, "shard", "invoke")
    assert sum(len(v) for v in invoked.values()) == 300
    for numbers in invoked.values():
        assert numbers == sorted(numbers)


def test_every_consumer_reads_the_whole_stream():
    """ "Kinesis Data Streams": records stay after being read; each consumer reads them all."""
    doc = _stream_doc(
        extra_nodes=[_node("g", "lambda.function", {}, {})],
        extra_edges=[_edge("esm2", "event-source", "s", "g", {"StartingPosition": "TRIM_HORIZON"})],
    )
    events, report = _run(doc)
    for fn in ("f", "g"):
        seen = {e["message"] for e in events if e["event"] == "success" and e["node"] == fn}
        assert len(seen) == 50
    assert report["nodes"]["s"]["metrics"]["GetRecords.Records"] == 100
    assert report["ledger"]["in_streams"] == 50


def test_retention_expires_records_whether_read_or_not():
    """ "Changing the data retention period": records older than the retention are gone."""
    doc = _stream_doc(producer={"count": 5})
    sim = Simulation(load_diagram(doc))
    sim.run(24 * 3600 + 10)
    report = sim.report()
    events = sim.drain_events()
    assert [e["event"] for e in events].count("expire") == 5
    assert report["ledger"]["expired"] == 5 and report["ledger"]["in_streams"] == 0
    assert report["ledger"]["unaccounted"] == 0


def test_hot_shard_throttles_writes_and_the_producer_retries():
    """ "Quotas and limits": a shard takes 1,000 records/s; more fail with
    ProvisionedThroughputExceededException, which SDKs retry with backoff."""
    doc = _stream_doc(
        shards=1,
        producer={
            "arrival": "burst",
            "burst": {"size": 1500, "every": 60},
            "count": 1500,
            "partitionKey": "hot",
            "retries": 4,
        },
    )
    events, report = _run(doc, until=5)
    metrics = report["nodes"]["s"]["metrics"]
    assert metrics["WriteProvisionedThroughputExceeded"] >= 500
    puts = [e["t"] for e in events if e["event"] == "put-record"]
    assert sum(1 for t in puts if t < 1.0) == 1000  # the first second's limit, exactly
    # Retries wait 0.1, 0.2, 0.4 and 0.8 s: only the fourth reaches the next second.
    assert len(puts) == 1500
    assert min(t for t in puts if t >= 1.0) == pytest.approx(1.5)
    assert any(e["event"] == "retry" and e["node"] == "p" for e in events)


def test_write_throttling_without_retries_drops_the_record():
    """Without SDK retries a throttled put is lost to the caller."""
    doc = _stream_doc(
        shards=1,
        producer={
            "arrival": "burst",
            "burst": {"size": 1200, "every": 60},
            "count": 1200,
            "partitionKey": "hot",
            "retries": 0,
        },
    )
    events, report = _run(doc, until=2)
    assert report["ledger"]["dropped"] == 200
    drops = [e for e in events if e["event"] == "drop"]
    assert {e["reason"] for e in drops} == {"ProvisionedThroughputExceededException"}


def test_a_failing_batch_blocks_its_shard_but_not_the_others():
    """ "Using Lambda with Kinesis": a failing batch is retried and its shard waits; other
    shards keep flowing."""
    doc = _stream_doc(
        shards=2,
        producer={"count": 400, "rate": 20},
        fn={"failWhen": {"n": [10]}},
        esm={"BatchSize": 5},
        duration=40,
    )
    events, _ = _run(doc)
    shard_of = {e["message"]: e["shard"] for e in events if e["event"] == "put-record"}
    poison_shard = next(shard_of[e["message"]] for e in events if e["event"] == "error")
    blocked_from = min(e["t"] for e in events if e["event"] == "error")
    other = [
        e
        for e in events
        if e["event"] == "success"
        and e["t"] > blocked_from + 5
        and shard_of[e["message"]] != poison_shard
    ]
    seq_of = {e["message"]: int(e["sequence"]) for e in events if e["event"] == "put-record"}
    poison_seq = seq_of["m-10"]
    # Records before the poison in its batch are processed again on each retry (at least
    # once); nothing after it on its shard gets through.
    stuck = [
        e
        for e in events
        if e["event"] == "success"
        and shard_of[e["message"]] == poison_shard
        and seq_of[e["message"]] > poison_seq
    ]
    assert other, "the healthy shard must keep going"
    assert not stuck, "nothing after the poison record may succeed on its shard"
    assert sum(1 for e in events if e["event"] == "retry") > 10


def test_max_retry_attempts_then_on_failure_destination_describes_the_batch():
    """ "Retaining discarded batches": after MaximumRetryAttempts the batch is skipped and the
    OnFailure destination gets a record describing it (shard and sequence range, no data)."""
    doc = _stream_doc(
        shards=1,
        producer={"count": 30, "rate": 30},
        fn={"failWhen": {"n": [7]}},
        esm={
            "BatchSize": 10,
            "MaximumRetryAttempts": 2,
            "DestinationConfig": {"OnFailure": {"Destination": "dlq"}},
        },
        extra_nodes=[_node("dlq", "sqs.queue")],
        duration=30,
    )
    sim = Simulation(load_diagram(doc))
    sim.run(30)
    events = sim.drain_events()
    errors = [e for e in events if e["event"] == "error" and e["message"] == "m-7"]
    assert len(errors) == 3  # the first attempt and 2 retries
    (record,) = sim.resources["dlq"].held.values()
    body = json.loads(record.body)
    assert body["requestContext"]["condition"] == "RetryAttemptsExhausted"
    info = body["KinesisBatchInfo"]
    assert info["shardId"] == "shardId-000000000000"
    assert info["batchSize"] >= 1
    assert "data" not in json.dumps(body["KinesisBatchInfo"])
    succeeded = {e["message"] for e in events if e["event"] == "success"}
    assert "m-30" in succeeded  # the shard moved on
    assert sim.report()["ledger"]["unaccounted"] == 0


def test_bisect_isolates_the_poison_record():
    """ "BisectBatchOnFunctionError": a failing batch is split in two and each half retried,
    so the healthy records get through and only the bad one is discarded."""
    doc = _stream_doc(
        shards=1,
        producer={"arrival": "burst", "burst": {"size": 16, "every": 600}, "count": 16},
        fn={"failWhen": {"n": [11]}},
        esm={
            "BatchSize": 16,
            "BisectBatchOnFunctionError": True,
            "MaximumRetryAttempts": 0,
            "DestinationConfig": {"OnFailure": {"Destination": "dlq"}},
        },
        extra_nodes=[_node("dlq", "sqs.queue")],
        duration=30,
    )
    sim = Simulation(load_diagram(doc))
    sim.run(30)
    events = sim.drain_events()
    sizes = [
        len([e for e in events if e["event"] == "invoke" and e["t"] == t])
        for t in sorted({e["t"] for e in events if e["event"] == "invoke"})
    ]
    assert sizes[:5] == [16, 8, 4, 2, 1] or sizes[0] == 16 and 1 in sizes
    body = json.loads(next(iter(sim.resources["dlq"].held.values())).body)
    assert body["KinesisBatchInfo"]["batchSize"] == 1
    succeeded = {e["message"] for e in events if e["event"] == "success"}
    assert len(succeeded) == 15 and "m-11" not in succeeded


def test_parallelization_factor_keeps_order_per_partition_key():
    """ "ParallelizationFactor": several batches per shard at once, but records with the same
    partition key are processed in order."""
    doc = _stream_doc(
        shards=1,
        producer={"rate": 200, "count": 400, "partitionKey": "u{{int 1 20}}"},
        fn={"duration": {"dist": "uniform", "min": 10, "max": 400}},
        esm={"ParallelizationFactor": 5, "BatchSize": 10},
    )
    events, report = _run(doc)
    assert report["nodes"]["f"]["metrics"]["ConcurrentExecutions"] > 1
    done = _sequences_by(events, "partitionKey", "success")
    assert sum(len(v) for v in done.values()) == 400
    for numbers in done.values():
        assert numbers == sorted(numbers)


def test_enhanced_fan_out_consumer_is_pushed_records_faster_than_shared_polling():
    """ "Enhanced fan-out": about 70 ms propagation, against polling once a second."""
    doc = _stream_doc(
        shards=1,
        producer={"rate": 5, "count": 50},
        esm={"ConsumerName": "fast"},
        extra_nodes=[_node("g", "lambda.function", {}, {})],
        extra_edges=[_edge("slow", "event-source", "s", "g", {"StartingPosition": "TRIM_HORIZON"})],
    )
    events, report = _run(doc)
    put_at = {e["message"]: e["t"] for e in events if e["event"] == "put-record"}

    def worst_lag(fn):
        return max(
            e["t"] - put_at[e["message"]]
            for e in events
            if e["event"] == "invoke" and e["node"] == fn
        )

    assert worst_lag("f") <= 0.07 + 0.05 + 1e-9  # push delay plus one 50 ms batch ahead
    assert worst_lag("g") > 0.5
    assert report["nodes"]["f"]["metrics"]["IteratorAge"] <= 120


def test_iterator_age_grows_while_a_consumer_falls_behind():
    """IteratorAge: how far behind the newest record a mapping is reading."""
    doc = _stream_doc(
        shards=1,
        producer={"rate": 100, "count": 2000},
        fn={"duration": {"dist": "fixed", "ms": 2000}},
        esm={"BatchSize": 10},
    )
    _events, report = _run(doc, until=20)
    assert report["nodes"]["f"]["metrics"]["IteratorAge"] > 5000


def test_latest_starting_position_skips_records_written_before_the_mapping_reads():
    """StartingPosition LATEST reads only records added after the mapping starts: with a
    mapping created at the start of the run it sees every record, as TRIM_HORIZON does."""
    events, _ = _run(_stream_doc(esm={"StartingPosition": "LATEST"}))
    assert sum(1 for e in events if e["event"] == "success") == 50


def test_stream_mapping_needs_a_starting_position_and_a_partition_key():
    """ "CreateEventSourceMapping": StartingPosition is required for streams; "PutRecord":
    PartitionKey is required."""
    doc = _stream_doc()
    doc["edges"][1]["props"] = {}
    del doc["nodes"][0]["sim"]["partitionKey"]
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    paths = {p.path for p in caught.value.problems}
    assert "edges[1].props.StartingPosition" in paths
    assert "nodes[0].sim.partitionKey" in paths


def test_sqs_only_and_stream_only_props_are_refused_where_they_do_not_apply():
    doc = _stream_doc(esm={"ConsumerName": "x"})
    load_diagram(doc)  # fine on Kinesis
    doc["nodes"][1] = _node("s", "sqs.queue")
    doc["nodes"][0]["sim"].pop("partitionKey")
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    assert any(p.code == "not_applicable" for p in caught.value.problems)


def test_on_demand_stream_absorbs_twice_its_previous_peak():
    """ "On-demand mode": a new on-demand stream takes about 4 MiB/s or 4,000 records/s and
    scales to twice its previous peak."""
    nodes = [
        _node(
            "p",
            "producer",
            sim={
                "arrival": "burst",
                "burst": {"size": 5000, "every": 1},
                "count": 15000,
                "partitionKey": "{{uuid}}",
                "retries": 0,
            },
        ),
        _node("s", "kinesis.stream", {"StreamModeDetails": {"StreamMode": "ON_DEMAND"}}),
    ]
    events, report = _run(_doc(nodes, [_edge("put", "publish", "p", "s")]), until=3)
    per_second = defaultdict(int)
    for event in events:
        if event["event"] == "put-record":
            per_second[int(event["t"])] += 1
    assert per_second[0] == 4000
    assert per_second[1] == 5000 and per_second[2] == 5000


def test_clickstream_example_reads_every_record_in_both_consumers():
    doc = json.loads((EXAMPLES / "kinesis-clickstream.json").read_text())
    events, report = _run(doc)
    written = report["nodes"]["clicks"]["metrics"]["IncomingRecords"]
    assert written > 10000
    for fn in ("analytics", "personalise"):
        assert report["nodes"][fn]["metrics"]["Errors"] == 0
    assert (
        report["nodes"]["personalise"]["metrics"]["IteratorAge"]
        < report["nodes"]["analytics"]["metrics"]["IteratorAge"]
    )
