"""Checking an Amazon States Language definition, the way CreateStateMachine does, with a
contract path for each problem (`nodes.<id>.props.Definition.States.Charge.Next`).

What is checked ("Amazon States Language", "State machine structure", each state type's
page, "Handling errors in Step Functions workflows"): `StartAt` names a state; every state
has a known `Type` and only that type's fields; `Next`, `Default` and a catcher's `Next`
name a state of the same scope (a Parallel branch or a Map's processor is a scope of its
own); a state that can end has exactly one of `Next` and `End`; every state can be reached
from `StartAt`; state names are unique in the whole machine and at most 80 characters;
paths, payload templates and intrinsic functions parse; retriers and catchers are well
formed, with `States.ALL` alone and last; Wait has exactly one of its four ways to wait.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from engine.core.values import is_int, is_number, show
from engine.services.stepfunctions.choice import parse_timestamp, rule_problems
from engine.services.stepfunctions.paths import parse_path, template_problems

STATE_TYPES = ("Task", "Choice", "Wait", "Pass", "Parallel", "Map", "Succeed", "Fail")
MAX_NAME = 80
IO = ("InputPath", "OutputPath")
FLOW = ("Next", "End")
RESULT = ("ResultPath", "ResultSelector")
ERRORS = ("Retry", "Catch")
FIELDS: dict[str, tuple[str, ...]] = {
    "Task": (
        "Resource",
        "Parameters",
        *IO,
        *RESULT,
        *FLOW,
        *ERRORS,
        "TimeoutSeconds",
        "TimeoutSecondsPath",
        "HeartbeatSeconds",
        "HeartbeatSecondsPath",
    ),
    "Pass": (*IO, "Parameters", "Result", "ResultPath", *FLOW),
    "Choice": (*IO, "Choices", "Default"),
    "Wait": (*IO, *FLOW, "Seconds", "SecondsPath", "Timestamp", "TimestampPath"),
    "Succeed": IO,
    "Fail": ("Error", "Cause", "ErrorPath", "CausePath"),
    "Parallel": ("Branches", *IO, "Parameters", *RESULT, *FLOW, *ERRORS),
    "Map": (
        "ItemProcessor",
        "Iterator",
        "ItemsPath",
        "ItemSelector",
        "Parameters",
        "MaxConcurrency",
        *IO,
        *RESULT,
        *FLOW,
        *ERRORS,
    ),
}
NOT_MODELLED = {
    "ItemReader": "a Distributed Map's item reader",
    "ResultWriter": "a Distributed Map's result writer",
    "ItemBatcher": "a Distributed Map's item batcher",
    "ToleratedFailurePercentage": "a Distributed Map's failure tolerance",
    "ToleratedFailureCount": "a Distributed Map's failure tolerance",
    "Credentials": "cross-account task credentials",
    "QueryLanguage": "JSONata (this engine reads JSONPath definitions)",
    "Arguments": "JSONata (this engine reads JSONPath definitions)",
    "Output": "JSONata (this engine reads JSONPath definitions)",
    "Assign": "workflow variables",
}
TOP_FIELDS = ("StartAt", "States", "Comment", "TimeoutSeconds", "Version")
RETRIER_FIELDS = (
    "ErrorEquals",
    "IntervalSeconds",
    "MaxAttempts",
    "BackoffRate",
    "MaxDelaySeconds",
    "JitterStrategy",
    "Comment",
)
CATCHER_FIELDS = ("ErrorEquals", "Next", "ResultPath", "Comment")
MAX_TIMEOUT = 99_999_999


def key_path(base: str, key: str) -> str:
    """`base.key`, or `base["key"]` for a key that is not a plain name (state names may
    hold spaces)."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return f"{base}.{key}"
    return f"{base}[{json.dumps(key, ensure_ascii=False)}]"


def iter_states(definition: Any, base: str = "") -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, name, state) of every state, nested branches and processors included, in
    document order; skips what is not shaped as a state machine."""
    if not isinstance(definition, dict) or not isinstance(definition.get("States"), dict):
        return
    states_path = key_path(base, "States") if base else "States"
    for name, state in definition["States"].items():
        if not isinstance(state, dict):
            continue
        where = key_path(states_path, name)
        yield where, name, state
        for index, branch in enumerate(state.get("Branches") or []):
            yield from iter_states(branch, f"{where}.Branches[{index}]")
        for key in ("ItemProcessor", "Iterator"):
            if isinstance(state.get(key), dict):
                yield from iter_states(state[key], key_path(where, key))


def task_states(definition: Any) -> dict[str, str]:
    """Every Task state's name, with its path inside the definition."""
    return {
        name: where for where, name, state in iter_states(definition) if state.get("Type") == "Task"
    }


class Checker:
    """Collects (path, message) pairs for one definition."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []
        self.names: dict[str, str] = {}

    def add(self, path: str, message: str) -> None:
        self.found.append((path, message))

    def machine(self, value: Any, where: str, *, top: bool) -> None:
        if not isinstance(value, dict):
            self.add(where, 'a state machine is an object: {"StartAt": "...", "States": {...}}')
            return
        allowed = TOP_FIELDS if top else ("StartAt", "States", "Comment", "ProcessorConfig")
        for key in value:
            if key not in allowed:
                self._unknown(key_path(where, key), key, "a state machine" if top else "a branch")
        if top and "TimeoutSeconds" in value:
            self._positive(value["TimeoutSeconds"], key_path(where, "TimeoutSeconds"))
        if top and value.get("Version", "1.0") != "1.0":
            self.add(key_path(where, "Version"), "the only ASL version is '1.0'")
        if not top and "ProcessorConfig" in value:
            self._processor_config(value["ProcessorConfig"], key_path(where, "ProcessorConfig"))
        states = value.get("States")
        states_path = key_path(where, "States")
        if not isinstance(states, dict) or not states:
            self.add(states_path, "States must be an object with at least one state")
            return
        start = value.get("StartAt")
        if not isinstance(start, str):
            self.add(key_path(where, "StartAt"), "StartAt must name the first state")
        elif start not in states:
            self.add(key_path(where, "StartAt"), f"StartAt names '{start}', which is not a state")
        for name, state in states.items():
            self.state(name, state, key_path(states_path, name), states)
        if isinstance(start, str) and start in states:
            self._reachable(start, states, states_path)

    def _processor_config(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            self.add(where, 'ProcessorConfig is an object: {"Mode": "INLINE"}')
            return
        if value.get("Mode", "INLINE") != "INLINE":
            self.add(key_path(where, "Mode"), "only INLINE Map states are modelled here")
        for key in value:
            if key not in ("Mode", "ExecutionType"):
                self._unknown(key_path(where, key), key, "ProcessorConfig")

    def _unknown(self, path: str, key: str, holder: str) -> None:
        if key in NOT_MODELLED:
            self.add(path, f"'{key}' ({NOT_MODELLED[key]}) is not modelled")
        else:
            self.add(path, f"'{key}' is not a field of {holder}")

    def state(self, name: str, state: Any, where: str, scope: dict[str, Any]) -> None:
        if len(name) > MAX_NAME or not name:
            self.add(where, f"a state name has 1 to {MAX_NAME} characters")
        if name in self.names:
            self.add(
                where,
                f"'{name}' is also the name of {self.names[name]}; state names are "
                "unique in the whole state machine",
            )
        self.names.setdefault(name, where)
        if not isinstance(state, dict):
            self.add(where, "a state is an object with a Type")
            return
        kind = state.get("Type")
        if kind not in STATE_TYPES:
            self.add(
                key_path(where, "Type"), f"Type {show(kind)} is not one of {', '.join(STATE_TYPES)}"
            )
            return
        for key in state:
            if key not in FIELDS[kind] and key not in ("Type", "Comment"):
                self._unknown(key_path(where, key), key, f"a {kind} state")
        self._flow(kind, state, where, scope)
        self._paths(state, where)
        getattr(self, f"_{kind.lower()}")(state, where, scope)
        for index, retrier in enumerate(state.get("Retry") or []):
            self._retrier(retrier, f"{key_path(where, 'Retry')}[{index}]", index, state["Retry"])
        for index, catcher in enumerate(state.get("Catch") or []):
            self._catcher(catcher, f"{key_path(where, 'Catch')}[{index}]", index, state, scope)
        for key in ERRORS:
            if key in state and not isinstance(state[key], list):
                self.add(key_path(where, key), f"{key} is a list")

    def _flow(self, kind: str, state: dict, where: str, scope: dict) -> None:
        if kind in ("Choice", "Succeed", "Fail"):
            return
        has_next, has_end = "Next" in state, "End" in state
        if has_next == has_end:
            self.add(where, f"a {kind} state needs exactly one of Next and End")
        if has_end and state["End"] is not True:
            self.add(key_path(where, "End"), "End must be true (or left out, with Next)")
        if has_next:
            self._target(state["Next"], key_path(where, "Next"), scope)

    def _target(self, value: Any, where: str, scope: dict) -> None:
        if not isinstance(value, str):
            self.add(where, "must name a state")
        elif value not in scope:
            self.add(where, f"'{value}' is not a state here (a branch's states are its own)")

    def _paths(self, state: dict, where: str) -> None:
        for key in (
            "InputPath",
            "OutputPath",
            "ResultPath",
            "ItemsPath",
            "SecondsPath",
            "TimestampPath",
            "TimeoutSecondsPath",
            "HeartbeatSecondsPath",
            "ErrorPath",
            "CausePath",
        ):
            if key not in state or (state[key] is None and key in IO + ("ResultPath",)):
                continue
            try:
                path = parse_path(state[key])
            except ValueError as exc:
                self.add(key_path(where, key), str(exc))
                continue
            if key == "ResultPath" and (path.context or not path.is_reference):
                self.add(
                    key_path(where, key), "ResultPath is a reference path: $ or $.a.b, no wildcards"
                )
        for key in ("Parameters", "ResultSelector", "ItemSelector"):
            if key in state:
                if not isinstance(state[key], dict):
                    self.add(key_path(where, key), f"{key} is an object (a payload template)")
                    continue
                for at, message in template_problems(state[key], key_path(where, key)):
                    self.add(at, message)

    def _positive(self, value: Any, where: str, *, zero: bool = False) -> None:
        low = 0 if zero else 1
        if not is_int(value) or not low <= value <= MAX_TIMEOUT:
            self.add(where, f"must be a whole number from {low} to {MAX_TIMEOUT}")

    # --- each type -------------------------------------------------------------------
    def _task(self, state: dict, where: str, scope: dict) -> None:
        if "Resource" in state and not isinstance(state["Resource"], str):
            self.add(key_path(where, "Resource"), "Resource is an ARN string")
        for key in ("TimeoutSeconds", "HeartbeatSeconds"):
            if key in state:
                self._positive(state[key], key_path(where, key))
            if key in state and f"{key}Path" in state:
                self.add(key_path(where, key), f"use {key} or {key}Path, not both")
        heartbeat, timeout = state.get("HeartbeatSeconds"), state.get("TimeoutSeconds", MAX_TIMEOUT)
        if is_int(heartbeat) and is_int(timeout) and heartbeat >= timeout:
            self.add(
                key_path(where, "HeartbeatSeconds"), "HeartbeatSeconds must be below TimeoutSeconds"
            )

    def _pass(self, state: dict, where: str, scope: dict) -> None:
        pass

    def _succeed(self, state: dict, where: str, scope: dict) -> None:
        pass

    def _fail(self, state: dict, where: str, scope: dict) -> None:
        for key in ("Error", "Cause"):
            if key in state and f"{key}Path" in state:
                self.add(key_path(where, key), f"use {key} or {key}Path, not both")
            if key in state and not isinstance(state[key], str):
                self.add(key_path(where, key), f"{key} is a string")

    def _choice(self, state: dict, where: str, scope: dict) -> None:
        choices = state.get("Choices")
        if not isinstance(choices, list) or not choices:
            self.add(key_path(where, "Choices"), "Choices is a non-empty list of rules")
            choices = []
        for index, rule in enumerate(choices):
            at = f"{key_path(where, 'Choices')}[{index}]"
            for path, message in rule_problems(rule, at, top=True):
                self.add(path, message)
            if isinstance(rule, dict) and isinstance(rule.get("Next"), str):
                self._target(rule["Next"], f"{at}.Next", scope)
        if "Default" in state:
            self._target(state["Default"], key_path(where, "Default"), scope)

    def _wait(self, state: dict, where: str, scope: dict) -> None:
        ways = [k for k in ("Seconds", "SecondsPath", "Timestamp", "TimestampPath") if k in state]
        if len(ways) != 1:
            self.add(
                where,
                "a Wait state has exactly one of Seconds, SecondsPath, Timestamp, TimestampPath",
            )
        if "Seconds" in state:
            self._positive(state["Seconds"], key_path(where, "Seconds"), zero=True)
        if "Timestamp" in state and parse_timestamp(state["Timestamp"]) is None:
            self.add(
                key_path(where, "Timestamp"), "an RFC 3339 timestamp such as 2026-01-01T00:00:00Z"
            )

    def _parallel(self, state: dict, where: str, scope: dict) -> None:
        branches = state.get("Branches")
        if not isinstance(branches, list) or not branches:
            self.add(key_path(where, "Branches"), "Branches is a non-empty list of state machines")
            return
        for index, branch in enumerate(branches):
            self.machine(branch, f"{key_path(where, 'Branches')}[{index}]", top=False)

    def _map(self, state: dict, where: str, scope: dict) -> None:
        both = "ItemProcessor" in state and "Iterator" in state
        key = "ItemProcessor" if "ItemProcessor" in state else "Iterator"
        if both:
            self.add(
                key_path(where, "Iterator"), "Iterator is the old name of ItemProcessor; use one"
            )
        if key not in state:
            self.add(where, "a Map state needs ItemProcessor (its states for each item)")
        else:
            self.machine(state[key], key_path(where, key), top=False)
        if "ItemSelector" in state and "Parameters" in state:
            self.add(
                key_path(where, "Parameters"), "Parameters is the old name of ItemSelector; use one"
            )
        if "MaxConcurrency" in state:
            self._positive(state["MaxConcurrency"], key_path(where, "MaxConcurrency"), zero=True)

    # --- errors ----------------------------------------------------------------------
    def _errors(self, value: Any, where: str, *, last: bool) -> None:
        if not isinstance(value, list) or not value or not all(isinstance(e, str) for e in value):
            self.add(where, "ErrorEquals is a non-empty list of error names")
            return
        if "States.ALL" in value and (len(value) != 1 or not last):
            self.add(
                where, "States.ALL must be the only error name, in the last retrier or catcher"
            )

    def _retrier(self, retrier: Any, where: str, index: int, retriers: list) -> None:
        if not isinstance(retrier, dict):
            self.add(where, "a retrier is an object with ErrorEquals")
            return
        for key in retrier:
            if key not in RETRIER_FIELDS:
                self._unknown(key_path(where, key), key, "a retrier")
        self._errors(
            retrier.get("ErrorEquals"), f"{where}.ErrorEquals", last=index == len(retriers) - 1
        )
        for key, low in (("IntervalSeconds", 1), ("MaxDelaySeconds", 1)):
            if key in retrier and (
                not is_int(retrier[key]) or not low <= retrier[key] <= MAX_TIMEOUT
            ):
                self.add(f"{where}.{key}", f"{key} is a whole number from {low} to {MAX_TIMEOUT}")
        if "MaxAttempts" in retrier and (
            not is_int(retrier["MaxAttempts"]) or not 0 <= retrier["MaxAttempts"] <= MAX_TIMEOUT
        ):
            self.add(f"{where}.MaxAttempts", "MaxAttempts is a whole number of at least 0")
        if "BackoffRate" in retrier and (
            not is_number(retrier["BackoffRate"]) or retrier["BackoffRate"] < 1
        ):
            self.add(f"{where}.BackoffRate", "BackoffRate is a number of at least 1.0")
        if retrier.get("JitterStrategy", "NONE") not in ("FULL", "NONE"):
            self.add(f"{where}.JitterStrategy", "JitterStrategy is FULL or NONE")

    def _catcher(self, catcher: Any, where: str, index: int, state: dict, scope: dict) -> None:
        if not isinstance(catcher, dict):
            self.add(where, "a catcher is an object with ErrorEquals and Next")
            return
        for key in catcher:
            if key not in CATCHER_FIELDS:
                self._unknown(key_path(where, key), key, "a catcher")
        last = index == len(state["Catch"]) - 1
        self._errors(catcher.get("ErrorEquals"), f"{where}.ErrorEquals", last=last)
        if "Next" not in catcher:
            self.add(f"{where}.Next", "a catcher needs Next")
        else:
            self._target(catcher["Next"], f"{where}.Next", scope)
        if catcher.get("ResultPath") is not None:
            try:
                path = parse_path(catcher["ResultPath"])
                if path.context or not path.is_reference:
                    self.add(f"{where}.ResultPath", "ResultPath is a reference path")
            except ValueError as exc:
                self.add(f"{where}.ResultPath", str(exc))

    def _reachable(self, start: str, states: dict, states_path: str) -> None:
        seen, todo = {start}, [start]
        while todo:
            state = states.get(todo.pop())
            if not isinstance(state, dict):
                continue
            targets = [state.get("Next"), state.get("Default")]
            targets += [r.get("Next") for r in state.get("Choices") or [] if isinstance(r, dict)]
            targets += [c.get("Next") for c in state.get("Catch") or [] if isinstance(c, dict)]
            for target in targets:
                if isinstance(target, str) and target in states and target not in seen:
                    seen.add(target)
                    todo.append(target)
        for name in states:
            if name not in seen:
                self.add(
                    key_path(states_path, name), f"state '{name}' cannot be reached from StartAt"
                )


def definition_problems(value: Any) -> list[tuple[str, str]]:
    """(path inside the definition, message) for each thing CreateStateMachine refuses."""
    checker = Checker()
    checker.machine(value, "", top=True)
    return [(path.lstrip("."), message) for path, message in checker.found]
