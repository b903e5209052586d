"""Running an Amazon States Language definition on the kernel: one `Execution` per start,
one `Scope` per machine, Parallel branch or Map iteration.

Each state's input goes through InputPath, then Parameters (Task, Pass, Parallel; a Map's
ItemSelector for each item), the state's work, ResultSelector, ResultPath and OutputPath,
in that order ("Processing input and output in Step Functions"). A transition is one
kernel event at the same instant, so a long loop never deepens the Python stack and a live
step shows one state at a time.

Errors ("Handling errors in Step Functions workflows"): a Task, Parallel or Map state
retries by the first retrier whose ErrorEquals names the error (its own attempt count,
`IntervalSeconds` × `BackoffRate`^n capped by `MaxDelaySeconds`, FULL jitter drawn from
the run's seeded stream), then goes to the first matching catcher's `Next` with
`{"Error", "Cause"}` at the catcher's ResultPath, else fails its scope. `States.ALL`
matches every error but `States.Runtime` and `States.DataLimitExceeded`;
`States.TaskFailed` every error but `States.Timeout`. A failed branch or iteration stops
its siblings and fails the Parallel or Map with its error.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from engine.core.message import Copy, compact_json
from engine.core.values import is_int
from engine.runtime.kernel import ACTION, STATE
from engine.runtime.templates import SIM_EPOCH, iso_time
from engine.services.stepfunctions.choice import evaluate, parse_timestamp
from engine.services.stepfunctions.paths import (
    RUNTIME,
    StatesError,
    apply_input_path,
    apply_result_path,
    parse_path,
    render,
)

# "Step Functions service quotas": 25,000 events in an execution's history; past it the
# execution fails. Each state entered and left counts two.
MAX_HISTORY = 25_000
# "Map state in inline mode": at most 40 iterations run at once.
INLINE_MAP_CONCURRENCY = 40
UNCATCHABLE = ("States.Runtime", "States.DataLimitExceeded")
MAX_PAYLOAD = 262_144

SUCCEEDED, FAILED, TIMED_OUT, RUNNING = "SUCCEEDED", "FAILED", "TIMED_OUT", "RUNNING"

Done = Callable[[Any, "str | None", str], None]


def error_matches(names: list[str], error: str) -> bool:
    if error in UNCATCHABLE:
        return error in names and error != "States.Runtime"
    if error in names:
        return True
    if "States.ALL" in names:
        return True
    return "States.TaskFailed" in names and error != "States.Timeout"


class Execution:
    """One execution. Invariant: it ends once (`status` leaves RUNNING exactly once), and
    nothing scheduled for it acts after that."""

    __slots__ = (
        "machine",
        "name",
        "arn",
        "copy",
        "input",
        "started",
        "status",
        "on_end",
        "history",
        "context",
        "output",
        "error",
        "cause",
        "where",
    )

    def __init__(self, machine: Any, name: str, copy: Copy, value: Any, on_end):
        self.machine = machine
        self.name = name
        self.arn = f"{machine.execution_prefix}:{name}"
        self.copy = copy
        self.input = value
        self.started = machine.kernel.now
        self.status = RUNNING
        self.on_end = on_end
        self.history = 0
        self.output: Any = None
        self.error = self.cause = ""
        self.where: dict[str, int] = {}  # state name: scopes of this execution in it now
        self.context: dict[str, Any] | None = None  # built when a `$$` path first asks

    def context_object(self) -> dict[str, Any]:
        """The context object's execution and state machine parts ("Accessing execution
        data from the Context object")."""
        if self.context is None:
            machine = self.machine
            self.context = {
                "Execution": {
                    "Id": self.arn,
                    "Input": self.input,
                    "Name": self.name,
                    "RoleArn": machine.role_arn,
                    "StartTime": iso_time(self.started),
                },
                "StateMachine": {"Id": machine.arn, "Name": machine.name},
            }
        return self.context

    @property
    def alive(self) -> bool:
        return self.status == RUNNING

    def begin(self, limit: float | None) -> None:
        machine = self.machine
        machine.rec.emit("execution-start", machine.id, self.copy, execution=self.name)
        if limit is not None:
            machine.kernel.at(self.started + limit, STATE, self._time_out)
        Scope(self, machine.definition, None, None).enter(machine.definition["StartAt"], self.input)

    def _time_out(self) -> None:
        if self.alive:
            self.end(TIMED_OUT, None, "States.Timeout", "The execution ran past its timeout")

    def end(self, status: str, output: Any, error: str = "", cause: str = "") -> None:
        self.status, self.output, self.error, self.cause = status, output, error, cause
        for state, count in self.where.items():
            self.machine.left_state(state, count)
        self.where.clear()
        self.machine.ended(self)

    def count_event(self, events: int = 1) -> None:
        self.history += events
        if self.history > MAX_HISTORY and self.alive:
            self.end(FAILED, None, RUNTIME, f"The execution reached {MAX_HISTORY:,} history events")


class Scope:
    """The states of one machine, branch or Map iteration, run from StartAt to an end.
    `on_done(output, error, cause)` comes once, unless the scope is cancelled first."""

    __slots__ = ("run", "states", "parent", "on_done", "alive", "item")

    def __init__(
        self,
        run: Execution,
        machine: dict,
        parent: Scope | None,
        on_done: Done | None,
        item: dict | None = None,
    ):
        self.run = run
        self.states: dict[str, dict] = machine["States"]
        self.parent = parent
        self.on_done = on_done
        self.alive = True
        self.item = item  # $$.Map.Item of an iteration

    def live(self) -> bool:
        scope: Scope | None = self
        while scope is not None:
            if not scope.alive:
                return False
            scope = scope.parent
        return self.run.alive

    def cancel(self) -> None:
        self.alive = False

    def context(self, name: str, entered: float, retries: int = 0) -> dict:
        """The context object as a state sees it; {} for a definition with no `$$` path
        (most have none: building it for every state would cost every run)."""
        if not self.run.machine.uses_context:
            return {}
        ctx = dict(self.run.context_object())
        ctx["State"] = {"EnteredTime": iso_time(entered), "Name": name, "RetryCount": retries}
        if self.item is not None:
            ctx["Map"] = {"Item": self.item}
        return ctx

    # --- moving between states ---------------------------------------------------------
    def enter(self, name: str, value: Any) -> None:
        self.run.machine.kernel.at(self.run.machine.kernel.now, ACTION, self._enter, name, value)

    def _enter(self, name: str, value: Any) -> None:
        if not self.live():
            return
        run = self.run
        machine = run.machine
        run.count_event()
        if not run.alive:
            return
        state = self.states[name]
        machine.rec.emit("state-enter", machine.id, run.copy, execution=run.name, state=name)
        machine.entered_state(name)
        run.where[name] = run.where.get(name, 0) + 1
        kind = state["Type"]
        try:
            if kind in ("Task", "Parallel", "Map"):
                Attempt(self, name, state, value).start()
            else:
                getattr(self, f"_{kind.lower()}")(name, state, value)
        except StatesError as exc:
            self.fail(name, exc.error, exc.cause)

    def _left(self, name: str, **fields: Any) -> None:
        run = self.run
        machine = run.machine
        run.count_event()
        count = run.where.get(name, 0)
        if count:
            if count == 1:
                del run.where[name]
            else:
                run.where[name] = count - 1
            machine.left_state(name, 1)
        machine.rec.emit(
            "state-exit", machine.id, run.copy, execution=run.name, state=name, **fields
        )

    def leave(self, name: str, state: dict, output: Any) -> None:
        """The state succeeded with `output`: on to Next, or the scope ends."""
        if not self.live():
            return
        self._left(name)
        if not self.run.alive:
            return
        if state.get("End") or state["Type"] == "Succeed":
            self.finish(output)
        else:
            self.enter(state["Next"], output)

    def finish(self, output: Any) -> None:
        self.alive = False
        if self.on_done is not None:
            self.on_done(output, None, "")
        else:
            self.run.end(SUCCEEDED, output)

    def fail(self, name: str, error: str, cause: str) -> None:
        if not self.live():
            return
        self._left(name, error=error)
        if not self.run.alive:
            return
        self.alive = False
        if self.on_done is not None:
            self.on_done(None, error, cause)
        else:
            self.run.end(FAILED, None, error, cause)

    # --- the states that cannot fail by their own work ------------------------------------
    def _ctx(self, name: str) -> dict:
        return self.context(name, self.run.machine.kernel.now)

    def _pass(self, name: str, state: dict, value: Any) -> None:
        ctx = self._ctx(name)
        effective = apply_input_path(state.get("InputPath", "$"), value, ctx)
        if "Result" in state:
            result = state["Result"]
        elif "Parameters" in state:
            result = render(state["Parameters"], effective, ctx, self.run.machine.sim.rng)
        else:
            result = effective
        output = apply_result_path(state.get("ResultPath", "$"), value, result)
        self.leave(name, state, apply_input_path(state.get("OutputPath", "$"), output, ctx))

    def _succeed(self, name: str, state: dict, value: Any) -> None:
        ctx = self._ctx(name)
        effective = apply_input_path(state.get("InputPath", "$"), value, ctx)
        self.leave(name, state, apply_input_path(state.get("OutputPath", "$"), effective, ctx))

    def _fail(self, name: str, state: dict, value: Any) -> None:
        ctx = self._ctx(name)
        error = state.get("Error")
        cause = state.get("Cause", "")
        if "ErrorPath" in state:
            error = parse_path(state["ErrorPath"]).select(value, ctx)
        if "CausePath" in state:
            cause = parse_path(state["CausePath"]).select(value, ctx)
        self.fail(name, str(error) if error is not None else "States.Fail", str(cause or ""))

    def _choice(self, name: str, state: dict, value: Any) -> None:
        ctx = self._ctx(name)
        effective = apply_input_path(state.get("InputPath", "$"), value, ctx)
        target = next(
            (rule["Next"] for rule in state["Choices"] if evaluate(rule, effective, ctx)),
            state.get("Default"),
        )
        if target is None:
            raise StatesError(RUNTIME, f"No Choice matched and no Default in state '{name}'")
        output = apply_input_path(state.get("OutputPath", "$"), effective, ctx)
        self._left(name, next=target)
        if self.run.alive:
            self.enter(target, output)

    def _wait(self, name: str, state: dict, value: Any) -> None:
        ctx = self._ctx(name)
        effective = apply_input_path(state.get("InputPath", "$"), value, ctx)
        now = self.run.machine.kernel.now
        if "Seconds" in state or "SecondsPath" in state:
            seconds = state.get("Seconds")
            if "SecondsPath" in state:
                seconds = parse_path(state["SecondsPath"]).select(effective, ctx)
            if not is_int(seconds) or seconds < 0:
                raise StatesError(
                    RUNTIME,
                    f"SecondsPath of '{name}' selected {seconds!r}, not a whole number of seconds",
                )
            delay = float(seconds)
        else:
            stamp = state.get("Timestamp")
            if "TimestampPath" in state:
                stamp = parse_path(state["TimestampPath"]).select(effective, ctx)
            moment = parse_timestamp(stamp)
            if moment is None:
                raise StatesError(
                    RUNTIME,
                    f"TimestampPath of '{name}' selected {stamp!r}, not an RFC 3339 timestamp",
                )
            now_moment = SIM_EPOCH + timedelta(seconds=now)
            delay = max(0.0, (moment - now_moment).total_seconds())
        output = apply_input_path(state.get("OutputPath", "$"), effective, ctx)
        self.run.machine.kernel.at(now + delay, ACTION, self.leave, name, state, output)


class Attempt:
    """A Task, Parallel or Map state with its retriers: each try runs the state's work;
    an error goes to the retriers, then the catchers, then fails the scope."""

    __slots__ = ("scope", "name", "state", "value", "retries", "tries", "token", "entered")

    def __init__(self, scope: Scope, name: str, state: dict, value: Any):
        self.scope, self.name, self.state, self.value = scope, name, state, value
        self.retries: dict[int, int] = {}
        self.tries = 0
        self.token = 0
        self.entered = scope.run.machine.kernel.now

    @property
    def machine(self) -> Any:
        return self.scope.run.machine

    def start(self) -> None:
        if not self.scope.live():
            return
        self.tries += 1
        self.token += 1
        token = self.token
        state = self.state
        ctx = self.scope.context(self.name, self.entered, self.tries - 1)
        try:
            effective = apply_input_path(state.get("InputPath", "$"), self.value, ctx)
            kind = state["Type"]
            if kind == "Task":
                self._task(effective, ctx, token)
            elif kind == "Parallel":
                self._parallel(effective, ctx, token)
            else:
                self._map(effective, ctx, token)
        except StatesError as exc:
            self.done(token, None, exc.error, exc.cause)

    def done(self, token: int, result: Any, error: str | None, cause: str = "") -> None:
        """The work of try `token` ended; a late answer of an earlier try is ignored."""
        if token != self.token or not self.scope.live():
            return
        self.token += 1  # nothing more from this try counts (a timeout, a late answer)
        if error is None:
            try:
                self._succeeded(result)
            except StatesError as exc:
                self.scope.fail(self.name, exc.error, exc.cause)
            return
        self._failed(error, cause)

    def _succeeded(self, result: Any) -> None:
        state = self.state
        ctx = self.scope.context(self.name, self.entered, self.tries - 1)
        if "ResultSelector" in state:
            result = render(state["ResultSelector"], result, ctx, self.machine.sim.rng)
        output = apply_result_path(state.get("ResultPath", "$"), self.value, result)
        if len(compact_json(output)) > MAX_PAYLOAD:
            raise StatesError(
                "States.DataLimitExceeded",
                f"The output of state '{self.name}' is larger than {MAX_PAYLOAD:,} bytes",
            )
        self.scope.leave(
            self.name, state, apply_input_path(state.get("OutputPath", "$"), output, ctx)
        )

    def _failed(self, error: str, cause: str) -> None:
        machine = self.machine
        run = self.scope.run
        for index, retrier in enumerate(self.state.get("Retry") or []):
            if not error_matches(retrier["ErrorEquals"], error):
                continue
            used = self.retries.get(index, 0)
            if used >= retrier.get("MaxAttempts", 3):
                break  # this retrier is spent: on to the catchers
            self.retries[index] = used + 1
            delay = retrier.get("IntervalSeconds", 1) * retrier.get("BackoffRate", 2.0) ** used
            if "MaxDelaySeconds" in retrier:
                delay = min(delay, retrier["MaxDelaySeconds"])
            if retrier.get("JitterStrategy") == "FULL":
                delay = machine.sim.rng.uniform(0, delay)
            run.count_event()
            machine.retried += 1
            machine.rec.emit(
                "retry",
                machine.id,
                run.copy,
                execution=run.name,
                state=self.name,
                error=error,
                attempt=self.tries + 1,
                after=round(delay, 6),
            )
            machine.kernel.after(delay, ACTION, self.start)
            return
        for catcher in self.state.get("Catch") or []:
            if error_matches(catcher["ErrorEquals"], error):
                info = {"Error": error, "Cause": cause}
                try:
                    output = apply_result_path(catcher.get("ResultPath", "$"), self.value, info)
                except StatesError as exc:
                    self.scope.fail(self.name, exc.error, exc.cause)
                    return
                machine.caught += 1
                self.scope._left(self.name, error=error, caught=catcher["Next"])
                if run.alive:
                    self.scope.enter(catcher["Next"], output)
                return
        self.scope.fail(self.name, error, cause)

    # --- the work of each kind ---------------------------------------------------------
    def _task(self, effective: Any, ctx: dict, token: int) -> None:
        state = self.state
        if "Parameters" in state:
            request = render(state["Parameters"], effective, ctx, self.machine.sim.rng)
        else:
            request = effective
        timeout = state.get("TimeoutSeconds")
        if "TimeoutSecondsPath" in state:
            timeout = parse_path(state["TimeoutSecondsPath"]).select(effective, ctx)
            if not is_int(timeout) or timeout <= 0:
                raise StatesError(RUNTIME, f"TimeoutSecondsPath selected {timeout!r}")
        if timeout is not None:
            self.machine.kernel.after(
                float(timeout),
                STATE,
                self.done,
                token,
                None,
                "States.Timeout",
                f"State '{self.name}' ran longer than its TimeoutSeconds ({timeout} s)",
            )
        self.machine.run_task(
            self.scope.run,
            self.name,
            state,
            request,
            lambda result, error=None, cause="": self.done(token, result, error, cause),
        )

    def _parallel(self, effective: Any, ctx: dict, token: int) -> None:
        state = self.state
        if "Parameters" in state:
            effective = render(state["Parameters"], effective, ctx, self.machine.sim.rng)
        branches = state["Branches"]
        Fan(self, token, [(branch, effective, None) for branch in branches], len(branches))

    def _map(self, effective: Any, ctx: dict, token: int) -> None:
        state = self.state
        items = apply_input_path(state.get("ItemsPath", "$"), effective, ctx)
        if not isinstance(items, list):
            raise StatesError(
                RUNTIME, f"ItemsPath of Map state '{self.name}' did not select an array"
            )
        selector = state.get("ItemSelector", state.get("Parameters"))
        processor = state.get("ItemProcessor") or state.get("Iterator")
        jobs = []
        for index, item in enumerate(items):
            position = {"Index": index, "Value": item}
            if selector is not None:
                item_ctx = dict(ctx, Map={"Item": position})
                value = render(selector, effective, item_ctx, self.machine.sim.rng)
            else:
                value = item
            jobs.append((processor, value, position))
        limit = state.get("MaxConcurrency", 0) or INLINE_MAP_CONCURRENCY
        Fan(self, token, jobs, min(limit, INLINE_MAP_CONCURRENCY))


class Fan:
    """The branches of a Parallel or the iterations of a Map: at most `limit` running at
    once, outputs kept in order, the first failure cancelling the rest."""

    __slots__ = ("attempt", "token", "jobs", "outputs", "next", "running", "left", "over", "scopes")

    def __init__(self, attempt: Attempt, token: int, jobs: list, limit: int):
        self.attempt, self.token, self.jobs = attempt, token, jobs
        self.outputs: list[Any] = [None] * len(jobs)
        self.next = self.running = 0
        self.left = len(jobs)
        self.over = False
        self.scopes: list[Scope] = []
        if not jobs:
            attempt.done(token, [], None)
            return
        for _ in range(min(limit, len(jobs))):
            self._start_next()

    def _start_next(self) -> None:
        index = self.next
        self.next += 1
        machine, value, item = self.jobs[index]
        scope = Scope(
            self.attempt.scope.run,
            machine,
            self.attempt.scope,
            lambda output, error, cause: self._ended(index, output, error, cause),
            item,
        )
        self.scopes.append(scope)
        self.running += 1
        scope.enter(machine["StartAt"], value)

    def _ended(self, index: int, output: Any, error: str | None, cause: str) -> None:
        if self.over:
            return
        self.running -= 1
        if error is not None:
            self.over = True
            for scope in self.scopes:
                scope.cancel()
            self.attempt.done(self.token, None, error, cause)
            return
        self.outputs[index] = output
        self.left -= 1
        if self.left == 0:
            self.over = True
            self.attempt.done(self.token, self.outputs, None)
        elif self.next < len(self.jobs):
            self._start_next()
