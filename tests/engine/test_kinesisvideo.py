"""Kinesis Video Streams' flow (media itself is out of scope): PutMedia numbers fragments in
order, retention keeps them (at 0 hours only the host buffer's 5 minutes and 200 MB:
"CreateStream", DataRetentionInHours), and each GetMedia reader (a worker) reads every
fragment in order from its own position, at most three per stream ("Kinesis Video Streams
service quotas")."""

from __future__ import annotations

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
    worker,
)


def video(node_id: str = "cam", sim: dict | None = None, **props) -> dict:
    return node(node_id, "kinesisvideo.stream", props=props, sim=sim or {})


def camera_doc(*readers: dict, hours: int = 24, rate: float = 0.5, sim: dict | None = None):
    nodes = [producer("p", rate=rate), video(DataRetentionInHours=hours, sim=sim), *readers]
    edges = [publish("p", "cam")] + [event_source("cam", r["id"]) for r in readers]
    return diagram(nodes, edges)


def test_fragments_are_numbered_in_order_and_sized_by_bitrate():
    doc = camera_doc(sim={"fragmentSeconds": 4, "bitrateKbps": 1000})
    r = run(doc, until=19)
    puts = r.of("put-record", "cam")
    numbers = [e["fragmentNumber"] for e in puts]
    assert len(numbers) == 10
    assert numbers == sorted(numbers) and len(set(numbers)) == 10
    assert all(len(n) == len(numbers[0]) for n in numbers)
    assert {e["bytes"] for e in puts} == {500_000}  # 1000 kbps for 4 s
    m = r.metrics("cam")
    assert m["PutMedia.IncomingFragments"] == 10
    assert m["PutMedia.IncomingBytes"] == 5_000_000
    assert_balanced(r.ledger)


def test_every_reader_gets_every_fragment_in_order_from_its_own_position():
    fast = worker("fast", pollers=1, batchSize=1, duration=fixed_ms(100))
    slow = worker("slow", pollers=1, batchSize=3, duration=fixed_ms(5000))
    r = run(camera_doc(fast, slow), until=40)
    order = {}
    for reader in ("fast", "slow"):
        seen = [e["message"] for e in r.of("success", reader)]
        order[reader] = seen
        assert seen == sorted(seen, key=[e["message"] for e in r.of("put-record", "cam")].index)
    # the slow reader is behind, the fast one is not, and neither skips one
    assert len(order["fast"]) == 20
    assert order["slow"] == order["fast"][: len(order["slow"])]
    m = r.metrics("cam")
    read = len(r.of("invoke", "fast")) + len(r.of("invoke", "slow"))
    assert m["GetMedia.OutgoingFragments"] == read  # incl. the batches still in hand
    assert m["GetMedia.MillisBehindNow"] >= 4000  # the oldest of 3 read 4 s after it came
    assert_balanced(r.ledger)


def test_a_fragment_the_reader_fails_on_is_read_again_and_blocks_the_ones_after_it():
    """A GetMedia client that resumes from its last processed fragment reads a failing
    fragment again and again; nothing after it is processed meanwhile."""
    stuck = worker(
        "w",
        pollers=1,
        batchSize=1,
        duration=fixed_ms(1000),
        failWhen={"id": [3]},
    )
    doc = camera_doc(stuck, rate=1)
    doc["nodes"][0]["sim"]["payload"] = {"id": "{{seq}}"}
    r = run(doc, until=20)
    errors = r.of("error", "w")
    assert len(errors) >= 10 and len({e["message"] for e in errors}) == 1
    assert len(r.of("success", "w")) == 2
    assert_balanced(r.ledger)


def test_retention_expires_fragments_and_a_late_reader_skips_them():
    """At 0 hours the host buffer keeps fragments for 5 minutes: a reader busy longer than
    that misses the ones that expired meanwhile."""
    slow = worker("w", pollers=1, batchSize=1, duration=fixed_ms(400_000))
    r = run(camera_doc(slow, hours=0, rate=1), until=900)
    expired = r.of("expire", "cam")
    assert expired, "fragments older than 5 minutes leave the buffer"
    puts = r.of("put-record", "cam")[: len(expired)]
    assert min(e["t"] - p["t"] for e, p in zip(expired, puts, strict=True)) >= 300
    processed = [e["message"] for e in r.of("success", "w")]
    assert len(processed) == 2  # two reads of 400 s in 900 s
    second = r.of("invoke", "w")[1]
    puts = [e["message"] for e in r.of("put-record", "cam")]  # all of them, in order
    gone_by_then = {e["message"] for e in expired if e["t"] <= second["t"]}
    assert len(gone_by_then) == 101  # those put at t = 0, 1, ..., 100 s
    assert set(puts[: puts.index(second["message"])]) == gone_by_then
    assert r.ledger["expired"] == len(expired)
    assert_balanced(r.ledger)


def test_the_host_buffer_holds_at_most_200_mb():
    """20 s at 20 Mbps is a 50 MB fragment, the largest PutMedia takes: the buffer of a
    0-hour stream holds four of them, well before its 5 minutes are up."""
    big = {"fragmentSeconds": 20, "bitrateKbps": 20_000}
    r = run(camera_doc(hours=0, rate=0.05, sim=big), until=299)
    assert r.metrics("cam")["PutMedia.IncomingFragments"] == 15
    assert r.metrics("cam")["Fragments"] == 4
    assert len(r.of("expire", "cam")) == 11
    assert_balanced(r.ledger)
    too_big = {"fragmentSeconds": 20, "bitrateKbps": 20_001}
    assert "out_of_range" in problem_codes(camera_doc(sim=too_big))


def test_wiring_rules_follow_the_service_quotas():
    readers = [worker(f"w{i}", pollers=1) for i in range(4)]
    assert "connection_limit" in problem_codes(camera_doc(*readers))
    assert "connection_limit" not in problem_codes(camera_doc(*readers[:3]))
    assert "not_applicable" in problem_codes(camera_doc(worker("w", pollers=2)))
    lam = diagram(
        [producer("p"), video(), function("f")],
        [publish("p", "cam"), event_source("cam", "f")],
    )
    assert "invalid_pair" in problem_codes(lam)  # the edge table allows workers only
    two_cameras = diagram(
        [producer("p"), producer("q"), video()],
        [publish("p", "cam"), publish("q", "cam")],
    )
    assert "connection_limit" in problem_codes(two_cameras)
    mapping = diagram(
        [producer("p"), video(), worker("w", pollers=1)],
        [publish("p", "cam"), edge("event-source", "cam", "w", BatchSize=10)],
    )
    assert "not_applicable" in problem_codes(mapping)
