"""Producers (`engine.producer`) and payload templates (`engine.templates`): arrival
processes, `count`, placeholders and message attributes, as contract section 1 defines
them.

A producer is a client application, not an AWS resource; the AWS behaviour involved is how
its messages reach SQS: "SendMessage" (body, MessageAttributes with their data types).
Every run's ledger is checked by the `simulate` fixture (`unaccounted == 0`).
"""

from __future__ import annotations

import json
import re
import statistics
import uuid
from datetime import datetime, timedelta

import pytest

from engine import DiagramError, load_diagram

ISO_MILLIS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def into_queue(build, duration=60, **sim):
    """A producer `p` publishing into a standard queue `q` with no consumer."""
    return build.doc(
        [build.producer(**sim), build.queue()], [build.publish("p", "q")], duration=duration
    )


def payloads(run, node="q") -> list:
    return [copy.payload for copy in run.stored(node)]


# ---- arrivals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [(0, [0.0, 0.5, 1.0, 1.5, 2.0]), (3, [3.0, 3.5, 4.0, 4.5, 5.0])],
)
def test_constant_arrivals_every_one_over_rate_from_start(build, simulate, start, expected):
    """Contract section 1, producer `arrival: constant`: one message every 1/rate seconds
    from `start`, `count` messages in all."""
    run = simulate(into_queue(build, count=5, rate=2, start=start))

    assert run.times("publish", node="p") == expected
    assert run.times("deliver", node="q") == expected
    assert run.metrics("p")["MessagesPublished"] == 5
    assert run.metrics("q")["NumberOfMessagesSent"] == 5
    assert run.ledger["produced"] == 5
    assert run.ledger["in_queues"] == 5


def test_constant_arrivals_without_count_run_until_the_end(build, simulate):
    """Contract section 1: without `count` a producer sends until the run ends."""
    run = simulate(into_queue(build, rate=4), until=10)

    times = run.times("publish")
    assert len(times) == 41  # 0, 0.25, ..., 10.0
    assert times[-1] == 10.0


def poisson_times(build, simulate, seed, count=50, rate=10):
    doc = into_queue(build, arrival="poisson", rate=rate, count=count, duration=100_000)
    return simulate(doc, seed=seed).times("publish")


def test_poisson_arrivals_are_the_same_for_the_same_seed(build, simulate):
    """Contract section 4: same diagram, same seed, same trace; Poisson arrivals come from
    the run's seeded random stream."""
    first = poisson_times(build, simulate, seed=7)
    again = poisson_times(build, simulate, seed=7)
    other = poisson_times(build, simulate, seed=8)

    assert first == again
    assert first != other
    assert len(first) == len(other) == 50


def test_poisson_gaps_are_exponential_with_mean_one_over_rate(build, simulate):
    """Contract section 1, `arrival: poisson`: exponential gaps with mean 1/rate, so the
    gaps' mean is close to 1/rate and their standard deviation close to the mean
    (coefficient of variation 1), unlike constant arrivals."""
    times = poisson_times(build, simulate, seed=3, count=4000, rate=10)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]

    mean = statistics.fmean(gaps)
    assert mean == pytest.approx(0.1, rel=0.06)  # about 4 standard errors
    assert statistics.pstdev(gaps) / mean == pytest.approx(1.0, abs=0.1)
    assert times == sorted(times)


def test_burst_sends_size_at_once_every_period_from_start(build, simulate):
    """Contract section 1, `arrival: burst`: `size` messages at once every `every`
    seconds, from `start`."""
    doc = into_queue(build, arrival="burst", burst={"size": 3, "every": 10}, start=5)
    run = simulate(doc, until=30)

    assert run.times("publish") == [5.0] * 3 + [15.0] * 3 + [25.0] * 3
    assert run.metrics("q")["NumberOfMessagesSent"] == 9


@pytest.mark.parametrize(
    ("sim", "expected_times"),
    [
        ({"rate": 10}, [0.0, 0.1, 0.2, 0.3]),
        ({"arrival": "burst", "burst": {"size": 3, "every": 10}}, [0.0] * 3 + [10.0]),
    ],
    ids=["constant", "burst"],
)
def test_count_stops_the_producer(build, simulate, sim, expected_times):
    """Contract section 1, `count`: the producer stops after that many messages, even in
    the middle of a burst."""
    run = simulate(into_queue(build, count=4, **sim), until=100)

    assert run.times("publish") == expected_times
    assert run.metrics("p")["MessagesPublished"] == 4
    assert run.ledger["produced"] == 4


def test_count_stops_poisson_arrivals(build, simulate):
    """Contract section 1, `count`, with Poisson arrivals."""
    run = simulate(into_queue(build, arrival="poisson", rate=50, count=7), until=1000)

    assert len(run.times("publish")) == 7
    assert run.ledger["produced"] == 7


def test_each_message_goes_to_every_publish_edge(build, simulate):
    """Contract section 1: a producer sends each message over every `publish` edge; its
    payload is rendered once per message, so both targets get the same content."""
    doc = build.doc(
        [
            build.producer(count=3, payload={"id": "{{uuid}}", "n": "{{int 1 1000000}}"}),
            build.queue("q1"),
            build.queue("q2"),
        ],
        [build.publish("p", "q1"), build.publish("p", "q2")],
    )
    run = simulate(doc)

    assert run.metrics("p")["MessagesPublished"] == 3
    assert payloads(run, "q1") == payloads(run, "q2")
    assert run.ledger["produced"] == 6
    assert run.ledger["in_queues"] == 6


# ---- payload templates -------------------------------------------------------------


def test_seq_placeholder_numbers_messages_from_one(build, simulate):
    """Contract section 1, `{{seq}}`: 1, 2, ...; alone in a string it is a number, inside
    text it is text; a non-string payload becomes a JSON body ("SendMessage": the body is
    text)."""
    run = simulate(into_queue(build, count=3, payload={"id": "{{seq}}", "ref": "order-{{seq}}"}))

    assert payloads(run) == [{"id": n, "ref": f"order-{n}"} for n in (1, 2, 3)]
    assert [json.loads(copy.body) for copy in run.stored("q")] == payloads(run)


def test_string_payload_is_the_body_as_is(build, simulate):
    """Contract section 1: body = payload, JSON-encoded unless it is a string."""
    run = simulate(into_queue(build, count=2, payload="hello {{seq}}"))

    assert [copy.body for copy in run.stored("q")] == ["hello 1", "hello 2"]


def test_int_placeholder_is_a_number_in_range_when_alone(build, simulate):
    """Contract section 1, `{{int A B}}`: an integer from A to B inclusive; a string that is
    exactly the placeholder takes its type (a number), inside text it stays text."""
    payload = {"n": "{{int 1 3}}", "text": "n={{int 1 3}}"}
    run = simulate(into_queue(build, count=300, rate=100, payload=payload))

    numbers = [p["n"] for p in payloads(run)]
    assert all(type(n) is int for n in numbers)
    assert set(numbers) == {1, 2, 3}  # both ends are reachable
    assert {p["text"] for p in payloads(run)} == {"n=1", "n=2", "n=3"}
    assert '"n":' in run.stored("q")[0].body and '"n":"' not in run.stored("q")[0].body


def test_float_placeholder_is_a_number_in_range(build, simulate):
    """Contract section 1, `{{float A B}}`: a number from A to B."""
    run = simulate(into_queue(build, count=200, rate=100, payload={"x": "{{float 1.5 2.5}}"}))

    values = [p["x"] for p in payloads(run)]
    assert all(isinstance(x, float) and 1.5 <= x <= 2.5 for x in values)
    assert len(set(values)) > 50


def test_choice_placeholder_picks_among_its_options(build, simulate):
    """Contract section 1, `{{choice a b c}}`: one of the options, each reachable."""
    payload = {"colour": "{{choice red green blue}}"}
    run = simulate(into_queue(build, count=200, rate=100, payload=payload))

    assert {p["colour"] for p in payloads(run)} == {"red", "green", "blue"}


def uuids(build, simulate, seed):
    doc = into_queue(build, count=20, rate=10, payload={"u": "{{uuid}}"})
    return [p["u"] for p in payloads(simulate(doc, seed=seed))]


def test_uuid_placeholder_is_unique_and_deterministic_per_seed(build, simulate):
    """Contract section 1, `{{uuid}}`: drawn from the seeded random stream, so the same
    seed gives the same ids (contract section 4: same seed, same run) and another seed
    other ids."""
    first = uuids(build, simulate, seed=1)

    assert all(uuid.UUID(u).version == 4 and str(uuid.UUID(u)) == u for u in first)
    assert len(set(first)) == 20
    assert uuids(build, simulate, seed=1) == first
    assert set(uuids(build, simulate, seed=2)).isdisjoint(first)


def test_now_placeholder_is_the_simulated_iso_time(build, simulate):
    """Contract section 1, `{{now}}`: the simulated time of the send, ISO-8601 UTC with
    milliseconds as AWS writes timestamps."""
    run = simulate(into_queue(build, count=3, rate=2, start=1.25, payload={"at": "{{now}}"}))

    stamps = [p["at"] for p in payloads(run)]
    assert all(isinstance(s, str) and ISO_MILLIS.match(s) for s in stamps), stamps
    moments = [datetime.fromisoformat(s.replace("Z", "+00:00")) for s in stamps]
    assert [m - moments[0] for m in moments] == [timedelta(seconds=x) for x in (0, 0.5, 1.0)]
    assert moments[0].microsecond % 1_000_000 == 250_000


def test_templates_are_the_same_for_the_same_seed(build, simulate):
    """Contract section 4: same diagram and seed, same messages."""
    payload = {"n": "{{int 1 1000}}", "x": "{{float 0 1}}", "c": "{{choice a b c d}}"}
    doc = into_queue(build, count=30, rate=10, payload=payload)

    assert payloads(simulate(doc, seed=5)) == payloads(simulate(doc, seed=5))
    assert payloads(simulate(doc, seed=5)) != payloads(simulate(doc, seed=6))


# ---- attributes --------------------------------------------------------------------


def test_attributes_take_sqs_data_types(build, simulate):
    """AWS docs, "Amazon SQS message attributes": each attribute has a data type; numbers are sent
    as `Number` (the value as a string), text as `String`; contract section 1 adds lists as
    `String.Array` (the SNS type)."""
    attributes = {
        "store": "example_corp",
        "price": "{{int 1 5}}",
        "qty": 3,
        "ratio": 2.5,
        "ref": "r-{{seq}}",
        "tags": ["a", "b"],
    }
    run = simulate(into_queue(build, count=1, attributes=attributes))

    shaped = run.stored("q")[0].attributes
    assert shaped["store"] == {"Type": "String", "Value": "example_corp"}
    assert shaped["price"]["Type"] == "Number"
    assert shaped["price"]["Value"] in {"1", "2", "3", "4", "5"}
    assert shaped["qty"] == {"Type": "Number", "Value": "3"}
    assert shaped["ratio"] == {"Type": "Number", "Value": "2.5"}
    assert shaped["ref"] == {"Type": "String", "Value": "r-1"}
    assert shaped["tags"]["Type"] == "String.Array"
    assert json.loads(shaped["tags"]["Value"]) == ["a", "b"]


# ---- invalid templates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sim", "path"),
    [
        ({"payload": {"a": {"b": ["fine", "{{nope}}"]}}}, "nodes[0].sim.payload.a.b[1]"),
        ({"payload": "{{int 5 1}}"}, "nodes[0].sim.payload"),
        ({"payload": {"x": "{{int 1}}"}}, "nodes[0].sim.payload.x"),
        ({"payload": {"x": "{{float a b}}"}}, "nodes[0].sim.payload.x"),
        ({"payload": {"x": "id-{{choice}}"}}, "nodes[0].sim.payload.x"),
        ({"payload": {"x": "{{seq 2}}"}}, "nodes[0].sim.payload.x"),
        ({"attributes": {"store": "{{bad}}"}}, "nodes[0].sim.attributes.store"),
        ({"messageGroupId": "{{group}}"}, "nodes[0].sim.messageGroupId"),
    ],
    ids=[
        "unknown-name",
        "int-bounds-reversed",
        "int-missing-bound",
        "float-not-numbers",
        "choice-without-options",
        "seq-with-argument",
        "attribute",
        "message-group-id",
    ],
)
def test_invalid_placeholder_is_refused_with_its_path(build, sim, path):
    """Contract section 1: placeholders are seq, uuid, now, int A B, float A B and
    choice a b c; anything else is a problem reported at its path."""
    with pytest.raises(DiagramError) as caught:
        load_diagram(into_queue(build, **sim))
    assert [(p.path, p.code) for p in caught.value.problems] == [(path, "invalid_template")]


def test_every_bad_placeholder_is_reported(build):
    """Contract section 2: DiagramError lists every problem, not just the first."""
    sim = {"payload": {"a": "{{x}}", "b": ["{{y}}"]}, "attributes": {"c": "{{z}}"}}
    with pytest.raises(DiagramError) as caught:
        load_diagram(into_queue(build, **sim))
    assert sorted(p.path for p in caught.value.problems) == [
        "nodes[0].sim.attributes.c",
        "nodes[0].sim.payload.a",
        "nodes[0].sim.payload.b[0]",
    ]
