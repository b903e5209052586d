"""S3 buckets in the engine: PutObject, event notifications to SQS, SNS, Lambda and
EventBridge, key filters and event types, each checked against the AWS behaviour it
reproduces. What S3 refuses when a configuration is saved: test_s3_config.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import engine
from engine import Simulation, load_diagram
from tests.engine.builders import (
    assert_balanced,
    capture_arrivals,
    diagram,
    edge,
    finish,
    function,
    node,
    problem_codes,
    producer,
    publish,
    queue,
    run,
    simulation,
    subscription,
    topic,
)

EXAMPLES = Path(engine.__file__).parent / "examples"


def bucket(node_id: str = "b", name: str | None = "photo-bucket") -> dict:
    return node(node_id, "s3.bucket", {"BucketName": name} if name else {})


def notification(
    source: str,
    target: str,
    edge_id: str | None = None,
    *,
    events: list[str] | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
) -> dict:
    props: dict = {}
    if events is not None:
        props["Events"] = events
    rules = [{"Name": n, "Value": v} for n, v in (("prefix", prefix), ("suffix", suffix)) if v]
    if rules:
        props["Filter"] = {"S3Key": {"Rules": rules}}
    return edge("notification", source, target, edge_id, **props)


def uploader(key: str, size: int = 1000) -> dict:
    """A producer "p" that PUTs one object."""
    return producer("p", count=1, payload={"key": key, "size": size})


def put_keys(node_id: str, keys: list[str], sizes: list[int] | None = None) -> list[dict]:
    """One single-message producer per key, a second apart: exact keys, any characters."""
    sizes = sizes or [1000] * len(keys)
    return [
        producer(f"{node_id}{i}", count=1, start=i, payload={"key": key, "size": size})
        for i, (key, size) in enumerate(zip(keys, sizes, strict=True))
    ]


def bodies(r, queue_id: str) -> list[dict]:
    return [json.loads(copy.body) for copy in r.sim.resources[queue_id].held.values()]


# --- the S3 message ----------------------------------------------------------------------
def test_sqs_destination_receives_the_s3_event_message():
    """ "Event message structure": one record per event, eventName without the `s3:`
    prefix, the configuration id, the bucket's name, owner and ARN, and the object's key
    URL-encoded (a space becomes '+'), size, eTag and sequencer; no versionId when the
    bucket is not versioned."""
    producers = put_keys("p", ["photos/summer holiday (1).jpg"], [2048])
    doc = diagram(
        [*producers, bucket(), queue("q")],
        [publish("p0", "b"), notification("b", "q", "to-queue")],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    [message] = bodies(r, "q")
    [record] = message["Records"]
    assert set(record) == {
        "eventVersion",
        "eventSource",
        "awsRegion",
        "eventTime",
        "eventName",
        "userIdentity",
        "requestParameters",
        "responseElements",
        "s3",
    }
    assert record["eventSource"] == "aws:s3"
    assert record["eventName"] == "ObjectCreated:Put"
    assert record["eventTime"] == "2026-01-01T00:00:00.000Z"
    assert set(record["responseElements"]) == {"x-amz-request-id", "x-amz-id-2"}
    s3 = record["s3"]
    assert s3["s3SchemaVersion"] == "1.0"
    assert s3["configurationId"] == "to-queue"
    assert s3["bucket"]["name"] == "photo-bucket"
    assert s3["bucket"]["arn"] == "arn:aws:s3:::photo-bucket"
    assert set(s3["bucket"]["ownerIdentity"]) == {"principalId"}
    assert s3["object"]["key"] == "photos/summer+holiday+%281%29.jpg"
    assert s3["object"]["size"] == 2048
    assert re.fullmatch(r"[0-9a-f]{32}", s3["object"]["eTag"])
    assert "versionId" not in s3["object"]


def test_sequencer_is_hexadecimal_and_increases_with_each_put():
    """ "Event message structure": of two events for one key, the greater sequencer
    (hexadecimal, compared after padding) is the later event."""
    keys = ["a.jpg", "b.jpg", "a.jpg", "a.jpg"]
    doc = diagram(
        [*put_keys("p", keys), bucket(), queue("q")],
        [*(publish(f"p{i}", "b") for i in range(4)), notification("b", "q")],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    sequencers = [m["Records"][0]["s3"]["object"]["sequencer"] for m in bodies(r, "q")]
    assert all(re.fullmatch(r"[0-9A-F]+", s) for s in sequencers)
    width = max(map(len, sequencers))
    padded = [s.rjust(width, "0") for s in sequencers]
    assert padded == sorted(padded) and len(set(padded)) == 4


def test_overwriting_a_key_keeps_one_object_and_notifies_each_put():
    """ "Amazon S3 Event Notifications": every successful PUT raises ObjectCreated:Put, an
    overwrite included; the bucket keeps only the latest object of a key."""
    doc = diagram(
        [*put_keys("p", ["doc.txt", "doc.txt", "doc.txt"], [10, 20, 30]), bucket(), queue("q")],
        [*(publish(f"p{i}", "b") for i in range(3)), notification("b", "q")],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    metrics = r.metrics("b")
    assert metrics["PutRequests"] == 3
    assert metrics["NumberOfObjects"] == 1
    assert metrics["BucketSizeBytes"] == 30
    assert metrics["NotificationsSent"] == 3
    assert r.ledger["processed"] == 3, "each PutObject copy ends at the bucket"
    assert r.ledger["in_queues"] == 3, "each notification is a new copy"


# --- filters and event types ---------------------------------------------------------------
def test_prefix_and_suffix_filters_are_case_sensitive():
    """ "Configuring event notifications using object key name filtering": a key must start
    with the prefix and end with the suffix, matched case-sensitively; other keys are
    stored without notification."""
    keys = ["images/a.jpg", "images/b.JPG", "Images/c.jpg", "docs/d.jpg", "images/e.png"]
    doc = diagram(
        [*put_keys("p", keys), bucket(), queue("q")],
        [
            *(publish(f"p{i}", "b") for i in range(len(keys))),
            notification("b", "q", prefix="images/", suffix=".jpg"),
        ],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    delivered = [m["Records"][0]["s3"]["object"]["key"] for m in bodies(r, "q")]
    assert delivered == ["images/a.jpg"]
    assert r.metrics("b")["NotificationsFiltered"] == 4
    assert r.metrics("b")["NumberOfObjects"] == 5
    assert r.count("deliver", "q") == 1
    assert not r.of("drop"), "a key that matches no configuration is simply stored"


@pytest.mark.parametrize(
    ("events", "notified"),
    [
        (["s3:ObjectCreated:*"], True),
        (["s3:ObjectCreated:Put"], True),
        (["s3:ObjectCreated:Post", "s3:ObjectCreated:Put"], True),
        (["s3:ObjectCreated:Post"], False),
        (["s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload"], False),
    ],
)
def test_a_put_notifies_configurations_whose_events_cover_object_created_put(events, notified):
    """ "Event notification types and destinations": s3:ObjectCreated:* covers every
    ObjectCreated type; a PUT raises s3:ObjectCreated:Put only."""
    doc = diagram(
        [uploader("x.jpg"), bucket(), queue("q")],
        [publish("p", "b"), notification("b", "q", events=events)],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    assert r.metrics("q")["NumberOfMessagesSent"] == (1 if notified else 0)


def test_each_matching_configuration_gets_its_own_copy():
    """Configurations for different event types or disjoint filters each send the event,
    in document order, every one a copy of its own."""
    doc = diagram(
        [uploader("images/x.jpg"), bucket(), queue("all"), queue("jpegs")],
        [
            publish("p", "b"),
            notification("b", "all", "n-images", prefix="images/", suffix=".jpg"),
            notification("b", "jpegs", "n-docs", prefix="docs/"),
        ],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    assert r.metrics("all")["NumberOfMessagesSent"] == 1
    assert r.metrics("jpegs")["NumberOfMessagesSent"] == 0
    assert r.metrics("b")["NotificationsFiltered"] == 1


# --- destinations --------------------------------------------------------------------------
def test_sns_destination_wraps_the_s3_message_in_its_envelope():
    """ "Amazon S3 Event Notifications" to an SNS topic: the topic delivers the S3 message as
    the `Message` of its JSON envelope ("Amazon SNS message delivery")."""
    doc = diagram(
        [uploader("in/a.csv"), bucket(), topic("t"), queue("q")],
        [publish("p", "b"), notification("b", "t", "n1"), subscription("t", "q")],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    [envelope] = bodies(r, "q")
    assert envelope["Type"] == "Notification"
    inner = json.loads(envelope["Message"])
    assert inner["Records"][0]["s3"]["configurationId"] == "n1"
    assert inner["Records"][0]["eventName"] == "ObjectCreated:Put"


def test_lambda_destination_is_invoked_asynchronously_with_the_event():
    """ "Using AWS Lambda with Amazon S3": S3 invokes the function asynchronously with the
    event message; the function's failWhen still sees what the producer published."""
    doc = diagram(
        [uploader("in/a.csv"), bucket(), function("f", failWhen={"key": ["never"]})],
        [publish("p", "b"), notification("b", "f")],
    )
    sim = simulation(doc)
    seen = capture_arrivals(sim, "f")
    r = finish(sim, 5)
    assert_balanced(r.ledger)
    [copy] = seen
    assert json.loads(copy.body)["Records"][0]["eventSource"] == "aws:s3"
    assert copy.payload == {"key": "in/a.csv", "size": 1000}
    assert r.metrics("f")["Invocations"] == 1
    assert r.ledger["processed"] == 2, "the PutObject at the bucket and the invocation"


def test_a_refused_notification_is_dropped_without_retry():
    """ "Event message structure": an event larger than the queue's MaximumMessageSize is
    rejected by SQS and not delivered; S3 keeps no dead-letter queue for it. The object is
    stored all the same."""
    long_key = "k/" + "x" * 1000
    doc = diagram(
        [uploader(long_key), bucket(), queue("small", MaximumMessageSize=1024)],
        [publish("p", "b"), notification("b", "small", "n1")],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    [drop] = r.of("drop")
    assert drop["node"] == "small" and drop["reason"] == "MessageTooLong" and drop["edge"] == "n1"
    assert r.ledger["dropped"] == 1
    assert r.metrics("b")["NotificationsFailed"] == 1
    assert r.metrics("b")["NumberOfObjects"] == 1


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"name": "x.jpg"}, "InvalidRequest"),
        ("x.jpg", "InvalidRequest"),
        ({"key": "", "size": 1}, "InvalidArgument"),
        ({"key": "x", "size": -1}, "InvalidArgument"),
        ({"key": "x", "size": 6 * 1024**3}, "EntityTooLarge"),
        ({"key": "é" * 513, "size": 1}, "KeyTooLongError"),
    ],
)
def test_a_put_without_a_valid_key_or_size_is_refused(payload, reason):
    """PutObject needs a key of 1..1,024 bytes ("Naming Amazon S3 objects") and at most
    5 GB in one PUT ("Uploading objects"); a refused PUT is dropped by its sender."""
    doc = diagram(
        [producer("p", count=1, payload=payload), bucket(), queue("q")],
        [publish("p", "b"), notification("b", "q")],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    [drop] = r.of("drop")
    assert drop["reason"].startswith(reason)
    assert r.metrics("b")["PutRequests"] == 0
    assert not r.of("deliver", "b")


# --- EventBridge -----------------------------------------------------------------------------
def test_eventbridge_event_has_the_object_created_shape():
    """ "EventBridge event message structure": source aws.s3, detail-type Object Created, the
    bucket's ARN in resources, and a detail with the raw (not URL-encoded) key, size, etag,
    sequencer, request id, requester, source IP and reason PutObject."""
    producers = put_keys("p", ["photos/a b.jpg"], [5])
    sim = Simulation(load_diagram(diagram([*producers, bucket()], [publish("p0", "b")])))
    sim.run(2)
    b = sim.resources["b"]
    event = b.eventbridge_event("photos/a b.jpg", b.objects["photos/a b.jpg"])
    assert event["source"] == "aws.s3"
    assert event["detail-type"] == "Object Created"
    assert event["version"] == "0"
    assert event["resources"] == ["arn:aws:s3:::photo-bucket"]
    detail = event["detail"]
    assert set(detail) == {
        "version",
        "bucket",
        "object",
        "request-id",
        "requester",
        "source-ip-address",
        "reason",
    }
    assert detail["bucket"] == {"name": "photo-bucket"}
    assert detail["object"]["key"] == "photos/a b.jpg"
    assert detail["object"]["size"] == 5
    assert set(detail["object"]) == {"key", "size", "etag", "sequencer"}
    assert detail["reason"] == "PutObject"


def test_eventbridge_destination_gets_every_event_on_the_default_bus():
    """ "Using EventBridge": with EventBridge on, S3 sends every event to the default bus,
    unfiltered; the bus reads the event from the copy's payload."""
    doc = diagram(
        [
            *put_keys("p", ["a.txt", "b.jpg"]),
            bucket(),
            node("bus", "eventbridge.bus", {"Name": "default"}),
        ],
        [publish("p0", "b"), publish("p1", "b"), notification("b", "bus")],
    )
    sim = simulation(doc)
    seen = capture_arrivals(sim, "bus")
    r = finish(sim, 5)
    assert_balanced(r.ledger)
    assert [c.payload["detail"]["object"]["key"] for c in seen] == ["a.txt", "b.jpg"]
    assert all(json.loads(c.body) == c.payload for c in seen)


# --- the example -----------------------------------------------------------------------------
def test_s3_image_upload_example_notifies_only_for_jpegs():
    """The example: 12 JPEGs and 4 text files under uploads/; the `.jpg` configuration sends
    12 events to the topic, which fans each out to both functions."""
    doc = json.loads((EXAMPLES / "s3-image-upload.json").read_text())
    r = run(doc)
    assert_balanced(r.ledger)
    bucket_metrics = r.metrics("uploads")
    assert bucket_metrics["PutRequests"] == 16
    assert bucket_metrics["NumberOfObjects"] == 16
    assert bucket_metrics["NotificationsSent"] == 12
    assert bucket_metrics["NotificationsFiltered"] == 4
    objects = r.sim.resources["uploads"].objects
    assert bucket_metrics["BucketSizeBytes"] == sum(o.size for o in objects.values())
    assert sum(k.endswith(".jpg") for k in objects) == 12
    assert r.metrics("image-uploaded")["NumberOfMessagesPublished"] == 12
    assert r.metrics("image-uploaded")["NumberOfNotificationsDelivered"] == 24
    assert r.metrics("thumbnail")["Invocations"] == 12
    assert r.metrics("tagging")["Invocations"] == 12
    assert r.ledger["produced"] == 16
    assert r.ledger["copies"] == 12 + 12, "one event per JPEG, plus one more copy per fan-out"
    assert r.ledger["processed"] == 16 + 24


# --- DeleteObject and ObjectRemoved ----------------------------------------------------
def test_a_delete_notifies_object_removed_configurations_only_for_what_was_there():
    """ "Event notification types and destinations": s3:ObjectRemoved:Delete when an
    unversioned object is deleted; the removal's message has the key and sequencer but no
    size or eTag. Deleting a key the bucket does not hold notifies no one."""
    doc = diagram(
        [
            producer("put", count=3, rate=1, payload={"key": "doc-{{seq}}.txt", "size": 10}),
            producer(
                "del",
                count=4,
                rate=1,
                start=0.5,
                payload={"key": "doc-{{seq}}.txt", "delete": True},
            ),
            bucket(),
            queue("created"),
            queue("removed"),
            node("bus", "eventbridge.bus", {"Name": "default"}),
        ],
        [
            publish("put", "b"),
            publish("del", "b"),
            notification("b", "created", "n1", events=["s3:ObjectCreated:*"]),
            notification("b", "removed", "n2", events=["s3:ObjectRemoved:*"]),
            notification("b", "bus", "n3"),
        ],
    )
    sim = simulation(doc)
    seen = capture_arrivals(sim, "bus")
    r = finish(sim, 10)
    assert_balanced(r.ledger)
    assert len(bodies(r, "created")) == 3
    removed = [b["Records"][0] for b in bodies(r, "removed")]
    assert [rec["eventName"] for rec in removed] == ["ObjectRemoved:Delete"] * 3
    assert set(removed[0]["s3"]["object"]) == {"key", "sequencer"}
    assert removed[0]["s3"]["object"]["key"] == "doc-1.txt"
    m = r.metrics("b")
    assert (m["PutRequests"], m["DeleteRequests"], m["NumberOfObjects"]) == (3, 4, 0)
    assert m["BucketSizeBytes"] == 0
    kinds = [c.payload["detail-type"] for c in seen]
    assert kinds.count("Object Created") == 3 and kinds.count("Object Deleted") == 3
    deleted = next(c.payload for c in seen if c.payload["detail-type"] == "Object Deleted")
    assert deleted["detail"]["reason"] == "DeleteObject"
    assert deleted["detail"]["deletion-type"] == "Permanently Deleted"


def test_removed_configurations_that_overlap_are_refused():
    doc = diagram(
        [bucket(), queue("q1"), queue("q2")],
        [
            notification("b", "q1", "n1", events=["s3:ObjectRemoved:*"], prefix="a/"),
            notification("b", "q2", "n2", events=["s3:ObjectRemoved:Delete"], prefix="a/"),
        ],
    )
    assert problem_codes(doc) == {"overlapping_filters"}
    separate = diagram(
        [bucket(), queue("q1"), queue("q2")],
        [
            notification("b", "q1", "n1", events=["s3:ObjectCreated:*"], prefix="a/"),
            notification("b", "q2", "n2", events=["s3:ObjectRemoved:*"], prefix="a/"),
        ],
    )
    assert problem_codes(separate) == set()
