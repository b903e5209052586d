"""Step Functions ("Amazon States Language", "Handling errors in Step Functions workflows",
"Processing input and output", "Choosing workflow type"): each state type, paths and
intrinsic functions, retries with backoff, catchers, timeouts, Express's five minutes,
Parallel and Map, the task integrations and the definition checks with their paths."""

from __future__ import annotations

import json

import pytest

from engine import DiagramError, Simulation, load_diagram
from engine.services.stepfunctions.choice import evaluate, string_matches
from engine.services.stepfunctions.paths import (
    StatesError,
    apply_result_path,
    parse_path,
    render,
)
from tests.engine.builders import (
    assert_balanced,
    diagram,
    edge,
    fixed_ms,
    function,
    node,
    queue,
    run,
    simulation,
)


def machine(definition, node_id="sm", kind="STANDARD", **props):
    return node(
        node_id,
        "stepfunctions.statemachine",
        {"Definition": definition, "StateMachineType": kind, **props},
    )


def task(state, target, source="sm"):
    return edge("task", source, target, f"task-{state}".replace(" ", "-"), State=state)


def start(doc, payload, until=600.0, node_id="sm"):
    """Inject one execution's input into `node_id` and run."""
    sim = simulation(doc)
    sim.inject(node_id, payload)
    sim.run(until)
    events = sim.drain_events()
    return sim, events, sim.report()


def ends(events):
    return [
        e for e in events if e["event"].startswith("execution-") and e["event"] != "execution-start"
    ]


def one_state(state, name="S", **extra_states):
    return {"StartAt": name, "States": {name: state, **extra_states}}


# --- paths, templates and intrinsic functions ---------------------------------------------
def test_paths_select_keys_indexes_quoted_names_and_wildcards():
    value = {"a": {"b c": [1, {"d": 2}]}, "items": [{"id": 1}, {"id": 2}]}
    assert parse_path("$.a['b c'][1].d").select(value) == 2
    assert parse_path("$.items[*].id").select(value) == [1, 2]
    assert parse_path("$.items[-1]").select(value) == {"id": 2}
    assert parse_path("$$.Execution.Name").select(value, {"Execution": {"Name": "x"}}) == "x"
    with pytest.raises(StatesError) as missing:
        parse_path("$.nope").select(value)
    assert missing.value.error == "States.Runtime"
    with pytest.raises(ValueError):
        parse_path("$..deep")


def test_result_path_merges_into_a_copy_of_the_input():
    state_input = {"order": {"id": 1}}
    merged = apply_result_path("$.order.charge", state_input, {"ok": True})
    assert merged == {"order": {"id": 1, "charge": {"ok": True}}}
    assert state_input == {"order": {"id": 1}}  # the input itself is untouched
    assert apply_result_path(None, state_input, 5) is state_input
    assert apply_result_path("$", state_input, 5) == 5
    with pytest.raises(StatesError):
        apply_result_path("$.x", "a string input", 1)


def test_payload_templates_fill_dollar_fields_and_call_intrinsics():
    import random

    value = {"id": 7, "tags": ["a", "b"], "n": 2}
    template = {
        "orderId.$": "$.id",
        "text.$": "States.Format('order {} has {} tags', $.id, States.ArrayLength($.tags))",
        "json.$": "States.JsonToString($.tags)",
        "sum.$": "States.MathAdd($.n, 40)",
        "arr.$": "States.Array($.id, 'x', null)",
        "parsed.$": "States.StringToJson('{\"k\": 1}')",
        "nested": {"keep": "as is", "name.$": "$$.Execution.Name"},
    }
    out = render(template, value, {"Execution": {"Name": "exec-1"}}, random.Random(1))
    assert out == {
        "orderId": 7,
        "text": "order 7 has 2 tags",
        "json": '["a","b"]',
        "sum": 42,
        "arr": [7, "x", None],
        "parsed": {"k": 1},
        "nested": {"keep": "as is", "name": "exec-1"},
    }
    first = render({"u.$": "States.UUID()"}, {}, {}, random.Random(3))
    assert first == render({"u.$": "States.UUID()"}, {}, {}, random.Random(3))  # seeded


# --- choice rules ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rule", "value", "holds"),
    [
        ({"Variable": "$.s", "StringEquals": "a"}, {"s": "a"}, True),
        ({"Variable": "$.s", "StringEquals": "1"}, {"s": 1}, False),  # wrong type: false
        ({"Variable": "$.n", "NumericGreaterThanEquals": 5}, {"n": 5}, True),
        ({"Variable": "$.n", "NumericLessThanPath": "$.m"}, {"n": 1, "m": 2}, True),
        ({"Variable": "$.b", "BooleanEquals": False}, {"b": False}, True),
        ({"Variable": "$.s", "StringMatches": "log-*.txt"}, {"s": "log-2026.txt"}, True),
        ({"Variable": "$.s", "StringMatches": "a\\*"}, {"s": "a*"}, True),
        ({"Variable": "$.s", "StringMatches": "a\\*"}, {"s": "ab"}, False),
        (
            {"Variable": "$.t", "TimestampLessThan": "2026-01-02T00:00:00Z"},
            {"t": "2026-01-01T23:59:59.5+00:00"},
            True,
        ),
        ({"Variable": "$.x", "IsPresent": False}, {}, True),
        ({"Variable": "$.x", "IsNull": True}, {"x": None}, True),
        ({"Variable": "$.x", "IsNumeric": True}, {"x": "3"}, False),
        ({"Variable": "$.x", "IsTimestamp": True}, {"x": "2026-01-01T00:00:00Z"}, True),
        (
            {
                "And": [
                    {"Variable": "$.n", "NumericGreaterThan": 1},
                    {"Not": {"Variable": "$.s", "StringEquals": "x"}},
                ]
            },
            {"n": 2, "s": "y"},
            True,
        ),
        (
            {
                "Or": [
                    {"Variable": "$.n", "NumericEquals": 1},
                    {"Variable": "$.n", "NumericEquals": 2},
                ]
            },
            {"n": 3},
            False,
        ),
    ],
)
def test_choice_rules(rule, value, holds):
    assert evaluate(rule, value, {}) is holds


def test_a_comparison_of_a_missing_variable_is_a_runtime_error():
    with pytest.raises(StatesError) as caught:
        evaluate({"Variable": "$.gone", "StringEquals": "a"}, {}, {})
    assert caught.value.error == "States.Runtime"
    assert string_matches("*", "") and not string_matches("a", "ab")


def test_choice_routes_and_a_missing_default_fails_the_execution():
    definition = {
        "StartAt": "Route",
        "States": {
            "Route": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.kind", "StringEquals": "big", "Next": "Big"}],
            },
            "Big": {"Type": "Pass", "Result": "handled", "End": True},
        },
    }
    doc = diagram([machine(definition)], [])
    sim, events, report = start(doc, {"kind": "big"})
    assert [e["event"] for e in ends(events)] == ["execution-succeed"]
    sim, events, report = start(doc, {"kind": "small"})
    (end,) = ends(events)
    assert end["event"] == "execution-fail" and end["error"] == "States.Runtime"
    assert "No Choice matched" in end["cause"]


# --- retries, catchers, timeouts --------------------------------------------------------------
def _failing_task(retry=None, catch=None, timeout=None, fn=None):
    state = {"Type": "Task", "End": True}
    if retry is not None:
        state["Retry"] = retry
    if catch is not None:
        state["Catch"] = catch
        state["Next"] = "Handled"
        del state["End"]
    if timeout is not None:
        state["TimeoutSeconds"] = timeout
    definition = one_state(state, "Call")
    if catch is not None:
        definition["States"]["Handled"] = {"Type": "Pass", "End": True}
    fn_sim = fn or {"errorRate": 1, "duration": fixed_ms(100)}
    nodes = [machine(definition), function("f", {"Timeout": 30}, **fn_sim)]
    return diagram(nodes, [task("Call", "f")])


def test_retry_defaults_wait_1_2_4_seconds_then_fail():
    doc = _failing_task(retry=[{"ErrorEquals": ["States.ALL"]}])
    sim, events, report = start(doc, {})
    retries = [e for e in events if e["event"] == "retry"]
    assert [r["after"] for r in retries] == [1.0, 2.0, 4.0]  # IntervalSeconds 1, BackoffRate 2
    assert [r["attempt"] for r in retries] == [2, 3, 4]  # MaxAttempts 3: four tries in all
    invokes = [e["t"] for e in events if e["event"] == "invoke" and e["node"] == "f"]
    assert len(invokes) == 4
    # cold start 250 ms + handler 100 ms, then the 1 s interval
    assert invokes[1] - invokes[0] == pytest.approx(0.25 + 0.1 + 1.0, abs=1e-6)
    (end,) = ends(events)
    assert end["event"] == "execution-fail" and end["error"] == "Error"
    metrics = report["nodes"]["sm"]["metrics"]
    assert metrics["ExecutionsFailed"] == 1 and metrics["TaskRetries"] == 3
    assert_balanced(report["ledger"])


def test_max_delay_caps_the_backoff_and_max_attempts_zero_never_retries():
    doc = _failing_task(
        retry=[
            {
                "ErrorEquals": ["Error"],
                "IntervalSeconds": 3,
                "BackoffRate": 10,
                "MaxAttempts": 3,
                "MaxDelaySeconds": 20,
            }
        ]
    )
    _sim, events, _report = start(doc, {})
    assert [e["after"] for e in events if e["event"] == "retry"] == [3.0, 20.0, 20.0]
    doc = _failing_task(retry=[{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}])
    _sim, events, _report = start(doc, {})
    assert not [e for e in events if e["event"] == "retry"]


def test_full_jitter_draws_each_delay_below_the_backoff():
    doc = _failing_task(
        retry=[{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "JitterStrategy": "FULL"}]
    )
    _sim, events, _report = start(doc, {})
    delays = [e["after"] for e in events if e["event"] == "retry"]
    assert len(delays) == 3 and all(
        0 <= d <= cap for d, cap in zip(delays, (10, 20, 40), strict=True)
    )
    assert delays != [10.0, 20.0, 40.0]


def test_a_catcher_puts_error_and_cause_at_its_result_path():
    doc = _failing_task(
        catch=[{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Handled"}]
    )
    sim = simulation(doc)
    sim.inject("sm", {"order": 1})
    sim.run(60)
    events = sim.drain_events()
    assert [e["event"] for e in ends(events)] == ["execution-succeed"]
    exits = [e for e in events if e["event"] == "state-exit" and e["state"] == "Call"]
    assert exits[0]["error"] == "Error" and exits[0]["caught"] == "Handled"
    assert sim.report()["nodes"]["sm"]["metrics"]["ErrorsCaught"] == 1


def test_task_timeout_is_states_timeout_which_task_failed_does_not_match():
    slow = {"duration": fixed_ms(5000)}
    doc = _failing_task(retry=[{"ErrorEquals": ["States.TaskFailed"]}], timeout=2, fn=slow)
    _sim, events, _report = start(doc, {})
    (end,) = ends(events)
    assert end["error"] == "States.Timeout" and end["t"] == pytest.approx(2.0)
    assert not [e for e in events if e["event"] == "retry"]
    doc = _failing_task(
        retry=[{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 1}], timeout=2, fn=slow
    )
    _sim, events, _report = start(doc, {})
    assert len([e for e in events if e["event"] == "retry"]) == 1


def test_states_all_does_not_catch_a_runtime_error():
    definition = one_state(
        {
            "Type": "Task",
            "Parameters": {"x.$": "$.missing"},
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}],
            "Next": "Handled",
        },
        "Call",
        Handled={"Type": "Succeed"},
    )
    doc = diagram([machine(definition), function("f")], [task("Call", "f")])
    _sim, events, _report = start(doc, {})
    (end,) = ends(events)
    assert end["event"] == "execution-fail" and end["error"] == "States.Runtime"


# --- Standard and Express ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "outcome"), [("STANDARD", "execution-succeed"), ("EXPRESS", "execution-timeout")]
)
def test_express_executions_stop_at_five_minutes(kind, outcome):
    definition = one_state({"Type": "Wait", "Seconds": 400, "End": True}, "Hold")
    doc = diagram([machine(definition, kind=kind)], [])
    _sim, events, report = start(doc, {}, until=1000)
    (end,) = ends(events)
    assert end["event"] == outcome
    assert end["t"] == pytest.approx(400.0 if kind == "STANDARD" else 300.0)
    metrics = report["nodes"]["sm"]["metrics"]
    assert metrics["ExecutionsTimedOut"] == (1 if kind == "EXPRESS" else 0)
    assert metrics["OpenExecutionCount"] == 0
    assert_balanced(report["ledger"])


def test_the_definitions_timeout_seconds_times_an_execution_out():
    definition = one_state({"Type": "Wait", "Seconds": 100, "End": True}, "Hold")
    definition["TimeoutSeconds"] = 30
    _sim, events, _report = start(diagram([machine(definition)], []), {})
    assert [(e["event"], e["t"]) for e in ends(events)] == [("execution-timeout", 30.0)]


def test_wait_seconds_path_and_timestamp():
    definition = {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "B"},
            "B": {"Type": "Wait", "Timestamp": "2026-01-01T00:01:00Z", "End": True},
        },
    }
    _sim, events, _report = start(diagram([machine(definition)], []), {"delay": 15})
    waits = {e["state"]: e["t"] for e in events if e["event"] == "state-exit"}
    assert waits == {"A": 15.0, "B": 60.0}


def test_an_endless_loop_fails_at_the_history_limit():
    definition = {"StartAt": "Spin", "States": {"Spin": {"Type": "Pass", "Next": "Spin"}}}
    _sim, events, report = start(diagram([machine(definition)], []), {}, until=1)
    (end,) = ends(events)
    assert end["error"] == "States.Runtime" and "25,000" in end["cause"]
    assert report["nodes"]["sm"]["metrics"]["StateTransitions"] == 12_500


# --- Parallel and Map -------------------------------------------------------------------------
def test_parallel_outputs_each_branch_in_order_and_a_failure_stops_the_rest():
    branches = [
        one_state({"Type": "Pass", "Result": "one", "End": True}, "One"),
        one_state(
            {"Type": "Wait", "Seconds": 5, "Next": "Two"},
            "Slow",
            Two={"Type": "Pass", "Result": "two", "End": True},
        ),
    ]
    definition = one_state(
        {"Type": "Parallel", "Branches": branches, "ResultPath": "$.out", "End": True}, "Both"
    )
    sim = simulation(diagram([machine(definition)], []))
    captured = []
    resource = sim.resources["sm"]
    original = resource.ended
    resource.ended = lambda r: (captured.append(r.output), original(r))
    sim.inject("sm", {"x": 1})
    sim.run(60)
    assert captured == [{"x": 1, "out": ["one", "two"]}]

    branches[1]["States"]["Two"] = {"Type": "Fail", "Error": "Boom"}
    branches[0]["States"]["One"] = {"Type": "Wait", "Seconds": 50, "Next": "Late"}
    branches[0]["States"]["Late"] = {"Type": "Pass", "End": True}
    _sim, events, _report = start(diagram([machine(definition)], []), {})
    (end,) = ends(events)
    assert end["error"] == "Boom" and end["t"] == 5.0
    assert not [e for e in events if e["event"] == "state-enter" and e["state"] == "Late"]


def test_map_runs_at_most_max_concurrency_items_and_keeps_their_order():
    processor = one_state(
        {"Type": "Task", "ResultSelector": {"v.$": "$.Payload"}, "End": True}, "Work"
    )
    definition = one_state(
        {
            "Type": "Map",
            "ItemsPath": "$.items",
            "MaxConcurrency": 2,
            "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
            "ItemProcessor": processor,
            "End": True,
        },
        "Each",
    )
    nodes = [machine(definition), function("f", duration=fixed_ms(1000))]
    sim = simulation(diagram(nodes, [task("Work", "f")]))
    outputs = []
    resource = sim.resources["sm"]
    original = resource.ended
    resource.ended = lambda r: (outputs.append(r.output), original(r))
    sim.inject("sm", {"items": ["a", "b", "c", "d", "e"]})
    sim.run(60)
    report = sim.report()
    assert report["nodes"]["f"]["metrics"]["ConcurrentExecutions"] == 2
    assert outputs == [[{"v": {"value": v, "index": i}} for i, v in enumerate("abcde")]]


# --- integrations -------------------------------------------------------------------------------
def test_tasks_send_publish_put_events_and_put_items():
    definition = {
        "StartAt": "Send",
        "States": {
            "Send": {
                "Type": "Task",
                "Parameters": {"MessageBody.$": "$.order"},
                "ResultPath": "$.sent",
                "Next": "Put",
            },
            "Put": {
                "Type": "Task",
                "Parameters": {"Item": {"id": {"S.$": "$.order.id"}, "qty": {"N": "3"}}},
                "ResultPath": None,
                "Next": "Emit",
            },
            "Emit": {
                "Type": "Task",
                "Parameters": {
                    "Entries": [
                        {"Source": "shop.flow", "DetailType": "Done", "Detail.$": "$.order"}
                    ]
                },
                "End": True,
            },
        },
    }
    nodes = [
        machine(definition),
        queue("q"),
        node("t", "dynamodb.table", {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}),
        node("bus", "eventbridge.bus", {"Name": "flow"}),
        node("rule", "eventbridge.rule", {"EventPattern": {"source": ["shop.flow"]}}),
        queue("out"),
    ]
    edges = [
        task("Send", "q"),
        task("Put", "t"),
        task("Emit", "bus"),
        edge("rule", "bus", "rule"),
        edge("target", "rule", "out"),
    ]
    sim, events, report = start(diagram(nodes, edges), {"order": {"id": "o-1"}}, until=10)
    assert [e["event"] for e in ends(events)] == ["execution-succeed"]
    assert sim.resources["q"].metrics()["NumberOfMessagesSent"] == 1
    assert sim.resources["t"].items == {json.dumps(["o-1"]): {"id": "o-1", "qty": 3}}
    assert report["nodes"]["out"]["metrics"]["NumberOfMessagesSent"] == 1
    assert report["nodes"]["bus"]["metrics"]["PutEventsEntriesCount"] == 1
    assert_balanced(report["ledger"])


def test_a_refused_request_fails_the_task_with_the_services_error():
    definition = one_state(
        {"Type": "Task", "Parameters": {"Item": {"other": {"S": "x"}}}, "End": True}, "Put"
    )
    nodes = [
        machine(definition),
        node("t", "dynamodb.table", {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}),
    ]
    _sim, events, report = start(diagram(nodes, [task("Put", "t")]), {})
    (end,) = ends(events)
    assert end["error"] == "DynamoDB.ValidationException"
    assert_balanced(report["ledger"])


def _outputs(sim) -> list:
    """Each execution's output, as it ends."""
    found: list = []
    resource = sim.resources["sm"]
    original = resource.ended
    resource.ended = lambda r: (found.append(r.output), original(r))
    return found


def _table(**props):
    return node(
        "t",
        "dynamodb.table",
        {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], **props},
    )


def test_tasks_get_update_and_delete_items():
    """ "Call DynamoDB APIs with Step Functions": a counter kept with UpdateItem (ADD,
    ReturnValues UPDATED_NEW), read back with GetItem (a projection), then deleted with
    DeleteItem (ALL_OLD); each write is a stream record: INSERT, MODIFY, REMOVE."""
    key = {"id": {"S.$": "$.id"}}
    definition = {
        "StartAt": "Count",
        "States": {
            "Count": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:updateItem",
                "Parameters": {
                    "Key": key,
                    "UpdateExpression": "ADD visits :one SET #s = :s",
                    "ExpressionAttributeNames": {"#s": "status"},
                    "ExpressionAttributeValues": {":one": {"N": "1"}, ":s": {"S": "seen"}},
                    "ReturnValues": "UPDATED_NEW",
                },
                "ResultPath": "$.counted",
                "Next": "Again",
            },
            "Again": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:updateItem",
                "Parameters": {
                    "Key": key,
                    "UpdateExpression": "SET visits = visits + :one",
                    "ConditionExpression": "attribute_exists(id)",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                },
                "ResultPath": None,
                "Next": "Read",
            },
            "Read": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:getItem",
                "Parameters": {"Key": key, "ProjectionExpression": "visits"},
                "ResultPath": "$.read",
                "Next": "Forget",
            },
            "Forget": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:deleteItem",
                "Parameters": {"Key": key, "ReturnValues": "ALL_OLD"},
                "ResultPath": "$.forgot",
                "End": True,
            },
        },
    }
    nodes = [
        machine(definition),
        _table(StreamSpecification={"StreamViewType": "NEW_AND_OLD_IMAGES"}),
    ]
    edges = [task(state, "t") for state in ("Count", "Again", "Read", "Forget")]
    sim = simulation(diagram(nodes, edges))
    outputs = _outputs(sim)
    sim.inject("sm", {"id": "u-1"})
    sim.run(10)
    events, report = sim.drain_events(), sim.report()
    [end] = ends(events)
    assert end["event"] == "execution-succeed"
    [output] = outputs
    assert output["counted"] == {"Attributes": {"visits": {"N": "1"}, "status": {"S": "seen"}}}
    assert output["read"] == {"Item": {"visits": {"N": "2"}}}
    assert output["forgot"]["Attributes"]["visits"] == {"N": "2"}
    assert sim.resources["t"].items == {}
    records = [e["eventName"] for e in events if e["event"] == "put-record"]
    assert records == ["INSERT", "MODIFY", "REMOVE"]
    metrics = report["nodes"]["t"]["metrics"]
    assert metrics["WriteRequests"] == 3
    assert metrics["ConsumedReadCapacityUnits"] == 0.5  # one eventually consistent read
    assert_balanced(report["ledger"])


def test_a_failed_condition_is_caught_and_a_bad_key_is_a_validation_error():
    definition = {
        "StartAt": "Claim",
        "States": {
            "Claim": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:putItem",
                "Parameters": {
                    "Item": {"id": {"S.$": "$.id"}},
                    "ConditionExpression": "attribute_not_exists(id)",
                },
                "Catch": [
                    {
                        "ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"],
                        "ResultPath": "$.error",
                        "Next": "Taken",
                    }
                ],
                "ResultPath": None,
                "End": True,
            },
            "Taken": {"Type": "Pass", "End": True},
        },
    }
    doc = diagram([machine(definition), _table()], [task("Claim", "t")])
    sim = simulation(doc)
    outputs = _outputs(sim)
    sim.inject("sm", {"id": "job-1"})
    sim.inject("sm", {"id": "job-1"})
    sim.run(10)
    assert outputs[0] == {"id": "job-1"}
    assert outputs[1]["error"]["Error"] == "DynamoDB.ConditionalCheckFailedException"
    assert sim.resources["t"].metrics()["ConditionalCheckFailedRequests"] == 1
    assert_balanced(sim.report()["ledger"])
    bad = one_state(
        {
            "Type": "Task",
            "Resource": "arn:aws:states:::dynamodb:getItem",
            "Parameters": {"Key": {"other": {"S": "x"}}},
            "End": True,
        },
        "Read",
    )
    _sim, events, _report = start(diagram([machine(bad), _table()], [task("Read", "t")]), {})
    [end] = ends(events)
    assert end["error"] == "DynamoDB.ValidationException"
    assert "does not match the schema" in end["cause"]


def test_a_child_execution_request_response_and_sync():
    child = one_state(
        {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}, "End": True},
        "Double",
    )
    parent = {
        "StartAt": "Fire",
        "States": {
            "Fire": {"Type": "Task", "ResultPath": "$.started", "Next": "Wait for it"},
            "Wait for it": {
                "Type": "Task",
                "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "Parameters": {"Input": {"n.$": "$.n"}},
                "ResultSelector": {"out.$": "$.Output", "status.$": "$.Status"},
                "End": True,
            },
        },
    }
    nodes = [machine(parent, "parent"), machine(child, "child")]
    edges = [task("Fire", "child", "parent"), task("Wait for it", "child", "parent")]
    sim = simulation(diagram(nodes, edges))
    outputs = {}
    for node_id in ("parent", "child"):
        resource = sim.resources[node_id]
        original = resource.ended
        resource.ended = lambda r, o=original, n=node_id: (
            outputs.setdefault(n, []).append(r.output),
            o(r),
        )
    sim.inject("parent", {"n": 21})
    sim.run(10)
    assert outputs["parent"] == [{"out": {"doubled": 42}, "status": "SUCCEEDED"}]
    assert sorted(map(json.dumps, outputs["child"])) == sorted([json.dumps({"doubled": 42})] * 2)
    report = sim.report()
    assert report["nodes"]["child"]["metrics"]["ExecutionsStarted"] == 2
    assert_balanced(report["ledger"])


def test_a_pipe_enriches_through_an_express_machine():
    enrich = one_state(
        {"Type": "Pass", "Parameters": {"enriched.$": "States.ArrayLength($)"}, "End": True},
        "Count",
    )
    nodes = [
        queue("src"),
        node(
            "pipe",
            "pipes.pipe",
            {
                "SourceParameters": {
                    "SqsQueueParameters": {"BatchSize": 3, "MaximumBatchingWindowInSeconds": 1}
                }
            },
        ),
        machine(enrich, "enrich", kind="EXPRESS"),
        queue("dst"),
    ]
    edges = [
        edge("event-source", "src", "pipe"),
        edge("enrichment", "pipe", "enrich"),
        edge("target", "pipe", "dst"),
    ]
    sim = simulation(diagram(nodes, edges))
    for n in range(3):
        sim.inject("src", {"n": n})
    sim.run(20)
    report = sim.report()
    assert report["nodes"]["enrich"]["metrics"]["ExecutionsSucceeded"] == 1
    assert report["nodes"]["dst"]["metrics"]["NumberOfMessagesSent"] == 1
    assert_balanced(report["ledger"])


# --- the example and the checks -----------------------------------------------------------------
def test_the_order_workflow_example():
    from pathlib import Path

    import engine

    path = Path(engine.__file__).parent / "examples" / "step-functions-order-workflow.json"
    r = run(json.loads(path.read_text()))
    metrics = r.metrics("workflow")
    assert metrics["ExecutionsStarted"] == 60
    declined = metrics["ExecutionsFailed"]
    assert declined > 0 and metrics["ExecutionsSucceeded"] == 60 - declined
    assert metrics["TaskRetries"] == 2 * declined  # each declined card tried three times
    assert r.metrics("charge")["Errors"] == 3 * declined
    assert r.metrics("support")["NumberOfMessagesSent"] == declined
    assert r.metrics("orders")["WriteRequests"] == 60 - declined
    assert r.metrics("reservations")["WriteRequests"] == 120
    big = [e for e in r.of("state-enter", "workflow") if e["state"] == "Wait for review"]
    assert big, "some orders wait for review"
    assert_balanced(r.ledger)


def _problems(doc):
    with pytest.raises(DiagramError) as caught:
        load_diagram(doc)
    return {(p.path, p.code) for p in caught.value.problems}


def test_bad_definitions_are_problems_with_their_paths():
    definition = {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Task", "Next": "Missing"},
            "B": {"Type": "Teleport"},
            "C": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": True},
            "Push it": {
                "Type": "Pass",
                "End": True,
                "Retry": [{"ErrorEquals": ["States.ALL", "X"]}],
            },
        },
    }
    found = _problems(diagram([machine(definition), function("f")], [task("A", "f")]))
    base = "nodes[0].props.Definition.States"
    paths = {path for path, _code in found}
    assert f"{base}.A.Next" in paths
    assert f"{base}.B.Type" in paths
    assert f"{base}.C" in paths
    assert f'{base}["Push it"].Retry' in paths
    assert f'{base}["Push it"].Retry[0].ErrorEquals' in paths


def test_task_edges_and_task_states_must_agree():
    definition = {
        "StartAt": "Call",
        "States": {"Call": {"Type": "Task", "Next": "Note"}, "Note": {"Type": "Pass", "End": True}},
    }
    edges = [task("Note", "f")]
    found = _problems(diagram([machine(definition), function("f")], edges))
    assert ("edges[0].props.State", "unknown_state") in found
    assert ("nodes[0].props.Definition.States.Call", "missing_task_edge") in found
    definition["States"]["Call"]["Resource"] = "arn:aws:states:::sqs:sendMessage"
    found = _problems(diagram([machine(definition), function("f")], [task("Call", "f")]))
    assert ("nodes[0].props.Definition.States.Call.Resource", "invalid_resource") in found


def test_express_cannot_wait_for_a_child_and_a_standard_pipe_target_is_fire_and_forget():
    parent = one_state(
        {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "End": True},
        "Run",
    )
    child = one_state({"Type": "Succeed"}, "Done")
    found = _problems(
        diagram(
            [machine(parent, "p", kind="EXPRESS"), machine(child, "c")], [task("Run", "c", "p")]
        )
    )
    assert ("nodes[0].props.Definition.States.Run.Resource", "not_supported") in found
    nodes = [queue("src"), node("pipe", "pipes.pipe"), machine(child, "c")]
    edges = [edge("event-source", "src", "pipe"), edge("target", "pipe", "c")]
    found = _problems(diagram(nodes, edges))
    assert any(code == "invalid_invocation" for _path, code in found)


def test_injecting_text_that_is_not_json_is_refused():
    sim = Simulation(load_diagram(diagram([machine(one_state({"Type": "Succeed"}))], [])))
    sim.inject("sm", "not json at all")
    sim.run(1)
    events = sim.drain_events()
    assert any(e["event"] == "drop" and "InvalidExecutionInput" in e["reason"] for e in events)
    assert_balanced(sim.report()["ledger"])
