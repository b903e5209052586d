"""Property tests over random valid diagrams: the ledger always balances, runs are
deterministic whether headless or stepped live, and the trace is ordered and attributed.

The strategy wires producers, topics (standard and FIFO, filter policies, raw delivery,
subscription DLQs), queues (standard and FIFO, redrive, short retention, duplicates),
Lambda functions (durations, errors, failWhen, reserved concurrency, timeouts, async
retry settings, destinations) and workers along the edge table of `engine.edges`, obeying
`engine.rules`. Edges only go from earlier to later nodes of a random order, so messages
cannot circle forever and every example stays small.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine import DiagramError, Simulation, load_diagram
from tests.engine.builders import diagram, edge, fixed_ms, node

FILTER_POLICIES = (
    {"FilterPolicy": {"kind": ["a"]}},
    {"FilterPolicy": {"kind": [{"anything-but": "b"}]}},
    {"FilterPolicy": {"n": [{"numeric": [">", 5]}]}},
    {"FilterPolicy": {"kind": [{"exists": False}]}},
    {"FilterPolicyScope": "MessageBody", "FilterPolicy": {"n": [{"numeric": ["<=", 3]}]}},
    {"FilterPolicyScope": "MessageBody", "FilterPolicy": {"id": [1, 2, 3]}},
)
DURATIONS = (
    fixed_ms(50),
    fixed_ms(1500),
    {"dist": "uniform", "min": 10, "max": 400},
    {"dist": "lognormal", "median": 100, "sigma": 0.5},
    {"dist": "normal", "mean": 200, "stddev": 80},
)
STEPS = (0.05, 0.1, 0.25, 0.5, 1.0)

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _is_fifo(n: dict) -> bool:
    return bool(n["props"].get("FifoQueue") or n["props"].get("FifoTopic"))


@st.composite
def _producer(draw, index: int) -> dict:
    arrival = draw(st.sampled_from(("constant", "poisson", "burst")))
    sim = {
        "arrival": arrival,
        "rate": draw(st.sampled_from((0.2, 0.5, 1, 2, 5))),
        "count": draw(st.integers(1, 15)),
        "start": draw(st.sampled_from((0, 0, 1.5, 10))),
        "payload": {"id": "{{seq}}", "n": "{{int 1 10}}", "who": f"p{index}"},
        "attributes": draw(
            st.sampled_from(({}, {"kind": "{{choice a b c}}"}, {"kind": "a", "n": "{{int 1 9}}"}))
        ),
    }
    if arrival == "burst":
        sim["burst"] = {"size": draw(st.integers(1, 5)), "every": draw(st.sampled_from((3, 20)))}
    return node(f"p{index}", "producer", sim=sim)


@st.composite
def _topic(draw, index: int) -> dict:
    if draw(st.booleans()):
        props = {"FifoTopic": True, "TopicName": f"t{index}.fifo"}
        props["ContentBasedDeduplication"] = draw(st.booleans())
        return node(f"t{index}", "sns.topic", props=props)
    if draw(st.booleans()):
        return node(f"t{index}", "sns.topic")
    role = "arn:aws:iam::123456789012:role/sns-delivery-status"
    logging = [
        {
            "Protocol": protocol,
            "SuccessFeedbackRoleArn": role,
            "SuccessFeedbackSampleRate": draw(st.sampled_from((0, 37, 100))),
            "FailureFeedbackRoleArn": role,
        }
        for protocol in draw(st.sampled_from((["sqs"], ["lambda"], ["sqs", "lambda"])))
    ]
    sim = {"deliveryFailureRate": draw(st.sampled_from((0, 0.3)))}
    return node(f"t{index}", "sns.topic", props={"DeliveryStatusLogging": logging}, sim=sim)


@st.composite
def _queue(draw, index: int) -> dict:
    props = {
        "VisibilityTimeout": draw(st.sampled_from((5, 10, 30, 60))),
        "MessageRetentionPeriod": draw(st.sampled_from((60, 90, 345600))),
    }
    sim = {}
    if draw(st.integers(0, 2)) == 0:
        props.update(FifoQueue=True, QueueName=f"q{index}.fifo")
        props["ContentBasedDeduplication"] = draw(st.booleans())
    else:
        sim["duplicateRate"] = draw(st.sampled_from((0, 0, 0.2, 0.5)))
        props["DelaySeconds"] = draw(st.sampled_from((0, 0, 2)))
    return node(f"q{index}", "sqs.queue", props=props, sim=sim)


@st.composite
def _function(draw, index: int) -> dict:
    props = {
        "Timeout": draw(st.sampled_from((1, 3, 5))),
        "ReservedConcurrentExecutions": draw(st.sampled_from((None, None, 0, 1, 3))),
    }
    sim = {
        "duration": draw(st.sampled_from(DURATIONS)),
        "errorRate": draw(st.sampled_from((0, 0, 0.2, 1.0))),
        "MaximumRetryAttempts": draw(st.integers(0, 2)),
        "MaximumEventAgeInSeconds": draw(st.sampled_from((60, 21600))),
        "idempotent": draw(st.booleans()),
    }
    if draw(st.booleans()):
        sim["failWhen"] = draw(
            st.sampled_from(({"n": [1, 2]}, {"id": [2]}, {"n": [{"numeric": [">", 7]}]}))
        )
    if draw(st.booleans()):
        sim["coldStart"] = draw(st.sampled_from((fixed_ms(0), fixed_ms(800))))
    props = {k: v for k, v in props.items() if v is not None}
    return node(f"f{index}", "lambda.function", props=props, sim=sim)


@st.composite
def _worker(draw, index: int) -> dict:
    sim = {
        "pollers": draw(st.integers(1, 3)),
        "batchSize": draw(st.integers(1, 10)),
        "duration": draw(st.sampled_from(DURATIONS)),
        "errorRate": draw(st.sampled_from((0, 0.3))),
        "idempotent": draw(st.booleans()),
    }
    if draw(st.booleans()):
        sim["failWhen"] = {"id": [1]}
    return node(f"w{index}", "worker", sim=sim)


@st.composite
def _cache_stores(draw, functions: list[dict]) -> tuple[list[dict], list[dict]]:
    """Perhaps a cache, the idempotency store of the functions without a table of their own
    (`idempotent: true` gives them one)."""
    free = [f for f in functions if not f["sim"].get("idempotent")]
    if not free or not draw(st.booleans()):
        return [], []
    edges = [
        edge(
            "idempotency",
            fn["id"],
            "c0",
            Key=draw(st.sampled_from(("id", "n"))),
            ExpiresAfterSeconds=draw(st.sampled_from((1, 3600))),
            InProgressExpiry=draw(st.booleans()),
        )
        for fn in free
    ]
    return [node("c0", "elasticache.cache")], edges


def _later(order: dict[str, int], source: str, candidates: list[dict]) -> list[dict]:
    return [c for c in candidates if order[c["id"]] > order[source]]


@st.composite
def _subscriptions(draw, topic: dict, queues: list[dict], functions: list[dict]) -> list[dict]:
    fifo = _is_fifo(topic)
    targets = [q for q in queues if not _is_fifo(q) or fifo]
    if not fifo:
        targets += functions
    if not targets:
        return []
    pick = st.lists(st.sampled_from(targets), unique_by=lambda n: n["id"], min_size=1, max_size=3)
    chosen = draw(pick)
    same_kind = [q for q in queues if _is_fifo(q) == fifo]
    edges = []
    for target in chosen:
        props: dict = {}
        if draw(st.booleans()):
            props.update(draw(st.sampled_from(FILTER_POLICIES)))
        if target["type"] == "sqs.queue" and draw(st.booleans()):
            props["RawMessageDelivery"] = True
        if same_kind and draw(st.integers(0, 3)) == 0:
            props["RedrivePolicy"] = {"deadLetterTargetArn": draw(st.sampled_from(same_kind))["id"]}
        edges.append(edge("subscription", topic["id"], target["id"], **props))
    return edges


@st.composite
def _queue_edges(draw, queue: dict, queues: list[dict], consumers: list[dict]) -> list[dict]:
    edges = []
    pick = st.lists(st.sampled_from(consumers), unique_by=lambda n: n["id"], min_size=1, max_size=2)
    readers = draw(pick) if consumers else []
    for reader in readers:
        props: dict = {}
        if reader["type"] == "lambda.function":
            # "Using Lambda with Amazon SQS": the queue's visibility timeout covers the timeout.
            queue["props"]["VisibilityTimeout"] = max(
                queue["props"]["VisibilityTimeout"], reader["props"].get("Timeout", 3)
            )
            props["BatchSize"] = draw(st.integers(1, 10))
            props["MaximumBatchingWindowInSeconds"] = draw(st.sampled_from((0, 0, 1, 3)))
            if draw(st.booleans()):
                props["FunctionResponseTypes"] = ["ReportBatchItemFailures"]
            if draw(st.integers(0, 3)) == 0:
                props["ScalingConfig"] = {"MaximumConcurrency": draw(st.integers(2, 4))}
        edges.append(edge("event-source", queue["id"], reader["id"], **props))
    same_kind = [q for q in queues if _is_fifo(q) == _is_fifo(queue)]
    if same_kind and draw(st.booleans()):
        dlq = draw(st.sampled_from(same_kind))
        edges.append(
            edge("dead-letter", queue["id"], dlq["id"], maxReceiveCount=draw(st.integers(1, 4)))
        )
    return edges


@st.composite
def _function_edges(draw, fn: dict, sinks: list[dict], later_functions: list[dict]) -> list[dict]:
    edges = []
    if sinks and draw(st.booleans()):
        edges.append(edge("publish", fn["id"], draw(st.sampled_from(sinks))["id"]))
    standard = [s for s in sinks if not _is_fifo(s)] + later_functions
    for condition in ("OnSuccess", "OnFailure"):
        if standard and draw(st.integers(0, 2)) == 0:
            target = draw(st.sampled_from(standard))
            edges.append(
                edge(
                    "destination",
                    fn["id"],
                    target["id"],
                    f"d-{condition}-{fn['id']}",
                    condition=condition,
                )
            )
    return edges


@st.composite
def documents(draw) -> dict:
    """A random diagram that load_diagram accepts (the few it refuses are assumed away)."""
    producers = [draw(_producer(i)) for i in range(draw(st.integers(1, 3)))]
    topics = [draw(_topic(i)) for i in range(draw(st.integers(0, 2)))]
    queues = [draw(_queue(i)) for i in range(draw(st.integers(1, 3)))]
    functions = [draw(_function(i)) for i in range(draw(st.integers(0, 2)))]
    workers = [draw(_worker(i)) for i in range(draw(st.integers(0, 1)))]
    # A rank per node; edges only go to higher ranks. Topics tend to come first, then
    # queues, then consumers, so most documents have fan-out and consumers.
    order = {p["id"]: 0 for p in producers}
    for group, (low, high) in zip(
        (topics, queues, functions, workers), ((1, 3), (2, 5), (3, 6), (4, 6)), strict=True
    ):
        for n in group:
            order[n["id"]] = draw(st.integers(low, high))
    inner = sorted(topics + queues + functions + workers, key=lambda n: order[n["id"]])

    edges: list[dict] = []
    for p in producers:
        targets = draw(
            st.lists(
                st.sampled_from(topics + queues),
                min_size=1,
                max_size=2,
                unique_by=lambda n: n["id"],
            )
        )
        edges += [edge("publish", p["id"], t["id"]) for t in targets]
        if any(_is_fifo(t) for t in targets):
            p["sim"]["messageGroupId"] = draw(st.sampled_from(("g", "{{choice g1 g2 g3}}")))
            p["sim"]["deduplicationId"] = draw(
                st.sampled_from(("{{seq}}", "{{uuid}}", "{{int 1 4}}"))
            )
    for t in topics:
        edges += draw(
            _subscriptions(t, _later(order, t["id"], queues), _later(order, t["id"], functions))
        )
    for q in queues:
        edges += draw(
            _queue_edges(
                q, _later(order, q["id"], queues), _later(order, q["id"], functions + workers)
            )
        )
    for fn in functions:
        sinks = _later(order, fn["id"], topics + queues)
        edges += draw(_function_edges(fn, sinks, _later(order, fn["id"], functions)))
    for w in workers:
        sinks = _later(order, w["id"], topics + queues)
        if sinks and draw(st.booleans()):
            edges.append(edge("publish", w["id"], draw(st.sampled_from(sinks))["id"]))

    caches, store_edges = draw(_cache_stores(functions))
    edges += store_edges
    doc = diagram(producers + inner + caches, edges, seed=draw(st.integers(0, 2**16)))
    try:
        load_diagram(doc)
    except DiagramError:
        assume(False)
    return doc


def _run_headless(doc: dict, seed: int, until: float) -> tuple[list[dict], dict]:
    sim = Simulation(load_diagram(doc), seed=seed)
    sim.run(until)
    return sim.drain_events(), sim.report()


@SETTINGS
@given(doc=documents(), until=st.integers(1, 120))
def test_ledger_balances_and_no_bucket_is_negative(doc, until):
    """Contract section 4: every copy of every message ends in exactly one ledger bucket,
    whatever the diagram and however long it ran, and the trace agrees with the ledger."""
    sim = Simulation(load_diagram(doc), seed=doc["sim"]["seed"])
    for stop in sorted({until / 3, until}):
        sim.run(stop)
        ledger = sim.report()["ledger"]
        assert ledger["unaccounted"] == 0, ledger
        assert all(count >= 0 for count in ledger.values()), ledger
        held = sum(ledger[bucket] for bucket in ("in_queues", "in_flight", "dead_lettered"))
        assert sim.held_bytes() >= 0
        if held + ledger["in_streams"] == 0:
            assert sim.held_bytes() == 0, "bytes counted for copies no longer held"
    trace = sim.drain_events()
    producers = {n["id"] for n in doc["nodes"] if n["type"] == "producer"}
    published = [e for e in trace if e["event"] == "publish" and e["node"] in producers]
    assert ledger["produced"] == len(published)
    for metrics in (n["metrics"] for n in sim.report()["nodes"].values()):
        assert all(v >= 0 for v in metrics.values() if isinstance(v, int | float))


@SETTINGS
@given(doc=documents(), until=st.integers(1, 120), step=st.sampled_from(STEPS))
def test_headless_and_live_stepped_runs_are_byte_identical(doc, until, step):
    """Contract section 4: the same diagram and seed give the same report and trace, byte for
    byte, whether run headless or advanced in small live steps (draining as it goes)."""
    seed = doc["sim"]["seed"]
    trace, report = _run_headless(doc, seed, until)
    live = Simulation(load_diagram(doc), seed=seed)
    live_trace: list[dict] = []
    for _ in range(round(until / step)):
        live.advance(step)
        live_trace.extend(live.drain_events())
    assert live.now == until
    assert json.dumps(live_trace) == json.dumps(trace)
    assert json.dumps(live.report(), sort_keys=True) == json.dumps(report, sort_keys=True)
    again, report_again = _run_headless(doc, seed, until)
    assert json.dumps(again) == json.dumps(trace)
    assert report_again == report


@SETTINGS
@given(doc=documents(), until=st.integers(1, 120))
def test_trace_is_time_ordered_and_every_message_event_names_its_origin(doc, until):
    """Contract section 4: the trace is in simulated-time order; each event about a message
    names the copy (`message`) and the message the producer first published (`origin`)."""
    trace, report = _run_headless(doc, doc["sim"]["seed"], until)
    times = [e["t"] for e in trace]
    assert times == sorted(times)
    assert all(0 <= t <= until for t in times)
    producers = {n["id"] for n in doc["nodes"] if n["type"] == "producer"}
    first = {e["message"] for e in trace if e["event"] == "publish" and e["node"] in producers}
    for event in trace:
        assert ("message" in event) == ("origin" in event), event
        if "message" in event:
            assert event["origin"] in first, event
            assert isinstance(event["node"], str) and event["node"]
    assert report["events"] >= len(trace)
