"""Idempotent consumers: an `idempotency` edge from a function or worker to a DynamoDB table
or an ElastiCache serverless cache, as the idempotency utility of Powertools for AWS Lambda
uses them ("Idempotency", Powertools for AWS Lambda (Python)), and `ProcessedMoreThanOnce`,
what at-least-once delivery costs a consumer without one ("Amazon SQS at-least-once
delivery")."""

from __future__ import annotations

import copy

import pytest

from engine import load_diagram
from engine.schema.upgrade import upgrade_document
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
    queue,
    run,
    simulation,
    worker,
)


def table(node_id: str = "store", **props) -> dict:
    return node(node_id, "dynamodb.table", props=props)


def cache(node_id: str = "store", **props) -> dict:
    return node(node_id, "elasticache.cache", props=props)


def store_edge(source: str, target: str = "store", **props) -> dict:
    return edge("idempotency", source, target, **props)


def duplicated(consumer: dict, *, store: dict | None = None, edge_props=None) -> dict:
    """Three messages into a standard queue that duplicates every one of them."""
    nodes = [producer("p", count=3), queue("q", sim={"duplicateRate": 1.0}), consumer]
    edges = [publish("p", "q"), event_source("q", consumer["id"])]
    if store is not None:
        nodes.append(store)
        edges.append(store_edge(consumer["id"], store["id"], **(edge_props or {})))
    return diagram(nodes, edges)


def test_without_a_store_each_duplicate_is_processed_again():
    """ "Amazon SQS at-least-once delivery": a standard queue may deliver a message twice;
    a consumer that keeps no record processes it twice."""
    r = run(duplicated(worker("w")), 10)
    assert_balanced(r.ledger)
    assert r.metrics("w")["ProcessedMoreThanOnce"] == 3
    assert r.metrics("w")["DuplicatesSkipped"] == 0


def test_a_table_store_skips_duplicates_and_counts_its_writes():
    """Powertools' idempotency utility: a key with a COMPLETED record is not processed
    again; each claim is a conditional PutItem, each success an UpdateItem, and a refused
    conditional write still consumes write capacity ("Condition expressions")."""
    r = run(duplicated(worker("w"), store=table()), 10)
    assert_balanced(r.ledger)
    metrics = r.metrics("w")
    assert (metrics["ProcessedMoreThanOnce"], metrics["DuplicatesSkipped"]) == (0, 3)
    assert r.count("duplicate-skip", "w") == 3
    assert all(e["store"] == "store" for e in r.of("duplicate-skip"))
    store = r.metrics("store")
    assert store["ConsumedWriteCapacityUnits"] == 3 + 3 + 3
    assert store["ConditionalCheckFailedRequests"] == 3
    assert r.metrics("q")["NumberOfMessagesDeleted"] == 6, "skipped duplicates are deleted"


def test_a_cache_store_counts_sets_and_hits():
    """Powertools' Redis-compatible layer: a claim is SET NX; a held key is read with GET
    (a hit); a success is a SET."""
    r = run(duplicated(worker("w"), store=cache()), 10)
    assert_balanced(r.ledger)
    assert r.metrics("w")["ProcessedMoreThanOnce"] == 0
    assert r.metrics("store") == {"GetHits": 3, "GetMisses": 0, "SetCommands": 3 + 3 + 3}


def _concurrent_duplicate(store: bool) -> dict:
    """One message that the queue duplicates; two pollers take both copies at once."""
    nodes = [
        producer("p", count=1),
        queue("q", VisibilityTimeout=5, sim={"duplicateRate": 1.0}),
        worker("w", pollers=2, duration=fixed_ms(1000)),
    ]
    edges = [publish("p", "q"), event_source("q", "w")]
    if store:
        nodes.append(table())
        edges.append(store_edge("w"))
    return diagram(nodes, edges)


def test_a_concurrent_duplicate_is_refused_then_skipped():
    """Powertools: a second concurrent request with the same key fails with
    IdempotencyAlreadyInProgressError, so the source retries it (after its visibility
    timeout); by then the first finished, and the retry is skipped. Without a store both
    copies are processed."""
    plain = run(_concurrent_duplicate(store=False), 20)
    guarded = run(_concurrent_duplicate(store=True), 20)
    for r in (plain, guarded):
        assert_balanced(r.ledger)
        assert r.metrics("q")["NumberOfMessagesDeleted"] == 2
    assert plain.metrics("w")["ProcessedMoreThanOnce"] == 1
    assert guarded.metrics("w")["ProcessedMoreThanOnce"] == 0
    assert [e["error"] for e in guarded.of("error", "w")] == ["IdempotencyAlreadyInProgressError"]
    [skip] = guarded.of("duplicate-skip", "w")
    assert skip["t"] >= 5.0, "skipped once the visibility timeout brought it back"


def _poison_pair() -> dict:
    return diagram(
        [
            burst("p", 2),
            queue("q", VisibilityTimeout=5),
            function("f", failWhen={"id": [2]}),
            table(),
        ],
        [publish("p", "q"), event_source("q", "f", BatchSize=2), store_edge("f")],
    )


def test_a_failed_handler_deletes_its_record_and_a_success_completes_it():
    """Powertools: when the handler raises, the INPROGRESS record is deleted so a retry
    can run; a record processed before the failure is saved COMPLETED and skipped on the
    retry."""
    sim = simulation(_poison_pair())
    sim.run(1.0)
    records = sim.resources["store"].records
    assert [(key.split("#")[0], r.status) for key, r in records.items()] == [("f", "COMPLETED")]
    sim.run(7.0)
    events = sim.drain_events()
    skipped = [e for e in events if e["event"] == "duplicate-skip"]
    assert len(skipped) == 1
    invokes = [e["origin"] for e in events if e["event"] == "invoke"]
    assert invokes.count(skipped[0]["origin"]) == 2


@pytest.mark.parametrize(
    ("expiry", "second"), [(True, "TimedOut"), (False, "IdempotencyAlreadyInProgressError")]
)
def test_in_progress_expiry_frees_a_key_a_timed_out_invocation_held(expiry, second):
    """Powertools, "Lambda timeouts": a timed-out invocation leaves its record INPROGRESS;
    with the remaining time registered it expires at the timeout, so the retry runs (and
    here times out again); without, the retry is refused until the record expires."""
    doc = diagram(
        [
            producer("p", count=1),
            queue("q", VisibilityTimeout=6),
            function("f", {"Timeout": 1}, duration=fixed_ms(3000)),
            table(),
        ],
        [
            publish("p", "q"),
            event_source("q", "f", BatchSize=1),
            store_edge("f", InProgressExpiry=expiry),
        ],
    )
    r = run(doc, 10)
    assert [e["error"] for e in r.of("error", "f")] == ["TimedOut", second]


def test_a_key_path_makes_two_messages_about_one_order_one_event():
    """Powertools' event key (a part of the payload): a second message with the same
    order id is a duplicate even though its message id differs; a payload without the key
    is processed without idempotency."""
    doc = diagram(
        [
            producer("a", count=2, payload={"order": {"id": "A"}}),
            producer("b", count=1, payload={"order": {"id": "B"}}),
            producer("bare", count=2, payload={"note": "no order"}),
            queue("q"),
            worker("w"),
            table(),
        ],
        [
            publish("a", "q"),
            publish("b", "q"),
            publish("bare", "q"),
            event_source("q", "w"),
            store_edge("w", Key="order.id"),
        ],
    )
    r = run(doc, 20)
    assert_balanced(r.ledger)
    assert [e["key"] for e in r.of("duplicate-skip", "w")] == ["A"]
    assert r.metrics("store")["ConditionalCheckFailedRequests"] == 1
    assert r.metrics("w")["ProcessedMoreThanOnce"] == 0


def test_an_expired_record_lets_a_late_duplicate_through():
    """Powertools' expires_after_seconds: once a record expired, the same key is a new
    request. A duplicate that arrives later than that is processed again."""
    doc = diagram(
        [
            producer("p", count=2, rate=0.1, payload={"id": "same"}),
            queue("q"),
            worker("w"),
            table(),
        ],
        [
            publish("p", "q"),
            event_source("q", "w"),
            store_edge("w", Key="id", ExpiresAfterSeconds=5),
        ],
    )
    r = run(doc, 30)
    assert r.count("duplicate-skip") == 0
    assert r.metrics("w")["ProcessedMoreThanOnce"] == 1


def test_consumers_sharing_a_store_keep_their_own_keys():
    """Powertools prefixes every key with the function's name: two consumers of the same
    message through one table never skip each other's work."""
    doc = diagram(
        [
            producer("p", count=3),
            node("t", "sns.topic"),
            function("a"),
            function("b"),
            table(),
        ],
        [
            publish("p", "t"),
            edge("subscription", "t", "a"),
            edge("subscription", "t", "b"),
            store_edge("a", Key="id"),
            store_edge("b", Key="id"),
        ],
    )
    doc["nodes"][0]["sim"]["payload"] = {"id": "{{seq}}"}
    r = run(doc, 10)
    assert r.count("duplicate-skip") == 0
    assert r.count("success", "a") == r.count("success", "b") == 3


def test_old_documents_with_the_idempotent_flag_get_a_store():
    """engine.schema.upgrade: `sim.idempotent: true` becomes an idempotency edge to a table
    of its own (keyed by message id), appended; the caller's document is left alone."""
    doc = duplicated(worker("w", idempotent=True))
    doc["nodes"][2]["position"] = {"x": 10, "y": 20}
    before = copy.deepcopy(doc)
    upgraded = upgrade_document(doc)
    assert doc == before
    assert "idempotent" not in upgraded["nodes"][2]["sim"]
    added = upgraded["nodes"][3]
    assert (added["id"], added["type"], added["position"]) == (
        "w-idempotency",
        "dynamodb.table",
        {"x": 10, "y": 160},
    )
    assert upgraded["edges"][-1] == {
        "id": "w-idempotency-store",
        "kind": "idempotency",
        "source": "w",
        "target": "w-idempotency",
        "props": {},
    }
    r = run(doc, 10)
    assert r.metrics("w")["ProcessedMoreThanOnce"] == 0
    assert r.metrics("w")["DuplicatesSkipped"] == 3
    assert "idempotent" not in str(upgrade_document(duplicated(worker("w", idempotent=False))))
    broken = {**doc, "edges": {}}
    assert upgrade_document(broken) is broken, "a malformed document is left to load_diagram"


def test_store_rules():
    """One store per consumer; a table store has Powertools' key (`id`) and no stream; only
    functions and workers keep stores, only tables and caches are stores."""
    base = duplicated(worker("w"), store=table())
    twice = copy.deepcopy(base)
    twice["nodes"].append(cache("c"))
    twice["edges"].append(store_edge("w", "c"))
    assert problem_codes(twice) == {"duplicate_idempotency"}
    streamed = duplicated(
        worker("w"), store=table(StreamSpecification={"StreamViewType": "NEW_IMAGE"})
    )
    assert problem_codes(streamed) == {"idempotency_table_stream"}
    keyed = duplicated(
        worker("w"), store=table(KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    )
    assert problem_codes(keyed) == {"idempotency_key_schema"}
    wrong = copy.deepcopy(base)
    wrong["edges"].append(store_edge("p", "store"))
    assert problem_codes(wrong) == {"invalid_pair"}
    bad_name = duplicated(worker("w"), store=cache(ServerlessCacheName="ends-"))
    assert problem_codes(bad_name) == {"invalid_value"}
    assert load_diagram(duplicated(worker("w"), store=cache(ServerlessCacheName="ids-1")))
