"""Step Functions state machines at run time: starting executions and calling the nodes
that `task` edges name.

Starts: an EventBridge rule target, a pipe (FIRE_AND_FORGET), another state machine's
`states:startExecution` task, or `inject` hand over a message (`accept`: StartExecution,
the message's JSON is the input; the machine holds the message until the execution ends).
A pipe's enrichment or REQUEST_RESPONSE target and a parent's `startExecution.sync` call
it instead (`call`: StartSyncExecution, the answer is the execution's output).

Task integrations ("Integrating services with Step Functions", request-response):
`lambda:invoke` (the function's answer under `Payload`, or the answer itself for a
function ARN as Resource), `sqs:sendMessage`, `sns:publish`, `events:putEvents`,
`dynamodb:putItem`, `getItem`, `updateItem` and `deleteItem` (the table answers them:
`DynamoTable.request`), `states:startExecution` (and `.sync`, `.sync:2`). A refused
request fails the task with the service's error name (`SQS.<Error>`,
`DynamoDB.ConditionalCheckFailedException`, `EventBridge.FailedEntry`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from engine.core.attribute_values import from_image, to_image
from engine.core.message import Copy, compact_json, request_copy
from engine.runtime import names
from engine.runtime.kernel import ACTION
from engine.runtime.resource import Resource
from engine.runtime.templates import iso_time
from engine.services.stepfunctions.execution import (
    MAX_PAYLOAD,
    SUCCEEDED,
    TIMED_OUT,
    Execution,
)
from engine.services.stepfunctions.spec import MAX_DURATION

STATES = "arn:aws:states:::"
# Each integration: the Resource ARNs that name it, by the type of node the task calls.
INTEGRATIONS: dict[str, tuple[str, ...]] = {
    "lambda.function": (f"{STATES}lambda:invoke",),
    "sqs.queue": (f"{STATES}sqs:sendMessage",),
    "sns.topic": (f"{STATES}sns:publish",),
    "eventbridge.bus": (f"{STATES}events:putEvents",),
    "dynamodb.table": (
        f"{STATES}dynamodb:putItem",
        f"{STATES}dynamodb:getItem",
        f"{STATES}dynamodb:updateItem",
        f"{STATES}dynamodb:deleteItem",
    ),
    "stepfunctions.statemachine": (
        f"{STATES}states:startExecution",
        f"{STATES}states:startExecution.sync",
        f"{STATES}states:startExecution.sync:2",
    ),
}
LEGACY_LAMBDA = "arn:aws:lambda:"
# DynamoDB's API operation of each integration.
DYNAMODB_OPERATIONS = {
    f"{STATES}dynamodb:{name[0].lower()}{name[1:]}": name
    for name in ("PutItem", "GetItem", "UpdateItem", "DeleteItem")
}
# The parameter that names the called resource, by target type: export fills it in.
TARGET_PARAMETER = {
    "lambda.function": "FunctionName",
    "sqs.queue": "QueueUrl",
    "sns.topic": "TopicArn",
    "dynamodb.table": "TableName",
    "stepfunctions.statemachine": "StateMachineArn",
}
ERROR_PREFIX = {
    "sqs.queue": "SQS",
    "sns.topic": "SNS",
    "eventbridge.bus": "EventBridge",
    "dynamodb.table": "DynamoDB",
}


def integration_of(resource: str | None, target_type: str) -> str | None:
    """The Resource a Task uses to call a node of `target_type` (the first listed when
    the definition leaves it out), or None when that Resource cannot call that type."""
    choices = INTEGRATIONS.get(target_type, ())
    if resource is None:
        return choices[0] if choices else None
    if resource in choices:
        return resource
    if target_type == "lambda.function" and resource.startswith(LEGACY_LAMBDA):
        return resource
    return None


def _error_name(prefix: str, refusal: str) -> tuple[str, str]:
    """A refusal (`ValidationException: ...`) as the error a task sees and its cause."""
    head, _, rest = refusal.partition(":")
    name = head if head.isidentifier() else "ServiceException"
    return f"{prefix}.{name}", (rest.strip() or refusal)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else compact_json(value)


def _request_body(request: Any, key: str, target_key: str) -> Any:
    """The message a request sends: its `key` field, else the whole request less the
    field that names the target."""
    if isinstance(request, dict):
        if key in request:
            return request[key]
        return {k: v for k, v in request.items() if k != target_key}
    return request


class StateMachine(Resource):
    """Invariants: every execution started ends once (succeeded, failed or timed out);
    `held` is the messages of the executions started by `accept` still running;
    0 <= open executions; a state's count is the scopes in it now."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        p = node.props
        self.definition: dict[str, Any] = p["Definition"]
        self.uses_context = "$$" in compact_json(self.definition)
        self.kind = p["StateMachineType"]
        self.arn = names.arn(node)
        self.name = names.resource_name(node)
        self.role_arn = f"arn:aws:iam::{names.ACCOUNT}:role/{self.name}-role"
        prefix = "express" if self.kind == "EXPRESS" else "execution"
        self.execution_prefix = (
            f"arn:aws:states:{names.REGION}:{names.ACCOUNT}:{prefix}:{self.name}"
        )
        timeout = self.definition.get("TimeoutSeconds")
        limit = MAX_DURATION[self.kind]
        self.limit = min(limit, float(timeout)) if timeout else limit
        self.tasks: dict[str, tuple[str, Resource]] = {}  # Task state: (edge id, callee)
        self.held: dict[str, Execution] = {}  # by execution name
        self.counter = 0
        self.last_name = ""
        self.open = 0
        self.started = self.succeeded = self.failed = self.timed_out = 0
        self.transitions = self.retried = self.caught = 0
        self.time_total = 0.0
        self.in_state: dict[str, int] = {}

    def wire_out(self, edge, target: Resource) -> None:
        if edge.kind == "task":
            self.tasks[edge.props["State"]] = (edge.id, target)
        super().wire_out(edge, target)

    # --- starting executions -------------------------------------------------------------
    def _input(self, copy: Copy) -> tuple[Any, str | None]:
        if len(copy.body.encode("utf-8")) > MAX_PAYLOAD:
            return None, f"InvalidExecutionInput: the input is larger than {MAX_PAYLOAD:,} bytes"
        try:
            return json.loads(copy.body), None
        except ValueError:
            return None, "InvalidExecutionInput: the input is not valid JSON"

    def _start(self, copy: Copy, value: Any, on_end, name: str | None = None) -> Execution:
        if name is None:
            self.counter += 1
            name = f"exec-{self.counter}"
        self.started += 1
        self.open += 1
        run = Execution(self, name, copy, value, on_end)
        if on_end is None:
            self.held[name] = run
        run.begin(self.limit)
        return run

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        """StartExecution: the message is the input, held until the execution ends. The
        execution's name is given now (`last_name`), as StartExecution answers with it."""
        value, error = self._input(copy)
        if error is not None:
            return error
        copy.holder = self
        self.counter += 1
        self.last_name = f"exec-{self.counter}"
        self.rec.emit("deliver", self.id, copy, edge=edge)
        self.kernel.at(self.kernel.now, ACTION, self._start, copy, value, None, self.last_name)
        return None

    def call(
        self, copy: Copy, *, edge: str | None, on_done: Callable[[Any, str | None], None]
    ) -> None:
        """StartSyncExecution: `on_done(output, None)` when it succeeds, `on_done(None,
        error)` when it fails or times out."""

        def ended(run: Execution) -> None:
            if run.status == SUCCEEDED:
                on_done(run.output, None)
            else:
                on_done(None, run.error or "States.TaskFailed")

        self.start_sync(copy, ended)

    def start_sync(self, copy: Copy, on_end: Callable[[Execution], None]) -> None:
        """An execution whose caller keeps the message and hears of its end."""
        value, error = self._input(copy)
        if error is not None:
            failed = Execution(self, "refused", copy, None, None)
            failed.status, failed.error = "FAILED", "States.Runtime"
            self.kernel.at(self.kernel.now, ACTION, on_end, failed)
            return
        self.kernel.at(self.kernel.now, ACTION, self._start, copy, value, on_end)

    def ended(self, run: Execution) -> None:
        """An execution reached its end: count it, trace it, settle its message."""
        self.open -= 1
        self.time_total += (self.kernel.now - run.started) * 1000.0
        self.transitions += run.history // 2
        fields = {"execution": run.name}
        if run.status == SUCCEEDED:
            self.succeeded += 1
            self.rec.emit("execution-succeed", self.id, run.copy, **fields)
        elif run.status == TIMED_OUT:
            self.timed_out += 1
            self.rec.emit("execution-timeout", self.id, run.copy, **fields)
        else:
            self.failed += 1
            self.rec.emit(
                "execution-fail",
                self.id,
                run.copy,
                error=run.error,
                cause=run.cause[:256],
                **fields,
            )
        if self.held.pop(run.name, None) is not None:
            run.copy.holder = None
            self.rec.end(run.copy, "processed" if run.status == SUCCEEDED else "dropped")
        if run.on_end is not None:
            run.on_end(run)

    def entered_state(self, name: str) -> None:
        self.in_state[name] = self.in_state.get(name, 0) + 1

    def left_state(self, name: str, count: int) -> None:
        left = self.in_state.get(name, 0) - count
        if left > 0:
            self.in_state[name] = left
        else:
            self.in_state.pop(name, None)

    # --- tasks ---------------------------------------------------------------------------
    def run_task(self, run: Execution, state_name: str, state: dict, request: Any, done) -> None:
        """Call the node the Task's edge names; `done(result)` or `done(None, error,
        cause)` comes later on the kernel."""
        link = self.tasks.get(state_name)
        if link is None:
            self.kernel.at(
                self.kernel.now,
                ACTION,
                done,
                None,
                "States.Runtime",
                f"Task '{state_name}' has no task edge",
            )
            return
        edge, target = link
        kind = target.node.type
        resource = integration_of(state.get("Resource"), kind) or ""
        if kind == "lambda.function":
            self._lambda(run, edge, target, resource, request, done)
        elif kind == "stepfunctions.statemachine":
            self._child(run, edge, target, resource, request, done)
        else:
            result, error, cause = self._send(run, edge, target, request, resource)
            self.kernel.at(self.kernel.now, ACTION, done, result, error, cause)

    def _carrier(self, run: Execution, body: Any) -> Copy:
        return request_copy(run.copy, _text(body))

    def _lambda(self, run, edge, target, resource, request, done) -> None:
        legacy = resource.startswith(LEGACY_LAMBDA)
        payload = request if legacy else _request_body(request, "Payload", "FunctionName")
        if not legacy and isinstance(request, dict) and request.get("InvocationType") == "Event":
            out = self.sim.derive(run.copy, body=_text(payload), attributes={})
            error = self.sim.publish(self.id, out, edge=edge, target=target)
            if error is not None:
                self.kernel.at(self.kernel.now, ACTION, done, None, *_error_name("Lambda", error))
            else:
                self.kernel.at(self.kernel.now, ACTION, done, {"Payload": "", "StatusCode": 202})
            return

        def answered(result: Any, error: str | None) -> None:
            if error is not None:
                done(None, error, f"{target.id} failed: {error}")
            elif legacy:
                done(result)
            else:
                done({"ExecutedVersion": "$LATEST", "Payload": result, "StatusCode": 200})

        target.call(self._carrier(run, payload), edge=edge, on_done=answered)

    def _child(self, run, edge, target, resource, request, done) -> None:
        value = _request_body(request, "Input", "StateMachineArn")
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                done_error = ("StepFunctions.InvalidExecutionInputException", "Input is not JSON")
                self.kernel.at(self.kernel.now, ACTION, done, None, *done_error)
                return
        now = iso_time(self.kernel.now)
        if resource.endswith(".sync") or resource.endswith(".sync:2"):
            as_text = resource.endswith(".sync")

            def answered(child: Execution) -> None:
                if child.status != SUCCEEDED:
                    done(
                        None,
                        "States.TaskFailed",
                        f"{child.arn} {child.status}: {child.error} {child.cause}".strip(),
                    )
                    return
                done(
                    {
                        "ExecutionArn": child.arn,
                        "Input": compact_json(value) if as_text else value,
                        "Output": compact_json(child.output) if as_text else child.output,
                        "StartDate": iso_time(child.started),
                        "StateMachineArn": target.arn,
                        "Status": SUCCEEDED,
                        "StopDate": iso_time(self.kernel.now),
                    }
                )

            self.rec.emit("invoke", target.id, run.copy, edge=edge)
            target.start_sync(self._carrier(run, value), answered)
            return
        out = self.sim.derive(run.copy, body=compact_json(value), attributes={})
        error = self.sim.publish(self.id, out, edge=edge, target=target)
        if error is not None:
            self.kernel.at(
                self.kernel.now, ACTION, done, None, *_error_name("StepFunctions", error)
            )
            return
        result = {"ExecutionArn": f"{target.execution_prefix}:{target.last_name}", "StartDate": now}
        self.kernel.at(self.kernel.now, ACTION, done, result)

    def _send(self, run: Execution, edge: str, target: Resource, request: Any, resource: str):
        """SendMessage, Publish, PutEvents or a DynamoDB call, answered at once: (result,
        error, cause)."""
        kind = target.node.type
        prefix = ERROR_PREFIX[kind]
        fields: dict[str, Any] = {}
        attributes: dict = {}
        params = request if isinstance(request, dict) else {}
        if kind == "eventbridge.bus":
            return self._put_events(run, edge, target, request)
        if kind == "dynamodb.table":
            return self._dynamodb(run, edge, target, request, DYNAMODB_OPERATIONS[resource])
        key = "MessageBody" if kind == "sqs.queue" else "Message"
        body = _request_body(request, key, TARGET_PARAMETER[kind])
        raw = params.get("MessageAttributes")
        if isinstance(raw, dict):
            attributes = {
                name: {
                    "Type": a.get("DataType", "String"),
                    "Value": str(a.get("StringValue", "")),
                }
                for name, a in raw.items()
                if isinstance(a, dict)
            }
        fields["group"] = params.get("MessageGroupId")
        fields["dedup"] = params.get("MessageDeduplicationId")
        if kind == "sqs.queue" and "DelaySeconds" in params:
            fields["delay"] = params["DelaySeconds"]
        out = self.sim.derive(run.copy, body=_text(body), attributes=attributes, **fields)
        result = {"MessageId": out.id}
        if kind == "sqs.queue":
            result["MD5OfMessageBody"] = hashlib.md5(out.body.encode()).hexdigest()
        error = self.sim.publish(self.id, out, edge=edge, target=target)
        if error is not None:
            return (None, *_error_name(prefix, error))
        return result, None, ""

    def _dynamodb(self, run: Execution, edge: str, target: Any, request: Any, operation: str):
        params = dict(request) if isinstance(request, dict) else {}
        if operation == "PutItem" and "Item" not in params:
            # a Task without Parameters.Item writes its input as the item
            params = {"Item": to_image(request) if isinstance(request, dict) else request}
        out = self.sim.derive(run.copy, body=compact_json(params), attributes={})
        if operation == "PutItem":
            out.payload = from_image(params.get("Item"))
        self.rec.emit("publish", self.id, out, edge=edge, target=target.id)
        result, error = target.request(operation, params, out, edge=edge)
        if error is not None:
            self.sim.drop(target.id, out, reason=error, edge=edge)
            return (None, *_error_name("DynamoDB", error))
        return result, None, ""

    def _put_events(self, run: Execution, edge: str, target: Resource, request: Any):
        entries = request.get("Entries") if isinstance(request, dict) else None
        if not isinstance(entries, list):
            entries = [{"Source": self.name, "DetailType": "StateMachineEvent", "Detail": request}]
        answers, failed = [], 0
        for entry in entries[:10]:
            entry = dict(entry) if isinstance(entry, dict) else {"Detail": entry}
            entry.pop("EventBusName", None)
            if not isinstance(entry.get("Detail"), str):
                entry["Detail"] = compact_json(entry.get("Detail", {}))
            out = self.sim.derive(run.copy, body=compact_json(entry), attributes={})
            error = self.sim.publish(self.id, out, edge=edge, target=target)
            if error is None:
                answers.append({"EventId": out.id})
            else:
                failed += 1
                answers.append(
                    {"ErrorCode": _error_name("EventBridge", error)[0], "ErrorMessage": error}
                )
        if failed:
            return None, "EventBridge.FailedEntry", compact_json({"Entries": answers})
        return {"Entries": answers, "FailedEntryCount": 0}, None, ""

    # --- reporting -----------------------------------------------------------------------
    def holdings(self) -> dict[str, int]:
        return {"in_flight": len(self.held)}

    def states_now(self) -> dict[str, int]:
        """How many scopes of running executions are in each state now."""
        return dict(self.in_state)

    def metrics(self) -> dict[str, Any]:
        ended = self.succeeded + self.failed + self.timed_out
        return {
            "ExecutionsStarted": self.started,
            "ExecutionsSucceeded": self.succeeded,
            "ExecutionsFailed": self.failed,
            "ExecutionsTimedOut": self.timed_out,
            "ExecutionTime": round(self.time_total / ended, 3) if ended else 0.0,
            "OpenExecutionCount": self.open,
            "StateTransitions": self.transitions,
            "TaskRetries": self.retried,
            "ErrorsCaught": self.caught,
        }
