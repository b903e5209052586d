"""DynamoDB tables with streams read by Lambda ("Change data capture for DynamoDB Streams")."""

from __future__ import annotations

import json

import pytest

from engine import DiagramError, Simulation, load_diagram


def _doc(view="NEW_AND_OLD_IMAGES", payload=None, count=6, fn=None):
    return {
        "format": "eventyard/1",
        "name": "t",
        "nodes": [
            {
                "id": "app",
                "type": "producer",
                "props": {},
                "sim": {
                    "rate": 1,
                    "count": count,
                    "payload": payload or {"id": "user-{{int 1 3}}", "visits": "{{seq}}"},
                },
            },
            {
                "id": "users",
                "type": "dynamodb.table",
                "props": {"StreamSpecification": {"StreamViewType": view}},
                "sim": {},
            },
            {"id": "audit", "type": "lambda.function", "props": {}, "sim": fn or {}},
        ],
        "edges": [
            {"id": "w", "kind": "publish", "source": "app", "target": "users", "props": {}},
            {
                "id": "esm",
                "kind": "event-source",
                "source": "users",
                "target": "audit",
                "props": {"StartingPosition": "TRIM_HORIZON", "BatchSize": 1},
            },
        ],
        "sim": {"seed": 5, "duration": 30},
    }


def _run(doc):
    sim = Simulation(load_diagram(doc))
    sim.run(30)
    report = sim.report()
    assert report["ledger"]["unaccounted"] == 0
    return sim, sim.drain_events(), report


def test_first_write_of_a_key_is_insert_and_later_writes_modify():
    """A stream record is INSERT for a new item and MODIFY for an existing one."""
    sim, events, _ = _run(_doc())
    puts = [e for e in events if e["event"] == "put-record"]
    seen = set()
    for event in puts:
        record = next(
            c
            for s in sim.resources["users"].store.shards
            for c in s.records
            if c.id == event["message"]
        )
        body = json.loads(record.body)
        key = body["dynamodb"]["Keys"]["id"]["S"]
        assert body["eventName"] == ("MODIFY" if key in seen else "INSERT")
        assert event["eventName"] == body["eventName"]
        seen.add(key)


@pytest.mark.parametrize(
    ("view", "new", "old"),
    [
        ("KEYS_ONLY", False, False),
        ("NEW_IMAGE", True, False),
        ("OLD_IMAGE", False, True),
        ("NEW_AND_OLD_IMAGES", True, True),
    ],
)
def test_stream_view_type_decides_the_images_a_record_carries(view, new, old):
    """StreamViewType: KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES."""
    sim, _events, _ = _run(_doc(view=view, payload={"id": "same", "n": "{{seq}}"}, count=2))
    records = [json.loads(c.body) for s in sim.resources["users"].store.shards for c in s.records]
    modify = next(r for r in records if r["eventName"] == "MODIFY")
    assert ("NewImage" in modify["dynamodb"]) is new
    assert ("OldImage" in modify["dynamodb"]) is old
    if new:
        assert modify["dynamodb"]["NewImage"]["n"] == {"N": "2"}


def test_records_of_one_item_are_processed_in_modification_order():
    """ "DynamoDB Streams": each item's records appear in the order of its modifications."""
    _sim, events, _ = _run(_doc(count=20, payload={"id": "user-{{int 1 2}}", "v": "{{seq}}"}))
    order = [e["message"] for e in events if e["event"] == "success"]
    puts = [e for e in events if e["event"] == "put-record"]
    for key in {e["partitionKey"] for e in puts}:
        written = [e["message"] for e in puts if e["partitionKey"] == key]
        assert [m for m in order if m in written] == written


def test_an_item_without_its_key_is_refused():
    """PutItem fails with ValidationException when the key attribute is missing."""
    _sim, events, report = _run(_doc(payload={"name": "no key"}, count=2))
    assert report["ledger"]["dropped"] == 2
    assert all(
        e["reason"].startswith("ValidationException") for e in events if e["event"] == "drop"
    )


def test_a_table_without_a_stream_only_stores_items():
    doc = _doc()
    doc["nodes"][1]["props"] = {"StreamSpecification": None}
    doc["edges"].pop()
    _sim, _events, report = _run(doc)
    assert report["ledger"]["processed"] == 6 and report["ledger"]["in_streams"] == 0


def test_stream_view_type_must_be_one_of_the_four():
    doc = _doc(view="ALL")
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    assert caught.value.problems[0].path == "nodes[1].props.StreamSpecification.StreamViewType"


def test_failing_record_blocks_the_item_stream_until_it_expires_or_retries_run_out():
    """The stream mapping rules are Kinesis's: a failing record is retried, holding its shard."""
    doc = _doc(fn={"failWhen": {"visits": [2]}})
    doc["edges"][1]["props"]["MaximumRetryAttempts"] = 1
    _sim, events, _ = _run(doc)
    assert sum(1 for e in events if e["event"] == "error") == 2
    assert any(e["event"] == "drop" and e["reason"] == "RetryAttemptsExhausted" for e in events)


def test_reading_a_table_without_a_stream_is_refused():
    """A Lambda can only map a table's stream: no StreamSpecification, no stream."""
    doc = _doc()
    doc["nodes"][1]["props"] = {}
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    assert [p.path for p in caught.value.problems] == ["nodes[1].props.StreamSpecification"]


def test_a_write_that_changes_nothing_writes_no_stream_record():
    """ "Change data capture for DynamoDB Streams": a PutItem that does not change any data
    in the item writes no stream record; a write that changes it does."""
    doc = _doc(payload={"id": "same", "n": "{{int 1 1}}"}, count=3)
    sim, events, report = _run(doc)
    puts = [e for e in events if e["event"] == "put-record"]
    assert [e["eventName"] for e in puts] == ["INSERT"]
    assert report["nodes"]["users"]["metrics"]["WriteRequests"] == 3
    assert report["nodes"]["users"]["metrics"]["StreamRecords"] == 1
    _sim, changed, _ = _run(_doc(payload={"id": "same", "n": "{{seq}}"}, count=3))
    names = [e["eventName"] for e in changed if e["event"] == "put-record"]
    assert names == ["INSERT", "MODIFY", "MODIFY"]
