"""Shared conformance vectors for EventBridge patterns, SNS filter policies and Kinesis
partition-key hashing.

The vectors live in the repository, in `tests/conformance/` (its README says where each
file came from). In `filter_vectors.sample.jsonl` each line is
`{"id", "kind", "policy", "input", "expect", "source"}` where `source` names the AWS
documentation page (or AWS-validated test) the expectation comes from. Kinds:
- `eventbridge`: `matches(policy, input)` ("Amazon EventBridge event patterns");
- `sns-attributes`: `filter_policy_matches(policy, input, None, "MessageAttributes")`;
- `sns-body`: `filter_policy_matches(policy, None, body, "MessageBody")`, the body being
  the input as SNS carries it, a JSON string ("Amazon SNS message filtering").
A missing or empty file fails the run rather than skipping it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.kinesis import shard_for_partition_key
from engine.matching.event_patterns import matches, validate_pattern
from engine.matching.filter_policies import filter_policy_matches, validate_filter_policy

CONFORMANCE = Path(__file__).resolve().parents[1] / "conformance"
VECTORS = CONFORMANCE / "filter_vectors.sample.jsonl"
KINDS = ("eventbridge", "sns-attributes", "sns-body")


def load_vectors() -> list:
    """One pytest param per vector, or one failing param if the file is missing."""
    if not VECTORS.is_file():
        return [pytest.param(None, id="vectors-file-missing")]
    params = []
    for number, line in enumerate(VECTORS.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            vector = json.loads(line)
            params.append(pytest.param(vector, id=str(vector.get("id", f"line-{number}"))))
    return params or [pytest.param(None, id="vectors-file-empty")]


VECTOR_PARAMS = load_vectors()


def evaluate(vector: dict) -> bool:
    kind, policy, given = vector["kind"], vector["policy"], vector["input"]
    if kind == "eventbridge":
        return matches(policy, given)
    if kind == "sns-attributes":
        return filter_policy_matches(policy, given, None, "MessageAttributes")
    if kind == "sns-body":
        return filter_policy_matches(policy, None, json.dumps(given), "MessageBody")
    pytest.fail(f"vector {vector['id']}: unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")


def problems_of(vector: dict) -> list:
    kind, policy = vector["kind"], vector["policy"]
    if kind == "eventbridge":
        return validate_pattern(policy, "policy")
    scope = "MessageAttributes" if kind == "sns-attributes" else "MessageBody"
    return validate_filter_policy(policy, "policy", scope)


def require(vector: dict | None) -> dict:
    if vector is None:
        pytest.fail(f"conformance vectors not found or empty: {VECTORS}")
    return vector


def test_vector_file_covers_every_kind():
    """The shared file exercises EventBridge and both SNS scopes."""
    assert VECTORS.is_file(), f"missing {VECTORS}"
    kinds = {param.values[0]["kind"] for param in VECTOR_PARAMS if param.values[0]}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("vector", VECTOR_PARAMS)
def test_vector_matches_as_aws_does(vector):
    """Each vector's `source` names the AWS page or AWS-validated test it reproduces."""
    vector = require(vector)
    assert evaluate(vector) is vector["expect"], vector["source"]


@pytest.mark.parametrize("vector", VECTOR_PARAMS)
def test_vector_policy_is_accepted_by_the_validator(vector):
    """A policy AWS evaluated in a vector is one the service accepts."""
    vector = require(vector)
    assert problems_of(vector) == [], vector["source"]


SHARD_VECTORS = CONFORMANCE / "kinesis_shard_vectors.sample.jsonl"


def shard_vectors() -> list[dict]:
    return [json.loads(line) for line in SHARD_VECTORS.read_text(encoding="utf-8").splitlines()]


def test_every_kinesis_shard_vector_lands_on_its_shard():
    """ "Amazon Kinesis Data Streams terminology": the MD5 of the partition key, as an
    unsigned 128-bit integer, picks the shard whose hash-key range holds it (the contract's
    `engine.kinesis.shard_for_partition_key`)."""
    vectors = shard_vectors()
    assert len(vectors) >= 30
    for vector in vectors:
        key, count = vector["partition_key"], vector["shard_count"]
        assert shard_for_partition_key(key, count) == vector["shard_index"], vector


KAFKA_VECTORS = CONFORMANCE / "kafka_partition_vectors.sample.jsonl"


def _kafka_vectors() -> list[dict]:
    return [json.loads(line) for line in KAFKA_VECTORS.read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("vector", _kafka_vectors(), ids=lambda v: v["id"])
def test_every_kafka_partition_vector_lands_on_its_partition(vector):
    """Kafka's default partitioner (`engine.kafka.partition_for_key`): toPositive(murmur2 of
    the UTF-8 key) modulo the partition count, as the Java client computes it."""
    from engine.kafka import partition_for_key

    assert partition_for_key(vector["key"], vector["partitions"]) == vector["expect"]


def test_the_kafka_vector_file_is_the_shared_sample():
    assert len(_kafka_vectors()) == 34
