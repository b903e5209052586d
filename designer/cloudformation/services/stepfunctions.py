"""Step Functions state machines (`AWS::StepFunctions::StateMachine`) and their `task` edges.

A diagram's definition names no ARNs: each Task calls the node its `task` edge names. The
export writes each Task's `Resource` (the integration, when the diagram leaves it out) and
the parameter that names the called resource (`FunctionName`, `QueueUrl`, `TopicArn`,
`TableName`, `StateMachineArn`, each entry's `EventBusName`) as a `${...}` placeholder
filled by `DefinitionSubstitutions`; a Task the diagram gives no Parameters gets the
integration's pass-the-input parameters (`"Payload.$": "$"`, ...), which is what the engine
does without them. The role is assumed by `states.amazonaws.com` and allowed exactly the
calls the tasks make ("IAM policies for integrated services"), each on its one resource.

Import reverses it: placeholders, `Fn::Sub` references and literal ARNs in `Resource` and
those parameters become `task` edges, and what the export added is taken out again.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from troposphere import GetAtt, Join, Ref, Sub, stepfunctions

from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec
from engine.runtime import names
from engine.services.stepfunctions.definition import iter_states
from engine.services.stepfunctions.machine import (
    DYNAMODB_OPERATIONS,
    INTEGRATIONS,
    LEGACY_LAMBDA,
    TARGET_PARAMETER,
    integration_of,
)

from ..context import PARTITION_ARN, ExportContext
from ..iam import service_role, statement
from ..import_props import resource_path, spec_props
from ..names import from_json_text
from ..refs import ImportContext

STATES = "states.amazonaws.com"
MACHINE = "stepfunctions.statemachine"
EVENTS_BUS_KEY = "EventBusName"
DEFAULT_EVENT = {"DetailType": "StateMachineEvent"}
# What each integration may do ("IAM policies for integrated services").
ACTIONS = {
    "lambda.function": ("lambda:InvokeFunction",),
    "sqs.queue": ("sqs:SendMessage",),
    "sns.topic": ("sns:Publish",),
    "eventbridge.bus": ("events:PutEvents",),
    "stepfunctions.statemachine": ("states:StartExecution",),
}
# A table's integrations each do one thing: PutItem, GetItem, UpdateItem, DeleteItem.
RESOURCE_ACTIONS = {resource: (f"dynamodb:{op}",) for resource, op in DYNAMODB_OPERATIONS.items()}
SYNC_ACTIONS = ("states:DescribeExecution", "states:StopExecution")
SYNC_RULE_ACTIONS = ("events:PutTargets", "events:PutRule", "events:DescribeRule")
SYNC_RULE = "StepFunctionsGetEventsForStepFunctionsExecutionRule"
# The parameters a Task without Parameters passes its input on with.
INPUT_KEYS = {
    "lambda.function": "Payload.$",
    "sqs.queue": "MessageBody.$",
    "sns.topic": "Message.$",
    "stepfunctions.statemachine": "Input.$",
}
SUFFIX = {"sqs.queue": "Url", "dynamodb.table": "Name"}
# A Task's fields a Pass state does not take (an unmapped Task becomes a Pass state).
TASK_ONLY = (
    "Resource",
    "Retry",
    "Catch",
    "TimeoutSeconds",
    "TimeoutSecondsPath",
    "HeartbeatSeconds",
    "HeartbeatSecondsPath",
    "ResultSelector",
)
_PLACEHOLDER = re.compile(r"^\$\{([A-Za-z0-9_.:]+)\}$")
_QUEUE_URL = re.compile(r"^https://sqs\.[^/]+/[^/]+/([^/]+)$")


def owns(ctx: ExportContext, edge: Edge) -> bool:
    return edge.kind == "task"


def export_task_edge(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: the state machine's definition and role hold the call."""


def role_id(ctx: ExportContext, node: Node) -> str:
    return ctx.ids.derived(f"states-role:{node.id}", ctx.lid(node.id) + "Role")


def machine_name(node: Node) -> str:
    return names.resource_name(node)


def _substitution(ctx: ExportContext, target: Node) -> tuple[str, Any]:
    """The placeholder's name and the value that fills it: a queue's URL, a table's name,
    anything else's ARN."""
    suffix = SUFFIX.get(target.type, "Arn")
    lid = ctx.lid(target.id)
    if target.type in ("sqs.queue", "dynamodb.table", "sns.topic", MACHINE):
        return lid + suffix, Ref(lid)
    return lid + suffix, ctx.arn(target.id)


def default_parameters(target_type: str, name: str) -> dict[str, Any] | None:
    """What a Task without Parameters sends, as Parameters (None: it needs its own)."""
    if target_type == "eventbridge.bus":
        return {"Entries": [{"Detail.$": "$", **DEFAULT_EVENT, "Source": name}]}
    key = INPUT_KEYS.get(target_type)
    return {key: "$"} if key else None


def export_state_machine(ctx: ExportContext, node: Node) -> None:
    props = ctx.user_props(node, required=("Definition",))
    definition = copy.deepcopy(props["Definition"])
    states = {name: state for _where, name, state in iter_states(definition)}
    substitutions: dict[str, Any] = {}
    grants: dict[str, tuple[list[str], list[Any]]] = {}
    for edge in ctx.diagram.edges_from(node.id, "task"):
        state = states.get(edge.props["State"])
        target = ctx.node(edge.target)
        if state is None:
            continue
        var, value = _substitution(ctx, target)
        substitutions[var] = value
        resource = integration_of(state.get("Resource"), target.type)
        legacy = resource.startswith(LEGACY_LAMBDA)
        rest = {k: v for k, v in state.items() if k not in ("Type", "Resource")}
        state.clear()
        state.update(Type="Task", Resource=f"${{{var}}}" if legacy else resource, **rest)
        if not legacy:
            _fill_parameters(state, target.type, f"${{{var}}}", machine_name(node))
        _grant(ctx, grants, target, resource)
    props["Definition"] = definition
    if substitutions:
        props["DefinitionSubstitutions"] = substitutions
    props["RoleArn"] = GetAtt(role_id(ctx, node), "Arn")
    ctx.add(stepfunctions.StateMachine.from_dict(ctx.lid(node.id), props))
    statements = [
        statement(sid, tuple(actions), resources) for sid, (actions, resources) in grants.items()
    ]
    if not statements:  # a machine without tasks still needs a role CloudFormation accepts
        statements = [
            statement(
                "DescribeItself",
                ("states:DescribeStateMachine",),
                [
                    Sub(
                        f"{PARTITION_ARN}:states:${{AWS::Region}}:${{AWS::AccountId}}:stateMachine:*"
                    )
                ],
            )
        ]
    ctx.add(service_role(role_id(ctx, node), STATES, statements))
    ctx.output(node, "Arn", Ref(ctx.lid(node.id)), f"ARN of the state machine '{node.id}'")


def _fill_parameters(state: dict, target_type: str, placeholder: str, name: str) -> None:
    if "Parameters" not in state:
        state["Parameters"] = default_parameters(target_type, name) or {}
    params = state["Parameters"]
    if target_type == "eventbridge.bus":
        for entry in params.get("Entries") or []:
            if isinstance(entry, dict):
                entry[EVENTS_BUS_KEY] = placeholder
    else:
        params[TARGET_PARAMETER[target_type]] = placeholder


def _grant(ctx: ExportContext, grants: dict, target: Node, resource: str) -> None:
    def add(sid: str, actions: tuple[str, ...], where: Any) -> None:
        held = grants.setdefault(sid, ([], []))
        held[0].extend(a for a in actions if a not in held[0])
        if where not in held[1]:
            held[1].append(where)

    lid = ctx.lid(target.id)
    add("Call" + lid, RESOURCE_ACTIONS.get(resource) or ACTIONS[target.type], ctx.arn(target.id))
    if target.type == MACHINE and ".sync" in resource:
        executions = Join(
            "",
            [
                Sub(f"{PARTITION_ARN}:states:${{AWS::Region}}:${{AWS::AccountId}}:execution:"),
                GetAtt(lid, "Name"),
                ":*",
            ],
        )
        add("Watch" + lid, SYNC_ACTIONS, executions)
        rule = Sub(f"{PARTITION_ARN}:events:${{AWS::Region}}:${{AWS::AccountId}}:rule/{SYNC_RULE}")
        add("WatchExecutions", SYNC_RULE_ACTIONS, rule)


# --- import ----------------------------------------------------------------------------
def import_state_machine(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    given = dict(ctx.props_of(lid))
    text = given.pop("DefinitionString", None)
    if isinstance(text, dict) and "Fn::Join" in text:  # SAM writes a definition as lines
        joined = ctx.literal(text)
        text = joined if isinstance(joined, str) else text
    if "Definition" not in given and text is not None:
        if isinstance(text, dict) and "Fn::Sub" in text:
            body = text["Fn::Sub"]
            text = body[0] if isinstance(body, list) and body else body
        parsed = from_json_text(text)
        if isinstance(parsed, dict):
            given["Definition"] = parsed
        else:
            ctx.warn(
                resource_path(lid, "DefinitionString"),
                "not_literal",
                "the definition is not JSON text; the default definition is used",
            )
    if "DefinitionS3Location" in given:
        given.pop("DefinitionS3Location")
        ctx.warn(
            resource_path(lid, "DefinitionS3Location"),
            "unsupported_property",
            "a definition kept in Amazon S3 is not read; the default definition is used",
        )
    if isinstance(given.get("Definition"), dict):
        given["Definition"] = copy.deepcopy(given["Definition"])
    return spec_props(ctx, lid, spec, given)


def trace_state_machine(ctx: ImportContext, lid: str) -> None:
    """Each Task's target becomes a `task` edge; what the export added comes out."""
    machine = ctx.node_of[lid]
    props = ctx.nodes[machine]["props"]
    definition = props.get("Definition")
    if not isinstance(definition, dict):
        return
    given = ctx.props_of(lid)
    variables = given.get("DefinitionSubstitutions")
    variables = variables if isinstance(variables, dict) else {}
    sub = given.get("DefinitionString")
    if isinstance(sub, dict) and isinstance(sub.get("Fn::Sub"), list) and len(sub["Fn::Sub"]) > 1:
        extra = sub["Fn::Sub"][1]
        variables = {**(extra if isinstance(extra, dict) else {}), **variables}
    name = props.get("StateMachineName") or machine
    for where, state_name, state in list(iter_states(definition)):
        if state.get("Type") != "Task":
            continue
        found = _task_target(ctx, state, variables)
        path = resource_path(lid, "Definition") + "." + where
        if found is None:
            ctx.warn(
                path,
                "unmapped_task",
                f"Task '{state_name}' calls a resource that is not in the diagram (or an "
                "integration this engine does not model); it became a Pass state",
            )
            for key in TASK_ONLY:
                state.pop(key, None)
            state["Type"] = "Pass"
            continue
        node, target_type = found
        ctx.add_edge("task", machine, node, props={"State": state_name}, origin=path)
        _unfill(state, target_type, name)


def _task_target(ctx: ImportContext, state: dict, variables: dict) -> tuple[str, str] | None:
    resource = state.get("Resource")
    if not isinstance(resource, str):
        return None
    params = state.get("Parameters") if isinstance(state.get("Parameters"), dict) else {}
    if not resource.startswith("arn:aws:states:::") and not resource.startswith("arn:${"):
        node = _resolve(ctx, resource, variables)
        if node and ctx.nodes[node]["type"] == "lambda.function":
            name = ctx.nodes[node]["props"].get("FunctionName") or node
            state["Resource"] = f"{LEGACY_LAMBDA}{names.REGION}:{names.ACCOUNT}:function:{name}"
            return node, "lambda.function"
        return None
    resource = re.sub(r"^arn:\$\{AWS::Partition\}", "arn:aws", resource)
    state["Resource"] = resource
    for target_type, choices in INTEGRATIONS.items():
        if resource not in choices:
            continue
        if target_type == "eventbridge.bus":
            entries = params.get("Entries") if isinstance(params.get("Entries"), list) else []
            buses = {
                _resolve(ctx, e.get(EVENTS_BUS_KEY), variables)
                for e in entries
                if isinstance(e, dict)
            }
            node = buses.pop() if len(buses) == 1 else None
            if (
                node is None
                and entries
                and all(EVENTS_BUS_KEY not in e for e in entries if isinstance(e, dict))
            ):
                node = ctx.default_bus_node()
        else:
            node = _resolve(ctx, params.get(TARGET_PARAMETER[target_type]), variables)
        if node and ctx.nodes[node]["type"] == target_type:
            return node, target_type
        return None
    return None


def _resolve(ctx: ImportContext, value: Any, variables: dict) -> str | None:
    if isinstance(value, str):
        match = _PLACEHOLDER.match(value)
        if match:
            var = match.group(1)
            if var in variables:
                return ctx.resolve(variables[var])
            return ctx.resolve_text(value, substituted=True)
        queue = _QUEUE_URL.match(value)
        if queue:
            return ctx.by_name(queue.group(1), ("sqs.queue",))
    return ctx.resolve(value)


def _unfill(state: dict, target_type: str, name: str) -> None:
    if state.get("Resource") == INTEGRATIONS[target_type][0]:
        del state["Resource"]
    params = state.get("Parameters")
    if not isinstance(params, dict):
        return
    if target_type == "eventbridge.bus":
        for entry in params.get("Entries") or []:
            if isinstance(entry, dict):
                entry.pop(EVENTS_BUS_KEY, None)
    else:
        params.pop(TARGET_PARAMETER[target_type], None)
    if params == default_parameters(target_type, name):
        del state["Parameters"]
