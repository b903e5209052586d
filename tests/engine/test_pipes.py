"""EventBridge Pipes in the engine: each test reproduces the AWS behaviour its docstring
names (a page of the Amazon EventBridge Pipes user guide)."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import DiagramError, load_diagram
from engine.services.pipes.template import InputTemplate, check_input_template
from tests.engine.builders import (
    assert_balanced,
    burst,
    capture_arrivals,
    dead_letter,
    diagram,
    edge,
    event_source,
    fifo_queue,
    finish,
    fixed_ms,
    function,
    node,
    producer,
    publish,
    queue,
    run,
    simulation,
)


# --- builders --------------------------------------------------------------------------
def pipe(node_id: str = "pipe", **props) -> dict:
    return node(node_id, "pipes.pipe", props)


def target(source: str, dest: str) -> dict:
    return edge("target", source, dest, f"t-{dest}")


def enrichment(source: str, dest: str) -> dict:
    return edge("enrichment", source, dest, f"e-{dest}")


def sqs_pipe(*, props: dict | None = None, extra_nodes=(), extra_edges=(), to="out", **kw):
    """producer → in (queue) → pipe → `to` (a queue unless extra nodes say otherwise)."""
    nodes = [
        kw.pop("source", burst("p", 5)),
        queue("in", VisibilityTimeout=10),
        pipe(**(props or {})),
    ]
    nodes += list(extra_nodes) or [queue("out")]
    edges = [publish("p", "in"), event_source("in", "pipe", "src"), target("pipe", to)]
    return diagram(nodes, edges + list(extra_edges), duration=kw.pop("duration", 60))


def bodies(copies) -> list:
    return [json.loads(c.body) for c in copies]


# --- the path of an event ----------------------------------------------------------------
def test_sqs_messages_reach_the_target_as_the_pipe_sees_them_and_leave_the_queue():
    """ "Amazon SQS as a source": the pipe polls the queue, its event is the SQS message
    (messageId, body, attributes, eventSource aws:sqs), and a batch that reached the target
    is deleted from the queue."""
    sim = simulation(sqs_pipe())
    arrived = capture_arrivals(sim, "out")
    done = finish(sim)
    assert len(arrived) == 5
    event = json.loads(arrived[0].body)
    assert event["eventSource"] == "aws:sqs"
    assert event["eventSourceARN"].endswith(":in")
    assert json.loads(event["body"]) == {"id": 1}
    assert event["attributes"]["ApproximateReceiveCount"] == "1"
    assert done.metrics("in")["NumberOfMessagesDeleted"] == 5
    assert done.metrics("in")["ApproximateNumberOfMessagesVisible"] == 0
    assert done.metrics("pipe")["EventCount"] == 5
    assert_balanced(done.ledger)


def test_filtered_sqs_messages_are_deleted_and_never_reach_the_target():
    """ "Event filtering in Amazon EventBridge Pipes": the pattern reads the SQS body as
    JSON; for SQS sources messages that do not match are deleted from the queue."""
    pattern = json.dumps({"body": {"id": [{"numeric": ["<=", 2]}]}})
    doc = sqs_pipe(
        props={"SourceParameters": {"FilterCriteria": {"Filters": [{"Pattern": pattern}]}}}
    )
    done = run(doc)
    assert done.metrics("out")["NumberOfMessagesSent"] == 2
    assert done.metrics("in")["NumberOfMessagesDeleted"] == 5
    assert done.count("filter-out", "pipe") == 3
    assert done.ledger["filtered"] == 3
    assert_balanced(done.ledger)


def test_batches_follow_batch_size_and_wait_for_the_batching_window():
    """ "Amazon EventBridge Pipes batching and concurrency": a batch holds at most
    BatchSize records, and with a batching window the pipe waits up to that long to fill
    one."""
    doc = sqs_pipe(
        props={"SourceParameters": {"SqsQueueParameters": {"BatchSize": 3}}},
        source=burst("p", 7),
    )
    assert sorted(len(b) for _t, b in run(doc).batches("pipe")) == [1, 3, 3]
    slow = sqs_pipe(
        props={"SourceParameters": {"SqsQueueParameters": {"MaximumBatchingWindowInSeconds": 5}}},
        source=producer("p", rate=1, count=3, payload={"id": "{{seq}}"}),
    )
    batches = run(slow).batches("pipe")
    assert batches[0][0] == pytest.approx(5.0) and len(batches[0][1]) == 3


def test_enrichment_gets_the_batch_as_an_array_and_its_answer_goes_to_the_target():
    """ "Amazon EventBridge Pipes event enrichment": the enrichment is invoked
    synchronously once per batch with the events as a JSON array (after the enrichment's
    InputTemplate), and what it returns is what the target receives."""
    doc = sqs_pipe(
        props={
            "SourceParameters": {"SqsQueueParameters": {"BatchSize": 5}},
            "EnrichmentParameters": {"InputTemplate": '{"order": <$.body.id>}'},
        },
        extra_nodes=[queue("out"), function("enrich", duration=fixed_ms(200))],
        extra_edges=[enrichment("pipe", "enrich")],
    )
    sim = simulation(doc)
    arrived = capture_arrivals(sim, "out")
    done = finish(sim)
    assert done.metrics("enrich")["Invocations"] == 1
    assert bodies(arrived) == [{"order": i} for i in range(1, 6)]
    sent = done.of("publish", "pipe")
    assert sent[0]["t"] == pytest.approx(0.2 + 0.25, abs=0.01)  # handler + cold start
    assert_balanced(done.ledger)


def test_a_failing_enrichment_fails_the_batch_and_sqs_redrives_it_to_the_dlq():
    """ "Amazon EventBridge Pipes error handling and troubleshooting": for an SQS source,
    customer errors are retried until the queue's maxReceiveCount moves the message to its
    dead-letter queue; the failed stage is counted (EnrichmentStageFailed)."""
    doc = sqs_pipe(
        source=burst("p", 1),
        extra_nodes=[queue("out"), queue("dlq"), function("enrich", errorRate=1)],
        extra_edges=[enrichment("pipe", "enrich"), dead_letter("in", "dlq", 2)],
    )
    done = run(doc)
    metrics = done.metrics("pipe")
    assert metrics["EnrichmentStageFailed"] == 2 == metrics["ExecutionFailed"]
    assert metrics["TargetStageFailed"] == 0
    assert done.metrics("out")["NumberOfMessagesSent"] == 0
    assert done.ledger["dead_lettered"] == 1
    assert_balanced(done.ledger)


# --- input transformation ----------------------------------------------------------------
def test_target_input_template_reads_the_body_and_the_reserved_variables():
    """ "Amazon EventBridge Pipes input transformation": paths reach into the SQS body
    (parsed implicitly), reserved variables name the pipe, a path outside quotes keeps its
    JSON type and one inside a string is text."""
    template = '{"id": <$.body.id>, "pipe": "<aws.pipes.pipe-name>", "note": "order <$.body.id>"}'
    doc = sqs_pipe(props={"Name": "orders-pipe", "TargetParameters": {"InputTemplate": template}})
    sim = simulation(doc)
    arrived = capture_arrivals(sim, "out")
    finish(sim)
    assert bodies(arrived)[0] == {"id": 1, "pipe": "orders-pipe", "note": "order 1"}


def test_input_template_rules_for_strings_objects_and_missing_paths():
    """ "Amazon EventBridge Pipes input transformation": quotes go around variables that
    are values, not around objects or arrays; text output stays text."""
    event = {"body": json.dumps({"a": {"b": [1, 2]}, "s": 'say "hi"'}), "n": 3}
    assert InputTemplate('{"x": <$.body.a>}').render(event, {}) == {"x": {"b": [1, 2]}}
    assert InputTemplate('{"s": "<$.body.s>"}').render(event, {}) == {"s": 'say "hi"'}
    assert (
        InputTemplate('{"m": <$.body.missing>, "n": <$.n>}').render(event, {}) == '{"m": , "n": 3}'
    )
    assert InputTemplate("Hello, <$.body.a.b[1]>").render(event, {}) == "Hello, 2"
    assert InputTemplate("<$.body.a.b[*]>").render(event, {}) == [1, 2]
    kinesis = {"data": base64.b64encode(b'{"k": "v"}').decode()}
    assert InputTemplate("<$.data.k>").render(kinesis, {}) == "v"


def test_bad_input_templates_are_refused_with_their_path():
    """CreatePipe refuses a placeholder that is neither a JSON path nor a reserved variable."""
    assert check_input_template("<$.body.id> <aws.pipes.pipe-arn>", "p") == []
    problems = check_input_template("<aws.pipes.nope> <$..x>", "p")
    assert [p.code for p in problems] == ["invalid_template", "invalid_template"]
    doc = sqs_pipe(props={"TargetParameters": {"InputTemplate": "<aws.events.rule-arn>"}})
    with pytest.raises(DiagramError) as err:
        load_diagram(doc)
    assert err.value.problems[0].path == "nodes[2].props.TargetParameters.InputTemplate"


# --- targets -----------------------------------------------------------------------------
def test_event_bus_target_uses_detail_type_and_source_or_names_the_pipe():
    """ "Amazon EventBridge Pipes targets": events put on a bus carry the target
    parameters' DetailType and Source; without them the pipe names itself and its source."""
    for params, source, detail_type in (
        ({"DetailType": "OrderPlaced", "Source": "shop"}, "shop", "OrderPlaced"),
        ({}, "Pipe pipe", "Event from aws:sqs"),
    ):
        doc = sqs_pipe(
            props={"TargetParameters": {"EventBridgeEventBusParameters": params}},
            extra_nodes=[
                node("bus", "eventbridge.bus", {"Name": "b"}),
                node("r", "eventbridge.rule", {"EventPattern": {"source": [source]}}),
                queue("out"),
            ],
            extra_edges=[edge("rule", "bus", "r"), edge("target", "r", "out", "rt")],
            to="bus",
        )
        sim = simulation(doc)
        arrived = capture_arrivals(sim, "out")
        finish(sim)
        assert len(arrived) == 5
        event = json.loads(arrived[0].body)
        assert (event["source"], event["detail-type"]) == (source, detail_type)
        assert event["detail"]["eventSource"] == "aws:sqs"


def test_kinesis_target_partition_key_is_read_from_each_event():
    """ "Amazon EventBridge Pipes targets": a dynamic path parameter takes its value from
    the event, here the Kinesis PartitionKey."""
    doc = sqs_pipe(
        props={"TargetParameters": {"KinesisStreamParameters": {"PartitionKey": "$.body.id"}}},
        extra_nodes=[node("out", "kinesis.stream", {"ShardCount": 2})],
    )
    done = run(doc)
    keys = [e["partitionKey"] for e in done.of("put-record", "out")]
    assert sorted(keys) == ["1", "2", "3", "4", "5"]
    assert_balanced(done.ledger)


def test_lambda_target_request_response_invokes_once_per_batch_and_retries_failures():
    """ "Amazon EventBridge Pipes batching and concurrency": Lambda gets the whole batch in
    one invocation; REQUEST_RESPONSE makes its errors target failures the source retries."""
    doc = sqs_pipe(
        props={"SourceParameters": {"SqsQueueParameters": {"BatchSize": 5}}},
        extra_nodes=[function("fn", errorRate=1)],
        extra_edges=[],
        to="fn",
        duration=25,
    )
    done = run(doc)
    assert done.metrics("fn")["Invocations"] == done.metrics("pipe")["Invocations"] == 3
    assert done.metrics("pipe")["TargetStageFailed"] == 3
    assert max(done.receive_counts("in").values()) == 3  # back every 10 s visibility timeout
    assert_balanced(done.ledger)


def test_lambda_target_fire_and_forget_is_an_asynchronous_invoke():
    """ "Amazon EventBridge Pipes targets": FIRE_AND_FORGET invokes asynchronously, so the
    batch is deleted from the queue however the function fares."""
    doc = sqs_pipe(
        props={
            "SourceParameters": {"SqsQueueParameters": {"BatchSize": 5}},
            "TargetParameters": {"LambdaFunctionParameters": {"InvocationType": "FIRE_AND_FORGET"}},
        },
        extra_nodes=[function("fn", errorRate=1)],
        to="fn",
    )
    done = run(doc)
    assert done.metrics("in")["NumberOfMessagesDeleted"] == 5
    assert done.metrics("pipe")["TargetStageFailed"] == 0
    assert done.count("deliver", "fn") == 1
    assert_balanced(done.ledger)


def test_only_the_events_a_target_refuses_are_retried():
    """ "Amazon EventBridge Pipes error handling and troubleshooting" (partial batch
    failure): records whose events the target accepted are deleted; the others return."""
    doc = diagram(
        [
            burst("small", 2),
            burst("big", 2, payload={"pad": "x" * 800}),
            queue("in", VisibilityTimeout=10),
            pipe(
                SourceParameters={
                    "SqsQueueParameters": {"BatchSize": 4, "MaximumBatchingWindowInSeconds": 1}
                }
            ),
            queue("out", MaximumMessageSize=1024),
        ],
        [
            publish("small", "in"),
            publish("big", "in", "pb"),
            event_source("in", "pipe", "src"),
            target("pipe", "out"),
        ],
        duration=5,
    )
    done = run(doc)
    assert done.metrics("out")["NumberOfMessagesSent"] == 2
    assert done.metrics("in")["NumberOfMessagesDeleted"] == 2
    assert done.metrics("pipe")["ExecutionPartiallyFailed"] == 1
    assert done.count("error", "pipe") == 2
    assert_balanced(done.ledger)


# --- stream sources, ordering, state -------------------------------------------------------
def kinesis_pipe(params: dict, *, fn_sim: dict, count: int = 3) -> dict:
    return diagram(
        [
            producer("p", count=count, rate=10, payload={"id": "{{seq}}"}, partitionKey="k"),
            node("s", "kinesis.stream", {"ShardCount": 1}),
            pipe(SourceParameters={"KinesisStreamParameters": params}),
            function("fn", **fn_sim),
            queue("dlq"),
        ],
        [publish("p", "s"), event_source("s", "pipe", "src"), target("pipe", "fn")],
        duration=60,
    )


def test_kinesis_source_keeps_shard_order_and_sends_exhausted_batches_to_the_dlq():
    """ "Amazon Kinesis stream as a source" and "Amazon EventBridge Pipes error handling and
    troubleshooting": records of a shard go in order; a failing batch is retried up to
    MaximumRetryAttempts, then described to the DeadLetterConfig queue, and the pipe moves
    on (the records stay in the stream)."""
    params = {
        "StartingPosition": "TRIM_HORIZON",
        "BatchSize": 1,
        "MaximumRetryAttempts": 2,
        "DeadLetterConfig": {"Arn": "dlq"},
    }
    done = run(kinesis_pipe(params, fn_sim={"failWhen": {"id": [2]}}))
    origins = [e["origin"] for e in done.of("success", "pipe")]
    assert origins == ["m-1", "m-3"]
    assert done.metrics("pipe")["TargetStageFailed"] == 3  # the first try and 2 retries
    assert done.metrics("dlq")["NumberOfMessagesSent"] == 1
    record = json.loads(next(iter(done.sim.resources["dlq"].held.values())).body)
    assert record["KinesisBatchInfo"]["batchSize"] == 1
    assert done.ledger["in_streams"] == 3
    assert_balanced(done.ledger)


def test_kinesis_records_reach_the_target_with_base64_data():
    """ "Amazon Kinesis stream as a source": the event carries the record's data base64
    encoded, with its partition key and sequence number."""
    doc = kinesis_pipe({"StartingPosition": "TRIM_HORIZON"}, fn_sim={}, count=1)
    sim = simulation(doc)
    done = finish(sim)
    assert done.metrics("fn")["Invocations"] == 1
    call = done.of("invoke", "fn")[0]
    assert call["origin"] == "m-1"
    event = sim.resources["pipe"]._event_of(sim.resources["s"].store.shards[0].record_at(0))
    assert json.loads(base64.b64decode(event["data"])) == {"id": 1}
    assert (event["partitionKey"], event["eventSource"]) == ("k", "aws:kinesis")


def test_dynamodb_stream_filter_keeps_inserts_only():
    """ "Event filtering in Amazon EventBridge Pipes": DynamoDB stream events are filtered
    on their fields, e.g. eventName."""
    only_inserts = json.dumps({"eventName": ["INSERT"]})
    doc = diagram(
        [
            producer("p", count=4, rate=10, payload={"id": "{{choice a b}}", "n": "{{seq}}"}),
            node(
                "t",
                "dynamodb.table",
                {"StreamSpecification": {"StreamViewType": "NEW_IMAGE"}},
            ),
            pipe(
                SourceParameters={
                    "FilterCriteria": {"Filters": [{"Pattern": only_inserts}]},
                    "DynamoDBStreamParameters": {"StartingPosition": "TRIM_HORIZON"},
                }
            ),
            queue("out"),
        ],
        [publish("p", "t"), event_source("t", "pipe", "src"), target("pipe", "out")],
    )
    done = run(doc)
    inserts = sum(1 for e in done.of("put-record", "t") if e["eventName"] == "INSERT")
    assert done.metrics("out")["NumberOfMessagesSent"] == inserts < 4
    assert_balanced(done.ledger)


def test_fifo_source_to_fifo_target_keeps_group_order():
    """ "Amazon SQS as a source" (FIFO queues keep order per message group) and the SQS
    target's MessageGroupId read from the event."""
    doc = diagram(
        [
            producer(
                "p",
                count=6,
                rate=100,
                payload={"id": "{{seq}}"},
                messageGroupId="g1",
                deduplicationId="{{seq}}",
            ),
            fifo_queue("in"),
            pipe(
                SourceParameters={"SqsQueueParameters": {"BatchSize": 2}},
                TargetParameters={
                    "SqsQueueParameters": {
                        "MessageGroupId": "$.attributes.MessageGroupId",
                        "MessageDeduplicationId": "$.messageId",
                    }
                },
            ),
            fifo_queue("out"),
        ],
        [publish("p", "in"), event_source("in", "pipe", "src"), target("pipe", "out")],
    )
    sim = simulation(doc)
    arrived = capture_arrivals(sim, "out")
    done = finish(sim)
    assert [json.loads(json.loads(c.body)["body"])["id"] for c in arrived] == [1, 2, 3, 4, 5, 6]
    assert {c.group for c in arrived} == {"g1"}
    assert_balanced(done.ledger)


def test_a_message_group_path_that_finds_nothing_fails_the_target_stage():
    """ "Amazon EventBridge Pipes targets": a dynamic MessageGroupId is read from each
    event; where the path finds nothing, the FIFO queue refuses the message (SQS requires
    a group id) and the records go back to their source."""
    doc = sqs_pipe(
        props={
            "TargetParameters": {
                "SqsQueueParameters": {
                    "MessageGroupId": "$.body.customer",
                    "MessageDeduplicationId": "$.messageId",
                }
            }
        },
        extra_nodes=[fifo_queue("out")],
        duration=5,
    )
    done = run(doc)
    assert done.metrics("out")["NumberOfMessagesSent"] == 0
    assert done.metrics("pipe")["TargetStageFailed"] == 1
    assert done.ledger["in_flight"] == 5
    assert_balanced(done.ledger)


def test_a_stopped_pipe_does_not_poll():
    """ "Starting or stopping an Amazon EventBridge pipe": a STOPPED pipe reads nothing."""
    done = run(sqs_pipe(props={"DesiredState": "STOPPED"}))
    assert done.metrics("in")["ApproximateNumberOfMessagesVisible"] == 5
    assert done.metrics("pipe")["Invocations"] == 0
    assert_balanced(done.ledger)


def test_same_seed_same_trace_headless_or_stepped():
    """Determinism (contract section 4): stepped live, a pipe run traces the same bytes."""
    doc = sqs_pipe(
        extra_nodes=[queue("out"), function("enrich", errorRate=0.5)],
        extra_edges=[enrichment("pipe", "enrich")],
        source=producer("p", rate=3, count=30, payload={"id": "{{seq}}"}),
    )
    headless = run(doc)
    stepped = simulation(doc)
    events = []
    for _ in range(1200):
        stepped.advance(0.05)
        events += stepped.drain_events()
    assert json.dumps(events) == json.dumps(headless.events)


# --- validation ------------------------------------------------------------------------------
def problems(doc: dict) -> list[tuple[str, str]]:
    with pytest.raises(DiagramError) as err:
        load_diagram(doc)
    return [(p.path, p.code) for p in err.value.problems]


def test_a_pipe_needs_one_source_one_target_and_at_most_one_enrichment():
    """ "Amazon EventBridge Pipes": a pipe joins one source to one target, with one
    optional enrichment."""
    lonely = diagram([pipe()], [])
    assert problems(lonely) == [("nodes[0]", "required"), ("nodes[0]", "required")]
    crowded = diagram(
        [queue("a"), queue("b"), pipe(), queue("x"), queue("y"), function("f"), function("g")],
        [
            event_source("a", "pipe", "s1"),
            event_source("b", "pipe", "s2"),
            target("pipe", "x"),
            target("pipe", "y"),
            enrichment("pipe", "f"),
            enrichment("pipe", "g"),
        ],
    )
    assert problems(crowded) == [
        ("edges[1]", "too_many_sources"),
        ("edges[3]", "too_many_targets"),
        ("edges[5]", "too_many_enrichments"),
    ]


def test_bad_source_and_target_parameters_are_problems_with_their_paths():
    """CreatePipe's rules: a filter must be a valid pattern on the source's fields, the
    parameter block must match the source and target types, streams need a
    StartingPosition, a Kinesis target a PartitionKey, and a batch fits the target's batch
    API ("Amazon EventBridge Pipes batching and concurrency")."""

    def with_filter(pattern: str) -> dict:
        criteria = {"Filters": [{"Pattern": pattern}]}
        return sqs_pipe(props={"SourceParameters": {"FilterCriteria": criteria}})

    path = "nodes[2].props.SourceParameters.FilterCriteria.Filters[0].Pattern"
    assert problems(with_filter('{"body": {"id": [{"numeric": 5}]}}')) == [
        (path + ".body.id[0]", "invalid_numeric")
    ]
    assert problems(with_filter('{"data": [1]}')) == [(path, "invalid_filter")]
    assert problems(with_filter("{not json")) == [(path, "invalid_json")]
    wrong_block = sqs_pipe(
        props={"SourceParameters": {"KinesisStreamParameters": {"StartingPosition": "LATEST"}}}
    )
    assert problems(wrong_block) == [
        ("nodes[2].props.SourceParameters.KinesisStreamParameters", "not_applicable")
    ]
    too_big = sqs_pipe(
        props={
            "SourceParameters": {
                "SqsQueueParameters": {"BatchSize": 50, "MaximumBatchingWindowInSeconds": 1}
            }
        }
    )
    assert problems(too_big) == [
        ("nodes[2].props.SourceParameters.SqsQueueParameters.BatchSize", "out_of_range")
    ]
    no_key = sqs_pipe(extra_nodes=[node("out", "kinesis.stream")])
    assert problems(no_key) == [
        ("nodes[2].props.TargetParameters.KinesisStreamParameters.PartitionKey", "required")
    ]
    stream = kinesis_pipe({}, fn_sim={})
    assert problems(stream) == [
        ("nodes[2].props.SourceParameters.KinesisStreamParameters.StartingPosition", "required")
    ]
    mapping_prop = sqs_pipe()
    mapping_prop["edges"][1]["props"] = {"BatchSize": 5}
    assert problems(mapping_prop) == [("edges[1].props.BatchSize", "not_applicable")]


# --- random pipes ------------------------------------------------------------------------------
@st.composite
def random_pipe(draw) -> dict:
    """A producer → (FIFO or standard) queue with a DLQ → pipe → a queue, a bus with a rule,
    a Lambda function or a stream, with random batching, filters, enrichment and failures."""
    fifo = draw(st.booleans())
    source = fifo_queue("in", VisibilityTimeout=5) if fifo else queue("in", VisibilityTimeout=5)
    sim = {"rate": draw(st.sampled_from((1, 5, 20))), "count": draw(st.integers(1, 25))}
    sim["payload"] = {"id": "{{seq}}", "n": "{{int 1 10}}"}
    if fifo:
        sim |= {"messageGroupId": "{{choice a b}}", "deduplicationId": "{{seq}}"}
    size = draw(st.integers(1, 10))
    source_params: dict = {"SqsQueueParameters": {"BatchSize": size}}
    if not fifo:
        source_params["SqsQueueParameters"]["MaximumBatchingWindowInSeconds"] = draw(
            st.sampled_from((0, 1, 3))
        )
    if draw(st.booleans()):
        pattern = {"body": {"n": [{"numeric": ["<=", draw(st.integers(1, 9))]}]}}
        source_params["FilterCriteria"] = {"Filters": [{"Pattern": json.dumps(pattern)}]}
    props: dict = {"SourceParameters": source_params}
    kind = draw(st.sampled_from(("sqs.queue", "eventbridge.bus", "lambda.function", "kinesis")))
    extra = [fifo_queue("dlq") if fifo else queue("dlq")]
    edges = [
        publish("p", "in"),
        event_source("in", "pipe", "src"),
        dead_letter("in", "dlq", draw(st.integers(1, 3))),
    ]
    fails = {"errorRate": draw(st.sampled_from((0, 0.3, 1))), "duration": fixed_ms(300)}
    if kind == "sqs.queue":
        extra.append(queue("out"))
    elif kind == "eventbridge.bus":
        extra += [
            node("out", "eventbridge.bus", {"Name": "b"}),
            node("r", "eventbridge.rule", {"EventPattern": {"detail-type": [{"prefix": ""}]}}),
            queue("q"),
        ]
        edges += [edge("rule", "out", "r"), edge("target", "r", "q", "rt")]
    elif kind == "lambda.function":
        extra.append(function("out", **fails))
        invocation = draw(st.sampled_from(("REQUEST_RESPONSE", "FIRE_AND_FORGET")))
        props["TargetParameters"] = {"LambdaFunctionParameters": {"InvocationType": invocation}}
    else:
        extra.append(node("out", "kinesis.stream", {"ShardCount": 1}))
        props["TargetParameters"] = {"KinesisStreamParameters": {"PartitionKey": "$.body.n"}}
    edges.append(target("pipe", "out"))
    if draw(st.booleans()):
        extra.append(function("enrich", **fails))
        edges.append(enrichment("pipe", "enrich"))
        if draw(st.booleans()):
            props["EnrichmentParameters"] = {"InputTemplate": '{"body": {"n": <$.body.n>}}'}
    nodes = [producer("p", **sim), source, pipe(**props), *extra]
    return diagram(nodes, edges, duration=30, seed=draw(st.integers(1, 5)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_pipe(), st.sampled_from((0.05, 0.25, 1.0)))
def test_random_pipes_balance_the_ledger_and_run_the_same_stepped(doc, step):
    """Contract section 4: every copy in one bucket, and the same trace bytes stepped live."""
    headless = run(doc)
    assert_balanced(headless.ledger)
    stepped = simulation(doc)
    events = []
    while stepped.now < 30:
        stepped.advance(step)
        events += stepped.drain_events()
    assert json.dumps(events) == json.dumps(headless.events)
    assert stepped.report() == headless.report


def test_a_pipe_reads_a_kafka_topic_filters_on_the_value_and_sends_base64_records():
    """ "Amazon Managed Streaming for Apache Kafka as a source": each record's value (and
    key) base64-encoded with its topic, partition and offset; filters test the value."""
    doc = diagram(
        [
            producer(
                "p",
                count=20,
                rate=10,
                partitionKey="k-{{int 1 5}}",
                payload={"kind": "{{choice buy view}}"},
            ),
            node("t", "kafka.topic", {"TopicName": "clicks", "NumPartitions": 2}),
            node(
                "pipe",
                "pipes.pipe",
                {
                    "SourceParameters": {
                        "FilterCriteria": {"Filters": [{"Pattern": {"value": {"kind": ["buy"]}}}]},
                        "ManagedStreamingKafkaParameters": {"StartingPosition": "TRIM_HORIZON"},
                    }
                },
            ),
            node("q", "sqs.queue"),
        ],
        [edge("publish", "p", "t"), edge("event-source", "t", "pipe"), edge("target", "pipe", "q")],
    )
    sim = simulation(doc)
    seen = capture_arrivals(sim, "q")
    r = finish(sim, 20)
    puts = r.of("put-record", "t")
    events = [json.loads(c.body) for c in seen]
    assert events and all(
        e["eventSource"] == "aws:kafka" and e["topic"] == "clicks" for e in events
    )
    assert all(json.loads(base64.b64decode(e["value"]))["kind"] == "buy" for e in events)
    assert len(events) < len(puts)  # the views were filtered out
    assert r.metrics("pipe")["ExecutionFailed"] == 0
