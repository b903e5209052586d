"""Lambda event source mappings for SQS ("Using Lambda with Amazon SQS").

The mapping long-polls the queue, gathers batches (`BatchSize`,
`MaximumBatchingWindowInSeconds`), drops records that match none of its `FilterCriteria`,
invokes the function synchronously, deletes what succeeded (all of the batch, or all but
the reported `batchItemFailures`), and leaves failures in flight until the visibility
timeout returns them. It starts with 5 concurrent batches and adds up to 300 a minute
while messages wait, up to 1,000 or `ScalingConfig.MaximumConcurrency`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.core.message import IN_FLIGHT, Copy
from engine.matching.event_patterns import matches
from engine.polling.batching import BatchingPoller
from engine.polling.filters import esm_filter_patterns, json_or_text
from engine.runtime.behaviour import Outcome
from engine.runtime.kernel import ACTION

if TYPE_CHECKING:
    from engine.polling.invoker import Invoker
    from engine.runtime.host import PolledQueue

START_BATCHES = 5
MAX_BATCHES = 1000
SCALE_STEP = 5  # batches added each second while saturated: 300 a minute
SCALE_EVERY = 1.0
DEFAULT_BATCH_SIZE = 10
# Throttled batches are retried with backoff until their visibility timeout runs out.
THROTTLE_FIRST, THROTTLE_MAX = 1.0, 60.0


def sqs_filter_view(copy: Copy) -> dict[str, Any]:
    """The record an SQS filter pattern sees: `body` parsed as JSON when it is JSON."""
    return {"body": json_or_text(copy.body), "messageAttributes": copy.attributes}


class SqsEventSource(BatchingPoller):
    """Invariants: `active` batches are running or waiting to retry, never more than
    `limit`; the mapping is registered as a waiter on the queue at most once."""

    def __init__(self, edge, queue: PolledQueue, function: Invoker):
        p = edge.props
        self.edge = edge.id
        self.queue = queue
        self.function = function
        self.kernel = function.kernel
        self.rec = function.rec
        self.batch_size = p["BatchSize"] or DEFAULT_BATCH_SIZE
        self.window = float(p["MaximumBatchingWindowInSeconds"] or 0)
        self.report_failures = "ReportBatchItemFailures" in (p["FunctionResponseTypes"] or [])
        cap = (p["ScalingConfig"] or {}).get("MaximumConcurrency")
        self.cap = min(MAX_BATCHES, cap) if cap else MAX_BATCHES
        self.filters = esm_filter_patterns(p["FilterCriteria"]) if p["FilterCriteria"] else []
        self.enabled = p["Enabled"] is not False
        self.limit = min(START_BATCHES, self.cap)
        self._init_polling()
        self.scaling = False

    def _dispatch(self, batch: list[Copy]) -> None:
        if self.filters:
            batch = [c for c in batch if self._passes_filters(c)]
            if not batch:
                return
        self.active += 1
        held = {c.id: c.receipt for c in batch}  # this receive's receipts, for the deletes
        deadline = self.kernel.now + self.queue.visibility_timeout
        self._invoke(batch, held, deadline, 0)

    def _passes_filters(self, copy: Copy) -> bool:
        view = sqs_filter_view(copy)
        if any(matches(pattern, view) for pattern in self.filters):
            return True
        # "Lambda event filtering": SQS messages that match no filter are deleted.
        self.rec.emit("filter-out", self.function.id, copy, edge=self.edge)
        self.queue.discard(copy, copy.receipt, "filtered")
        return False

    def _invoke(
        self, batch: list[Copy], held: dict[str, int], deadline: float, throttles: int
    ) -> None:
        live = [
            c
            for c in batch
            if c.holder is self.queue and c.state == IN_FLIGHT and c.receipt == held[c.id]
        ]
        if not live:
            self._batch_over()
            return
        if self.function.try_acquire(live, self.edge):
            self.function.execute(
                live,
                self.edge,
                stop_at_first=self.queue.fifo and self.report_failures,
                whole_batch_fails=not self.report_failures,
                on_done=lambda copies, outcome: self._done(copies, held, outcome),
            )
            return
        delay = min(THROTTLE_MAX, THROTTLE_FIRST * 2**throttles)
        if self.kernel.now + delay < deadline:
            self.kernel.after(delay, ACTION, self._invoke, batch, held, deadline, throttles + 1)
        else:  # give up: the records reappear when their visibility timeout ends
            self._batch_over()

    def _done(self, copies: list[Copy], held: dict[str, int], outcome: Outcome) -> None:
        if not outcome.error:
            failed = {c.id for c in outcome.failed}
            for copy in copies:
                if copy.id not in failed:
                    self.queue.delete(copy, held[copy.id])
        self._batch_over()

    def _batch_over(self) -> None:
        self.active -= 1
        if self.queue.visible_count == 0 and self.active == 0:
            self.limit = min(START_BATCHES, self.cap)
        self.poll()

    def _polled(self) -> None:
        self._maybe_scale()

    def _maybe_scale(self) -> None:
        if (
            not self.scaling
            and self.active >= self.limit
            and self.limit < self.cap
            and self.queue.can_receive
        ):
            self.scaling = True
            self.kernel.after(SCALE_EVERY, ACTION, self._scale_up)

    def _scale_up(self) -> None:
        self.scaling = False
        if self.queue.can_receive:
            self.limit = min(self.cap, self.limit + SCALE_STEP)
            self.poll()
