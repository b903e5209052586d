"""What a simulated function or worker does with a batch: how long it takes, and which
records fail (`duration`, `errorRate`, `failWhen`, `idempotent` of the contract).

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
IDEMPOTENT = FieldSpec(
    "idempotent", "bool", False, "Skip records whose message id it already processed."
)


class Outcome:
    """`error` names a whole-invocation failure (None: the handler returned); `failed` are the
    records it could not process, `skipped` those it had already processed (idempotent)."""

    __slots__ = ("duration_ms", "error", "failed", "skipped")

    def __init__(
        self, duration_ms: float, error: str | None = None, failed: list[Copy] | None = None
    ):
        self.duration_ms = duration_ms
        self.error = error
        self.failed: list[Copy] = failed if failed is not None else []
        self.skipped: set[str] = set()

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
    """Invariant: every random draw comes from the run's stream, in batch order."""

    def __init__(self, sim_fields: dict[str, Any]):
        self.draw = sampler(sim_fields.get("duration") or {"dist": "fixed", "ms": 100})
        self.error_rate = float(sim_fields.get("errorRate") or 0)
        self.fail_when = (
            compile_pattern(sim_fields["failWhen"]) if sim_fields.get("failWhen") else None
        )
        self.idempotent = bool(sim_fields.get("idempotent"))
        self.seen: set[str] = set()

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
        timeout_ms: float | None = None,
        stop_at_first: bool = False,
        whole_batch_fails: bool = True,
    ) -> Outcome:
        """The outcome of one invocation over `copies`.

        `whole_batch_fails`: a failing record throws, failing the invocation (Lambda without
        ReportBatchItemFailures); otherwise failures are reported per record.
        `stop_at_first`: FIFO with ReportBatchItemFailures reports the first failure and
        every later record ("Handling errors for an SQS event source in Lambda").
        """
        duration = self.draw(rng)
        if timeout_ms is not None and duration > timeout_ms:
            return Outcome(timeout_ms, "TimedOut", list(copies))
        if self.error_rate and rng.random() < self.error_rate:
            return Outcome(duration, "Unhandled", list(copies))
        outcome = Outcome(duration)
        if not self.idempotent and self.fail_when is None:
            return outcome
        in_batch: set[str] = set()  # an idempotent handler also skips a repeat in one batch
        for index, copy in enumerate(copies):
            if self.idempotent and (copy.message_id in self.seen or copy.message_id in in_batch):
                outcome.skipped.add(copy.id)
                continue
            in_batch.add(copy.message_id)
            if self.fails(copy):
                outcome.failed = list(copies[index:]) if stop_at_first else outcome.failed + [copy]
                if stop_at_first or whole_batch_fails:
                    break
        if outcome.failed and whole_batch_fails:
            outcome.error = "Unhandled"
        return outcome

    def remember(self, copies: list[Copy]) -> None:
        if self.idempotent:
            self.seen.update(c.message_id for c in copies)
