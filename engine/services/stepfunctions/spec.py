"""The `stepfunctions.statemachine` node type (`AWS::StepFunctions::StateMachine`): its
props, metrics and the check of its `Definition`.

A `Task` state calls the node its `task` edge (prop `State`) goes to, so the definition
in a diagram needs no ARNs: `Resource` may be left out (the integration follows from the
target's type) or name the integration (`arn:aws:states:::sqs:sendMessage`); export
writes the ARNs in through `DefinitionSubstitutions`.
"""

from __future__ import annotations

from typing import Any

from engine.core.errors import Problem
from engine.core.spec import FieldSpec, NodeSpec
from engine.services.stepfunctions.definition import definition_problems

STANDARD, EXPRESS = "STANDARD", "EXPRESS"
# "Choosing workflow type in Step Functions": Express executions last at most 5 minutes,
# Standard ones a year.
MAX_DURATION = {STANDARD: 365 * 24 * 3600.0, EXPRESS: 300.0}
EXAMPLE_DEFINITION = {
    "StartAt": "Done",
    "States": {"Done": {"Type": "Succeed"}},
}

SPEC = NodeSpec(
    type="stepfunctions.statemachine",
    metrics=(
        "ExecutionsStarted",
        "ExecutionsSucceeded",
        "ExecutionsFailed",
        "ExecutionsTimedOut",
        "ExecutionTime",
        "OpenExecutionCount",
        "StateTransitions",
        "TaskRetries",
        "ErrorsCaught",
    ),
    group="Compute",
    name_prop="StateMachineName",
    arn_format="arn:aws:states:{region}:{account}:stateMachine:{name}",
    metric_namespace="AWS/States",
    metric_dimension="StateMachineArn",
    counters=(
        ("OpenExecutionCount", "running"),
        ("ExecutionsSucceeded", "ok"),
        ("ExecutionsFailed", "failed"),
    ),
    label="Step Functions state machine",
    description="Runs a workflow of states (tasks, choices, waits, parallel branches, maps) "
    "with retries and catchers; Standard or Express.",
    cfn_type="AWS::StepFunctions::StateMachine",
    props=(
        FieldSpec(
            "StateMachineName",
            "string",
            None,
            pattern=r"[A-Za-z0-9_-]{1,80}",
            help="Up to 80 letters, digits, hyphens and underscores.",
        ),
        FieldSpec(
            "StateMachineType",
            "enum",
            STANDARD,
            choices=(STANDARD, EXPRESS),
            help="STANDARD: up to a year, exactly once. EXPRESS: up to 5 minutes, at least "
            "once, for high-volume event processing.",
        ),
        FieldSpec(
            "Definition",
            "json",
            EXAMPLE_DEFINITION,
            check="states_definition",
            help='Amazon States Language: {"StartAt": "Charge", "States": {"Charge": '
            '{"Type": "Task", "Next": ...}}}. A Task calls the node its task edge names.',
        ),
    ),
)


def check_definition(value: Any, path: str) -> list[Problem]:
    """The Definition as CreateStateMachine checks it, with contract paths."""
    return [
        Problem(
            f"{path}.{where}" if where and not where.startswith("[") else f"{path}{where}",
            "invalid_definition",
            message,
        )
        for where, message in definition_problems(value)
    ]
