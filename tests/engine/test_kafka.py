"""Amazon MSK topics ("Using Lambda with Amazon MSK", Kafka's producer and consumer
configs): keyed records on their murmur2 partition, keyless ones on a sticky partition per
batch, offsets per partition, consumer groups each reading everything, Lambda's one batch
per partition with a 500 ms default window, a worker fleet's partitions by the range
assignor, retention, and the mapping checks."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import engine
from engine.kafka import partition_for_key
from engine.services.kafka.partitioner import BATCH_SIZE, StickyPartitioner, murmur2
from tests.engine.builders import (
    assert_balanced,
    diagram,
    edge,
    event_source,
    finish,
    fixed_ms,
    function,
    node,
    problem_codes,
    producer,
    publish,
    queue,
    run,
    simulation,
)


def topic(node_id="t", partitions=3, **props):
    return node(
        node_id, "kafka.topic", {"TopicName": node_id, "NumPartitions": partitions, **props}
    )


def test_murmur2_is_kafkas():
    # Kafka's UtilsTest: murmur2 of these byte strings, as the Java client computes them
    assert murmur2(b"21") == -973932308
    assert murmur2(b"foobar") == -790332482
    assert murmur2(b"a-little-bit-long-string") == -985981536
    assert murmur2(b"a-little-bit-longer-string") == -1486304829
    assert murmur2(b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") == -58897971
    assert murmur2(b"abc") == 479470107


def test_keyed_records_go_to_their_partition_with_offsets_in_order():
    doc = diagram(
        [
            producer(
                "p", count=60, rate=20, partitionKey="k-{{int 1 9}}", payload={"n": "{{seq}}"}
            ),
            topic(),
        ],
        [publish("p", "t")],
    )
    r = run(doc, until=10)
    offsets = defaultdict(list)
    for put in r.of("put-record", "t"):
        assert put["partition"] == partition_for_key(put["key"], 3)
        offsets[put["partition"]].append(put["offset"])
    assert all(found == list(range(len(found))) for found in offsets.values())
    assert r.metrics("t")["Records"] == 60
    assert_balanced(r.ledger)


def test_keyless_records_stick_to_a_partition_until_a_batch_is_full():
    import random

    sticky = StickyPartitioner()
    rng = random.Random(1)
    picks = [sticky.next(1000, 4, rng) for _ in range(40)]
    per_batch = BATCH_SIZE // 1000
    assert len(set(picks[:per_batch])) == 1  # 16 records of 1,000 bytes fill a batch
    assert picks[per_batch] != picks[per_batch - 1]  # then another partition


def test_lambda_reads_one_batch_per_partition_in_key_order_and_waits_500_ms():
    doc = diagram(
        [
            producer(
                "p", count=90, rate=30, partitionKey="k-{{int 1 6}}", payload={"n": "{{seq}}"}
            ),
            topic(),
            function("f", duration=fixed_ms(100)),
        ],
        [publish("p", "t"), event_source("t", "f", StartingPosition="TRIM_HORIZON")],
    )
    r = run(doc, until=10)
    batches = r.batches("f")
    assert batches[0][0] == 0.5  # the default batching window of an MSK mapping
    assert r.metrics("f")["ConcurrentExecutions"] <= 3  # one batch in flight per partition
    seen = defaultdict(list)
    for got in r.of("get-records", "t"):
        seen[got["partition"]].append(got["offset"])
    assert all(offsets == sorted(offsets) for offsets in seen.values())
    assert r.metrics("f")["OffsetLag"] == 0 and r.metrics("t")["SumOffsetLag"] == 0
    assert sum(len(b[1]) for b in batches) == 90


def test_a_failing_record_holds_its_partition_only():
    doc = diagram(
        [
            producer(
                "p", count=30, rate=10, partitionKey="k-{{int 1 30}}", payload={"n": "{{seq}}"}
            ),
            topic(partitions=3),
            function("f", duration=fixed_ms(10), failWhen={"n": [5]}),
        ],
        [publish("p", "t"), event_source("t", "f", StartingPosition="TRIM_HORIZON", BatchSize=1)],
    )
    r = run(doc, until=20)
    poisoned = next(p for p in r.of("put-record", "t") if p["message"] == "m-5")["partition"]
    lag = r.metrics("f")["OffsetLag"]
    assert lag > 0  # the poison record and what follows it in its partition
    behind = [p for p in r.of("put-record", "t") if p["partition"] == poisoned and p["offset"] >= 0]
    assert lag <= len(behind)
    assert r.metrics("f")["Errors"] > 5  # retried until the record expires


def test_a_worker_fleet_is_a_consumer_group_and_each_group_reads_everything():
    doc = diagram(
        [
            producer(
                "p", count=60, rate=30, partitionKey="k-{{int 1 20}}", payload={"n": "{{seq}}"}
            ),
            topic(partitions=3),
            node("w", "worker", sim={"pollers": 2, "batchSize": 5, "duration": fixed_ms(10)}),
            node("v", "worker", sim={"pollers": 1, "batchSize": 5, "duration": fixed_ms(10)}),
        ],
        [publish("p", "t"), event_source("t", "w"), event_source("t", "v")],
    )
    r = run(doc, until=10)
    read = defaultdict(int)
    for got in r.of("get-records", "t"):
        read[got["edge"]] += 1
    assert read["event-source-t-w"] == 60 and read["event-source-t-v"] == 60
    resource = r.sim.resources["w"]
    assert [m.queue.partitions for m in resource.feeds[0].pollers] == [
        [0, 1],
        [2],
    ]  # the range assignor
    assert r.metrics("w")["OffsetLag"] == 0


def test_a_worker_group_re_reads_a_failed_record_a_second_later():
    doc = diagram(
        [
            producer("p", count=3, rate=1, partitionKey="same", payload={"n": "{{seq}}"}),
            topic(partitions=1),
            node(
                "w",
                "worker",
                sim={"pollers": 1, "batchSize": 1, "errorRate": 0, "failWhen": {"n": [2]}},
            ),
        ],
        [publish("p", "t"), event_source("t", "w")],
    )
    r = run(doc, until=10)
    tries = [e["t"] for e in r.of("get-records", "t") if e["offset"] == 1]
    assert len(tries) > 3 and round(tries[1] - tries[0], 3) >= 1.0
    assert r.metrics("w")["OffsetLag"] == 2  # stuck on offset 1 of 3


def test_records_leave_by_retention():
    doc = diagram(
        [producer("p", count=5, rate=1, payload={"n": "{{seq}}"}), topic(RetentionMs=3_600_000)],
        [publish("p", "t")],
    )
    r = run(doc, until=3_700)
    assert r.metrics("t")["Records"] == 0 and r.ledger["expired"] == 5


def test_kafka_mapping_checks():
    base = [producer("p", partitionKey="k"), topic(), function("f")]
    assert "required" in problem_codes(diagram(base, [publish("p", "t"), event_source("t", "f")]))
    bad = event_source("t", "f", StartingPosition="LATEST", ParallelizationFactor=2)
    assert "not_applicable" in problem_codes(diagram(base, [publish("p", "t"), bad]))
    assert problem_codes(diagram(base + [node("w", "worker")], [event_source("t", "w")])) == set()
    pipe = [topic(), node("pipe", "pipes.pipe"), queue("q")]
    # a pipe may read a topic; like any stream source it needs a StartingPosition
    assert problem_codes(
        diagram(pipe, [event_source("t", "pipe"), edge("target", "pipe", "q")])
    ) == {"required"}


def test_the_kinesis_vs_msk_example():
    doc = json.loads((Path(engine.__file__).parent / "examples/kinesis-vs-msk.json").read_text())
    r = run(doc)
    assert r.metrics("stream")["WriteProvisionedThroughputExceeded"] > 0
    assert r.metrics("topic")["IncomingRecords"] == 5500
    assert r.metrics("kafka-reader")["IteratorAge"] < r.metrics("kinesis-reader")["IteratorAge"]
    assert r.metrics("analytics")["OffsetLag"] == 0 and r.metrics("kafka-reader")["OffsetLag"] == 0
    assert_balanced(r.ledger)


def test_firehose_reads_a_topic_as_msk_source_and_refuses_direct_put():
    doc = diagram(
        [
            producer("p", count=30, rate=10, partitionKey="k-{{int 1 5}}"),
            topic(),
            node(
                "fh",
                "firehose.deliverystream",
                {"DeliveryStreamType": "MSKAsSource", "BufferingHints": {"IntervalInSeconds": 5}},
            ),
            node("b", "s3.bucket"),
        ],
        [
            publish("p", "t"),
            event_source("t", "fh"),
            edge("delivery", "fh", "b", "d"),
        ],
    )
    r = run(doc, until=20)
    assert r.metrics("fh")["IncomingRecords"] == 30
    assert r.metrics("fh")["DeliveryToS3.Records"] == 30
    assert_balanced(r.ledger)
    wrong = json.loads(json.dumps(doc))
    wrong["nodes"][2]["props"]["DeliveryStreamType"] = "KinesisStreamAsSource"
    assert "not_applicable" in problem_codes(wrong)


def test_a_partition_over_its_5_mib_a_second_quota_throttles_the_producer():
    blob = "x" * 9000
    doc = diagram(
        [
            producer(
                "p",
                arrival="burst",
                burst={"size": 1200, "every": 1000},
                count=1200,
                partitionKey="one",
                payload={"blob": blob},
            ),
            topic(partitions=1),
        ],
        [publish("p", "t")],
    )
    sim = simulation(doc)
    sim.run(0.5)
    held = sim.report()["ledger"]["in_flight"]
    assert 0 < held < 1200  # the first second's 5 MiB went in, the rest waits
    r = finish(sim, until=5)
    seconds = defaultdict(int)
    for put in r.of("put-record", "t"):
        seconds[int(put["t"])] += 1
    per_second = 5 * 1024 * 1024 // (9000 + 12)
    assert seconds[0] <= per_second and sum(seconds.values()) == 1200 and len(seconds) == 3
    assert r.metrics("t")["ProduceThrottleTime"] > 0
    assert_balanced(r.ledger)
    light = run(diagram([producer("p", count=50, rate=50), topic()], [publish("p", "t")]), until=5)
    assert light.metrics("t")["ProduceThrottleTime"] == 0.0


def test_a_partition_gives_out_at_most_10_mib_a_second_to_all_its_groups():
    """Three groups reading one partition fed at about 4 MiB/s would take 12 MiB/s: the
    partition's egress quota throttles their fetches, and they catch up once the
    producer stops."""
    blob = "x" * 9000
    doc = diagram(
        [
            producer("p", count=1800, rate=450, partitionKey="one", payload={"blob": blob}),
            topic(partitions=1),
            node("a", "worker", sim={"batchSize": 10, "duration": fixed_ms(1)}),
            node("b", "worker", sim={"batchSize": 10, "duration": fixed_ms(1)}),
            function("f", duration=fixed_ms(1)),
        ],
        [
            publish("p", "t"),
            event_source("t", "a"),
            event_source("t", "b"),
            event_source("t", "f", StartingPosition="TRIM_HORIZON"),
        ],
    )
    r = run(doc, until=20)
    out = defaultdict(int)
    for got in r.of("get-records", "t"):
        out[int(got["t"])] += 9000 + 12  # the record's value and its key
    assert max(out.values()) <= 10 * 1024 * 1024
    assert sum(out.values()) == 3 * 1800 * (9000 + 12)  # every group read everything
    assert r.metrics("t")["FetchThrottleTime"] > 0
    assert r.metrics("a")["OffsetLag"] == r.metrics("f")["OffsetLag"] == 0
    assert_balanced(r.ledger)
    alone = run(
        diagram(
            [
                producer("p", count=900, rate=450, partitionKey="one", payload={"blob": blob}),
                topic(partitions=1),
                node("a", "worker", sim={"batchSize": 10, "duration": fixed_ms(1)}),
            ],
            [publish("p", "t"), event_source("t", "a")],
        ),
        until=5,
    )
    assert alone.metrics("t")["FetchThrottleTime"] == 0.0


def test_topics_of_one_cluster_share_its_ingress_quota(monkeypatch):
    """The cluster's 200 MiB/s in is shared by its topics (scaled down here to 1 MiB/s so
    a test can reach it): two topics of one cluster take 1 MiB a second between them,
    a topic of another cluster its own."""
    from engine.services.kafka import topic as kafka_topic

    monkeypatch.setattr(kafka_topic, "CLUSTER_IN_BYTES_S", 1024 * 1024)
    blob = "x" * 10_000
    senders = [
        producer(
            name,
            arrival="burst",
            burst={"size": 200, "every": 1000},
            count=200,
            payload={"blob": blob},
        )
        for name in ("pa", "pb", "pc")
    ]
    doc = diagram(
        [
            *senders,
            topic("a", partitions=4, ClusterName="shared"),
            topic("b", partitions=4, ClusterName="shared"),
            topic("c", partitions=4, ClusterName="other"),
        ],
        [publish("pa", "a"), publish("pb", "b"), publish("pc", "c")],
    )
    r = run(doc, until=10)
    shared = defaultdict(int)
    for put in r.of("put-record", "a") + r.of("put-record", "b"):
        shared[int(put["t"])] += 1
    per_second = 1024 * 1024 // (10_000 + len('{"blob":""}'))
    assert max(shared.values()) <= per_second + 1 and sum(shared.values()) == 400
    assert max(int(p["t"]) for p in r.of("put-record", "c")) < max(shared)
    assert r.sim.resources["a"].cluster_quotas is r.sim.resources["b"].cluster_quotas
    assert r.sim.resources["c"].cluster_quotas is not r.sim.resources["a"].cluster_quotas
    assert_balanced(r.ledger)


def _scaled_group(changes, pollers=1, duration=400):
    return diagram(
        [
            producer(
                "p", count=400, rate=40, partitionKey="k-{{int 1 50}}", payload={"n": "{{seq}}"}
            ),
            topic(partitions=3),
            node(
                "w",
                "worker",
                sim={
                    "pollers": pollers,
                    "batchSize": 10,
                    "duration": fixed_ms(duration),
                    "pollerChanges": changes,
                },
            ),
        ],
        [publish("p", "t"), event_source("t", "w")],
    )


def test_a_growing_fleet_rebalances_its_group_after_the_batch_in_hand():
    r = run(_scaled_group([{"at": 5, "pollers": 3}]), until=20)
    [stop] = r.of("rebalance", "t")
    [again] = r.of("rebalanced", "t")
    assert stop["t"] == 5 and stop["members"] == 3
    assert 5 < again["t"] <= 5.4  # the batch being worked on was finished and committed first
    assert again["assignment"] == [[0], [1], [2]]
    assert again["stoppedFor"] == round(again["t"] - stop["t"], 6)
    reads = [e for e in r.of("get-records", "t") if stop["t"] <= e["t"] < again["t"]]
    assert not reads  # the whole group stopped reading meanwhile
    handled = [e["message"] for e in r.of("success", "w")]
    assert len(handled) == len(set(handled)) == 400  # a graceful rebalance reads nothing twice
    m = r.metrics("w")
    assert m["Rebalances"] == 1 and m["Pollers"] == 3 and m["PeakBusyPollers"] == 3
    assert m["OffsetLag"] == 0
    assert_balanced(r.ledger)


def test_a_shrinking_fleet_gives_the_last_member_every_partition():
    r = run(_scaled_group([{"at": 4, "pollers": 1}, {"at": 8, "pollers": 2}], pollers=3), until=20)
    assignments = [e["assignment"] for e in r.of("rebalanced", "t")]
    assert assignments == [[[0, 1, 2]], [[0, 1], [2]]]
    assert r.metrics("w")["Rebalances"] == 2 and r.metrics("w")["Pollers"] == 2
    scale = r.of("scale", "w")
    assert [(e["was"], e["pollers"]) for e in scale] == [(3, 1), (1, 2)]
    handled = [e["message"] for e in r.of("success", "w")]
    assert len(handled) == len(set(handled)) == 400
    assert_balanced(r.ledger)
