"""What a simulated function or worker does with a batch: how long it takes, which records
fail (`duration`, `errorRate`, `failWhen` of the contract), and, for a consumer with an
`idempotency` edge, which records its store skips or refuses (`runtime.idempotency`).

`failWhen` is matched against the payload the producer first published, whatever envelopes
the record travelled in, so a "poison message" stays poison all the way down.
"""

from __future__ import annotations

import json
import random
from typing import Any

from engine.core.message import Copy
from engine.core.spec import FieldSpec
from engine.matching.event_patterns import compile_pattern
from engine.runtime.distributions import sampler
from engine.runtime.idempotency import (
    IN_PROGRESS_ERROR,
    NEW,
    REFUSED,
    SKIP,
    IdempotencyGuard,
    RepeatCounter,
)

# The sim fields of everything that processes records (functions and workers).
DURATION = FieldSpec(
    "duration",
    "duration",
    {"dist": "fixed", "ms": 100},
    "Handler time per invocation or batch, in ms.",
)
ERROR_RATE = FieldSpec("errorRate", "number", 0, "Chance that an invocation (a batch) fails.", 0, 1)
FAIL_WHEN = FieldSpec(
    "failWhen",
    "json",
    None,
    "An EventBridge pattern: records whose payload matches fail.",
    check="event_pattern",
)


class Outcome:
    """`error` names a whole-invocation failure (None: the handler returned); `failed` are the
    records it could not process, `skipped` those its idempotency store had as processed,
    `claimed` those whose key this invocation holds, `reasons` a failed record's own error
    (IdempotencyAlreadyInProgressError for a key another invocation holds)."""

    __slots__ = ("duration_ms", "error", "failed", "skipped", "claimed", "reasons")

    def __init__(
        self, duration_ms: float, error: str | None = None, failed: list[Copy] | None = None
    ):
        self.duration_ms = duration_ms
        self.error = error
        self.failed: list[Copy] = failed if failed is not None else []
        self.skipped: set[str] = set()
        self.claimed: set[str] = set()
        self.reasons: dict[str, str] = {}

    def error_of(self, copy: Copy) -> str:
        """The error a failed record's trace event names."""
        return self.reasons.get(copy.id) or self.error or "ItemFailure"

    def succeeded(self, copies: list[Copy]) -> list[Copy]:
        """Records the handler finished (before any error), in batch order."""
        if self.error and not self.failed:
            return []
        failed = {c.id for c in self.failed}
        done = []
        for copy in copies:
            if copy.id in failed:
                if self.error:
                    break  # an uncaught exception stops the batch at its first bad record
                continue
            done.append(copy)
        return done


def payload_object(payload: Any) -> Any:
    if isinstance(payload, str):
        try:
            return json.loads(payload)
        except ValueError:
            return payload
    return payload


class Behaviour:
    """Invariants: every random draw comes from the run's stream, in batch order; a key this
    consumer claimed is completed, released or (after a timeout) left in progress."""

    def __init__(self, sim_fields: dict[str, Any]):
        self.draw = sampler(sim_fields.get("duration") or {"dist": "fixed", "ms": 100})
        self.error_rate = float(sim_fields.get("errorRate") or 0)
        self.fail_when = (
            compile_pattern(sim_fields["failWhen"]) if sim_fields.get("failWhen") else None
        )
        self.guard: IdempotencyGuard | None = None
        self.repeats = RepeatCounter()

    def fails(self, copy: Copy) -> bool:
        if not self.fail_when:
            return False
        event = payload_object(copy.payload)
        return isinstance(event, dict) and self.fail_when.matches(event)

    def decide(
        self,
        copies: list[Copy],
        rng: random.Random,
        *,
        now: float = 0.0,
        timeout_ms: float | None = None,
        stop_at_first: bool = False,
        whole_batch_fails: bool = True,
    ) -> Outcome:
        """The outcome of one invocation over `copies`, starting at `now`.

        `whole_batch_fails`: a failing record throws, failing the invocation (Lambda without
        ReportBatchItemFailures); otherwise failures are reported per record.
        `stop_at_first`: FIFO with ReportBatchItemFailures reports the first failure and
        every later record ("Handling errors for an SQS event source in Lambda").
        """
        duration = self.draw(rng)
        deadline = now + timeout_ms / 1000.0 if timeout_ms is not None else None
        timed_out = timeout_ms is not None and duration > timeout_ms
        if not timed_out and self.error_rate and rng.random() < self.error_rate:
            return Outcome(duration, "Unhandled", list(copies))
        outcome = Outcome(timeout_ms if timed_out else duration)
        if self.guard is not None or (self.fail_when is not None and not timed_out):
            self._walk(
                copies,
                outcome,
                now=now,
                deadline=deadline,
                stop_at_first=stop_at_first,
                whole_batch_fails=whole_batch_fails,
                timed_out=timed_out,
            )
        if timed_out and not (whole_batch_fails and outcome.reasons):
            # Killed mid-way: every record fails, and the keys it claimed stay INPROGRESS.
            outcome.error, outcome.failed = "TimedOut", list(copies)
        elif outcome.failed and whole_batch_fails:
            outcome.error = "Unhandled"
        return outcome

    def _walk(
        self,
        copies: list[Copy],
        outcome: Outcome,
        *,
        now: float,
        deadline: float | None,
        stop_at_first: bool,
        whole_batch_fails: bool,
        timed_out: bool = False,
    ) -> None:
        """Records in batch order, as the handler meets them (a handler that runs past its
        timeout claims every record; only a refused key stops it early)."""
        seen: dict[str, str] = {}  # key -> copy id of its first record in this batch
        failed: set[str] = set()
        for index, copy in enumerate(copies):
            state = self._claim(copy, outcome, now=now, deadline=deadline, seen=seen, failed=failed)
            if state == SKIP:
                outcome.skipped.add(copy.id)
                continue
            if state == REFUSED:
                outcome.reasons[copy.id] = IN_PROGRESS_ERROR
            elif timed_out or not self.fails(copy):
                continue
            failed.add(copy.id)
            outcome.failed = list(copies[index:]) if stop_at_first else outcome.failed + [copy]
            if stop_at_first or whole_batch_fails:
                break

    def _claim(
        self,
        copy: Copy,
        outcome: Outcome,
        *,
        now: float,
        deadline: float | None,
        seen: dict[str, str],
        failed: set[str],
    ) -> str:
        guard = self.guard
        if guard is None:
            return NEW
        key = guard.key_of(copy)
        first = seen.get(key) if key is not None else None
        if first is not None:
            # The batch's earlier record with this key ran first: done, or deleted again.
            if first in failed:
                outcome.claimed.add(copy.id)
                return NEW
            guard.repeat(copy, key, now)
            return SKIP
        state = guard.claim(copy, now, deadline)
        if state == NEW:
            outcome.claimed.add(copy.id)
            seen[key] = copy.id
        return state

    def metrics(self) -> dict[str, int]:
        """`ProcessedMoreThanOnce`, and `DuplicatesSkipped` (0 without an idempotency
        store, so the live counters read the same metrics whichever the consumer has)."""
        skipped = self.guard.skips if self.guard is not None else 0
        return {"ProcessedMoreThanOnce": self.repeats.repeats, "DuplicatesSkipped": skipped}

    def settle(self, copies: list[Copy], outcome: Outcome, now: float) -> list[Copy]:
        """At the invocation's end: keys of records done are saved COMPLETED, those of
        records that failed in the handler deleted; returns the records it processed (done
        and not skipped), in batch order, counting repeats."""
        done = outcome.succeeded(copies)
        done_ids = {c.id for c in done}
        guard = self.guard
        fresh = []
        for copy in copies:
            claimed = copy.id in outcome.claimed
            if copy.id in done_ids and copy.id not in outcome.skipped:
                fresh.append(copy)
                if claimed:
                    guard.complete(copy, now)
                key = guard.key_of(copy) if guard is not None else copy.message_id
                self.repeats.count(key if key is not None else copy.message_id)
            elif claimed and outcome.error != "TimedOut":
                guard.release(copy)
        return fresh
