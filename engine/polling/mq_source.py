"""Lambda event source mappings for Amazon MQ ("Using Lambda with Amazon MQ").

The mapping is one consumer of its queue. It gathers batches (`BatchSize`, default 100;
`MaximumBatchingWindowInSeconds`, default 500 ms), drops records that match none of its
`FilterCriteria` (tested against `data`), and invokes the function synchronously, at most
5 batches at once on ActiveMQ and 1 on RabbitMQ. A batch that succeeds is acknowledged; a
batch that fails goes back to the broker whole, which redelivers it (ActiveMQ: with the
default redelivery policy, six redeliveries, then the dead-letter queue).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.core.message import Copy
from engine.matching.event_patterns import matches
from engine.polling.batching import BatchingPoller
from engine.polling.filters import esm_filter_patterns, json_or_text
from engine.runtime.behaviour import Outcome
from engine.runtime.kernel import ACTION

if TYPE_CHECKING:
    from engine.polling.invoker import Invoker
    from engine.runtime.host import BrokerQueue

DEFAULT_BATCH_SIZE = 100
DEFAULT_WINDOW = 0.5
# A throttled batch is offered again with backoff; its messages stay unacknowledged.
THROTTLE_FIRST, THROTTLE_MAX = 1.0, 60.0


def mq_filter_view(copy: Copy) -> dict[str, Any]:
    """The record an Amazon MQ filter sees: `data`, parsed as JSON when it is JSON."""
    return {"data": json_or_text(copy.body)}


class MqEventSource(BatchingPoller):
    """Invariant: `active` batches are running or waiting to retry, never more than
    `limit`; the mapping waits on its consumer at most once."""

    def __init__(self, edge, queue: BrokerQueue, function: Invoker):
        p = edge.props
        self.edge = edge.id
        self.consumer = self.queue = queue.open_consumer(edge.id)
        self.function = function
        self.kernel = function.kernel
        self.rec = function.rec
        self.batch_size = p["BatchSize"] or DEFAULT_BATCH_SIZE
        given = getattr(edge, "given", frozenset())
        window = p["MaximumBatchingWindowInSeconds"]
        self.window = float(window) if "MaximumBatchingWindowInSeconds" in given else DEFAULT_WINDOW
        self.filters = esm_filter_patterns(p["FilterCriteria"]) if p["FilterCriteria"] else []
        self.enabled = p["Enabled"] is not False
        self.limit = queue.esm_concurrency
        self._init_polling()

    def _dispatch(self, batch: list[Copy]) -> None:
        if self.filters:
            batch = [c for c in batch if self._passes_filters(c)]
            if not batch:
                return
        self.active += 1
        self._invoke(batch, {c.id: c.receipt for c in batch}, 0)

    def _passes_filters(self, copy: Copy) -> bool:
        view = mq_filter_view(copy)
        if any(matches(pattern, view) for pattern in self.filters):
            return True
        self.rec.emit("filter-out", self.function.id, copy, edge=self.edge)
        self.consumer.discard(copy, copy.receipt, "filtered")
        return False

    def _invoke(self, batch: list[Copy], held: dict[str, int], throttles: int) -> None:
        if self.function.try_acquire(batch, self.edge):
            self.function.execute(
                batch,
                self.edge,
                whole_batch_fails=True,
                on_done=lambda copies, outcome: self._done(copies, held, outcome),
            )
            return
        delay = min(THROTTLE_MAX, THROTTLE_FIRST * 2**throttles)
        self.kernel.after(delay, ACTION, self._invoke, batch, held, throttles + 1)

    def _done(self, copies: list[Copy], held: dict[str, int], outcome: Outcome) -> None:
        failed = {c.id for c in outcome.failed}
        for copy in copies:
            if outcome.error or copy.id in failed:
                self.consumer.reject(copy, held[copy.id])
            else:
                self.consumer.delete(copy, held[copy.id])
        self.active -= 1
        self.poll()
