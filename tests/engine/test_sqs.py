"""SQS standard queues in the engine (`engine.sqs`), driven through whole diagrams.

Each test names the AWS documentation page whose behaviour it reproduces. Consumers are
`worker` nodes (no Lambda semantics): a worker deletes what it processed and leaves a
failure in flight until its visibility timeout ends. Every run's ledger is checked by the
`simulate` fixture (`unaccounted == 0`).
"""

from __future__ import annotations

import pytest

from engine import DiagramError, load_diagram

POISON = {"id": [1]}  # the default payload is {"id": "{{seq}}"}: message 1 always fails


def problems_of(doc) -> list[tuple[str, str]]:
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    return [(p.path, p.code) for p in caught.value.problems]


# ---- visibility timeout ------------------------------------------------------------


def test_unacknowledged_message_reappears_visibility_timeout_after_each_receive(build, simulate):
    """AWS docs, "Amazon SQS visibility timeout": a received message is hidden for VisibilityTimeout
    seconds counted from the receive; not deleted by then, it becomes visible again and the
    next receive raises ApproximateReceiveCount by one ("ReceiveMessage" API reference)."""
    doc = build.doc(
        [
            build.producer(count=1),
            # A queue delay of 3 s makes "from the receive" differ from "from the send".
            build.queue(VisibilityTimeout=5, DelaySeconds=3),
            build.worker(failWhen=POISON, duration=100),
        ],
        [build.publish("p", "q"), build.reads("q", "w")],
    )
    run = simulate(doc, until=14)

    receives = run.events("receive", node="q")
    assert [(e["t"], e["receiveCount"]) for e in receives] == [(3.0, 1), (8.0, 2), (13.0, 3)]
    timeouts = run.events("visibility-timeout", node="q")
    assert [(e["t"], e["receiveCount"]) for e in timeouts] == [(8.0, 1), (13.0, 2)]
    assert {e["message"] for e in receives + timeouts} == {"m-1"}
    metrics = run.metrics("q")
    assert metrics["NumberOfMessagesReceived"] == 3
    assert metrics["NumberOfMessagesDeleted"] == 0
    assert metrics["ApproximateNumberOfMessagesNotVisible"] == 1
    assert run.ledger["in_flight"] == 1


def test_successfully_processed_message_is_deleted_and_never_seen_again(build, simulate):
    """AWS docs, "Amazon SQS visibility timeout": a consumer that deletes the message within the
    timeout stops it from being delivered again."""
    doc = build.doc(
        [build.producer(count=3), build.queue(VisibilityTimeout=2), build.worker(duration=100)],
        [build.publish("p", "q"), build.reads("q", "w")],
    )
    run = simulate(doc, until=30)

    assert [e["receiveCount"] for e in run.events("receive")] == [1, 1, 1]
    assert run.events("visibility-timeout") == []
    assert run.metrics("q")["NumberOfMessagesDeleted"] == 3
    assert run.ledger["deleted"] == 3


# ---- delays ------------------------------------------------------------------------


def test_queue_delay_hides_new_message_until_delay_seconds(build, simulate):
    """AWS docs, "Amazon SQS delay queues": a message sent to a queue with DelaySeconds stays
    invisible for that long, counted meanwhile by ApproximateNumberOfMessagesDelayed
    ("Available CloudWatch metrics for Amazon SQS")."""
    doc = build.doc(
        [build.producer(count=1), build.queue(DelaySeconds=10), build.worker()],
        [build.publish("p", "q"), build.reads("q", "w")],
    )
    during = simulate(doc, until=9.9)
    assert during.events("receive") == []
    assert during.metrics("q")["ApproximateNumberOfMessagesDelayed"] == 1
    assert during.metrics("q")["ApproximateNumberOfMessagesVisible"] == 0
    assert during.ledger["in_queues"] == 1

    after = simulate(doc, until=20)
    assert after.times("receive") == [10.0]
    assert after.metrics("q")["ApproximateNumberOfMessagesDelayed"] == 0
    assert after.ledger["deleted"] == 1


@pytest.mark.parametrize(
    ("message_delay", "queue_delay", "visible_at"),
    [(4, 10, 4.0), (15, 10, 15.0), (0, 10, 0.0), (6, 0, 6.0)],
)
def test_per_message_delay_overrides_queue_delay_on_standard_queue(
    build, simulate, message_delay, queue_delay, visible_at
):
    """AWS docs, "Amazon SQS message timers": a message's own DelaySeconds overrides the queue's
    delay (shorter, longer or 0) on standard queues."""
    doc = build.doc(
        [
            build.producer(count=1, delaySeconds=message_delay),
            build.queue(DelaySeconds=queue_delay),
            build.worker(),
        ],
        [build.publish("p", "q"), build.reads("q", "w")],
    )
    run = simulate(doc, until=30)

    assert run.times("receive") == [visible_at]


# ---- retention ---------------------------------------------------------------------


def test_unconsumed_message_expires_after_retention_period(build, simulate):
    """AWS docs, "SetQueueAttributes" API reference, MessageRetentionPeriod: SQS deletes a message
    that has been in the queue that long (counted from its send), without a consumer's
    delete."""
    doc = build.doc(
        [build.producer(count=2, rate=1 / 30, start=5), build.queue(MessageRetentionPeriod=60)],
        [build.publish("p", "q")],
    )
    before = simulate(doc, until=64.9)
    assert before.events("expire") == []
    assert before.ledger["in_queues"] == 2

    run = simulate(doc, until=120)
    expiries = run.events("expire", node="q")
    assert [(e["t"], e["message"]) for e in expiries] == [(65.0, "m-1"), (95.0, "m-2")]
    assert run.ledger["expired"] == 2
    assert run.ledger["in_queues"] == 0
    assert run.metrics("q")["ApproximateNumberOfMessagesVisible"] == 0


# ---- message size ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "accepted"),
    [
        ("x" * 1024, True),
        ("x" * 1025, False),
        ("é" * 513, False),  # 513 characters, 1,026 bytes: the limit counts bytes
    ],
    ids=["1024-bytes", "1025-bytes", "513-two-byte-chars"],
)
def test_message_larger_than_maximum_message_size_is_rejected(build, simulate, body, accepted):
    """AWS docs, "SetQueueAttributes" API reference, MaximumMessageSize: the number of bytes a
    message can contain before SQS rejects it; a rejected send adds nothing to the queue
    (NumberOfMessagesSent, "Available CloudWatch metrics for Amazon SQS")."""
    doc = build.doc(
        [build.producer(count=1, payload=body), build.queue(MaximumMessageSize=1024)],
        [build.publish("p", "q")],
    )
    run = simulate(doc, until=5)

    drops = run.events("drop", node="q")
    if accepted:
        assert drops == []
        assert run.metrics("q")["NumberOfMessagesSent"] == 1
        assert run.ledger["in_queues"] == 1
        assert run.ledger["dropped"] == 0
    else:
        assert [(d["message"], d["reason"]) for d in drops] == [("m-1", "MessageTooLong")]
        assert run.events("deliver", node="q") == []
        assert run.metrics("q")["NumberOfMessagesSent"] == 0
        assert run.ledger["dropped"] == 1
        assert run.ledger["in_queues"] == 0


# ---- dead-letter queues ------------------------------------------------------------


def dlq_document(build, *, max_receive_count=3, fifo=False, source=None, dlq=None, until=60):
    queue = build.fifo_queue if fifo else build.queue
    producer = build.producer(count=1)
    if fifo:
        producer = build.producer(count=1, messageGroupId="g", deduplicationId="d-{{seq}}")
    return build.doc(
        [
            producer,
            queue("q", **({"VisibilityTimeout": 5} | (source or {}))),
            queue("dlq", **(dlq or {})),
            build.worker(failWhen=POISON),
        ],
        [
            build.publish("p", "q"),
            build.reads("q", "w"),
            build.dead_letter("q", "dlq", max_receive_count),
        ],
        duration=until,
    )


@pytest.mark.parametrize("max_receive_count", [1, 3])
def test_redrive_after_max_receive_count(build, simulate, max_receive_count):
    """AWS docs, "Using dead-letter queues in Amazon SQS": once a message's receive count exceeds
    maxReceiveCount it moves to the DLQ, so a consumer sees it at most maxReceiveCount
    times. The move is not a send: "Available CloudWatch metrics for Amazon SQS" says a
    message moved to a DLQ by a failed processing attempt is not in its
    NumberOfMessagesSent."""
    run = simulate(dlq_document(build, max_receive_count=max_receive_count))

    receives = run.events("receive", node="q")
    assert [e["receiveCount"] for e in receives] == list(range(1, max_receive_count + 1))
    assert [e["t"] for e in receives] == [5.0 * i for i in range(max_receive_count)]
    moves = run.events("dead-letter")
    assert len(moves) == 1
    assert moves[0]["node"] == "q"
    assert moves[0]["target"] == "dlq"
    assert moves[0]["message"] == "m-1"
    assert moves[0]["t"] == 5.0 * max_receive_count
    assert [e["t"] for e in run.events("deliver", node="dlq")] == [moves[0]["t"]]
    assert run.events("receive", node="dlq") == []
    assert run.metrics("q")["NumberOfMessagesReceived"] == max_receive_count
    assert run.metrics("dlq")["NumberOfMessagesSent"] == 0
    assert run.metrics("dlq")["ApproximateNumberOfMessagesVisible"] == 1
    assert run.metrics("q")["ApproximateNumberOfMessagesVisible"] == 0
    assert run.metrics("q")["ApproximateNumberOfMessagesNotVisible"] == 0
    assert run.ledger["dead_lettered"] == 1
    assert run.ledger["deleted"] == 0


@pytest.mark.parametrize(("source_fifo", "dlq_fifo"), [(False, True), (True, False)])
def test_dead_letter_queue_must_be_same_type_as_source(build, source_fifo, dlq_fifo):
    """AWS docs, "Using dead-letter queues in Amazon SQS": the DLQ of a FIFO queue must be a FIFO
    queue, and the DLQ of a standard queue must be a standard queue."""
    doc = build.doc(
        [
            build.fifo_queue("src") if source_fifo else build.queue("src"),
            build.fifo_queue("dlq") if dlq_fifo else build.queue("dlq"),
        ],
        [build.dead_letter("src", "dlq", 3)],
    )
    assert problems_of(doc) == [("edges[0]", "dlq_type_mismatch")]


def test_standard_dlq_keeps_original_enqueue_time_for_retention(build, simulate):
    """AWS docs, "Using dead-letter queues in Amazon SQS": on a standard queue the expiration of a
    message is based on its original enqueue timestamp, so time spent in the source counts
    against the DLQ's retention; ApproximateAgeOfOldestMessage on the DLQ shows the time
    since the move."""
    doc = dlq_document(
        build,
        max_receive_count=2,
        source={"VisibilityTimeout": 10, "MessageRetentionPeriod": 600},
        dlq={"MessageRetentionPeriod": 60},
        until=50,
    )
    during = simulate(doc)
    assert during.times("dead-letter") == [20.0]
    assert during.metrics("dlq")["ApproximateAgeOfOldestMessage"] == 30

    run = simulate(doc, until=200)
    assert [(e["t"], e["node"]) for e in run.events("expire")] == [(60.0, "dlq")]
    assert run.ledger["expired"] == 1
    assert run.ledger["dead_lettered"] == 0


def test_fifo_dlq_resets_enqueue_time_for_retention(build, simulate):
    """AWS docs, "Using dead-letter queues in Amazon SQS": on a FIFO queue the enqueue timestamp is
    reset when the message moves to the DLQ, so the DLQ's retention counts from the move."""
    doc = dlq_document(
        build,
        fifo=True,
        max_receive_count=2,
        source={"VisibilityTimeout": 10, "MessageRetentionPeriod": 600},
        dlq={"MessageRetentionPeriod": 60},
        until=200,
    )
    run = simulate(doc)

    assert run.times("dead-letter") == [20.0]
    assert [(e["t"], e["node"]) for e in run.events("expire")] == [(80.0, "dlq")]
    assert run.ledger["expired"] == 1


# ---- receipt handles ---------------------------------------------------------------


def slow_worker_document(build, *, dead_letter=False, until=4.0):
    nodes = [
        build.producer(count=1),
        build.queue(VisibilityTimeout=1),
        # Each batch takes 1.5 s, longer than the 1 s visibility timeout.
        build.worker(pollers=2, duration=1500),
    ]
    edges = [build.publish("p", "q"), build.reads("q", "w")]
    if dead_letter:
        nodes.append(build.queue("dlq"))
        edges.append(build.dead_letter("q", "dlq", 3))
    return build.doc(nodes, edges, duration=until)


def test_stale_receipt_handle_does_not_delete(build, simulate):
    """AWS docs, "DeleteMessage" API reference: a delete must use the most recently received receipt
    handle; with an older one the request succeeds but the message is not deleted. A
    consumer slower than the visibility timeout loses the message to another consumer, and
    its own delete is a no-op ("Amazon SQS visibility timeout")."""
    run = simulate(slow_worker_document(build), until=2.2)

    receives = run.events("receive", node="q")
    assert [(e["t"], e["receiveCount"]) for e in receives] == [(0.0, 1), (1.0, 2), (2.0, 3)]
    # The first consumer finished at 1.5 s (after the second one had received the message)
    # and tried to delete with its stale receipt: nothing was deleted.
    assert run.times("success", node="w") == [1.5]
    assert run.events("delete") == []
    assert run.metrics("q")["NumberOfMessagesDeleted"] == 0
    assert run.metrics("q")["ApproximateNumberOfMessagesNotVisible"] == 1
    assert run.ledger["deleted"] == 0
    assert run.ledger["in_flight"] == 1


def test_processed_but_never_deleted_message_still_reaches_the_dlq(build, simulate):
    """AWS docs, "DeleteMessage" API reference and "Using dead-letter queues in Amazon SQS": when
    every delete uses a stale receipt, the message keeps being received although each
    consumer succeeded, and after maxReceiveCount receives it is dead-lettered."""
    run = simulate(slow_worker_document(build, dead_letter=True), until=4.0)

    assert [e["receiveCount"] for e in run.events("receive", node="q")] == [1, 2, 3]
    assert run.times("success", node="w") == [1.5, 2.5, 3.5]
    assert run.times("dead-letter") == [3.0]
    assert run.events("delete") == []
    assert run.ledger["deleted"] == 0
    assert run.ledger["dead_lettered"] == 1


# ---- at-least-once delivery --------------------------------------------------------


def test_duplicate_rate_one_stores_every_message_twice(build, simulate):
    """AWS docs, "Amazon SQS at-least-once delivery": a standard queue may deliver a copy
    of a message more than once; a duplicate carries the same message id as the original."""
    doc = build.doc(
        [build.producer(count=3), build.queue(sim={"duplicateRate": 1.0})],
        [build.publish("p", "q")],
    )
    run = simulate(doc, until=10)

    delivers = run.events("deliver", node="q")
    assert len(delivers) == 6
    originals = [e for e in delivers if not e.get("duplicate")]
    twins = [e for e in delivers if e.get("duplicate") is True]
    assert [e["origin"] for e in originals] == [e["origin"] for e in twins]
    assert len({e["origin"] for e in originals}) == 3
    stored = run.stored("q")
    by_origin: dict[str, set[str]] = {}
    for copy in stored:
        by_origin.setdefault(copy.origin, set()).add(copy.message_id)
    assert len(stored) == 6
    assert all(len(ids) == 1 for ids in by_origin.values()), by_origin
    assert run.metrics("q")["NumberOfMessagesSent"] == 6
    assert run.metrics("q")["ApproximateNumberOfMessagesVisible"] == 6
    assert run.ledger["produced"] == 3
    assert run.ledger["copies"] == 3
    assert run.ledger["in_queues"] == 6


@pytest.mark.parametrize("batch_size", [1, 10], ids=["batch-of-1", "batch-of-10"])
def test_idempotent_consumer_processes_each_message_id_once(build, simulate, batch_size):
    """AWS docs, "Amazon SQS at-least-once delivery": consumers should be idempotent. A worker with
    `idempotent: true` skips a record whose message id it already processed (contract
    section 1), so with every message duplicated it sends on one output per message, while
    both copies are still deleted from the queue."""
    doc = build.doc(
        [
            build.producer(count=3),
            build.queue(sim={"duplicateRate": 1.0}),
            build.worker(idempotent=True, batchSize=batch_size),
            build.queue("out"),
        ],
        [build.publish("p", "q"), build.reads("q", "w"), build.publish("w", "out")],
    )
    run = simulate(doc, until=10)

    assert run.metrics("q")["NumberOfMessagesDeleted"] == 6
    assert run.metrics("out")["NumberOfMessagesSent"] == 3
    assert sorted(e["origin"] for e in run.events("deliver", node="out")) == sorted(
        {e["origin"] for e in run.events("deliver", node="q")}
    )
    assert run.ledger["deleted"] == 6


def test_non_idempotent_consumer_processes_duplicates_twice(build, simulate):
    """AWS docs, "Amazon SQS at-least-once delivery": a consumer that is not idempotent processes a
    duplicate again (here: sends it on a second time)."""
    doc = build.doc(
        [
            build.producer(count=3),
            build.queue(sim={"duplicateRate": 1.0}),
            build.worker(),
            build.queue("out"),
        ],
        [build.publish("p", "q"), build.reads("q", "w"), build.publish("w", "out")],
    )
    run = simulate(doc, until=10)

    assert run.metrics("out")["NumberOfMessagesSent"] == 6


# ---- metrics -----------------------------------------------------------------------


def test_gauges_report_queue_state_at_end_of_run(build, simulate):
    """AWS docs, "Available CloudWatch metrics for Amazon SQS": ApproximateNumberOfMessagesVisible
    (available now), ...NotVisible (in flight) and ...Delayed are gauges read at the end;
    NumberOfMessages* are counters over the run."""
    doc = build.doc(
        [
            build.producer("p", arrival="burst", burst={"size": 5, "every": 1000}, count=5),
            build.producer("late", count=1, delaySeconds=60),
            build.queue(VisibilityTimeout=300),
            # Takes 2 messages and holds them for the rest of the run.
            build.worker(batchSize=2, duration=100_000),
        ],
        [build.publish("p", "q"), build.publish("late", "q"), build.reads("q", "w")],
    )
    run = simulate(doc, until=10)

    metrics = run.metrics("q")
    assert metrics["NumberOfMessagesSent"] == 6
    assert metrics["NumberOfMessagesReceived"] == 2
    assert metrics["NumberOfMessagesDeleted"] == 0
    assert metrics["ApproximateNumberOfMessagesVisible"] == 3
    assert metrics["ApproximateNumberOfMessagesNotVisible"] == 2
    assert metrics["ApproximateNumberOfMessagesDelayed"] == 1
    assert metrics["ApproximateAgeOfOldestMessage"] == 10
    assert run.ledger["in_flight"] == 2
    assert run.ledger["in_queues"] == 4


def test_gauges_return_to_zero_once_everything_is_deleted(build, simulate):
    """AWS docs, "Available CloudWatch metrics for Amazon SQS": once every message is deleted the
    queue has nothing visible, in flight or delayed, and Deleted equals Sent."""
    doc = build.doc(
        [build.producer(count=20, rate=10), build.queue(), build.worker(pollers=3, batchSize=4)],
        [build.publish("p", "q"), build.reads("q", "w")],
    )
    run = simulate(doc, until=30)

    metrics = run.metrics("q")
    assert metrics["NumberOfMessagesSent"] == 20
    assert metrics["NumberOfMessagesDeleted"] == 20
    assert metrics["NumberOfMessagesReceived"] == 20
    for gauge in (
        "ApproximateNumberOfMessagesVisible",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
        "ApproximateAgeOfOldestMessage",
    ):
        assert metrics[gauge] == 0, gauge
    assert run.ledger["deleted"] == 20


def test_a_message_past_the_dlq_retention_expires_on_arrival(build, simulate):
    """ "Using dead-letter queues in Amazon SQS": a standard DLQ keeps the message's first
    enqueue time, so one that spent longer in its queue than the DLQ keeps messages
    expires as it arrives."""
    doc = dlq_document(
        build,
        max_receive_count=1,
        source={"VisibilityTimeout": 70},
        dlq={"MessageRetentionPeriod": 60},
        until=100,
    )
    run = simulate(doc)
    [moved] = run.events("dead-letter")
    assert moved["t"] == 70.0
    assert [(e["t"], e["node"]) for e in run.events("expire")] == [(70.0, "dlq")]
    assert (run.ledger["expired"], run.ledger["dead_lettered"]) == (1, 0)
