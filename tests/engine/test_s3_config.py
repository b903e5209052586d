"""What S3 refuses when a bucket's notification configuration is saved (engine.s3_config):
FIFO destinations, ambiguous overlapping filters, malformed filters, bucket names, and
filters on EventBridge, each checked against the AWS page that states it."""

from __future__ import annotations

import pytest

from engine import DiagramError, load_diagram
from engine.services.s3.config import check_bucket_name, check_s3_filter
from tests.engine.builders import diagram, fifo_queue, fifo_topic, node, problem_codes, queue
from tests.engine.test_s3 import bucket, notification


@pytest.mark.parametrize("destination", [fifo_queue("dest"), fifo_topic("dest")])
def test_fifo_destinations_are_refused(destination):
    """ "Event notification types and destinations": SQS and SNS destinations must be
    standard; S3 does not send to FIFO queues or topics."""
    doc = diagram([bucket(), destination], [notification("b", "dest")])
    assert "fifo_destination" in problem_codes(doc)


@pytest.mark.parametrize(
    ("first", "second", "ambiguous"),
    [
        ({}, {"suffix": ".jpg"}, True),
        ({"prefix": "images/"}, {"prefix": "images/thumbs/"}, True),
        ({"suffix": ".jpg"}, {"suffix": "thumb.jpg"}, True),
        ({"prefix": "images/", "suffix": ".jpg"}, {"suffix": ".jpg"}, True),
        ({"prefix": "images/"}, {"prefix": "logs/"}, False),
        ({"prefix": "images/", "suffix": ".jpg"}, {"prefix": "images/", "suffix": ".png"}, False),
        ({"suffix": ".jpg"}, {"suffix": ".JPG"}, False),
    ],
)
def test_overlapping_filters_for_one_event_type_are_refused(first, second, ambiguous):
    """ "Configuring event notifications using object key name filtering": two
    configurations for the same event type whose prefixes and suffixes overlap are
    ambiguous, and S3 rejects them; non-overlapping prefixes or suffixes are fine."""
    doc = diagram(
        [bucket(), queue("q1"), queue("q2")],
        [notification("b", "q1", "n1", **first), notification("b", "q2", "n2", **second)],
    )
    assert ("overlapping_filters" in problem_codes(doc)) is ambiguous


@pytest.mark.parametrize(
    ("events_a", "events_b", "ambiguous"),
    [
        (["s3:ObjectCreated:*"], ["s3:ObjectCreated:Put"], True),
        (["s3:ObjectCreated:Put"], ["s3:ObjectCreated:Put"], True),
        (["s3:ObjectCreated:Put"], ["s3:ObjectCreated:Post"], False),
    ],
)
def test_different_event_types_may_share_a_filter(events_a, events_b, ambiguous):
    """Same page: the overlap rule is per event type; s3:ObjectCreated:* shares every
    ObjectCreated type."""
    doc = diagram(
        [bucket(), queue("q1"), queue("q2")],
        [notification("b", "q1", events=events_a), notification("b", "q2", events=events_b)],
    )
    assert ("overlapping_filters" in problem_codes(doc)) is ambiguous


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("my.bucket-1", True),
        ("abc", True),
        ("ab", False),
        ("My-Bucket", False),
        ("-bucket", False),
        ("my..bucket", False),
        ("192.168.5.4", False),
        ("xn--bucket", False),
        ("bucket-s3alias", False),
        ("a" * 64, False),
    ],
)
def test_bucket_names_follow_the_naming_rules(name, valid):
    """ "General purpose bucket naming rules": 3-63 lowercase letters, digits, dots and
    hyphens, starting and ending with a letter or digit; no adjacent dots, no IP address
    form, no reserved prefix or suffix."""
    doc = diagram([bucket("b", name)], [])
    assert ("invalid_value" not in problem_codes(doc)) is valid
    if not valid:
        with pytest.raises(DiagramError) as err:
            load_diagram(doc)
        assert err.value.problems[0].path == "nodes[0].props.BucketName"


def test_bucket_names_are_unique():
    """Bucket names are unique across AWS: two buckets cannot share one."""
    doc = diagram([bucket("a", "same-name"), bucket("b", "same-name")], [])
    assert "duplicate_name" in problem_codes(doc)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ({"S3Key": {"Rules": [{"Name": "prefix", "Value": "a/"}]}}, None),
        ({"Key": {"FilterRules": [{"Name": "prefix", "Value": "a/"}]}}, "invalid_value"),
        ({"S3Key": {"Rules": []}}, "invalid_value"),
        ({"S3Key": {"Rules": [{"Name": "Prefix", "Value": "a/"}]}}, "invalid_value"),
        (
            {
                "S3Key": {
                    "Rules": [{"Name": "prefix", "Value": "a/"}, {"Name": "prefix", "Value": "b"}]
                }
            },
            "duplicate_rule",
        ),
    ],
)
def test_filter_holds_at_most_one_prefix_and_one_suffix(value, code):
    """CloudFormation's NotificationFilter: `S3Key.Rules`, names `prefix` and `suffix`,
    each at most once."""
    problems = check_s3_filter(value, "edges[0].props.Filter")
    assert [p.code for p in problems] == ([code] if code else [])
    assert check_bucket_name("fine-name", "x") == []


def test_eventbridge_takes_no_filter_and_only_the_default_bus():
    """ "Using EventBridge": events go to the default bus, and filtering happens in its rules."""
    filtered = diagram(
        [bucket(), node("bus", "eventbridge.bus", {"Name": "default"})],
        [notification("b", "bus", suffix=".jpg")],
    )
    unnamed = diagram([bucket(), node("bus", "eventbridge.bus")], [notification("b", "bus")])
    custom = diagram(
        [bucket(), node("bus", "eventbridge.bus", {"Name": "orders"})], [notification("b", "bus")]
    )
    assert "not_applicable" in problem_codes(filtered)
    assert "not_default_bus" in problem_codes(custom)
    assert problem_codes(unnamed) == set()
