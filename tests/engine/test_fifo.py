"""SQS FIFO queues in the engine (`engine.sqs`): message groups, order across retries,
five-minute deduplication, the FIFO-only rules of `load_diagram`, and the
fifo-groups-poison example.

Each test names the AWS documentation page whose behaviour it reproduces. Every run's
ledger is checked by the `simulate` fixture (`unaccounted == 0`).
"""

from __future__ import annotations

import pytest

from engine import DiagramError, load_diagram


def problems_of(doc) -> list[tuple[str, str]]:
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    return [(p.path, p.code) for p in caught.value.problems]


def group_producer(build, node_id, group, count, **sim):
    """A producer of one message group; payload {"g": group, "n": seq}."""
    sim.setdefault("deduplicationId", f"{group}-{{{{seq}}}}")
    return build.producer(
        node_id,
        count=count,
        messageGroupId=group,
        payload={"g": group, "n": "{{seq}}"},
        **sim,
    )


def send_order(run, node="q") -> dict[str, list[str]]:
    """Origins per group, in the order the queue stored them."""
    order: dict[str, list[str]] = {}
    for event in run.events("deliver", node=node):
        order.setdefault(event["group"], []).append(event["origin"])
    return order


def label(order: dict[str, list[str]]) -> dict[str, str]:
    """origin -> "A1", "B3", ... (group and position in its group)."""
    return {
        origin: f"{group}{index}"
        for group, origins in order.items()
        for index, origin in enumerate(origins, 1)
    }


# ---- group blocking ----------------------------------------------------------------


def test_in_flight_message_blocks_its_group_but_not_other_groups(build, simulate):
    """AWS docs, "Using the message group ID with Amazon SQS FIFO queues": while a
    message of a group is in flight, no later message of that group is returned; other
    groups are received meanwhile. Idle consumers get nothing when every group with
    messages is blocked."""
    burst = {"arrival": "burst", "burst": {"size": 3, "every": 1000}}
    doc = build.doc(
        [
            group_producer(build, "pa", "A", 3, **burst),
            group_producer(build, "pb", "B", 3, **burst),
            build.fifo_queue(VisibilityTimeout=10),
            build.fifo_queue("dlq"),
            # A1 always fails: it stays in flight 10 s per receive, twice, then moves on.
            build.worker(pollers=3, duration=1000, failWhen={"g": ["A"], "n": [1]}),
        ],
        [
            build.publish("pa", "q"),
            build.publish("pb", "q"),
            build.reads("q", "w"),
            build.dead_letter("q", "dlq", 2),
        ],
    )
    run = simulate(doc, until=30)
    names = label(send_order(run))

    receives = [(e["t"], names[e["origin"]]) for e in run.events("receive", node="q")]
    # Three idle pollers and six visible messages, but only two groups: two receives at 0.
    assert [name for t, name in receives if t == 0.0] == ["A1", "B1"]
    assert [(t, n) for t, n in receives if n.startswith("A")] == [
        (0.0, "A1"),
        (10.0, "A1"),
        (20.0, "A2"),
        (21.0, "A3"),
    ]
    # Group B flows while A1 blocks group A (in flight from 0 s to 20 s).
    assert [(t, n) for t, n in receives if n.startswith("B")] == [
        (0.0, "B1"),
        (1.0, "B2"),
        (2.0, "B3"),
    ]
    assert run.times("dead-letter") == [20.0]
    assert run.metrics("q")["ApproximateNumberOfGroupsWithInflightMessages"] == 0
    assert run.ledger["deleted"] == 5
    assert run.ledger["dead_lettered"] == 1


def test_groups_with_in_flight_messages_gauge(build, simulate):
    """AWS docs, "Available CloudWatch metrics for Amazon SQS":
    ApproximateNumberOfGroupsWithInflightMessages counts the FIFO groups blocked by an
    in-flight message."""
    burst = {"arrival": "burst", "burst": {"size": 2, "every": 1000}}
    doc = build.doc(
        [
            group_producer(build, "pa", "A", 2, **burst),
            group_producer(build, "pb", "B", 2, **burst),
            group_producer(build, "pc", "C", 2, **burst),
            build.fifo_queue(VisibilityTimeout=300),
            build.worker(pollers=5, duration=100_000),
        ],
        [
            build.publish("pa", "q"),
            build.publish("pb", "q"),
            build.publish("pc", "q"),
            build.reads("q", "w"),
        ],
    )
    run = simulate(doc, until=5)

    metrics = run.metrics("q")
    assert metrics["ApproximateNumberOfGroupsWithInflightMessages"] == 3
    assert metrics["ApproximateNumberOfMessagesNotVisible"] == 3
    assert metrics["NumberOfMessagesReceived"] == 3
    assert run.ledger["in_flight"] == 3


# ---- order across retries ----------------------------------------------------------


def test_failing_head_message_is_retried_before_later_messages_of_its_group(build, simulate):
    """AWS docs, "Using the message group ID with Amazon SQS FIFO queues" and "Using dead-letter
    queues in Amazon SQS": a failing message is received again before any later message of
    its group; the later ones come only after it leaves (here: dead-lettered)."""
    doc = build.doc(
        [
            group_producer(build, "pa", "A", 3, rate=10),
            build.fifo_queue(VisibilityTimeout=5),
            build.fifo_queue("dlq"),
            build.worker(pollers=2, failWhen={"g": ["A"], "n": [1]}),
        ],
        [build.publish("pa", "q"), build.reads("q", "w"), build.dead_letter("q", "dlq", 2)],
    )
    run = simulate(doc, until=30)
    names = label(send_order(run))

    assert [names[e["origin"]] for e in run.events("receive", node="q")] == [
        "A1",
        "A1",
        "A2",
        "A3",
    ]
    moved = run.times("dead-letter")
    assert moved == [10.0]
    a2_first = next(e["t"] for e in run.events("receive") if names[e["origin"]] == "A2")
    a2_deleted = next(e["t"] for e in run.events("delete") if names[e["origin"]] == "A2")
    a3_first = next(e["t"] for e in run.events("receive") if names[e["origin"]] == "A3")
    assert a2_first >= moved[0]
    assert a3_first >= a2_deleted
    assert run.ledger["deleted"] == 2
    assert run.ledger["dead_lettered"] == 1


def assert_fifo_order(run, node="q") -> None:
    """Replay the trace and check the FIFO rules for every receive: a group with a message
    in flight returns nothing more except in the same receive (same instant); a message is
    received only when every earlier message of its group has been deleted, dead-lettered
    or is in flight with it; so a retry always comes before later messages."""
    order = send_order(run, node)
    position = {
        origin: (group, index)
        for group, origins in order.items()
        for index, origin in enumerate(origins)
    }
    done: set[str] = set()
    in_flight: dict[str, dict[str, float]] = {}
    for event in run.trace:
        if event.get("node") != node or event.get("origin") not in position:
            continue
        origin, kind = event["origin"], event["event"]
        group, index = position[origin]
        flying = in_flight.setdefault(group, {})
        if kind == "receive":
            assert all(t == event["t"] for t in flying.values()), (event, flying)
            missing = [o for o in order[group][:index] if o not in done and o not in flying]
            assert not missing, (event, missing)
            flying[origin] = event["t"]
        elif kind in ("delete", "dead-letter"):
            flying.pop(origin, None)
            done.add(origin)
        elif kind == "visibility-timeout":
            flying.pop(origin)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("batch_size", [1, 3])
def test_group_order_holds_with_random_failures(build, simulate, seed, batch_size):
    """AWS docs, "Using the message group ID with Amazon SQS FIFO queues": messages of a group are
    received in the order sent, a group is blocked while one of its messages is in flight,
    and failed messages are retried before later ones, whatever fails (random batch
    failures, several pollers, batches of several messages of the same group)."""
    doc = build.doc(
        [
            group_producer(build, "pa", "A", 10, rate=2),
            group_producer(build, "pb", "B", 10, rate=3),
            group_producer(build, "pc", "C", 10, rate=5),
            build.fifo_queue(VisibilityTimeout=2),
            build.fifo_queue("dlq"),
            build.worker(
                pollers=3,
                batchSize=batch_size,
                errorRate=0.3,
                duration={"dist": "uniform", "min": 100, "max": 400},
            ),
        ],
        [
            build.publish("pa", "q"),
            build.publish("pb", "q"),
            build.publish("pc", "q"),
            build.reads("q", "w"),
            build.dead_letter("q", "dlq", 3),
        ],
    )
    run = simulate(doc, until=300, seed=seed)

    assert run.events("error"), "the run should contain failures to retry"
    assert_fifo_order(run)
    assert run.ledger["deleted"] + run.ledger["dead_lettered"] == 30


# ---- deduplication -----------------------------------------------------------------


def repeat_document(build, starts, *, consumer=True, **queue_props):
    """One producer per start time, each sending one message with deduplicationId "same"."""
    nodes = [
        build.producer(f"p{i}", count=1, start=start, messageGroupId="g", deduplicationId="same")
        for i, start in enumerate(starts)
    ]
    nodes.append(build.fifo_queue(**queue_props))
    edges = [build.publish(f"p{i}", "q") for i in range(len(starts))]
    if consumer:
        nodes.append(build.worker())
        edges.append(build.reads("q", "w"))
    return build.doc(nodes, edges, duration=max(starts) + 10)


def test_repeat_deduplication_id_within_five_minutes_is_accepted_but_not_delivered(build, simulate):
    """AWS docs, "Using the message deduplication ID in Amazon SQS": a message sent with a
    deduplication id already sent in the last 5 minutes is accepted but not delivered, even
    after the first one was deleted."""
    run = simulate(repeat_document(build, [0, 60, 299]))

    assert run.times("delete") == [0.1]  # the first one is long gone by 60 s
    drops = run.events("drop", node="q")
    assert [(d["t"], d["reason"]) for d in drops] == [
        (60.0, "deduplicated"),
        (299.0, "deduplicated"),
    ]
    assert [e["origin"] for e in run.events("deliver", node="q")] == ["m-1"]
    assert run.times("receive") == [0.0]
    assert run.ledger["deduplicated"] == 2
    assert run.ledger["dropped"] == 0
    assert run.ledger["deleted"] == 1


def test_repeat_deduplication_id_after_five_minutes_is_delivered(build, simulate):
    """AWS docs, "Using the message deduplication ID in Amazon SQS": the deduplication interval is 5
    minutes from the first successful send; after it, the same id is delivered again."""
    run = simulate(repeat_document(build, [0, 299, 301]))

    assert run.times("deliver", node="q") == [0.0, 301.0]
    assert run.times("drop", node="q") == [299.0]
    assert run.times("receive") == [0.0, 301.0]
    assert run.ledger["deduplicated"] == 1
    assert run.ledger["deleted"] == 2


def content_document(build, first: dict, second: dict, **queue_props):
    nodes = [
        build.producer("p1", count=1, messageGroupId="g", **first),
        build.producer("p2", count=1, start=1, messageGroupId="g", **second),
        build.fifo_queue(ContentBasedDeduplication=True, **queue_props),
    ]
    return build.doc(nodes, [build.publish("p1", "q"), build.publish("p2", "q")], duration=10)


def test_content_based_deduplication_hashes_the_body_only(build, simulate):
    """AWS docs, "Using the message deduplication ID in Amazon SQS": with ContentBasedDeduplication
    the id is the SHA-256 hash of the message body; message attributes are not part of it."""
    doc = content_document(
        build,
        {"payload": "same body", "attributes": {"source": "web", "n": 1}},
        {"payload": "same body", "attributes": {"source": "batch", "n": 2}},
    )
    run = simulate(doc)

    assert [(d["origin"], d["reason"]) for d in run.events("drop", node="q")] == [
        ("m-2", "deduplicated")
    ]
    assert run.ledger["deduplicated"] == 1
    assert run.ledger["in_queues"] == 1


def test_content_based_deduplication_delivers_different_bodies(build, simulate):
    """AWS docs, "Using the message deduplication ID in Amazon SQS": different bodies hash to
    different ids and are both delivered."""
    run = simulate(content_document(build, {"payload": "body one"}, {"payload": "body two"}))

    assert run.events("drop") == []
    assert run.metrics("q")["NumberOfMessagesSent"] == 2
    assert run.ledger["in_queues"] == 2


def test_explicit_deduplication_id_overrides_content_hash(build, simulate):
    """AWS docs, "Using the message deduplication ID in Amazon SQS": an explicit
    MessageDeduplicationId overrides the one ContentBasedDeduplication would generate."""
    doc = content_document(
        build,
        {"payload": "same body", "deduplicationId": "first"},
        {"payload": "same body", "deduplicationId": "second"},
    )
    run = simulate(doc)

    assert run.events("drop") == []
    assert run.ledger["in_queues"] == 2


@pytest.mark.parametrize(
    ("scope", "groups", "delivered"),
    [
        ("messageGroup", ("A", "B"), 2),
        ("messageGroup", ("A", "A"), 1),
        ("queue", ("A", "B"), 1),
        ("queue", ("A", "A"), 1),
    ],
)
def test_deduplication_scope(build, simulate, scope, groups, delivered):
    """AWS docs, "High throughput for FIFO queues in Amazon SQS": DeduplicationScope messageGroup
    deduplicates within each message group; the default (queue) across the whole queue."""
    doc = build.doc(
        [
            build.producer("p1", count=1, messageGroupId=groups[0], deduplicationId="same"),
            build.producer(
                "p2", count=1, start=1, messageGroupId=groups[1], deduplicationId="same"
            ),
            build.fifo_queue(DeduplicationScope=scope),
        ],
        [build.publish("p1", "q"), build.publish("p2", "q")],
        duration=10,
    )
    run = simulate(doc)

    assert run.metrics("q")["NumberOfMessagesSent"] == delivered
    assert run.ledger["in_queues"] == delivered
    assert run.ledger["deduplicated"] == 2 - delivered


# ---- FIFO-only rules ---------------------------------------------------------------


def fifo_target(build, producer_sim: dict, **queue_props) -> dict:
    return build.doc(
        [build.producer(**producer_sim), build.fifo_queue(**queue_props)],
        [build.publish("p", "q")],
    )


FIFO_RULES = {
    # "Amazon SQS FIFO queue key terms": MessageGroupId is required on every send.
    "send-without-message-group-id": (
        lambda b: fifo_target(b, {"deduplicationId": "{{uuid}}"}),
        ("nodes[0].sim.messageGroupId", "required"),
    ),
    # "Using the message deduplication ID": required unless ContentBasedDeduplication.
    "send-without-deduplication-id": (
        lambda b: fifo_target(b, {"messageGroupId": "g"}),
        ("nodes[0].sim.deduplicationId", "required"),
    ),
    # "Amazon SQS message timers": per-message delays are not supported on FIFO queues.
    "per-message-delay": (
        lambda b: fifo_target(
            b, {"messageGroupId": "g", "delaySeconds": 5}, ContentBasedDeduplication=True
        ),
        ("nodes[0].sim.delaySeconds", "fifo_only_rule"),
    ),
    # "Exactly-once processing in Amazon SQS": FIFO queues do not introduce duplicates.
    "duplicate-rate": (
        lambda b: b.doc([b.fifo_queue(sim={"duplicateRate": 0.1})]),
        ("nodes[0].sim.duplicateRate", "fifo_only"),
    ),
    # "Amazon SQS FIFO queues": a FIFO queue's name ends in .fifo, and only its name does.
    "fifo-name-on-standard-queue": (
        lambda b: b.doc([b.queue(QueueName="orders.fifo")]),
        ("nodes[0].props.QueueName", "fifo_name"),
    ),
    "fifo-queue-without-fifo-name": (
        lambda b: b.doc([b.fifo_queue(QueueName="orders")]),
        ("nodes[0].props.QueueName", "fifo_name"),
    ),
    # "High throughput for FIFO queues": perMessageGroupId needs messageGroup scope.
    "per-group-throughput-with-queue-scope": (
        lambda b: b.doc([b.fifo_queue(FifoThroughputLimit="perMessageGroupId")]),
        ("nodes[0].props.FifoThroughputLimit", "invalid_combination"),
    ),
    # "SetQueueAttributes": ContentBasedDeduplication applies only to FIFO queues.
    "content-based-dedup-on-standard-queue": (
        lambda b: b.doc([b.queue(ContentBasedDeduplication=True)]),
        ("nodes[0].props.ContentBasedDeduplication", "fifo_only"),
    ),
}


@pytest.mark.parametrize("case", list(FIFO_RULES), ids=list(FIFO_RULES))
def test_fifo_only_rules_are_refused_with_their_path(build, case):
    """AWS docs, "Amazon SQS FIFO queues" and the pages named in FIFO_RULES: configurations AWS
    refuses are refused by load_diagram, each with its path and code."""
    make, expected = FIFO_RULES[case]
    assert problems_of(make(build)) == [expected]


@pytest.mark.parametrize(
    "doc_of",
    [
        lambda b: fifo_target(b, {"messageGroupId": "g"}, ContentBasedDeduplication=True),
        lambda b: fifo_target(b, {"messageGroupId": "g", "deduplicationId": "{{uuid}}"}),
        lambda b: b.doc(
            [
                b.fifo_queue(
                    QueueName="fast.fifo",
                    DeduplicationScope="messageGroup",
                    FifoThroughputLimit="perMessageGroupId",
                )
            ]
        ),
    ],
    ids=["content-based-dedup", "explicit-dedup-id", "high-throughput-mode"],
)
def test_valid_fifo_configurations_load(build, doc_of):
    """AWS docs, "Amazon SQS FIFO queues", "High throughput for FIFO queues in Amazon SQS": the
    allowed counterparts of the refused configurations load."""
    load_diagram(doc_of(build))


# ---- the fifo-groups-poison example ------------------------------------------------


def test_fifo_groups_poison_example_gives_the_numbers_aws_would(simulate, example):
    """AWS docs, "Using the message group ID with Amazon SQS FIFO queues", "Using dead-letter queues
    in Amazon SQS" and "Using Lambda with Amazon SQS" (FIFO: order kept per group, failed
    messages retried before more of their group).

    Account A's payment 3 always fails. The ESM reads with BatchSize 1, the queue's
    VisibilityTimeout is 20 s and maxReceiveCount 3. So AWS would: receive the poison at
    2 s, 22 s and 42 s (exactly 3 times, each after the visibility timeout), move it to the
    FIFO DLQ at the next receive attempt (62 s), and only then deliver A's payments 4, 5
    and 6, in order. Account B's 6 payments are a different group: each is received the
    moment it is sent (0..5 s) and succeeds, never waiting on A's failure.
    """
    run = simulate(example("fifo-groups-poison.json"))
    order = send_order(run, "ledger")
    names = label(order)
    poison = order["account-A"][2]

    # Every copy ends in exactly one bucket: 11 deleted, the poison dead-lettered.
    expected = {"produced": 12, "deleted": 11, "dead_lettered": 1}
    assert {k: v for k, v in run.ledger.items() if v and k != "copies"} == expected
    ledger_queue, dlq, post = run.metrics("ledger"), run.metrics("ledger-dlq"), run.metrics("post")
    assert ledger_queue["NumberOfMessagesSent"] == 12
    assert ledger_queue["NumberOfMessagesReceived"] == 14  # 11 once, the poison 3 times
    assert ledger_queue["NumberOfMessagesDeleted"] == 11
    assert dlq["NumberOfMessagesSent"] == 0  # a redrive is not a send
    assert dlq["ApproximateNumberOfMessagesVisible"] == 1
    assert post["Invocations"] == 14
    assert post["Errors"] == 3

    poison_receives = run.events("receive", node="ledger", origin=poison)
    assert [(e["t"], e["receiveCount"]) for e in poison_receives] == [
        (2.0, 1),
        (22.0, 2),
        (42.0, 3),
    ]
    moves = run.events("dead-letter")
    assert [(e["t"], e["origin"], e["target"]) for e in moves] == [(62.0, poison, "ledger-dlq")]

    sent_at = {e["origin"]: e["t"] for e in run.events("deliver", node="ledger")}
    b_receives = run.events("receive", node="ledger", group="account-B")
    assert [names[e["origin"]] for e in b_receives] == [f"account-B{i}" for i in range(1, 7)]
    assert all(e["t"] == sent_at[e["origin"]] and e["receiveCount"] == 1 for e in b_receives)
    assert {e["origin"] for e in run.events("delete")} >= set(order["account-B"])
    assert not [e for e in run.events("error") if e["origin"] in order["account-B"]]

    a_receives = [
        (e["t"], names[e["origin"]])
        for e in run.events("receive", node="ledger", group="account-A")
    ]
    assert [name for _, name in a_receives] == [
        "account-A1",
        "account-A2",
        "account-A3",
        "account-A3",
        "account-A3",
        "account-A4",
        "account-A5",
        "account-A6",
    ]
    later = [t for t, name in a_receives if name in ("account-A4", "account-A5", "account-A6")]
    assert min(later) >= 62.0
    deleted_at = {e["origin"]: e["t"] for e in run.events("delete")}
    for before, after in zip(order["account-A"][3:], order["account-A"][4:], strict=False):
        first = next(t for t, name in a_receives if name == names[after])
        assert first >= deleted_at[before]
    assert_fifo_order(run, "ledger")


def test_every_trace_event_of_a_fifo_queue_names_its_group(build, simulate):
    """Contract section 4: events carry the fields that identify their place, `group` for
    FIFO, including deletes, expiries, redrives and deduplication drops."""
    doc = build.doc(
        [
            build.producer("p", count=3, messageGroupId="g-1", deduplicationId="same"),
            build.fifo_queue("q", VisibilityTimeout=5),
            build.fifo_queue("dlq"),
            build.function("f", {"Timeout": 5}, {"errorRate": 0.5}),
        ],
        [build.publish("p", "q"), build.reads("q", "f"), build.dead_letter("q", "dlq", 2)],
        duration=60,
    )
    run = simulate(doc)
    fifo_nodes = {"q", "dlq"}
    mine = [e for e in run.events() if e["node"] in fifo_nodes and "message" in e]
    assert {e["event"] for e in mine} >= {"deliver", "receive", "delete", "drop"}
    assert [e for e in mine if e.get("group") != "g-1"] == []
    assert run.metrics("q")["NumberOfDeduplicatedSentMessages"] == 2
