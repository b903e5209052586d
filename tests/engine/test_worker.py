"""Workers (containers or servers polling SQS with ReceiveMessage): poller concurrency,
batch size, long polling, failures left for the visibility timeout, redrive, and publish
edges. The SQS side is AWS behaviour; the worker's own fields are the contract's."""

from __future__ import annotations

import json

from tests.engine.builders import (
    assert_balanced,
    burst,
    dead_letter,
    diagram,
    event_source,
    fixed_ms,
    producer,
    publish,
    queue,
    run,
    subscription,
    topic,
    worker,
)


def _origins_by_id(run_, producer_id: str = "p") -> dict[int, str]:
    return {n: e["origin"] for n, e in enumerate(run_.of("publish", producer_id), start=1)}


def test_workers_poll_with_pollers_concurrency_and_batch_size():
    """ "Receiving and deleting messages in Amazon SQS" (ReceiveMessage MaxNumberOfMessages):
    each of `pollers` receives up to `batchSize` messages at a time, so 3 pollers with
    batches of 2 take 12 messages in two rounds of 3 batches."""
    doc = diagram(
        [
            burst("p", 12),
            queue("q"),
            worker("w", pollers=3, batchSize=2, duration=fixed_ms(1000)),
        ],
        [publish("p", "q"), event_source("q", "w")],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    batches = r.batches("w")
    assert [len(origins) for _t, origins in batches] == [2] * 6
    assert [t for t, _origins in batches] == [0.0] * 3 + [1.0] * 3
    assert r.metrics("w")["PeakBusyPollers"] == 3
    assert r.metrics("w")["Batches"] == 6
    assert r.ledger["deleted"] == 12
    assert max(e["t"] for e in r.of("delete", "q")) == 2.0
    assert set(r.receive_counts("q").values()) == {1}


def test_idle_pollers_long_poll_and_receive_a_message_as_it_arrives():
    """ "Amazon SQS short and long polling": a long-polling receive returns as soon as a
    message arrives, so a message sent at 5 s is received at 5 s."""
    doc = diagram(
        [producer("p", count=1, start=5), queue("q"), worker("w", pollers=2)],
        [publish("p", "q"), event_source("q", "w")],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    (received,) = r.of("receive", "q")
    assert received["t"] == 5.0
    assert r.ledger["deleted"] == 1


def test_failing_message_is_left_for_its_visibility_timeout():
    """ "Amazon SQS visibility timeout": a message the consumer does not delete stays
    invisible until its visibility timeout ends, then is received again with a higher
    receive count; the other messages of its batch are deleted one by one."""
    doc = diagram(
        [
            burst("p", 4),
            queue("q", VisibilityTimeout=10),
            worker("w", pollers=1, batchSize=4, duration=fixed_ms(500), failWhen={"id": [3]}),
        ],
        [publish("p", "q"), event_source("q", "w")],
    )
    r = run(doc, 15)
    assert_balanced(r.ledger)
    ids = _origins_by_id(r)
    assert {e["origin"] for e in r.of("delete", "q")} == {ids[1], ids[2], ids[4]}
    (timed_out,) = r.of("visibility-timeout", "q")
    assert timed_out["origin"] == ids[3]
    assert timed_out["t"] == 10.0, "received at 0 s, hidden for 10 s"
    again = [e for e in r.of("receive", "q") if e["origin"] == ids[3]]
    assert [(e["t"], e["receiveCount"]) for e in again] == [(0.0, 1), (10.0, 2)]
    assert r.metrics("q")["NumberOfMessagesDeleted"] == 3
    assert r.ledger["in_flight"] == 1


def test_worker_failure_moves_to_the_dlq_after_max_receive_count():
    """ "Using dead-letter queues": a message a worker keeps failing moves to the DLQ once
    it has been received maxReceiveCount times."""
    doc = diagram(
        [
            burst("p", 2),
            queue("q", VisibilityTimeout=5),
            queue("dlq"),
            worker("w", failWhen={"id": [2]}),
        ],
        [publish("p", "q"), event_source("q", "w"), dead_letter("q", "dlq", 2)],
    )
    r = run(doc, 30)
    assert_balanced(r.ledger)
    ids = _origins_by_id(r)
    assert r.receive_counts("q")[ids[2]] == 2
    (moved,) = r.of("dead-letter")
    assert moved["origin"] == ids[2] and moved["target"] == "dlq"
    assert r.ledger["dead_lettered"] == 1
    assert r.ledger["deleted"] == 1


def test_worker_error_rate_one_deletes_nothing():
    """ "Amazon SQS visibility timeout": a consumer that fails every batch deletes nothing,
    so every message keeps coming back."""
    doc = diagram(
        [burst("p", 3), queue("q", VisibilityTimeout=2), worker("w", batchSize=3, errorRate=1.0)],
        [publish("p", "q"), event_source("q", "w")],
    )
    r = run(doc, 7)
    assert_balanced(r.ledger)
    assert r.count("delete") == 0
    assert r.metrics("w")["Errors"] == r.metrics("w")["Batches"] >= 3
    assert all(n >= 3 for n in r.receive_counts("q").values())


def test_worker_publish_edges_send_one_message_per_processed_message():
    """Contract "publish" edge (a worker publishes one message per successfully processed
    record): the output carries the producer's payload and origin; failures send nothing."""
    doc = diagram(
        [
            burst("p", 6),
            queue("q", VisibilityTimeout=5),
            worker("w", pollers=2, batchSize=3, failWhen={"id": [5]}),
            topic("t"),
            queue("out"),
        ],
        [
            publish("p", "q"),
            event_source("q", "w"),
            publish("w", "t"),
            subscription("t", "out", RawMessageDelivery=True),
        ],
    )
    r = run(doc, 12)
    assert_balanced(r.ledger)
    ids = _origins_by_id(r)
    assert r.receive_counts("q")[ids[5]] >= 2
    sent = list(r.sim.resources["out"].held.values())
    assert sorted(c.origin for c in sent) == sorted(ids[n] for n in (1, 2, 3, 4, 6))
    assert sorted(json.loads(c.body)["id"] for c in sent) == [1, 2, 3, 4, 6]
    assert {e["edge"] for e in r.of("publish", "w")} == {"publish-w-t"}
    assert r.metrics("t")["NumberOfMessagesPublished"] == 5


def test_a_fleet_scales_out_and_in_during_the_run():
    doc = diagram(
        [
            producer("p", count=600, rate=60),
            queue("q"),
            worker(
                "w",
                pollers=1,
                duration=fixed_ms(200),
                pollerChanges=[{"at": 3, "pollers": 4}, {"at": 6, "pollers": 1}],
            ),
        ],
        [publish("p", "q"), event_source("q", "w")],
    )
    r = run(doc, until=30)
    starts = [e["t"] for e in r.of("invoke", "w")]

    def busy_at(t):  # batches of 200 ms being worked on at time t
        return sum(1 for s in starts if s <= t < s + 0.2 - 1e-6)

    assert max(busy_at(t / 10) for t in range(0, 30)) == 1
    assert max(busy_at(t / 10) for t in range(31, 60)) == 4
    # a poller that goes finishes its batch: from 6.2 s on only one is left
    assert max(busy_at(t / 10) for t in range(62, 300)) == 1
    assert r.metrics("w")["Pollers"] == 1 and r.metrics("w")["PeakBusyPollers"] == 4
    assert r.count("delete", "q") == sum(1 for s in starts if s + 0.2 <= 30 + 1e-6)
    assert_balanced(r.ledger)


def test_poller_changes_are_checked_with_their_paths():
    import pytest

    from engine import DiagramError, load_diagram

    bad = diagram(
        [queue("q"), worker("w", pollerChanges=[{"at": 0, "pollers": 2}, {"at": 5}])],
        [event_source("q", "w")],
    )
    with pytest.raises(DiagramError) as caught:
        load_diagram(bad)
    paths = {p.path for p in caught.value.problems}
    assert "nodes[1].sim.pollerChanges[0].at" in paths
    assert "nodes[1].sim.pollerChanges[1].pollers" in paths
