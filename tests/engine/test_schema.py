"""`load_diagram` (`engine.schema`, `engine.rules`): every problem of a document with its
contract path and code, AWS's defaults and bounds, and the wiring rules AWS enforces.

Each test names the contract section or AWS documentation page it reproduces.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import engine
from engine import DiagramError, load_diagram

EXAMPLE_PATHS = sorted((Path(engine.__file__).resolve().parent / "examples").glob("*.json"))


def problems_of(doc) -> list[tuple[str, str]]:
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    return [(p.path, p.code) for p in caught.value.problems]


def only_problem(doc):
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


# ---- every problem, with its path --------------------------------------------------


def test_every_problem_is_reported_at_once_with_its_path(build):
    """Contract section 2: DiagramError lists every problem with its path, so a user sees
    everything that is wrong at once."""
    doc = build.doc(
        [build.queue("q", VisibilityTimeout=50000), build.producer("p")],
        [build.publish("p", "nowhere")],
        colour="blue",
    )
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)

    found = sorted((p.path, p.code) for p in caught.value.problems)
    assert found == [
        ("colour", "unknown_field"),
        ("edges[0].target", "unknown_node"),
        ("nodes[0].props.VisibilityTimeout", "out_of_range"),
    ]
    text = str(caught.value)
    assert "colour" in text and "nowhere" in text and "50000" in text


@pytest.mark.parametrize("doc", [None, [], "a diagram", 3, True], ids=repr)
def test_a_document_that_is_not_an_object_is_refused(doc):
    """Contract section 1: a diagram document is a JSON object."""
    problem = only_problem(doc)
    assert problem.code == "invalid_document"


def test_wrong_format_is_refused(build):
    """Contract section 1: the document says `"format": "eventyard/1"`."""
    doc = build.doc([build.queue()])
    doc["format"] = "eventyard/2"
    assert problems_of(doc) == [("format", "invalid_format")]
    del doc["format"]
    assert problems_of(doc) == [("format", "invalid_format")]


# ---- unknown names -----------------------------------------------------------------


def test_unknown_top_level_key_is_refused(build):
    """Contract section 1: unknown top-level keys are errors, reported with their path."""
    assert problems_of(build.doc([build.queue()], extra=1)) == [("extra", "unknown_field")]


def test_unknown_node_type_is_refused_naming_the_known_ones(build):
    """Contract section 1: unknown node types are errors."""
    problem = only_problem(build.doc([build.node("t", "sqs.topic")]))
    assert (problem.path, problem.code) == ("nodes[0].type", "unknown_type")
    assert "sqs.queue" in problem.message and "sns.topic" in problem.message


def test_unknown_edge_kind_is_refused(build):
    """Contract section 1: unknown edge kinds are errors."""
    doc = build.doc([build.queue("a"), build.queue("b")], [build.edge("redrive", "a", "b")])
    problem = only_problem(doc)
    assert (problem.path, problem.code) == ("edges[0].kind", "unknown_kind")
    assert "dead-letter" in problem.message


def test_misspelt_prop_is_refused_with_its_path(build):
    """Contract section 1: props are named exactly as CloudFormation names them; an
    unknown prop is an error at its path, and the message lists the allowed props."""
    problem = only_problem(build.doc([build.queue(VisiblityTimeout=30)]))
    assert (problem.path, problem.code) == ("nodes[0].props.VisiblityTimeout", "unknown_field")
    assert "VisibilityTimeout" in problem.message


def test_unknown_sim_field_and_node_field_are_refused(build):
    """Contract section 1: unknown fields are errors wherever they are."""
    doc = build.doc([build.producer(speed=3), build.node("q", "sqs.queue", colour="red")])
    assert sorted(problems_of(doc)) == [
        ("nodes[0].sim.speed", "unknown_field"),
        ("nodes[1].colour", "unknown_field"),
    ]


# ---- bounds and types --------------------------------------------------------------


@pytest.mark.parametrize(
    ("prop", "value", "bounds"),
    [
        ("VisibilityTimeout", 50000, "0..43200"),
        ("VisibilityTimeout", -1, "0..43200"),
        ("MessageRetentionPeriod", 59, "60..1209600"),
        ("MessageRetentionPeriod", 1209601, "60..1209600"),
        ("DelaySeconds", 901, "0..900"),
        ("ReceiveMessageWaitTimeSeconds", 21, "0..20"),
        ("MaximumMessageSize", 1023, "1024..1048576"),
        ("MaximumMessageSize", 1048577, "1024..1048576"),
    ],
)
def test_queue_attribute_out_of_range_is_refused(build, prop, value, bounds):
    """AWS docs, "SetQueueAttributes" API reference: VisibilityTimeout 0..43,200 s,
    MessageRetentionPeriod 60..1,209,600 s, DelaySeconds 0..900 s,
    ReceiveMessageWaitTimeSeconds 0..20 s, MaximumMessageSize 1,024..1,048,576 bytes."""
    problem = only_problem(build.doc([build.queue(**{prop: value})]))
    assert (problem.path, problem.code) == (f"nodes[0].props.{prop}", "out_of_range")
    assert str(value) in problem.message
    assert bounds in problem.message


@pytest.mark.parametrize(
    ("prop", "value"),
    [
        ("VisibilityTimeout", 0),
        ("VisibilityTimeout", 43200),
        ("MessageRetentionPeriod", 60),
        ("MessageRetentionPeriod", 1209600),
        ("DelaySeconds", 900),
        ("MaximumMessageSize", 1024),
        ("MaximumMessageSize", 1048576),
    ],
)
def test_queue_attribute_at_its_bound_is_accepted(build, prop, value):
    """AWS docs, "SetQueueAttributes" API reference: the bounds are inclusive."""
    diagram = load_diagram(build.doc([build.queue(**{prop: value})]))
    assert diagram.nodes["q"].props[prop] == value


def test_max_receive_count_bounds(build):
    """AWS docs, "Using dead-letter queues in Amazon SQS": maxReceiveCount is at least 1."""
    doc = build.doc([build.queue("a"), build.queue("b")], [build.dead_letter("a", "b", 0)])
    assert problems_of(doc) == [("edges[0].props.maxReceiveCount", "out_of_range")]


@pytest.mark.parametrize(
    ("props", "path"),
    [
        ({"VisibilityTimeout": "30"}, "nodes[0].props.VisibilityTimeout"),
        ({"VisibilityTimeout": 30.5}, "nodes[0].props.VisibilityTimeout"),
        ({"VisibilityTimeout": True}, "nodes[0].props.VisibilityTimeout"),
        ({"FifoQueue": "yes"}, "nodes[0].props.FifoQueue"),
        ({"FifoQueue": 1}, "nodes[0].props.FifoQueue"),
        ({"QueueName": 12}, "nodes[0].props.QueueName"),
    ],
    ids=[
        "string-for-int",
        "float-for-int",
        "bool-for-int",
        "string-for-bool",
        "int-for-bool",
        "int-for-string",
    ],
)
def test_wrong_type_is_refused(build, props, path):
    """Contract section 1: props take CloudFormation's types (integers, booleans,
    strings); a boolean is not a number and a number is not a boolean."""
    assert problems_of(build.doc([build.queue(**props)])) == [(path, "invalid_type")]


def test_props_that_are_not_an_object_are_refused(build):
    """Contract section 1: `props` and `sim` are objects."""
    doc = build.doc([build.node("q", "sqs.queue", props=[1, 2])])
    assert problems_of(doc) == [("nodes[0].props", "invalid_type")]


def test_queue_name_pattern(build):
    """AWS docs, "CreateQueue" API reference: up to 80 characters of letters, digits, hyphens and
    underscores."""
    assert problems_of(build.doc([build.queue(QueueName="bad name")])) == [
        ("nodes[0].props.QueueName", "invalid_value")
    ]
    assert problems_of(build.doc([build.queue(QueueName="x" * 81)])) == [
        ("nodes[0].props.QueueName", "invalid_value")
    ]
    load_diagram(build.doc([build.queue(QueueName="x" * 80)]))


# ---- ids and edges -----------------------------------------------------------------


def test_duplicate_node_id_is_refused(build):
    """Contract section 1: an id is unique in the document."""
    doc = build.doc([build.queue("q"), build.queue("q")])
    assert problems_of(doc) == [("nodes[1].id", "duplicate_id")]


def test_edge_id_equal_to_a_node_id_is_refused(build):
    """Contract section 1: ids are unique in the whole document, nodes and edges alike."""
    doc = build.doc([build.producer("p"), build.queue("q")], [build.publish("p", "q", edge_id="q")])
    assert problems_of(doc) == [("edges[0].id", "duplicate_id")]


@pytest.mark.parametrize("bad_id", ["1queue", "has space", "x" * 65, "", None])
def test_invalid_id_is_refused(build, bad_id):
    """Contract section 1: an id matches ^[A-Za-z][A-Za-z0-9_-]{0,63}$."""
    assert problems_of(build.doc([build.queue(bad_id)])) == [("nodes[0].id", "invalid_id")]


def test_edge_pair_not_in_the_table_is_refused_listing_the_allowed_pairs(build):
    """Contract section 1, edge kinds: a pair not in the table is refused with a message
    that says which pairs are allowed."""
    doc = build.doc([build.queue("a"), build.queue("b")], [build.publish("a", "b")])
    problem = only_problem(doc)

    assert (problem.path, problem.code) == ("edges[0]", "invalid_pair")
    for pair in ("producer → sqs.queue", "producer → sns.topic", "worker → sqs.queue"):
        assert pair in problem.message
    assert "dead-letter" in problem.message  # the kind that does join two queues


def test_edge_to_a_missing_node_is_refused(build):
    """Contract section 1: an edge joins nodes of the document."""
    doc = build.doc([build.producer("p")], [build.publish("p", "ghost"), build.publish("x", "p")])
    assert problems_of(doc) == [
        ("edges[0].target", "unknown_node"),
        ("edges[1].source", "unknown_node"),
    ]


# ---- defaults ----------------------------------------------------------------------


def test_omitted_props_take_the_aws_defaults(build):
    """Contract section 1 ("omitted props take the AWS default") and "SetQueueAttributes"
    / "CreateFunction" API references: VisibilityTimeout 30 s, MessageRetentionPeriod
    345,600 s (4 days), MaximumMessageSize 1,048,576 bytes, DelaySeconds 0,
    ReceiveMessageWaitTimeSeconds 0, standard queue; Lambda Timeout 3 s, MemorySize 128 MB;
    run seed 1, duration 60 s."""
    doc = build.doc([build.queue(), build.function()])
    del doc["sim"]
    diagram = load_diagram(doc)

    queue = diagram.nodes["q"].props
    assert queue["VisibilityTimeout"] == 30
    assert queue["MessageRetentionPeriod"] == 345600
    assert queue["MaximumMessageSize"] == 1048576
    assert queue["DelaySeconds"] == 0
    assert queue["ReceiveMessageWaitTimeSeconds"] == 0
    assert queue["FifoQueue"] is False
    assert queue["ContentBasedDeduplication"] is False
    function = diagram.nodes["f"].props
    assert function["Timeout"] == 3
    assert function["MemorySize"] == 128
    assert (diagram.seed, diagram.duration) == (1, 60.0)


def test_given_props_are_kept(build):
    """Contract section 1: the given value wins over the default."""
    diagram = load_diagram(build.doc([build.queue(VisibilityTimeout=45)]))
    assert diagram.nodes["q"].props["VisibilityTimeout"] == 45


# ---- wiring rules ------------------------------------------------------------------


def mapping(build, *, visibility=30, timeout=None, fifo=False, **esm):
    queue = build.fifo_queue if fifo else build.queue
    props = {} if timeout is None else {"Timeout": timeout}
    return build.doc(
        [queue("q", VisibilityTimeout=visibility), build.function("f", props)],
        [build.reads("q", "f", **esm)],
    )


def test_function_timeout_above_queue_visibility_timeout_is_refused(build):
    """AWS docs, "Using Lambda with Amazon SQS": the function timeout must not exceed the queue's
    visibility timeout; Lambda refuses to create such a mapping."""
    problem = only_problem(mapping(build, visibility=10, timeout=11))
    assert (problem.path, problem.code) == ("edges[0]", "visibility_below_timeout")
    load_diagram(mapping(build, visibility=10, timeout=10))


def test_default_function_timeout_counts_against_visibility_timeout(build):
    """AWS docs, "Using Lambda with Amazon SQS" with the default Timeout (3 s): a 2 s visibility
    timeout is below it."""
    assert problems_of(mapping(build, visibility=2)) == [("edges[0]", "visibility_below_timeout")]


def test_fifo_batch_size_above_ten_is_refused(build):
    """AWS docs, "Using Lambda with Amazon SQS": for FIFO queues BatchSize is at most 10."""
    doc = mapping(build, fifo=True, BatchSize=11, MaximumBatchingWindowInSeconds=1)
    assert ("edges[0].props.BatchSize", "out_of_range") in problems_of(doc)
    load_diagram(mapping(build, fifo=True, BatchSize=10))


def test_a_batching_window_on_a_fifo_queue_is_refused(build):
    """ "Lambda parameters for Amazon SQS event source mappings": batching window is not
    supported for FIFO queues (0, the default, is no window)."""
    doc = mapping(build, fifo=True, MaximumBatchingWindowInSeconds=5)
    assert problems_of(doc) == [("edges[0].props.MaximumBatchingWindowInSeconds", "not_applicable")]
    load_diagram(mapping(build, fifo=True, MaximumBatchingWindowInSeconds=0))
    load_diagram(mapping(build, MaximumBatchingWindowInSeconds=5))


def stream_mapping(build, **esm):
    return build.doc(
        [build.node("s", "kinesis.stream"), build.function("f")],
        [build.reads("s", "f", StartingPosition="LATEST", **esm)],
    )


@pytest.mark.parametrize(("age", "allowed"), [(-1, True), (0, False), (59, False), (60, True)])
def test_maximum_record_age_is_minus_one_or_at_least_a_minute(build, age, allowed):
    """CreateEventSourceMapping: MaximumRecordAgeInSeconds is -1 (records never expire for
    the mapping) or 60..604800."""
    doc = stream_mapping(build, MaximumRecordAgeInSeconds=age)
    if allowed:
        load_diagram(doc)
    else:
        assert problems_of(doc) == [("edges[0].props.MaximumRecordAgeInSeconds", "out_of_range")]


def test_batch_size_above_ten_needs_a_batching_window(build):
    """AWS docs, "Using Lambda with Amazon SQS": a BatchSize over 10 needs
    MaximumBatchingWindowInSeconds of at least 1 second."""
    assert problems_of(mapping(build, BatchSize=11)) == [
        ("edges[0].props.MaximumBatchingWindowInSeconds", "invalid_value")
    ]
    load_diagram(mapping(build, BatchSize=11, MaximumBatchingWindowInSeconds=1))
    load_diagram(mapping(build, BatchSize=10))


@pytest.mark.parametrize(
    ("prop", "value"),
    [
        ("StartingPosition", "LATEST"),
        ("ParallelizationFactor", 2),
        ("BisectBatchOnFunctionError", True),
        ("MaximumRetryAttempts", 3),
        ("MaximumRecordAgeInSeconds", 60),
        ("DestinationConfig", {"OnFailure": {"Destination": "q"}}),
    ],
)
def test_stream_only_mapping_props_on_sqs_source_are_refused(build, prop, value):
    """AWS docs, "CreateEventSourceMapping" API reference: StartingPosition, ParallelizationFactor,
    BisectBatchOnFunctionError, MaximumRetryAttempts, MaximumRecordAgeInSeconds and
    DestinationConfig apply to Kinesis and DynamoDB Streams sources, not SQS."""
    assert problems_of(mapping(build, **{prop: value})) == [
        (f"edges[0].props.{prop}", "not_applicable")
    ]


# ---- the examples ------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_PATHS, ids=lambda p: p.name)
def test_every_example_loads_without_problems(path):
    """Contract section 3: the playground loads the example diagrams; each one is valid."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    diagram = load_diagram(doc)
    assert len(diagram.nodes) == len(doc["nodes"])
    assert len(diagram.edges) == len(doc["edges"])


def test_there_are_examples_to_check():
    """The example parametrisation above must not silently run zero cases."""
    assert len(EXAMPLE_PATHS) >= 4


def test_a_document_over_the_node_or_edge_limit_is_refused_naming_the_limit():
    from engine.schema import MAX_EDGES, MAX_NODES

    nodes = [{"id": f"n{i}", "type": "sqs.queue"} for i in range(MAX_NODES + 1)]
    edges = [{"id": f"e{i}"} for i in range(MAX_EDGES + 1)]
    with pytest.raises(DiagramError) as caught:
        load_diagram({"format": "eventyard/1", "nodes": nodes, "edges": edges})
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("nodes", "too_many"),
        ("edges", "too_many"),
    ]
    assert f"at most {MAX_NODES:,} nodes" in caught.value.problems[0].message
    load_diagram({"format": "eventyard/1", "nodes": nodes[:MAX_NODES], "edges": []})


def test_the_limits_can_be_set_per_call():
    doc = {"format": "eventyard/1", "nodes": [{"id": "a", "type": "sqs.queue"}] * 3}
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc, max_nodes=2)
    assert [(p.path, p.code) for p in caught.value.problems] == [("nodes", "too_many")]


def test_a_diagram_indexes_edges_by_end_in_document_order(build):
    doc = build.doc(
        [build.producer("p"), build.queue("a"), build.queue("b"), build.worker("w")],
        [build.publish("p", "a"), build.publish("p", "b"), build.reads("a", "w")],
    )
    diagram = load_diagram(doc)
    assert [e.target for e in diagram.edges_from("p")] == ["a", "b"]
    assert [e.kind for e in diagram.edges_from("a")] == ["event-source"]
    assert [e.source for e in diagram.edges_to("a", "publish")] == ["p"]
    assert diagram.edges_to("p") == [] and diagram.edges_from("w", "publish") == []


@pytest.mark.parametrize("speed", [0.1, 5, 100, "max"])
def test_a_recommended_speed_is_a_run_setting(build, speed):
    """`sim.speed` is the live player's recommended speed, bounded like its control."""
    doc = build.doc([build.queue()])
    doc["sim"]["speed"] = speed
    assert load_diagram(doc).nodes["q"]


@pytest.mark.parametrize("speed", [0, 100.5, "fast", True, None])
def test_a_speed_out_of_the_players_range_is_refused(build, speed):
    doc = build.doc([build.queue()])
    doc["sim"]["speed"] = speed
    assert problems_of(doc) == [("sim.speed", "out_of_range")]
