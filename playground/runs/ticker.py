"""What moves a live run in time: the pacer (wall clock and tick pacing), and the ticker
(the tick task, and engine work offloaded to worker threads).

A run ticks at most 20 times a second (`config.FRAME_INTERVAL`), less often when many
sockets watch it (`config.frame_interval`: the ticker's `interval`, asked before each
tick). The `WallPacer` sleeps until the next tick is due and says how much wall time
passed since the previous one;
tests give runs a `FakePacer` instead, whose clock moves only when told, so no live test
waits on the wall clock. Engine work runs in the manager's worker threads, never on the
event loop, so a slow step of one run does not stall the sockets of the others.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import Executor
from typing import Any, Protocol

from playground.runs import config

logger = logging.getLogger(__name__)


class Pacer(Protocol):
    """A wall clock for runs: `now()` (seconds, monotonic) and `ticks()`, which yields the
    wall seconds since the previous tick each time the next one is due."""

    def now(self) -> float: ...

    def ticks(self, interval: Callable[[], float] = ...) -> AsyncIterator[float]: ...


def full_rate() -> float:
    return config.FRAME_INTERVAL


class WallPacer:
    """Real time: ticks every `interval()` seconds (FRAME_INTERVAL unless the run says
    otherwise); a run that fell behind does not burst."""

    def now(self) -> float:
        return time.monotonic()

    async def ticks(self, interval: Callable[[], float] = full_rate) -> AsyncIterator[float]:
        loop = asyncio.get_running_loop()
        previous = due = loop.time()
        while True:
            step = interval()
            due += step
            await asyncio.sleep(max(0.0, due - loop.time()))
            now = loop.time()
            due = max(due, now - step)  # fell behind: no burst of ticks
            wall, previous = min(now - previous, config.MAX_TICK_WALL_SECONDS), now
            yield wall


class FakePacer:
    """A clock for tests. Free-running (`free`, the default), each tick is `wall` seconds
    and comes as soon as the loop is free; held (`hold()`), ticks come only as `release`d.
    `now()` moves by the ticks' wall time and by `elapse`."""

    def __init__(self, *, wall: float = config.FRAME_INTERVAL, free: bool = True):
        self.wall, self.free, self.clock = wall, free, 0.0
        self._released = asyncio.Semaphore(0)

    def now(self) -> float:
        return self.clock

    def elapse(self, seconds: float) -> None:
        self.clock += seconds

    def hold(self) -> None:
        self.free = False

    def run_free(self) -> None:
        self.free = True
        self._released.release()  # wakes a tick loop waiting for a release

    def release(self, count: int = 1) -> None:
        for _ in range(count):
            self._released.release()

    async def ticks(self, interval: Callable[[], float] = full_rate) -> AsyncIterator[float]:
        while True:
            if self.free:
                await asyncio.sleep(0)
            else:
                await self._released.acquire()
            self.clock += self.wall
            yield self.wall


class Ticker:
    """One run's tick task and worker threads. Invariant: at most one tick task; the
    callback is awaited once per tick and the task ends when it answers False."""

    def __init__(self, *, pacer: Pacer, executor: Executor, name: str):
        self.pacer, self._executor, self.name = pacer, executor, name
        self._task: asyncio.Task | None = None
        self.interval: Callable[[], float] = full_rate  # the run sets it by its audience

    def start(
        self,
        on_tick: Callable[[float], Awaitable[bool]],
        on_failure: Callable[[], Awaitable[None]],
    ) -> None:
        """Tick until `on_tick` answers False; if the loop itself fails, log it and await
        `on_failure` (the run says so to its viewers), never end unseen."""
        loop = asyncio.get_running_loop()
        self._task = loop.create_task(self._loop(on_tick, on_failure))

    def cancel(self) -> None:
        """Stop ticking (a run stopping itself from its own tick just lets it return)."""
        task, self._task = self._task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def in_thread(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def _loop(
        self,
        on_tick: Callable[[float], Awaitable[bool]],
        on_failure: Callable[[], Awaitable[None]],
    ) -> None:
        ticks = self.pacer.ticks(self.interval)
        try:
            async for wall in ticks:
                if not await on_tick(wall):
                    return
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("live run %s: the tick loop failed", self.name)
            await on_failure()
        finally:
            await ticks.aclose()
