"""What the queue pollers share ("Batching behavior" of Lambda's event source mappings):
long polling a queue, gathering a batch of up to `batch_size` for at most `window`
seconds (each batch gets a window of its own), and at most `limit` batches at once.

A poller sets `queue` (anything with `can_receive`, `visible_count`, `wait` and
`receive`), `kernel`, `batch_size`, `window`, `limit` and `enabled`, and implements
`_dispatch(batch)`; `_polled()` runs after each poll (SQS scales its batches there).
"""

from __future__ import annotations

from typing import Any

from engine.runtime.kernel import ACTION


class BatchingPoller:
    """Invariant: `active` batches are running or waiting to retry, never more than
    `limit`; the poller waits on its queue at most once."""

    queue: Any
    kernel: Any
    batch_size: int
    window: float
    limit: int
    enabled: bool

    def _init_polling(self) -> None:
        self.active = 0
        self.waiting = False
        self.gathering = False
        self.batches = 0  # batches started; tells a window's timer whether it is stale

    def start(self) -> None:
        if self.enabled:
            self.kernel.at(0.0, ACTION, self.poll)

    def _wake(self) -> None:
        self.waiting = False
        self.poll()

    def _wait(self) -> None:
        if not self.waiting:
            self.waiting = True
            self.queue.wait(self._wake)

    def poll(self, force: bool = False) -> None:
        queue = self.queue
        while self.active < self.limit:
            if not queue.can_receive:
                self._wait()
                break
            if self.window and queue.visible_count < self.batch_size and not force:
                if not self.gathering:
                    self.gathering = True
                    self.kernel.after(self.window, ACTION, self._window_over, self.batches)
                self._wait()
                break
            force = False
            self.gathering = False
            self.batches += 1
            batch = queue.receive(self.batch_size)
            if batch:
                self._dispatch(batch)
        self._polled()

    def _window_over(self, batches: int) -> None:
        if batches != self.batches:
            return  # that window's batch already went, full, before the window ended
        self.gathering = False
        self.poll(force=True)

    def _dispatch(self, batch: list) -> None:
        raise NotImplementedError

    def _polled(self) -> None:
        """After each poll: nothing, unless the poller scales."""
