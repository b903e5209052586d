"""Design advice: each rule fires on a diagram that should trigger it, names the values and
says what to change, and stays quiet once the diagram is fixed."""

import copy

import pytest

from designer import advice
from designer.advice import RULES, advise
from engine import load_diagram
from tests.designer.builders import edge, make_doc, node

# Node and edge indexes of `healthy()`, for the paths the advice must name.
SHOP, TOPIC, ORDERS, ORDERS_DLQ, PROCESS, NOTIFY, FAILURES, SUB_DLQ = range(8)
PUBLISH, SUB_ORDERS, SUB_NOTIFY, READS, DEAD_LETTER, ON_FAILURE = range(6)


def healthy() -> dict:
    """A diagram that follows every piece of advice."""
    return make_doc(
        [
            node("shop", "producer", sim={"attributes": {"region": "{{choice eu us}}"}}),
            node("orders-topic", "sns.topic"),
            node("orders", "sqs.queue", {"VisibilityTimeout": 60}),
            node("orders-dlq", "sqs.queue", {"MessageRetentionPeriod": 1209600}, role="dlq"),
            node("process", "lambda.function", {"Timeout": 10}),
            node("notify", "lambda.function"),
            node("failures", "sqs.queue"),
            node("sub-dlq", "sqs.queue"),
        ],
        [
            edge("p1", "publish", "shop", "orders-topic"),
            edge(
                "s1",
                "subscription",
                "orders-topic",
                "orders",
                FilterPolicy={"region": ["eu"]},
                RedrivePolicy={"deadLetterTargetArn": "sub-dlq"},
            ),
            edge(
                "s2",
                "subscription",
                "orders-topic",
                "notify",
                RedrivePolicy={"deadLetterTargetArn": "sub-dlq"},
            ),
            edge("r1", "event-source", "orders", "process"),
            edge("d1", "dead-letter", "orders", "orders-dlq", maxReceiveCount=5),
            edge("f1", "destination", "notify", "failures", condition="OnFailure"),
        ],
    )


def warnings(document: dict, rule=None) -> list[dict]:
    diagram = load_diagram(document)
    found = rule(diagram) if rule else advise(diagram)
    return [w.as_dict() for w in found]


def the_one(document: dict, rule) -> dict:
    [warning] = warnings(document, rule)
    assert set(warning) == {"path", "code", "message", "fix"}
    return warning


def test_a_healthy_diagram_gets_no_advice():
    assert warnings(healthy()) == []


def test_every_rule_is_a_small_function_in_the_tuple():
    assert all(callable(rule) and rule.__doc__ for rule in RULES)
    assert len(set(RULES)) == len(RULES) >= 9


# --- visibility timeout ---------------------------------------------------------------------


def test_visibility_timeout_below_six_times_the_function_timeout():
    doc = healthy()
    doc["nodes"][ORDERS]["props"]["VisibilityTimeout"] = 59

    warning = the_one(doc, advice.visibility_timeout_for_lambda)

    assert warning["path"] == f"nodes[{ORDERS}].props.VisibilityTimeout"
    assert warning["code"] == "visibility_timeout_short"
    assert "59 s" in warning["message"] and "(10 s)" in warning["message"]
    assert "at least 60 s" in warning["fix"]


def test_visibility_timeout_advice_counts_the_batching_window():
    doc = healthy()
    doc["edges"][READS]["props"]["MaximumBatchingWindowInSeconds"] = 5

    warning = the_one(doc, advice.visibility_timeout_for_lambda)

    assert "at least 65 s" in warning["fix"]


# --- dead-letter queues -----------------------------------------------------------------------


@pytest.mark.parametrize("consumer", ["lambda", "worker"])
def test_a_consumed_queue_without_a_dead_letter_queue(consumer):
    doc = healthy()
    del doc["edges"][DEAD_LETTER]
    if consumer == "worker":
        doc["nodes"][PROCESS] = node("process", "worker")

    warning = the_one(doc, advice.queue_without_dead_letter_queue)

    assert (warning["path"], warning["code"]) == (f"nodes[{ORDERS}]", "no_dead_letter_queue")
    assert "'orders'" in warning["message"] and "'process'" in warning["message"]


def test_a_queue_nobody_reads_needs_no_dead_letter_queue():
    assert warnings(healthy(), advice.queue_without_dead_letter_queue) == []


def test_max_receive_count_below_5_on_a_queue_a_function_reads():
    doc = healthy()
    doc["edges"][DEAD_LETTER]["props"]["maxReceiveCount"] = 3

    warning = the_one(doc, advice.low_max_receive_count)

    assert warning["path"] == f"edges[{DEAD_LETTER}].props.maxReceiveCount"
    assert "after 3 receives" in warning["message"]
    assert "at least 5" in warning["fix"]


def test_max_receive_count_is_not_advised_for_a_worker():
    doc = healthy()
    doc["edges"][DEAD_LETTER]["props"]["maxReceiveCount"] = 1
    doc["nodes"][PROCESS] = node("process", "worker")

    assert warnings(doc, advice.low_max_receive_count) == []


def test_a_dead_letter_queue_keeping_messages_no_longer_than_its_source():
    doc = healthy()
    doc["nodes"][ORDERS_DLQ]["props"]["MessageRetentionPeriod"] = 345600

    warning = the_one(doc, advice.dead_letter_retention)

    assert warning["path"] == f"nodes[{ORDERS_DLQ}].props.MessageRetentionPeriod"
    assert "345600 s" in warning["message"]
    assert "above 345600 s" in warning["fix"]


def test_dead_letter_retention_reads_defaults_for_null_props():
    doc = healthy()
    doc["nodes"][ORDERS_DLQ]["props"]["MessageRetentionPeriod"] = None

    warning = the_one(doc, advice.dead_letter_retention)

    assert "345600 s" in warning["message"]


def test_a_fifo_queue_resets_the_age_in_its_dead_letter_queue():
    doc = healthy()
    doc["nodes"][ORDERS]["props"].update(FifoQueue=True)
    doc["nodes"][ORDERS_DLQ]["props"].update(FifoQueue=True, MessageRetentionPeriod=60)
    del doc["edges"][SUB_ORDERS]

    assert warnings(doc, advice.dead_letter_retention) == []


# --- asynchronous invocation and SNS delivery -------------------------------------------------


@pytest.mark.parametrize("keep", [None, "OnSuccess"])
def test_an_async_function_without_an_on_failure_destination(keep):
    doc = healthy()
    if keep:
        doc["edges"][ON_FAILURE]["props"]["condition"] = keep
    else:
        del doc["edges"][ON_FAILURE]

    warning = the_one(doc, advice.async_function_without_on_failure)

    assert (warning["path"], warning["code"]) == (f"nodes[{NOTIFY}]", "no_on_failure_destination")
    assert "'orders-topic'" in warning["message"] and "2 retries" in warning["message"]
    assert "OnFailure" in warning["fix"]


def test_a_function_read_by_an_event_source_is_not_async():
    doc = healthy()
    del doc["edges"][ON_FAILURE]
    del doc["edges"][SUB_NOTIFY]
    doc["edges"].append(edge("r2", "event-source", "failures", "notify"))

    assert warnings(doc, advice.async_function_without_on_failure) == []


def test_a_subscription_without_a_redrive_policy():
    doc = healthy()
    del doc["edges"][SUB_NOTIFY]["props"]["RedrivePolicy"]

    warning = the_one(doc, advice.subscription_without_redrive_policy)

    assert warning["path"] == f"edges[{SUB_NOTIFY}].props.RedrivePolicy"
    assert "'s2'" in warning["message"]
    assert "deadLetterTargetArn" in warning["fix"] and "standard" in warning["fix"]


# --- filter policies that can never match --------------------------------------------------


def with_policy(policy: dict, *, scope: str | None = None, sim: dict | None = None) -> dict:
    doc = healthy()
    props = doc["edges"][SUB_ORDERS]["props"]
    props["FilterPolicy"] = policy
    if scope:
        props["FilterPolicyScope"] = scope
    if sim is not None:
        doc["nodes"][SHOP]["sim"] = sim
    return doc


def never_matches(doc: dict) -> list[dict]:
    return warnings(doc, advice.filter_policy_never_matches)


def test_a_policy_on_an_attribute_no_producer_sends():
    warning = the_one(with_policy({"tier": ["gold"]}), advice.filter_policy_never_matches)

    assert warning["path"] == f"edges[{SUB_ORDERS}].props.FilterPolicy"
    assert warning["code"] == "filter_never_matches"
    assert "'shop' never sends tier" in warning["message"]
    assert "FilterPolicy" in warning["fix"]


def test_a_policy_when_the_producer_sends_no_attributes_at_all():
    [warning] = never_matches(with_policy({"region": ["eu"]}, sim={}))

    assert "sends no message attributes" in warning["message"]


def test_a_policy_against_literal_attributes_is_decided_by_the_engine_matcher():
    literal_us = with_policy({"region": ["eu"]}, sim={"attributes": {"region": "us"}})
    literal_eu = with_policy({"region": ["eu"]}, sim={"attributes": {"region": "eu"}})

    [warning] = never_matches(literal_us)
    assert '{"region": "us"}' in warning["message"]
    assert never_matches(literal_eu) == []


@pytest.mark.parametrize(
    "policy",
    [
        {"region": ["eu"]},
        {"tier": [{"exists": False}]},
        {"$or": [{"tier": ["gold"]}, {"region": ["eu"]}]},
    ],
)
def test_a_policy_some_message_can_match_is_not_advised(policy):
    assert never_matches(with_policy(policy)) == []


def test_a_body_policy_on_a_key_the_payload_never_has():
    sim = {"payload": {"order": {"amount": "{{int 1 100}}"}}}

    [warning] = never_matches(with_policy({"total": ["1"]}, scope="MessageBody", sim=sim))
    assert "never sends total" in warning["message"]
    nested = {"order": {"amount": [{"numeric": [">", 5]}]}}
    assert never_matches(with_policy(nested, scope="MessageBody", sim=sim)) == []


@pytest.mark.parametrize(
    ("payload", "advised"),
    [([1, 2], True), ("plain text", True), ('{"total": 1}', False), ("{{choice a b}}", False)],
)
def test_a_body_policy_needs_a_json_object_body(payload, advised):
    doc = with_policy({"total": [1]}, scope="MessageBody", sim={"payload": payload})

    assert bool(never_matches(doc)) is advised


def test_nothing_is_decided_when_a_function_also_publishes_to_the_topic():
    doc = with_policy({"tier": ["gold"]})
    doc["edges"].append(edge("p2", "publish", "process", "orders-topic"))

    assert never_matches(doc) == []


# --- things that do nothing ---------------------------------------------------------------


def test_a_producer_that_publishes_nowhere():
    doc = healthy()
    doc["nodes"].append(node("idle", "producer"))

    warning = the_one(doc, advice.producer_without_publish)

    assert (warning["path"], warning["code"]) == ("nodes[8]", "producer_not_publishing")
    assert "sns.topic" in warning["fix"] and "sqs.queue" in warning["fix"]


def test_a_function_without_a_trigger():
    doc = healthy()
    doc["nodes"].append(node("lonely", "lambda.function"))

    warning = the_one(doc, advice.function_without_trigger)

    assert (warning["path"], warning["code"]) == ("nodes[8]", "function_without_trigger")
    assert "event-source" in warning["fix"] and "subscription" in warning["fix"]


def test_advice_is_returned_rule_by_rule():
    doc = copy.deepcopy(healthy())
    doc["nodes"].append(node("lonely", "lambda.function"))
    doc["nodes"][ORDERS]["props"]["VisibilityTimeout"] = 30

    codes = [w["code"] for w in warnings(doc)]

    assert codes == ["visibility_timeout_short", "function_without_trigger"]


# --- EventBridge pipes ---------------------------------------------------------------------
def pipe_doc(pattern: str, *, dlq: bool = True, invocation: str | None = None) -> dict:
    """shop → orders → pipe (with `pattern`, enriched by `enrich`) → process."""
    target_params = (
        {"LambdaFunctionParameters": {"InvocationType": invocation}} if invocation else {}
    )
    nodes = [
        node("shop", "producer", sim={"payload": {"status": "{{choice placed shipped}}"}}),
        node("orders", "sqs.queue"),
        node(
            "pipe",
            "pipes.pipe",
            {
                "SourceParameters": {"FilterCriteria": {"Filters": [{"Pattern": pattern}]}},
                "TargetParameters": target_params,
            },
        ),
        node("enrich", "lambda.function"),
        node("process", "lambda.function"),
        node("orders-dlq", "sqs.queue", {"MessageRetentionPeriod": 1209600}, role="dlq"),
    ]
    edges = [
        edge("p", "publish", "shop", "orders"),
        edge("s", "event-source", "orders", "pipe"),
        edge("e", "enrichment", "pipe", "enrich"),
        edge("t", "target", "pipe", "process"),
    ]
    if dlq:
        edges.append(edge("d", "dead-letter", "orders", "orders-dlq", maxReceiveCount=5))
    return make_doc(nodes, edges)


def codes(doc: dict) -> list[tuple[str, str]]:
    return [(a.path, a.code) for a in advise(load_diagram(doc))]


def test_a_pipe_filter_that_no_message_matches():
    """ "Event filtering in Amazon EventBridge Pipes": the SQS body is matched under
    `body`; a pattern on a field the producer never sends drops every message."""
    assert codes(pipe_doc('{"body": {"status": ["placed"]}}')) == []
    assert codes(pipe_doc('{"body": {"state": ["placed"]}}')) == [
        ("nodes[2].props.SourceParameters.FilterCriteria", "pipe_filter_drops_everything")
    ]
    [warning] = advise(load_diagram(pipe_doc('{"body": {"status": ["lost"]}}')))
    assert "'pipe' filters out every message" in warning.message
    assert "SQS deletes each message it drops" in warning.message


def test_a_queue_a_pipe_reads_needs_a_dead_letter_queue():
    """ "Amazon EventBridge Pipes error handling and troubleshooting": an SQS source retries
    until the queue's redrive policy; without one a failing message comes back forever."""
    assert codes(pipe_doc('{"body": {"status": ["placed"]}}', dlq=False)) == [
        ("nodes[1]", "no_dead_letter_queue")
    ]


def test_a_pipe_invokes_its_enrichment_and_lambda_target_synchronously():
    """A pipe waits for its enrichment and a REQUEST_RESPONSE target ("Amazon EventBridge
    Pipes targets"), so no asynchronous OnFailure destination is advised for them;
    FIRE_AND_FORGET is an asynchronous invoke."""
    assert codes(pipe_doc('{"body": {"status": ["placed"]}}', invocation="REQUEST_RESPONSE")) == []
    fire = pipe_doc('{"body": {"status": ["placed"]}}', invocation="FIRE_AND_FORGET")
    assert codes(fire) == [("nodes[4]", "no_on_failure_destination")]


# --- at-least-once delivery: idempotent consumers and delivery-status logs ---------------


def _sending_consumer(store: bool) -> dict:
    doc = make_doc(
        [
            node("shop", "producer"),
            node("orders", "sqs.queue"),
            node("charge", "lambda.function"),
            node("receipts", "sqs.queue"),
            node("processed", "dynamodb.table"),
        ],
        [
            edge("p1", "publish", "shop", "orders"),
            edge("r1", "event-source", "orders", "charge"),
            edge("p2", "publish", "charge", "receipts"),
        ],
    )
    if store:
        doc["edges"].append(edge("i1", "idempotency", "charge", "processed", Key="orderId"))
    return doc


def _codes(doc: dict, code: str) -> list[advice.Advice]:
    return [a for a in advise(load_diagram(doc)) if a.code == code]


def test_a_consumer_that_sends_on_from_a_standard_queue_is_told_to_keep_a_store():
    """Powertools "Idempotency" / "Amazon SQS at-least-once delivery": a duplicate would be
    sent on twice; an idempotency edge quiets the advice, and so does a FIFO source."""
    [found] = _codes(_sending_consumer(store=False), "no_idempotency_store")
    assert found.path == "nodes[2]" and "'orders'" in found.message
    assert "idempotency edge from 'charge'" in found.fix
    assert _codes(_sending_consumer(store=True), "no_idempotency_store") == []
    fifo = _sending_consumer(store=False)
    fifo["nodes"][1]["props"] = {
        "FifoQueue": True,
        "QueueName": "orders.fifo",
        "ContentBasedDeduplication": True,
    }
    fifo["nodes"][0]["sim"] = {"messageGroupId": "g"}
    assert _codes(fifo, "no_idempotency_store") == []


def test_delivery_logs_without_a_failure_role_or_a_subscription_are_pointed_out():
    """ "Amazon SNS message delivery status": failures are logged only with a failure role;
    a protocol without subscriptions logs nothing."""
    role = "arn:aws:iam::123456789012:role/sns-delivery-status"
    logging = [
        {"Protocol": "sqs", "SuccessFeedbackRoleArn": role, "SuccessFeedbackSampleRate": 100},
        {"Protocol": "lambda", "FailureFeedbackRoleArn": role},
    ]
    doc = make_doc(
        [node("t", "sns.topic", {"DeliveryStatusLogging": logging}), node("q", "sqs.queue")],
        [edge("s1", "subscription", "t", "q")],
    )
    failures = _codes(doc, "delivery_failures_not_logged")
    unused = _codes(doc, "delivery_logs_unused")
    assert [a.path for a in failures] == [
        "nodes[0].props.DeliveryStatusLogging[0].FailureFeedbackRoleArn"
    ]
    assert [a.path for a in unused] == ["nodes[0].props.DeliveryStatusLogging[1].Protocol"]


def _video(duration_ms: float, batch: int) -> dict:
    return make_doc(
        [
            node("camera", "producer", sim={"rate": 0.5}),
            node("cam", "kinesisvideo.stream", {"DataRetentionInHours": 24}),
            node(
                "reader",
                "worker",
                sim={
                    "pollers": 1,
                    "batchSize": batch,
                    "duration": {"dist": "fixed", "ms": duration_ms},
                },
            ),
        ],
        [edge("p", "publish", "camera", "cam"), edge("r", "event-source", "cam", "reader")],
    )


def test_a_video_reader_slower_than_the_camera_is_pointed_out():
    """A GetMedia reader that needs 2.5 s for a 2 s fragment falls behind live
    (GetMedia.MillisBehindNow grows); reading two at a time keeps up."""
    [found] = _codes(_video(2500, 1), "video_reader_behind")
    assert found.path == "nodes[2].sim.duration"
    assert "0.4 fragments a second" in found.message and "0.5" in found.message
    assert _codes(_video(2500, 2), "video_reader_behind") == []
    assert _codes(_video(1900, 1), "video_reader_behind") == []


def _machine(kind: str, definition: dict, fn_props: dict | None = None) -> dict:
    return make_doc(
        [
            node(
                "flow",
                "stepfunctions.statemachine",
                {"StateMachineType": kind, "Definition": definition},
            ),
            node("work", "lambda.function", fn_props or {}),
        ],
        [edge("t", "task", "flow", "work", State="Work")],
    )


WAIT_THEN_WORK = {
    "StartAt": "Hold",
    "States": {
        "Hold": {"Type": "Wait", "Seconds": 600, "Next": "Work"},
        "Work": {
            "Type": "Task",
            "Retry": [{"ErrorEquals": ["States.TaskFailed"]}],
            "End": True,
        },
    },
}


def test_an_express_machine_that_waits_past_five_minutes_is_pointed_out():
    """Express executions stop at 5 minutes ("Choosing workflow type"): a 600 s wait can
    never finish there; the same machine as STANDARD can."""
    found = _codes(_machine("EXPRESS", WAIT_THEN_WORK), "express_too_long")
    paths = [a.path for a in found]
    assert "nodes[0].props.Definition.States.Hold" in paths
    assert "nodes[0].props.Definition" in paths  # the waits add up past 300 s too
    assert "STANDARD" in found[0].fix
    assert _codes(_machine("STANDARD", WAIT_THEN_WORK), "express_too_long") == []
    long_function = _machine(
        "EXPRESS",
        {"StartAt": "Work", "States": {"Work": WAIT_THEN_WORK["States"]["Work"]}},
        {"Timeout": 900},
    )
    assert [a.path for a in _codes(long_function, "express_too_long")] == ["edges[0]"]


def test_a_lambda_task_without_a_retrier_for_throttles_is_pointed_out():
    bare = {"StartAt": "Work", "States": {"Work": {"Type": "Task", "End": True}}}
    [found] = _codes(_machine("STANDARD", bare), "lambda_task_without_retry")
    assert found.path == "nodes[0].props.Definition.States.Work"
    assert "Lambda.TooManyRequestsException" in found.fix
    assert _codes(_machine("STANDARD", WAIT_THEN_WORK), "lambda_task_without_retry") == []
    # a task is a synchronous call: no advice about asynchronous OnFailure destinations
    assert _codes(_machine("STANDARD", bare), "no_on_failure_destination") == []


def test_a_partners_events_on_a_bus_that_is_not_its_partner_bus_are_pointed_out():
    source = "aws.partner/zendesk.com/1234567890/default"
    entry = {"Source": source, "DetailType": "Support Ticket: Ticket Created", "Detail": {}}

    def doc(bus_props):
        return make_doc(
            [
                node("zendesk", "producer", sim={"payload": entry}),
                node("bus", "eventbridge.bus", bus_props),
            ],
            [edge("put", "publish", "zendesk", "bus")],
        )

    [found] = _codes(doc({"Name": "tickets"}), "partner_bus_mismatch")
    assert found.path == "edges[0]" and source in found.fix
    assert _codes(doc({"Name": source, "EventSourceName": source}), "partner_bus_mismatch") == []


def test_a_function_on_a_deprecated_runtime_is_pointed_out():
    """ "Lambda runtimes": nodejs20.x was deprecated on 2026-04-30; nodejs24.x is current."""
    old = make_doc([node("f", "lambda.function", {"Runtime": "nodejs20.x"})])
    [found] = _codes(old, "deprecated_runtime")
    assert found.path == "nodes[0].props.Runtime" and "2026-04-30" in found.message
    assert "nodejs24.x" in found.fix
    for current in ("nodejs24.x", "python3.14", "java25", "dotnet10", "ruby3.4"):
        doc = make_doc([node("f", "lambda.function", {"Runtime": current})])
        assert _codes(doc, "deprecated_runtime") == []
