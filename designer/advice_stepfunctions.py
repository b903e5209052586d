"""Design advice about Step Functions state machines: Express machines that cannot finish
in their five minutes, and Lambda tasks without the retry AWS recommends for Lambda's
transient errors. Listed in `designer.advice.RULES`."""

from __future__ import annotations

from collections.abc import Iterator

from designer.advice_base import Advice
from engine.core.diagram import Diagram
from engine.core.values import is_int
from engine.services.stepfunctions.definition import iter_states
from engine.services.stepfunctions.execution import error_matches
from engine.services.stepfunctions.spec import EXPRESS, MAX_DURATION

MACHINE = "stepfunctions.statemachine"
# "Handling transient Lambda service exceptions" (Step Functions best practices): retry
# these, which Lambda answers for reasons of its own rather than the function's.
LAMBDA_TRANSIENT = (
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
)


def _machines(d: Diagram):
    for node in d.nodes.values():
        if node.type == MACHINE and isinstance(node.props.get("Definition"), dict):
            yield node, node.props["Definition"]


def express_runs_out_of_time(d: Diagram) -> Iterator[Advice]:
    """An Express execution stops after 5 minutes ("Choosing workflow type in Step
    Functions"): a wait, a task timeout or a called function that may take longer needs a
    Standard workflow."""
    limit = MAX_DURATION[EXPRESS]
    for node, definition in _machines(d):
        if node.props.get("StateMachineType") != EXPRESS:
            continue
        base = f"{node.path}.props.Definition"
        waited = 0
        for where, name, state in iter_states(definition):
            kind = state.get("Type")
            seconds = state.get("Seconds") if kind == "Wait" else state.get("TimeoutSeconds")
            if kind == "Wait" and is_int(seconds):
                waited += seconds
            long_wait = kind == "Wait" and is_int(seconds) and seconds >= limit
            long_task = kind == "Task" and is_int(seconds) and seconds > limit
            if long_wait or long_task:
                what = f"waits {seconds} s" if long_wait else f"may run {seconds} s"
                yield _express(f"{base}.{where}", f"'{name}' {what}", node.id)
        if waited >= limit:
            yield _express(base, f"its Wait states add up to {waited} s", node.id)
        timeout = definition.get("TimeoutSeconds")
        if is_int(timeout) and timeout > limit:
            yield _express(f"{base}.TimeoutSeconds", f"its TimeoutSeconds is {timeout}", node.id)
        for edge in d.edges_from(node.id, "task"):
            function = d.nodes[edge.target]
            if function.type == "lambda.function" and function.props.get("Timeout", 3) > limit:
                yield _express(
                    f"{edge.path}",
                    f"'{function.id}' may run {function.props['Timeout']} s",
                    node.id,
                )


def _express(path: str, why: str, machine: str) -> Advice:
    return Advice(
        path,
        "express_too_long",
        f"{why}, but an EXPRESS execution of '{machine}' stops at 5 minutes (ExecutionsTimedOut)",
        "Make the state machine STANDARD (up to a year), or shorten the waits and timeouts",
    )


def lambda_task_without_retry(d: Diagram) -> Iterator[Advice]:
    """A Task that invokes a function with no retrier for Lambda's transient errors fails
    the whole execution on a throttle or a service hiccup."""
    for node, definition in _machines(d):
        bound = {e.props.get("State"): d.nodes[e.target] for e in d.edges_from(node.id, "task")}
        for where, name, state in iter_states(definition):
            target = bound.get(name)
            if state.get("Type") != "Task" or target is None or target.type != "lambda.function":
                continue
            retriers = [r for r in state.get("Retry") or [] if isinstance(r, dict)]
            if any(
                error_matches(r.get("ErrorEquals") or [], "Lambda.TooManyRequestsException")
                and r.get("MaxAttempts", 3) > 0
                for r in retriers
            ):
                continue
            yield Advice(
                f"{node.path}.props.Definition.{where}",
                "lambda_task_without_retry",
                f"Task '{name}' calls '{target.id}' without retrying Lambda's transient "
                "errors: one throttle (Lambda.TooManyRequestsException) fails the execution",
                'Add a retrier: {"ErrorEquals": ["' + '", "'.join(LAMBDA_TRANSIENT) + '"], '
                '"IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2, '
                '"JitterStrategy": "FULL"}',
            )
