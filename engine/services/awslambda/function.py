"""AWS Lambda functions: the engine's `lambda.function` node.

Concurrency and throttling ("Lambda function scaling"), cold starts on new execution
environments, timeouts, asynchronous invocation with its retries, event age and
destinations ("How Lambda handles errors and retries with asynchronous invocation"), and
`publish` edges for what the function sends on. Event source mappings live in
`engine.polling` (`sqs_source`, `stream_source`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from engine.core.message import Copy, compact_json
from engine.core.spec import FieldSpec, NodeSpec
from engine.polling.mq_source import MqEventSource
from engine.polling.sqs_source import SqsEventSource
from engine.polling.stream_source import StreamEventSource
from engine.runtime import names
from engine.runtime.behaviour import DURATION, ERROR_RATE, FAIL_WHEN, Behaviour, Outcome
from engine.runtime.distributions import sampler
from engine.runtime.idempotency import IdempotencyGuard
from engine.runtime.kernel import ACTION
from engine.runtime.resource import Resource
from engine.runtime.shards import StreamResource
from engine.runtime.templates import iso_time

# "Lambda quotas": 1,000 concurrent executions per Region by default; here each function
# without reserved concurrency may use that many (the account pool is not shared).
ACCOUNT_CONCURRENCY = 1000
# Asynchronous retries after a function error: about 1 minute, then about 2 more minutes.
ASYNC_RETRY_DELAYS = (60.0, 120.0)
# Throttled asynchronous events: retried from 1 s, doubling, up to 5 minutes apart.
THROTTLE_FIRST, THROTTLE_MAX = 1.0, 300.0
# What a synchronous caller sees ("Handling errors in Step Functions workflows"): a
# throttle, a timeout, and an unhandled exception of the simulated handler.
THROTTLED_ERROR = "Lambda.TooManyRequestsException"
HANDLER_ERROR = "Error"
SYNC_ERRORS = {"TimedOut": "Sandbox.Timedout"}
# "Lambda runtimes": deprecated runtimes still accepted (old diagrams keep loading), with
# the date AWS deprecated each and the runtime to move to.
DEPRECATED_RUNTIMES = {"nodejs20.x": ("2026-04-30", "nodejs24.x")}
# Cold-start times (ms) by runtime family: community measurements, not AWS figures.
COLD_START_MS = {
    "python": 250,
    "nodejs": 250,
    "ruby": 300,
    "java": 1200,
    "dotnet": 900,
    "provided": 120,
}

SPEC = NodeSpec(
    type="lambda.function",
    metrics=(
        "Invocations",
        "Errors",
        "Throttles",
        "Duration",
        "ConcurrentExecutions",
        "IteratorAge",
        "OffsetLag",
        "RunningExecutions",
        "DestinationDeliveryFailures",
        "DeadLetterErrors",
        "AsyncEventsQueued",
        "ProcessedMoreThanOnce",
        "DuplicatesSkipped",
    ),
    group="Compute",
    name_prop="FunctionName",
    arn_format="arn:aws:lambda:{region}:{account}:function:{name}",
    metric_namespace="AWS/Lambda",
    metric_dimension="FunctionName",
    counters=(
        ("RunningExecutions", "running"),
        ("Errors", "errors"),
        ("Throttles", "throttled"),
    ),
    counter_variants=(
        (
            "stream",
            (
                ("RunningExecutions", "running"),
                ("Errors", "errors"),
                ("IteratorAge", "iter age ms"),
            ),
        ),
        (
            "idempotency",
            (
                ("ProcessedMoreThanOnce", "twice"),
                ("DuplicatesSkipped", "skipped"),
                ("Errors", "errors"),
            ),
        ),
    ),
    label="Lambda function",
    description="Runs code per event or per batch; scales with concurrency.",
    cfn_type="AWS::Lambda::Function",
    props=(
        FieldSpec(
            "FunctionName",
            "string",
            None,
            pattern=r"[A-Za-z0-9_-]{1,64}",
            help="Up to 64 letters, digits, hyphens and underscores.",
        ),
        FieldSpec(
            "Runtime",
            "enum",
            "python3.12",
            choices=(
                "python3.14",
                "python3.13",
                "python3.12",
                "nodejs24.x",
                "nodejs22.x",
                "nodejs20.x",
                "java25",
                "java21",
                "dotnet10",
                "dotnet8",
                "ruby3.4",
                "ruby3.3",
                "provided.al2023",
            ),
            help='The language runtime ("Lambda runtimes"); a deprecated one still loads, '
            "and the advice says so.",
        ),
        FieldSpec(
            "Timeout", "int", 3, minimum=1, maximum=900, help="Seconds before it is stopped."
        ),
        FieldSpec("MemorySize", "int", 128, minimum=128, maximum=10240, help="MB."),
        FieldSpec(
            "ReservedConcurrentExecutions",
            "int",
            None,
            minimum=0,
            maximum=1000,
            help="Both a guarantee and a cap on concurrent executions; 0 throttles all.",
        ),
        FieldSpec(
            "DeadLetterConfig",
            "json",
            None,
            check="function_dead_letter",
            help='{"TargetArn": "<standard queue or topic node id>"}: where an asynchronous '
            "event goes, as it was sent, once its retries are spent.",
        ),
    ),
    sim=(
        DURATION,
        ERROR_RATE,
        FAIL_WHEN,
        FieldSpec(
            "coldStart",
            "duration",
            None,
            help="Init time of a new execution environment (default by runtime).",
        ),
        FieldSpec(
            "MaximumRetryAttempts",
            "int",
            2,
            minimum=0,
            maximum=2,
            help="Asynchronous invocations: retries after a function error.",
        ),
        FieldSpec(
            "MaximumEventAgeInSeconds",
            "int",
            21600,
            minimum=60,
            maximum=21600,
            help="Asynchronous invocations: how long an event may wait.",
        ),
    ),
)


class AsyncEvent:
    """An event in the function's asynchronous queue."""

    __slots__ = ("copy", "edge", "queued_at", "attempts", "throttles")

    def __init__(self, copy: Copy, edge: str | None, queued_at: float):
        self.copy, self.edge, self.queued_at = copy, edge, queued_at
        self.attempts = 0
        self.throttles = 0


class LambdaFunction(Resource):
    """Invariants: 0 <= running <= the concurrency cap; every environment is busy or idle;
    an asynchronous event is queued, running or waiting for a retry until it ends."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        p, s = node.props, node.sim
        self.timeout_ms = p["Timeout"] * 1000.0
        reserved = p["ReservedConcurrentExecutions"]
        self.cap = ACCOUNT_CONCURRENCY if reserved is None else reserved
        self.behaviour = Behaviour(s)
        family = next((k for k in COLD_START_MS if p["Runtime"].startswith(k)), "python")
        cold = s["coldStart"] if s["coldStart"] is not None else COLD_START_MS[family]
        self.cold_start = sampler(cold)
        self.max_retries = s["MaximumRetryAttempts"]
        self.max_age = float(s["MaximumEventAgeInSeconds"])
        self.arn = names.arn(node)
        self.destinations: dict[str, tuple[str, Resource]] = {}
        self.dead_letter_target = ((p.get("DeadLetterConfig") or {}).get("TargetArn")) or None
        self.dead_letter_errors = 0
        self.sources: list[SqsEventSource | StreamEventSource | MqEventSource] = []
        self.iterator_age_ms = 0.0
        self.running = self.peak = self.idle = 0
        self.invocations = self.errors = self.throttles = 0
        self.duration_total = 0.0
        self.async_pending = 0
        self.destination_failures = 0

    def wire_in(self, edge, source: Resource) -> None:
        if edge.kind == "event-source":
            if isinstance(source, StreamResource):
                self.sources.append(StreamEventSource(edge, source, self))
            elif hasattr(source, "open_consumer"):  # an Amazon MQ queue
                self.sources.append(MqEventSource(edge, source, self))
            else:
                self.attach_source(edge, source)

    def wire_out(self, edge, target: Resource) -> None:
        if edge.kind == "destination":
            self.destinations[edge.props["condition"]] = (edge.id, target)
        elif edge.kind == "idempotency":
            self.behaviour.guard = IdempotencyGuard(edge, target, owner=self.id, recorder=self.rec)
        super().wire_out(edge, target)

    def attach_source(self, edge, queue) -> None:
        self.sources.append(SqsEventSource(edge, queue, self))

    def start(self) -> None:
        for source in self.sources:
            source.start()

    # --- concurrency ---------------------------------------------------------------
    def try_acquire(self, copies: list[Copy], edge: str | None) -> bool:
        """Take one unit of concurrency, or count a throttle for each record."""
        if self.running < self.cap:
            self.running += 1
            self.peak = max(self.peak, self.running)
            return True
        self.throttles += 1
        for copy in copies:
            self.rec.emit("throttle", self.id, copy, edge=edge)
        return False

    def execute(
        self,
        copies: list[Copy],
        edge: str | None,
        *,
        stop_at_first: bool = False,
        whole_batch_fails: bool = True,
        on_done: Callable[[list[Copy], Outcome], None],
    ) -> None:
        """Run one invocation (concurrency already taken) and call `on_done` at its end."""
        init_ms = 0.0
        if self.idle:
            self.idle -= 1
        else:
            init_ms = self.cold_start(self.sim.rng)
        for copy in copies:
            if init_ms:
                self.rec.emit("invoke", self.id, copy, edge=edge, coldStart=round(init_ms, 3))
            else:
                self.rec.emit("invoke", self.id, copy, edge=edge)
        outcome = self.behaviour.decide(
            copies,
            self.sim.rng,
            now=self.kernel.now,
            timeout_ms=self.timeout_ms,
            stop_at_first=stop_at_first,
            whole_batch_fails=whole_batch_fails,
        )
        self.kernel.after(
            (init_ms + outcome.duration_ms) / 1000.0, ACTION, self._finish, copies, outcome, on_done
        )

    def _finish(
        self, copies: list[Copy], outcome: Outcome, on_done: Callable[[list[Copy], Outcome], None]
    ) -> None:
        self.running -= 1
        self.idle += 1
        self.invocations += 1
        self.duration_total += outcome.duration_ms
        if outcome.error:
            self.errors += 1
        done = outcome.succeeded(copies)
        failed = {c.id for c in outcome.failed}
        for copy in copies:
            if copy.id in failed:
                self.rec.emit("error", self.id, copy, error=outcome.error_of(copy))
            elif outcome.error and copy not in done:
                continue  # never reached: the handler threw before this record
            else:
                self.rec.emit("success", self.id, copy)
        self.send_on(self.behaviour.settle(copies, outcome, self.kernel.now))
        on_done(copies, outcome)

    # --- asynchronous invocation ---------------------------------------------------
    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        """An asynchronous invoke (`InvocationType=Event`): queued, then run when possible."""
        copy.holder = self
        self.async_pending += 1
        self.rec.emit("deliver", self.id, copy, edge=edge)
        event = AsyncEvent(copy, edge, self.kernel.now)
        self.kernel.at(self.kernel.now, ACTION, self._attempt, event)
        return None

    def _attempt(self, event: AsyncEvent) -> None:
        if self.kernel.now - event.queued_at > self.max_age:
            self._give_up(event, "EventAgeExceeded")
            return
        if self.cap == 0:
            # "Asynchronous invocation": with reserved concurrency 0, Lambda sends new events
            # to the on-failure destination (or drops them) without retries.
            self.throttles += 1
            self.rec.emit("throttle", self.id, event.copy, edge=event.edge)
            self._give_up(event, "RetriesExhausted")
            return
        if not self.try_acquire([event.copy], event.edge):
            delay = min(THROTTLE_MAX, THROTTLE_FIRST * 2**event.throttles)
            event.throttles += 1
            self.kernel.after(delay, ACTION, self._attempt, event)
            return
        event.attempts += 1
        self.execute(
            [event.copy],
            event.edge,
            on_done=lambda copies, outcome: self._async_done(event, outcome),
        )

    def _async_done(self, event: AsyncEvent, outcome: Outcome) -> None:
        if not outcome.error and not outcome.failed:
            self._send_record(event, "OnSuccess", "Success", outcome)
            self._end_async(event, "processed")
            return
        if event.attempts <= self.max_retries:
            delay = ASYNC_RETRY_DELAYS[min(event.attempts, len(ASYNC_RETRY_DELAYS)) - 1]
            self.rec.emit("retry", self.id, event.copy, attempt=event.attempts + 1, after=delay)
            self.kernel.after(delay, ACTION, self._attempt, event)
            return
        self._give_up(event, "RetriesExhausted", outcome)

    def _give_up(self, event: AsyncEvent, condition: str, outcome: Outcome | None = None) -> None:
        self._send_record(event, "OnFailure", condition, outcome)
        self._dead_letter(event, condition, outcome)
        self.rec.emit("drop", self.id, event.copy, reason=condition)
        self._end_async(event, "expired" if condition == "EventAgeExceeded" else "dropped")

    def _end_async(self, event: AsyncEvent, bucket: str) -> None:
        self.async_pending -= 1
        event.copy.holder = None
        self.rec.end(event.copy, bucket)

    def _send_record(
        self, event: AsyncEvent, condition: str, reason: str, outcome: Outcome | None
    ) -> None:
        """A destination gets an invocation record, not the event itself."""
        target = self.destinations.get(condition)
        if target is None:
            return
        edge, resource = target
        record = {
            "version": "1.0",
            "timestamp": iso_time(self.kernel.now),
            "requestContext": {
                "requestId": event.copy.id,
                "functionArn": f"{self.arn}:$LATEST",
                "condition": reason,
                "approximateInvokeCount": event.attempts,
            },
            "requestPayload": _event_of(event.copy),
            "responseContext": {"statusCode": 200, "executedVersion": "$LATEST"},
            "responsePayload": None,
        }
        if outcome is not None and outcome.error:
            record["responseContext"]["functionError"] = outcome.error
        body = compact_json(record)
        out = self.sim.derive(event.copy, body=body, attributes={}, dedup=event.copy.id)
        if self.sim.publish(self.id, out, edge=edge, target=resource) is not None:
            self.destination_failures += 1

    def _dead_letter(self, event: AsyncEvent, condition: str, outcome: Outcome | None) -> None:
        """ "Dead-letter queues" of asynchronous invocation: the event itself, as it was
        sent, with the RequestID, ErrorCode and ErrorMessage attributes (a destination gets
        an invocation record instead). Failing to send counts in DeadLetterErrors."""
        if self.dead_letter_target is None:
            return
        target = self.sim.resources.get(self.dead_letter_target)
        message = (outcome.error if outcome is not None and outcome.error else condition)[:1024]
        attributes = {
            "RequestID": {"Type": "String", "Value": event.copy.id},
            "ErrorCode": {"Type": "Number", "Value": "200"},
            "ErrorMessage": {"Type": "String", "Value": message},
        }
        out = self.sim.derive(event.copy, attributes=attributes, dedup=event.copy.id)
        self.rec.emit("dead-letter", self.id, out, target=self.dead_letter_target, reason=condition)
        if target is None or self.sim.publish(self.id, out, edge=None, target=target) is not None:
            self.dead_letter_errors += 1

    # --- synchronous invocation ----------------------------------------------------
    def call(
        self, copy: Copy, *, edge: str | None, on_done: Callable[[Any, str | None], None]
    ) -> None:
        """A synchronous invoke (`InvocationType=RequestResponse`), as Step Functions' task
        and a pipe's enrichment make it: no retries here (the caller's own rules retry), a
        throttle is an error at once. The simulated handler returns the event it was given."""
        if not self.try_acquire([copy], edge):
            self.kernel.at(self.kernel.now, ACTION, on_done, None, THROTTLED_ERROR)
            return

        def done(copies: list[Copy], outcome: Outcome) -> None:
            if outcome.error or outcome.failed:
                on_done(None, SYNC_ERRORS.get(outcome.error or "", HANDLER_ERROR))
            else:
                on_done(_event_of(copy), None)

        self.execute([copy], edge, on_done=done)

    # --- reporting -----------------------------------------------------------------
    def _offset_lag(self) -> int:
        """Kafka mappings' OffsetLag: records of their topics not yet processed."""
        return sum(
            source.lag()
            for source in self.sources
            if isinstance(source, StreamEventSource) and hasattr(source.stream, "lags")
        )

    def holdings(self) -> dict[str, int]:
        return {"in_flight": self.async_pending}

    def metrics(self) -> dict[str, Any]:
        average = self.duration_total / self.invocations if self.invocations else 0.0
        return {
            "Invocations": self.invocations,
            "Errors": self.errors,
            "Throttles": self.throttles,
            "Duration": round(average, 3),
            "ConcurrentExecutions": self.peak,
            "IteratorAge": round(self.iterator_age_ms, 3),
            "OffsetLag": self._offset_lag(),
            "RunningExecutions": self.running,
            "DestinationDeliveryFailures": self.destination_failures,
            "DeadLetterErrors": self.dead_letter_errors,
            "AsyncEventsQueued": self.async_pending,
            **self.behaviour.metrics(),
        }


def _event_of(copy: Copy) -> Any:
    """The event the function was invoked with: the copy's body, as JSON when it is JSON."""
    try:
        return json.loads(copy.body)
    except ValueError:
        return copy.body
