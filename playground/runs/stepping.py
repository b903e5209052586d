"""How engine work is sized for one tick: a span of simulated time at a speed, as much
as a wall-time budget allows at speed "max", or one step.

The engine is moved only by `Simulation.run(until=...)` and `step()`, to absolute times
rounded like the kernel's, so however the ticks fall the run reaches exactly the report
of a headless run. These run in a worker thread, under the run's lock.
"""

from __future__ import annotations

import time
from typing import Any

from playground.runs import config
from playground.runs.frames import Span


class Stepper:
    """Invariant: `chunk` (simulated seconds per engine call at speed "max") stays in
    0.001..3600 and adapts so that a tick makes a few engine calls."""

    def __init__(self) -> None:
        self.chunk = 0.1

    def advance(
        self, sim: Any, *, speed: float | None, wall: float, end: float, events_left: int
    ) -> Span:
        """Move the clock on by speed x `wall`, or as far as the speed "max" budget (and
        `events_left`) allows, never past `end`."""
        start = sim.now
        if speed is None:
            events = self._advance_max(sim, end=end, events_left=events_left)
        else:
            sim.run(until=min(start + speed * wall, end))
            events = sim.drain_events()
        return Span(start, sim.now, events)

    def _advance_max(self, sim: Any, *, end: float, events_left: int) -> list[dict[str, Any]]:
        budget = config.MAX_SPEED_BUDGET
        deadline = time.perf_counter() + budget
        events: list[dict[str, Any]] = []
        while sim.now < end and len(events) <= events_left:
            began = time.perf_counter()
            sim.run(until=min(sim.now + self.chunk, end))
            events += sim.drain_events()
            took = time.perf_counter() - began
            # Aim for a few engine calls per tick: whole chunks, so limits are checked often.
            if took < budget / 8:
                self.chunk = min(self.chunk * 2, 3600.0)
            elif took > budget / 2:
                self.chunk = max(self.chunk / 2, 0.001)
            if time.perf_counter() >= deadline:
                break
        return events

    @staticmethod
    def step(sim: Any, *, unit: str, end: float) -> Span:
        """One traced event (`Simulation.step`), or one simulated second."""
        start = sim.now
        if unit == "second":
            sim.run(until=min(start + 1.0, end))
        elif not sim.step(horizon=max(0.0, end - start)):
            sim.run(until=end)  # nothing else is traced before the end
        return Span(start, sim.now, sim.drain_events())
