"""`Simulation` itself (`engine.simulation`): the byte count of what a run holds, and the
keyword-only ways copies are offered and dropped."""

from __future__ import annotations

import pytest

from tests.engine.builders import (
    diagram,
    event_source,
    finish,
    function,
    producer,
    publish,
    queue,
    simulation,
)
from tests.engine.test_eventbridge import dlq_doc, order


def held_copies(sim) -> list:
    """Every copy held by a queue or stream of the run, found by walking the resources."""
    found = []
    for resource in sim.resources.values():
        found += list(getattr(resource, "held", {}).values())
        store = getattr(resource, "store", None)
        for shard in store.shards if store is not None else ():
            found += list(shard.records)
    return found


def test_held_bytes_is_the_size_of_every_copy_in_queues_and_in_flight():
    doc = diagram(
        [
            producer("p", count=20, rate=10, payload={"id": "{{seq}}"}, attributes={"k": "v"}),
            queue("q", VisibilityTimeout=30),
            function("f", duration={"dist": "fixed", "ms": 1500}),
        ],
        [publish("p", "q"), event_source("q", "f", BatchSize=1)],
    )
    sim = simulation(doc)
    assert sim.held_bytes() == 0
    for until in (0.5, 1.0, 3.0, 8.0, 60.0):
        sim.run(until)
        copies = held_copies(sim)
        assert sim.held_bytes() == sum(copy.size for copy in copies), until
    assert sim.ledger()["in_queues"] + sim.ledger()["in_flight"] == 0
    assert sim.held_bytes() == 0


def test_held_bytes_counts_stream_records_until_retention_ends_them():
    doc = diagram(
        [
            producer("p", count=5, partitionKey="k", payload="x" * 100),
            {"id": "s", "type": "kinesis.stream", "props": {"RetentionPeriodHours": 24}},
        ],
        [publish("p", "s")],
    )
    sim = simulation(doc)
    sim.run(60)
    assert sim.held_bytes() == sum(c.size for c in held_copies(sim)) == 5 * 100
    sim.run(25 * 3600)
    assert sim.ledger()["in_streams"] == 0 and sim.held_bytes() == 0


def test_held_bytes_follows_attributes_an_eventbridge_dlq_adds():
    sim = simulation(dlq_doc())
    sim.inject("b", order(1, note="x" * 2000))
    r = finish(sim, 10)
    [copy] = held_copies(sim)
    assert "ERROR_CODE" in copy.attributes
    assert sim.held_bytes() == copy.size
    assert r.ledger["dead_lettered"] == 1


def test_offer_publish_and_drop_take_the_edge_and_target_by_keyword():
    sim = simulation(diagram([queue("q")], []))
    copy = sim.new_copy(body="b", attributes={}, payload="b")
    with pytest.raises(TypeError):
        sim.offer("x", copy, None, sim.resources["q"])
    with pytest.raises(TypeError):
        sim.drop("x", copy, "why")
    assert sim.publish("x", copy, edge=None, target=sim.resources["q"]) is None
    assert sim.ledger()["in_queues"] == 1 and sim.held_bytes() == 1
