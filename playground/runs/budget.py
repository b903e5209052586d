"""What one run, or one socket, may spend: bytes of memory and controls a second.

- `run_bytes(run)` is the one place a run's memory is counted: its replay buffer and the
  messages the engine holds (queues, streams, buffers, in flight: `Simulation.held_bytes()`,
  injected payloads included while they are held).
- `RateLimiter` is a token bucket on an injected clock, for inject rates per run and
  control rates per socket.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import orjson

from playground.runs.controls import ControlError


class Measured(Protocol):
    """What `run_bytes` and `check_inject` read of a run."""

    sim: Any
    limits: Any

    @property
    def replay_bytes(self) -> int: ...


def run_bytes(run: Measured) -> int:
    """A run's memory as the cap counts it (EVENTYARD_RUN_MAX_BYTES); a closed run has no
    Simulation left and counts only what it still buffers."""
    held = run.sim.held_bytes() if run.sim is not None else 0
    return run.replay_bytes + held


def payload_bytes(payload: Any, attributes: dict[str, Any] | None) -> int:
    """An inject's size: its payload and attributes as JSON (as a socket carried them)."""
    return len(orjson.dumps(payload)) + (len(orjson.dumps(attributes)) if attributes else 0)


class RateLimiter:
    """A token bucket. Invariant: 0 <= tokens <= burst; a take spends one token, and
    tokens come back at `rate` a second of `clock` time."""

    def __init__(self, *, rate: float, burst: float, clock: Callable[[], float]):
        self.rate, self.burst, self._clock = rate, burst, clock
        self.tokens = burst
        self._last = clock()

    def allow(self) -> bool:
        """Spend a token if there is one: whether the action may go ahead."""
        now = self._clock()
        self.tokens = min(self.burst, self.tokens + (now - self._last) * self.rate)
        self._last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


def check_inject(
    run: Measured, payload: Any, attributes: dict[str, Any] | None, *, rate: RateLimiter
) -> int:
    """An inject's size, once it is known to fit the inject size, the run's memory cap and
    the inject rate; ControlError otherwise."""
    size, limits = payload_bytes(payload, attributes), run.limits
    if size > limits.inject_bytes:
        raise ControlError(
            "payload",
            "too_large",
            f"An injected payload may be at most {limits.inject_bytes} bytes "
            f"(EVENTYARD_RUN_INJECT_BYTES); this one is {size}.",
        )
    held = run_bytes(run)
    if held + size > limits.max_bytes:
        raise ControlError(
            "payload",
            "memory_limit",
            f"The run holds {held} bytes; this inject would pass its cap of "
            f"{limits.max_bytes} (EVENTYARD_RUN_MAX_BYTES).",
        )
    if not rate.allow():
        raise ControlError(
            "type",
            "rate_limited",
            f"At most {limits.injects_per_second:g} injects a second "
            "(EVENTYARD_RUN_INJECTS_PER_SECOND); try again shortly.",
        )
    return size
