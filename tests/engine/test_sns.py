"""SNS topics in the engine: fan-out, filter policies, envelopes, raw delivery, subscription
dead-letter queues and FIFO topics, each checked against the AWS behaviour it reproduces."""

from __future__ import annotations

import json
import re
from datetime import datetime

from tests.engine.builders import (
    assert_balanced,
    capture_arrivals,
    diagram,
    fifo_queue,
    fifo_topic,
    finish,
    function,
    problem_codes,
    producer,
    publish,
    queue,
    run,
    simulation,
    subscription,
    topic,
)

ISO_MS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def _bodies(run_, queue_id: str) -> list[str]:
    return [copy.body for copy in run_.sim.resources[queue_id].held.values()]


def test_fan_out_makes_one_copy_per_subscription():
    """ "Fanout to Amazon SQS queues": each subscription receives its own copy of every
    published message; the ledger counts n - 1 extra copies for n subscriptions."""
    doc = diagram(
        [producer("p", count=4), topic("t"), queue("a"), queue("b"), queue("c")],
        [publish("p", "t"), subscription("t", "a"), subscription("t", "b"), subscription("t", "c")],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    published = [e["message"] for e in r.of("publish", "p")]
    assert len(published) == 4
    for origin in published:
        arrivals = [e for e in r.of("deliver") if e["origin"] == origin and e["node"] != "t"]
        assert sorted(e["node"] for e in arrivals) == ["a", "b", "c"]
        ids = {e["message"] for e in arrivals}
        assert len(ids) == 3 and origin not in ids, "each copy has its own message id"
    assert r.ledger["produced"] == 4
    assert r.ledger["copies"] == 4 * (3 - 1)
    assert r.ledger["in_queues"] == 12
    assert r.metrics("t")["NumberOfMessagesPublished"] == 4
    assert r.metrics("t")["NumberOfNotificationsDelivered"] == 12
    for q in ("a", "b", "c"):
        assert r.metrics(q)["NumberOfMessagesSent"] == 4


def test_filter_policy_on_attributes_drops_non_matching_messages():
    """ "Amazon SNS message filtering": a subscription with a filter policy receives only
    messages whose attributes match; the others count in NumberOfNotificationsFilteredOut
    and are never delivered to that subscription."""
    doc = diagram(
        [
            producer("pa", count=3, attributes={"kind": "order"}),
            producer("pb", count=2, attributes={"kind": "refund"}, start=0.5),
            topic("t"),
            queue("orders"),
            queue("audit"),
        ],
        [
            publish("pa", "t"),
            publish("pb", "t"),
            subscription("t", "orders", "s-orders", FilterPolicy={"kind": ["order"]}),
            subscription("t", "audit"),
        ],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    orders = {e["origin"] for e in r.of("publish", "pa")}
    refunds = {e["origin"] for e in r.of("publish", "pb")}
    filtered = r.of("filter-out", "t")
    assert {e["origin"] for e in filtered} == refunds
    assert all(e["edge"] == "s-orders" for e in filtered)
    assert {e["origin"] for e in r.of("deliver", "orders")} == orders
    assert {e["origin"] for e in r.of("deliver", "audit")} == orders | refunds
    metrics = r.metrics("t")
    assert metrics["NumberOfNotificationsFilteredOut"] == 2
    assert metrics["NumberOfNotificationsDelivered"] == 3 + 5
    assert r.ledger["filtered"] == 2
    assert r.metrics("orders")["NumberOfMessagesSent"] == 3


def test_filter_policy_numeric_attribute_matches_number_values():
    """ "Amazon SNS message filtering" (numeric value matching): a Number attribute is
    compared as a number, so price 100 matches [">=", 100] and 99.5 does not."""
    doc = diagram(
        [
            producer("cheap", count=2, attributes={"price": 99.5}),
            producer("dear", count=2, attributes={"price": 100}, start=0.25),
            topic("t"),
            queue("big"),
        ],
        [
            publish("cheap", "t"),
            publish("dear", "t"),
            subscription("t", "big", FilterPolicy={"price": [{"numeric": [">=", 100]}]}),
        ],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    assert {e["origin"] for e in r.of("deliver", "big")} == {
        e["origin"] for e in r.of("publish", "dear")
    }
    assert r.ledger["filtered"] == 2


def test_message_body_scope_filters_on_the_json_body():
    """ "Amazon SNS message filtering" (payload-based filtering, FilterPolicyScope
    MessageBody): the policy reads the JSON body, nested keys included, not attributes."""
    doc = diagram(
        [
            producer(
                "p",
                count=40,
                rate=10,
                payload={"order": {"region": "{{choice eu us}}"}, "amount": "{{int 1 1000}}"},
                attributes={"region": "eu"},  # would match if attributes were read
            ),
            topic("t"),
            queue("all"),
            queue("eu-big"),
        ],
        [
            publish("p", "t"),
            subscription("t", "all", RawMessageDelivery=True),
            subscription(
                "t",
                "eu-big",
                "s-eu-big",
                FilterPolicyScope="MessageBody",
                FilterPolicy={"order": {"region": ["eu"]}, "amount": [{"numeric": [">=", 500]}]},
            ),
        ],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    payloads = {copy.origin: json.loads(copy.body) for copy in r.sim.resources["all"].held.values()}
    assert len(payloads) == 40
    wanted = {
        origin
        for origin, body in payloads.items()
        if body["order"]["region"] == "eu" and body["amount"] >= 500
    }
    assert 0 < len(wanted) < 40, "the seed must give both outcomes"
    assert {e["origin"] for e in r.of("deliver", "eu-big")} == wanted
    assert {e["origin"] for e in r.of("filter-out", "t")} == set(payloads) - wanted
    assert r.metrics("t")["NumberOfNotificationsFilteredOut"] == 40 - len(wanted)


def test_sqs_subscriber_without_raw_delivery_gets_the_json_envelope():
    """ "Amazon SNS message and JSON formats": an SQS subscription without raw delivery
    receives a JSON envelope (Type Notification, MessageId, TopicArn, Message = the published
    body, Timestamp, MessageAttributes); the SQS message itself has no attributes."""
    doc = diagram(
        [
            producer("p", count=2, payload={"id": "{{seq}}"}, attributes={"kind": "order"}),
            topic("t", TopicName="orders"),
            queue("q"),
        ],
        [publish("p", "t"), subscription("t", "q")],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    copies = list(r.sim.resources["q"].held.values())
    assert len(copies) == 2
    envelopes = [json.loads(c.body) for c in copies]
    for seq, (copy, envelope) in enumerate(zip(copies, envelopes, strict=True), start=1):
        assert envelope["Type"] == "Notification"
        assert envelope["Message"] == json.dumps({"id": seq}, separators=(",", ":"))
        assert json.loads(envelope["Message"]) == {"id": seq}
        assert envelope["TopicArn"].startswith("arn:aws:sns:")
        assert envelope["TopicArn"].endswith(":orders")
        assert isinstance(envelope["MessageId"], str) and envelope["MessageId"]
        assert ISO_MS.fullmatch(envelope["Timestamp"])
        assert envelope["MessageAttributes"] == {"kind": {"Type": "String", "Value": "order"}}
        assert "SigningCertURL" in envelope and "UnsubscribeURL" in envelope
        assert copy.attributes == {}, "with the envelope, attributes travel inside the body"
    assert envelopes[0]["MessageId"] != envelopes[1]["MessageId"]
    first, second = (
        datetime.fromisoformat(e["Timestamp"].replace("Z", "+00:00")) for e in envelopes
    )
    assert (second - first).total_seconds() == 1.0, "Timestamp is the publish time"


def test_one_publish_has_one_sns_message_id_in_every_envelope():
    """ "Amazon SNS message and JSON formats": MessageId identifies the published message,
    so every subscriber's envelope of one publish carries the same MessageId."""
    doc = diagram(
        [producer("p", count=1), topic("t"), queue("a"), queue("b")],
        [publish("p", "t"), subscription("t", "a"), subscription("t", "b")],
    )
    r = run(doc, 2)
    assert_balanced(r.ledger)
    (a,) = [json.loads(b) for b in _bodies(r, "a")]
    (b,) = [json.loads(b) for b in _bodies(r, "b")]
    assert a["MessageId"] == b["MessageId"]


def test_raw_delivery_sends_the_published_body_and_sqs_attributes():
    """ "Amazon SNS raw message delivery": with RawMessageDelivery the SQS message body is
    exactly the published body, and the SNS message attributes become SQS attributes."""
    doc = diagram(
        [
            producer(
                "p",
                count=1,
                payload={"id": "{{seq}}", "note": "héllo"},
                attributes={"kind": "order", "priority": 3},
            ),
            topic("t"),
            queue("q"),
        ],
        [publish("p", "t"), subscription("t", "q", RawMessageDelivery=True)],
    )
    sim = simulation(doc)
    published = capture_arrivals(sim, "t")
    r = finish(sim, 2)
    assert_balanced(r.ledger)
    (copy,) = r.sim.resources["q"].held.values()
    assert copy.body == published[0].body
    assert json.loads(copy.body) == {"id": 1, "note": "héllo"}
    values = {name: a.get("Value", a.get("StringValue")) for name, a in copy.attributes.items()}
    types = {name: a.get("Type", a.get("DataType")) for name, a in copy.attributes.items()}
    assert values == {"kind": "order", "priority": "3"}
    assert types == {"kind": "String", "priority": "Number"}


def test_lambda_subscriber_receives_an_sns_event_record():
    """ "Using AWS Lambda with Amazon SNS": the function's event is {"Records": [{"EventSource":
    "aws:sns", "Sns": {...}}]}, and inside Sns the URLs are spelled SigningCertUrl and
    UnsubscribeUrl (not the envelope's ...URL)."""
    doc = diagram(
        [
            producer("p", count=1, payload={"id": "{{seq}}"}, attributes={"kind": "order"}),
            topic("t"),
            function("f"),
        ],
        [publish("p", "t"), subscription("t", "f")],
    )
    sim = simulation(doc)
    seen = capture_arrivals(sim, "f")
    r = finish(sim, 5)
    assert_balanced(r.ledger)
    assert len(seen) == 1
    event = json.loads(seen[0].body)
    (record,) = event["Records"]
    assert record["EventSource"] == "aws:sns"
    assert record["EventVersion"] == "1.0"
    assert record["EventSubscriptionArn"].startswith(sim.resources["t"].arn + ":")
    sns = record["Sns"]
    assert sns["Type"] == "Notification"
    assert sns["Message"] == '{"id":1}'
    assert sns["TopicArn"] == sim.resources["t"].arn
    assert sns["MessageAttributes"] == {"kind": {"Type": "String", "Value": "order"}}
    assert "SigningCertUrl" in sns and "UnsubscribeUrl" in sns
    assert "SigningCertURL" not in sns and "UnsubscribeURL" not in sns
    assert r.metrics("f")["Invocations"] == 1
    assert r.ledger["processed"] == 1


def _eleven_attributes() -> dict:
    return {f"a{i}": f"v{i}" for i in range(11)}


def test_raw_delivery_with_more_than_ten_attributes_goes_to_the_subscription_dlq():
    """ "Amazon SNS message attributes" / "Amazon SNS dead-letter queues (DLQs)": a message
    with more than 10 attributes cannot go to a raw SQS subscription; that client-side error
    is not retried, and the message moves to the subscription's DLQ. The same message is
    delivered to a subscription without raw delivery (attributes travel in the envelope)."""
    doc = diagram(
        [topic("t"), queue("raw"), queue("wrapped"), queue("sub-dlq")],
        [
            subscription(
                "t",
                "raw",
                "s-raw",
                RawMessageDelivery=True,
                RedrivePolicy={"deadLetterTargetArn": "sub-dlq"},
            ),
            subscription("t", "wrapped"),
        ],
    )
    sim = simulation(doc)
    origin = sim.inject("t", {"id": 1}, attributes=_eleven_attributes())
    r = finish(sim, 5)
    assert_balanced(r.ledger)
    assert r.metrics("raw")["NumberOfMessagesSent"] == 0
    assert r.metrics("wrapped")["NumberOfMessagesSent"] == 1
    (moved,) = r.of("dead-letter")
    assert moved["origin"] == origin
    assert moved["target"] == "sub-dlq"
    assert moved["edge"] == "s-raw"
    assert r.metrics("sub-dlq")["NumberOfMessagesSent"] == 1
    assert r.ledger["dead_lettered"] == 1
    assert r.metrics("t")["NumberOfNotificationsFailed"] == 1
    assert r.metrics("t")["NumberOfNotificationsDelivered"] == 1
    assert r.count("retry") == 0, "client-side errors are not retried"


def test_raw_delivery_with_more_than_ten_attributes_is_dropped_without_a_dlq():
    """ "Amazon SNS message attributes": without a subscription DLQ the message with more
    than 10 attributes is discarded for the raw SQS subscription, and counted as failed."""
    doc = diagram(
        [topic("t"), queue("raw")],
        [subscription("t", "raw", RawMessageDelivery=True)],
    )
    sim = simulation(doc)
    sim.inject("t", {"id": 1}, attributes=_eleven_attributes())
    sim.inject("t", {"id": 2}, attributes={f"a{i}": "v" for i in range(10)})
    r = finish(sim, 5)
    assert_balanced(r.ledger)
    assert r.ledger["dropped"] == 1
    assert r.ledger["in_queues"] == 1, "ten attributes are still allowed"
    assert r.metrics("t")["NumberOfNotificationsFailed"] == 1
    assert r.metrics("raw")["NumberOfMessagesSent"] == 1


def test_fifo_topic_deduplicates_within_five_minutes():
    """ "Message deduplication for FIFO topics": a message with a deduplication ID already
    accepted in the last 5 minutes is accepted but not delivered; after the interval the
    same ID is delivered again."""
    doc = diagram(
        [
            producer("p", count=4, rate=1 / 120, messageGroupId="g", deduplicationId="same"),
            fifo_topic("t"),
            fifo_queue("q"),
        ],
        [publish("p", "t"), subscription("t", "q")],
    )
    r = run(doc, 400)
    assert_balanced(r.ledger)
    published = [e["origin"] for e in r.of("publish", "p")]  # t = 0, 120, 240, 360
    assert len(published) == 4
    assert [e["origin"] for e in r.of("deliver", "q")] == [published[0], published[3]]
    assert r.ledger["deduplicated"] == 2
    assert r.metrics("t")["NumberOfMessagesPublished"] == 4
    assert r.metrics("q")["NumberOfMessagesSent"] == 2


def test_fifo_topic_content_based_deduplication_uses_the_body():
    """ "Message deduplication for FIFO topics": with ContentBasedDeduplication the SHA-256
    of the body is the deduplication ID, so identical bodies within 5 minutes are delivered
    once and different bodies all are."""
    doc = diagram(
        [
            producer("same", count=3, messageGroupId="g", payload={"v": "x"}),
            producer("differ", count=3, messageGroupId="g", payload={"v": "{{seq}}"}, start=0.5),
            fifo_topic("t", ContentBasedDeduplication=True),
            fifo_queue("q"),
        ],
        [publish("same", "t"), publish("differ", "t"), subscription("t", "q")],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    bodies = sorted(c.body for c in r.sim.resources["q"].held.values())
    # {"v": 1} is new, {"v": 2} and {"v": 3} too; {"v": "x"} once.
    assert len(bodies) == 4
    assert r.ledger["deduplicated"] == 2


def test_fifo_topic_keeps_the_message_group_for_fifo_queues():
    """ "Message grouping for FIFO topics": the message group ID is passed to subscribed
    SQS FIFO queues, which keep the messages of a group in publish order."""
    doc = diagram(
        [
            producer("p", count=3, messageGroupId="acct-7", deduplicationId="{{seq}}"),
            fifo_topic("t"),
            fifo_queue("q"),
        ],
        [publish("p", "t"), subscription("t", "q")],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    arrivals = r.of("deliver", "q")
    assert [e["group"] for e in arrivals] == ["acct-7"] * 3
    assert [e["origin"] for e in arrivals] == [e["origin"] for e in r.of("publish", "p")]
    assert r.ledger["in_queues"] == 3


def test_fifo_topic_cannot_deliver_to_lambda():
    """ "Amazon SNS FIFO topics": FIFO topics deliver only to SQS queues."""
    doc = diagram([fifo_topic("t"), function("f")], [subscription("t", "f")])
    assert "fifo_protocol" in problem_codes(doc)


def test_fifo_queue_cannot_subscribe_to_a_standard_topic():
    """ "Amazon SNS FIFO topics": an SQS FIFO queue can subscribe only to a FIFO topic."""
    doc = diagram([topic("t"), fifo_queue("q")], [subscription("t", "q")])
    assert "fifo_mismatch" in problem_codes(doc)


def test_fifo_topic_to_fifo_queue_and_standard_topic_to_standard_queue_load():
    """The allowed pairs of "Amazon SNS FIFO topics" load without problems."""
    doc = diagram(
        [fifo_topic("ft"), fifo_queue("fq"), topic("t"), queue("q"), function("f")],
        [subscription("ft", "fq"), subscription("t", "q"), subscription("t", "f")],
    )
    assert problem_codes(doc) == set()


def test_topic_without_subscriptions_drops_the_message():
    """ "Amazon SNS message delivery": a topic with no subscriptions accepts the publish and
    delivers nothing; the message is gone (dropped in the ledger)."""
    doc = diagram([producer("p", count=3), topic("t")], [publish("p", "t")])
    r = run(doc, 10)
    assert_balanced(r.ledger)
    assert r.ledger["produced"] == 3
    assert r.ledger["dropped"] == 3
    assert r.metrics("t")["NumberOfMessagesPublished"] == 3
    assert r.metrics("t")["NumberOfNotificationsDelivered"] == 0


def test_subscription_dlq_must_match_the_topic_type():
    """ "Amazon SNS dead-letter queues (DLQs)": a standard topic's subscription needs a
    standard DLQ and a FIFO topic's a FIFO DLQ."""
    standard = diagram(
        [topic("t"), queue("q"), fifo_queue("dlq")],
        [subscription("t", "q", RedrivePolicy={"deadLetterTargetArn": "dlq"})],
    )
    assert "dlq_type_mismatch" in problem_codes(standard)
    fifo = diagram(
        [fifo_topic("t"), fifo_queue("q"), queue("dlq")],
        [subscription("t", "q", RedrivePolicy={"deadLetterTargetArn": "dlq"})],
    )
    assert "dlq_type_mismatch" in problem_codes(fifo)
    matching = diagram(
        [fifo_topic("t"), fifo_queue("q"), fifo_queue("dlq")],
        [subscription("t", "q", RedrivePolicy={"deadLetterTargetArn": "dlq"})],
    )
    assert problem_codes(matching) == set()


def test_a_producer_may_send_more_than_ten_attributes_to_a_topic_but_not_to_a_queue():
    """ "Amazon SNS message attributes": SNS takes more than 10 attributes; such a message
    sent to a raw-delivery SQS subscription is a client-side error at delivery (to the
    subscription's DLQ), not a diagram error. A queue takes at most 10 ("Amazon SQS
    message attributes"), so publishing them straight to a queue is refused."""
    sender = producer("p", count=1, attributes=_eleven_attributes())
    doc = diagram(
        [sender, topic("t"), queue("raw"), queue("sub-dlq")],
        [
            publish("p", "t"),
            subscription(
                "t",
                "raw",
                RawMessageDelivery=True,
                RedrivePolicy={"deadLetterTargetArn": "sub-dlq"},
            ),
        ],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    assert r.metrics("raw")["NumberOfMessagesSent"] == 0
    assert r.metrics("sub-dlq")["NumberOfMessagesSent"] == 1  # an SNS send to a DLQ counts
    assert r.ledger["dead_lettered"] == 1
    assert problem_codes(diagram([sender, queue("q")], [publish("p", "q")])) == {"too_many"}
