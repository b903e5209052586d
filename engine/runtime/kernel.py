"""The discrete-event kernel: one virtual clock, one heap, one seeded random stream.

A heap-based scheduler of our own rather than SimPy: `python -m engine.bench` measures
both, and the plain heap dispatches events scheduled up front about 2.8 times faster than
SimPy, and a re-arming callback about 1.7 times faster than a SimPy process, while the
engine needs nothing SimPy adds (its resources are callbacks, not processes). Entries are
ordered by (time, priority, sequence number), so ties resolve the same way on every run.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from typing import Any

# Priorities for events due at the same instant: state changes (a visibility timeout,
# a delay ending) happen before arrivals, and arrivals before consumers act on them.
STATE = 0
ARRIVAL = 1
ACTION = 2
# Observations (a goal's samples) come after every other event of their instant.
SAMPLE = 3

# Clock targets are rounded to this many decimals, so 1,200 live steps of 0.05 s reach
# exactly the 60.0 s a headless run reaches, and both process the same events.
CLOCK_DECIMALS = 9


class Kernel:
    """Invariant: `now` never decreases, and every event runs at its scheduled time."""

    __slots__ = ("now", "rng", "dispatched", "_heap", "_seq")

    def __init__(self, seed: int):
        self.now = 0.0
        self.rng = random.Random(seed)
        self.dispatched = 0
        self._heap: list[tuple[float, int, int, Callable[..., Any], tuple]] = []
        self._seq = 0

    def at(self, when: float, priority: int, fn: Callable[..., Any], *args: Any) -> None:
        """Run `fn(*args)` at simulated time `when`; a time before now is a bug in the
        caller, refused rather than silently moved."""
        if when < self.now:
            raise ValueError(f"cannot schedule at {when!r}: the clock is already at {self.now!r}")
        self._seq += 1
        heapq.heappush(self._heap, (when, priority, self._seq, fn, args))

    def after(self, delay: float, priority: int, fn: Callable[..., Any], *args: Any) -> None:
        self.at(self.now + delay, priority, fn, *args)

    def run_until(self, until: float) -> int:
        """Dispatch every event due at or before `until`; the clock ends at `until`."""
        until = round(until, CLOCK_DECIMALS)
        heap = self._heap
        pop = heapq.heappop
        count = 0
        while heap and heap[0][0] <= until:
            when, _prio, _seq, fn, args = pop(heap)
            self.now = when
            fn(*args)
            count += 1
        if until > self.now:
            self.now = until
        self.dispatched += count
        return count

    def step(self) -> bool:
        """Dispatch the next event only; False when nothing is scheduled."""
        if not self._heap:
            return False
        when, _prio, _seq, fn, args = heapq.heappop(self._heap)
        self.now = when
        fn(*args)
        self.dispatched += 1
        return True

    def next_time(self) -> float | None:
        return self._heap[0][0] if self._heap else None

    @property
    def pending(self) -> int:
        return len(self._heap)
