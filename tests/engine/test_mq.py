"""Amazon MQ (ActiveMQ's "Redelivery Policy" and "What is the prefetch limit for?",
RabbitMQ's "Exchanges" and quorum queues' delivery limit, "Using Lambda with Amazon MQ"):
topic-exchange matching, routing and unroutable messages, round-robin dispatch bounded by
the prefetch, redelivery delays and back-off, the dead-letter queue (explicit, ActiveMQ.DLQ,
or a drop), Lambda's default policy, batch and concurrency, virtual topics and durable
subscribers, and the checks."""

from __future__ import annotations

import base64
import json

import pytest

from engine.mq import topic_binding_matches
from tests.engine.builders import (
    assert_balanced,
    burst,
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
    subscription,
    worker,
)

ACTIVE = {"BrokerName": "b", "EngineType": "ACTIVEMQ"}
RABBIT = {"BrokerName": "r", "EngineType": "RABBITMQ"}


def mq_queue(node_id, broker=ACTIVE, sim=None, **props):
    return node(node_id, "mq.queue", {**broker, "QueueName": node_id, **props}, sim)


def exchange(node_id="x", kind="topic"):
    return node(node_id, "mq.exchange", {**RABBIT, "ExchangeName": node_id, "ExchangeType": kind})


def binding(source, target, key=""):
    return edge("binding", source, target, f"b-{target}", BindingKey=key)


def dlq(source, target):
    return edge("dead-letter", source, target, f"dlq-{source}")


POISON = {"poison": ["yes"]}


@pytest.mark.parametrize(
    ("binding_key", "routing_key", "expected"),
    [
        ("orders.*", "orders.eu", True),
        ("orders.*", "orders.eu.paid", False),  # * is exactly one word
        ("orders.*", "orders", False),
        ("orders.#", "orders", True),  # # may be zero words
        ("orders.#", "orders.eu.paid", True),
        ("#.paid", "paid", True),
        ("#.paid", "orders.eu.paid", True),
        ("#.paid", "orders.eu.created", False),
        ("a.#.b", "a.b", True),
        ("a.#.b", "a.x.y.b", True),
        ("*.b", "b", False),
        ("#", "", True),
        ("#", "anything.at.all", True),
        ("", "", True),
        ("a..b", "a..b", True),  # an empty word is a word
        ("a..b", "a.x.b", False),
        ("*", "", True),  # the empty key is one empty word
        ("orders.eu.*", "orders.us.paid", False),
        ("#.#", "a", True),
    ],
)
def test_topic_binding_matches_words(binding_key, routing_key, expected):
    assert topic_binding_matches(binding_key, routing_key) is expected


def test_activemq_redelivers_six_times_a_second_apart_then_to_activemq_dlq():
    doc = diagram(
        [
            producer("p", count=2, rate=1, payload={"n": "{{seq}}", "poison": "p-{{seq}}"}),
            mq_queue("q"),
            worker("w", duration=fixed_ms(10), failWhen={"poison": ["p-1"]}),
        ],
        [publish("p", "q"), event_source("q", "w")],
    )
    r = run(doc, until=30)
    poison = r.of("receive", "q")[0]["origin"]
    receives = [e for e in r.of("receive", "q") if e["origin"] == poison]
    assert [e["receiveCount"] for e in receives] == list(range(1, 8))
    retries = [e for e in r.of("retry", "q") if e["origin"] == poison]
    assert [e["after"] for e in retries] == [1.0] * 6
    assert receives[1]["t"] - receives[0]["t"] == pytest.approx(1.01)
    (moved,) = r.of("dead-letter", "q")
    assert moved["target"] == "ActiveMQ.DLQ" and moved["receiveCount"] == 7
    m = r.metrics("q")
    assert m["DeadLetterCount"] == 1 and m["RedeliveryCount"] == 6 and m["DequeueCount"] == 1
    assert m["QueueSize"] == 0
    assert r.ledger["dead_lettered"] == 1 and r.ledger["deleted"] == 1
    assert_balanced(r.ledger)


def test_exponential_back_off_capped_and_an_explicit_dead_letter_queue():
    doc = diagram(
        [
            producer("p", count=1, payload={"poison": "yes"}),
            mq_queue(
                "q",
                MaximumRedeliveries=4,
                InitialRedeliveryDelay=500,
                UseExponentialBackOff=True,
                BackOffMultiplier=3,
                MaximumRedeliveryDelay=2000,
            ),
            mq_queue("dead", QueueName="ActiveMQ.DLQ.Queue.q"),
            worker("w", duration=fixed_ms(0), failWhen=POISON),
        ],
        [publish("p", "q"), event_source("q", "w"), dlq("q", "dead")],
    )
    r = run(doc, until=30)
    assert [e["after"] for e in r.of("retry", "q")] == [0.5, 1.5, 2.0, 2.0]
    (moved,) = r.of("dead-letter", "q")
    assert moved["target"] == "dead" and moved["receiveCount"] == 5
    assert r.metrics("dead")["QueueSize"] == 1 and r.metrics("dead")["EnqueueCount"] == 1
    assert r.ledger["dead_lettered"] == 1
    assert_balanced(r.ledger)


def test_lambda_uses_activemqs_default_policy_whatever_the_queue_says():
    doc = diagram(
        [
            producer("p", count=1, payload={"poison": "yes"}),
            mq_queue("q", MaximumRedeliveries=1, InitialRedeliveryDelay=0),
            function("f", duration=fixed_ms(10), failWhen=POISON),
        ],
        [publish("p", "q"), event_source("q", "f", BatchSize=1)],
    )
    r = run(doc, until=30)
    assert r.metrics("f")["Invocations"] == 7  # 1 + 6 redeliveries
    assert [e["after"] for e in r.of("retry", "q")] == [1.0] * 6


def test_lambda_batches_wait_500_ms_and_run_five_at_once_on_activemq_one_on_rabbitmq():
    def doc(broker):
        return diagram(
            [
                producer("p", count=400, rate=200),
                mq_queue("q", broker),
                function("f", duration=fixed_ms(2000)),
            ],
            [publish("p", "q"), event_source("q", "f", BatchSize=10)],
        )

    active = run(doc(ACTIVE), until=30)
    assert active.metrics("f")["ConcurrentExecutions"] == 5
    rabbit = run(doc(RABBIT), until=30)
    assert rabbit.metrics("f")["ConcurrentExecutions"] == 1
    for r in (active, rabbit):
        assert all(len(origins) == 10 for _, origins in r.batches("f"))
        assert_balanced(r.ledger)
    slow = diagram(
        [producer("p", count=3, rate=10), mq_queue("q"), function("f", duration=fixed_ms(5))],
        [publish("p", "q"), event_source("q", "f")],
    )
    r = run(slow, until=5)
    # default BatchSize 100: the first message waits the 500 ms window, and the others
    # (sent 100 and 200 ms later) go in the same batch
    ((at, origins),) = r.batches("f")
    assert at == pytest.approx(0.5) and len(origins) == 3


def test_prefetch_lets_a_slow_consumer_hoard_what_a_fast_one_could_take():
    def doc(prefetch):
        return diagram(
            [
                burst("p", 100),
                mq_queue("q", sim={"prefetch": prefetch}),
                worker("slow", duration=fixed_ms(1000)),
                worker("fast", duration=fixed_ms(10)),
            ],
            [publish("p", "q"), event_source("q", "slow"), event_source("q", "fast")],
        )

    hoarded = run(doc(1000), until=5)
    assert hoarded.metrics("slow")["Batches"] == 5  # its 50 prefetched wait for it
    assert hoarded.metrics("fast")["Batches"] == 50
    assert hoarded.metrics("q")["InFlightCount"] == 45
    fair = run(doc(1), until=5)
    assert fair.metrics("fast")["Batches"] >= 94
    assert fair.metrics("q")["QueueSize"] == 0
    for r in (hoarded, fair):
        assert_balanced(r.ledger)


def test_an_exchange_routes_by_type_one_copy_per_queue_and_drops_the_unroutable():
    def doc(kind, key):
        return diagram(
            [
                producer("p", count=4, routingKey=key),
                exchange("x", kind),
                mq_queue("a", RABBIT),
                mq_queue("b", RABBIT),
            ],
            [
                publish("p", "x"),
                binding("x", "a", "orders.eu"),
                edge("binding", "x", "a", "b-a2", BindingKey="orders.*"),  # bound twice
                binding("x", "b", "orders.us"),
            ],
        )

    direct = run(doc("direct", "orders.eu"), until=10)
    assert direct.metrics("a")["EnqueueCount"] == 4 and direct.metrics("b")["EnqueueCount"] == 0
    topic = run(doc("topic", "orders.{{choice eu us}}"), until=10)
    assert topic.metrics("a")["EnqueueCount"] == 4  # every key matches orders.*, once
    assert topic.metrics("x")["UnroutableCount"] == 0
    us = sum(e["routingKey"] == "orders.us" for e in topic.of("deliver", "x"))
    assert (
        topic.metrics("b")["EnqueueCount"] == us and topic.metrics("x")["DispatchCount"] == 4 + us
    )
    fanout = run(doc("fanout", "whatever"), until=10)
    assert fanout.metrics("a")["EnqueueCount"] == fanout.metrics("b")["EnqueueCount"] == 4
    assert fanout.metrics("x")["DispatchCount"] == 8
    lost = run(doc("direct", "orders.apac"), until=10)
    assert lost.metrics("x")["UnroutableCount"] == 4 and lost.ledger["dropped"] == 4
    assert [e["reason"] for e in lost.of("drop", "x")] == ["unroutable"] * 4
    for r in (direct, topic, fanout, lost):
        assert_balanced(r.ledger)


def test_quorum_queues_dead_letter_past_the_limit_classic_queues_requeue_for_ever():
    def doc(**props):
        return diagram(
            [
                producer("p", count=1, payload={"poison": "yes"}),
                mq_queue("q", RABBIT, **props),
                worker("w", duration=fixed_ms(100), failWhen=POISON),
            ],
            [publish("p", "q"), event_source("q", "w")],
        )

    quorum = run(doc(DeliveryLimit=3), until=30)
    (dropped,) = quorum.of("drop", "q")
    assert dropped["reason"] == "delivery limit exceeded"
    assert quorum.metrics("w")["Errors"] == 4  # 3 failures allowed, dropped at the 4th
    assert [e["after"] for e in quorum.of("retry", "q")] == [0.001] * 3
    default = run(doc(), until=30)
    assert default.metrics("w")["Errors"] == 21  # RabbitMQ 4's delivery limit of 20
    classic = run(doc(QueueType="classic"), until=30)
    assert classic.metrics("w")["Errors"] > 250  # still going when the run ends
    assert classic.metrics("q")["QueueSize"] == 1 and classic.ledger["in_flight"] == 1
    for r in (quorum, default, classic):
        assert_balanced(r.ledger)


def test_a_virtual_topic_copies_to_each_queue_and_a_durable_subscriber_reads_its_own():
    doc = diagram(
        [
            producer("p", count=5),
            node("t", "mq.topic", {**ACTIVE, "TopicName": "VirtualTopic.orders"}),
            mq_queue("billing"),
            mq_queue("shipping"),
            worker("audit", duration=fixed_ms(10)),
            function("f", duration=fixed_ms(10)),
        ],
        [
            publish("p", "t"),
            subscription("t", "billing"),
            subscription("t", "shipping"),
            event_source("t", "audit"),
            event_source("billing", "f", BatchSize=1),
        ],
    )
    r = run(doc, until=20)
    assert r.metrics("t")["EnqueueCount"] == 5 and r.metrics("t")["DispatchCount"] == 15
    assert r.metrics("billing")["DequeueCount"] == 5
    assert r.metrics("shipping")["QueueSize"] == 5  # no consumer: kept
    assert r.metrics("audit")["Batches"] == 5
    # the 5 published copies are replaced by 15, one per subscriber
    assert r.ledger["produced"] + r.ledger["copies"] == 15 and r.ledger["in_queues"] == 5
    assert_balanced(r.ledger)
    alone = run(
        diagram(
            [producer("p", count=2), node("t", "mq.topic", {**ACTIVE, "TopicName": "t"})],
            [publish("p", "t")],
        ),
        until=5,
    )
    assert alone.ledger["dropped"] == 2
    assert {e["reason"] for e in alone.of("drop", "t")} == {"no subscribers"}


def test_a_filtered_mq_mapping_reads_data_and_acknowledges_what_it_drops():
    doc = diagram(
        [
            producer("p", count=6, payload={"kind": "{{choice a b}}"}),
            mq_queue("q"),
            function("f", duration=fixed_ms(10)),
        ],
        [
            publish("p", "q"),
            event_source(
                "q",
                "f",
                BatchSize=1,
                FilterCriteria={"Filters": [{"Pattern": {"data": {"kind": ["a"]}}}]},
            ),
        ],
    )
    r = run(doc, until=10)
    invoked = r.metrics("f")["Invocations"]
    assert invoked + r.ledger["filtered"] == 6 and 0 < invoked < 6
    assert r.metrics("q")["QueueSize"] == 0
    assert_balanced(r.ledger)


def test_broker_checks_name_the_value_at_fault():
    ok = [producer("p"), mq_queue("q"), worker("w")]
    assert problem_codes(diagram(ok, [publish("p", "q"), event_source("q", "w")])) == set()
    mixed = [mq_queue("a"), node("b", "mq.queue", {"BrokerName": "b", "EngineType": "RABBITMQ"})]
    assert "engine_mismatch" in problem_codes(diagram(mixed, []))
    rabbit_with_jms = [mq_queue("q", RABBIT, MaximumRedeliveries=3)]
    assert "not_applicable" in problem_codes(diagram(rabbit_with_jms, []))
    limit_on_classic = [mq_queue("q", RABBIT, QueueType="classic", DeliveryLimit=5)]
    assert "not_applicable" in problem_codes(diagram(limit_on_classic, []))
    other_broker = [
        exchange("x"),
        mq_queue("q", {"BrokerName": "elsewhere", "EngineType": "RABBITMQ"}),
    ]
    assert "cross_broker" in problem_codes(diagram(other_broker, [binding("x", "q", "a")]))
    long_key = [exchange("x"), mq_queue("q", RABBIT)]
    assert "invalid_value" in problem_codes(diagram(long_key, [binding("x", "q", "k" * 256)]))
    sqs_count = [mq_queue("q"), mq_queue("d")]
    wired = [edge("dead-letter", "q", "d", "d1", maxReceiveCount=3)]
    assert "not_applicable" in problem_codes(diagram(sqs_count, wired))
    partial = [mq_queue("q"), function("f")]
    esm = [event_source("q", "f", FunctionResponseTypes=["ReportBatchItemFailures"])]
    assert "not_applicable" in problem_codes(diagram(partial, esm))
    rabbit_topic = [node("t", "mq.topic", {"BrokerName": "r", "EngineType": "RABBITMQ"})]
    assert problem_codes(diagram(rabbit_topic, []))  # RabbitMQ has exchanges, not topics
    to_sqs = [exchange("x"), node("s", "sqs.queue")]
    assert "invalid_pair" in problem_codes(diagram(to_sqs, [binding("x", "s")]))
    same_name = [mq_queue("q"), node("q2", "mq.queue", {**ACTIVE, "QueueName": "q"})]
    assert "duplicate_name" in problem_codes(diagram(same_name, []))
    badly_named = [mq_queue("orders"), mq_queue("dead")]
    assert "dlq_name" in problem_codes(diagram(badly_named, [dlq("orders", "dead")]))
    rabbit_dlq = [mq_queue("orders", RABBIT), mq_queue("dead", RABBIT)]
    assert problem_codes(diagram(rabbit_dlq, [dlq("orders", "dead")])) == set()
    other = [mq_queue("q"), node("q2", "mq.queue", {"BrokerName": "c", "QueueName": "q"})]
    assert problem_codes(diagram(other, [])) == set()  # names are per broker


def test_a_pipe_reads_a_broker_queue_filters_on_data_and_builds_jms_events():
    doc = diagram(
        [
            producer("p", count=10, rate=10, payload={"kind": "{{choice a b}}"}),
            mq_queue("q"),
            node(
                "pipe",
                "pipes.pipe",
                {
                    "SourceParameters": {
                        "FilterCriteria": {"Filters": [{"Pattern": {"data": {"kind": ["a"]}}}]},
                        "ActiveMQBrokerParameters": {"BatchSize": 5},
                    }
                },
            ),
            node("out", "sqs.queue"),
        ],
        [publish("p", "q"), event_source("q", "pipe"), edge("target", "pipe", "out", "t")],
    )
    r = run(doc, until=10)
    sent = r.metrics("out")["NumberOfMessagesSent"]
    assert 0 < sent < 10 and sent + r.ledger["filtered"] == 10
    body = json.loads(next(iter(r.sim.resources["out"].held.values())).body)
    assert body["eventSource"] == "aws:amq" and body["destination"] == {"physicalName": "q"}
    assert json.loads(base64.b64decode(body["data"]))["kind"] == "a"
    assert body["eventSourceArn"].startswith("arn:aws:mq:us-east-1:123456789012:broker:b:b-")
    assert_balanced(r.ledger)
    wrong = json.loads(json.dumps(doc))
    wrong["nodes"][2]["props"]["SourceParameters"]["ActiveMQBrokerParameters"]["QueueName"] = "x"
    assert "invalid_value" in problem_codes(wrong)
    rabbit = json.loads(json.dumps(doc))
    rabbit["nodes"][1]["props"]["EngineType"] = "RABBITMQ"
    assert "not_applicable" in problem_codes(rabbit)  # ActiveMQ parameters on RabbitMQ


def test_a_consumer_that_leaves_gives_back_what_was_pushed_to_it():
    """A fleet of two slow consumers with a deep prefetch shrinks to one: the messages
    the broker had pushed to the one that goes come back to the queue for the other."""
    doc = diagram(
        [
            burst("p", 40),
            mq_queue("q", sim={"prefetch": 1000}),
            worker(
                "w",
                pollers=2,
                duration=fixed_ms(100),
                pollerChanges=[{"at": 0.25, "pollers": 1}],
            ),
        ],
        [publish("p", "q"), event_source("q", "w")],
    )
    r = run(doc, until=10)
    assert r.count("delete", "q") == 40  # none stranded with the consumer that left
    receives = r.of("receive", "q")
    assert not any(e.get("redelivered") for e in receives)  # given back, not redelivered
    assert r.metrics("w")["Pollers"] == 1
    assert_balanced(r.ledger)
