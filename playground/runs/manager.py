"""The run manager: every live run of this process, by id, and the limits across runs.

Runs are made by the HTTP API (a sync view, in a worker thread) and driven by sockets (on
the event loop), so the registry is guarded by a thread lock and a run is bound to the
event loop of the first socket that attaches to it. A sweeper task on that loop stops
runs that nobody has watched for `EVENTYARD_RUN_IDLE_SECONDS`; runs that no socket ever
opened are also dropped when their owner asks for another.

One manager per process (`get_manager()`); with several processes each holds its own
runs (see README "Live runs", scaling out).
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from engine.core.diagram import Diagram
from playground.runs import config
from playground.runs.live import LiveRun, Source

# How long an HTTP request waits for a run's event loop to close it.
CLOSE_TIMEOUT = 10.0


class TooManyRuns(Exception):
    """The owner already has `runs_per_owner` runs."""

    def __init__(self, limit: int, runs: list[str]):
        super().__init__(
            f"You already have {len(runs)} live runs, the most allowed at once "
            f"(EVENTYARD_RUNS_PER_OWNER={limit}); close one (DELETE /api/runs/<id>/) first."
        )
        self.limit, self.runs = limit, runs


class RunManager:
    """Invariants: `runs` holds every run of this process that has not been closed; a
    closed run is gone from it; no owner ever holds more than their limit."""

    def __init__(self) -> None:
        self.runs: dict[str, LiveRun] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(config.ENGINE_THREADS, "eventyard-run")
        self._sweeper: asyncio.Task | None = None

    def create(
        self, *, owner: str, source: Source, diagram: Diagram, seed: int, duration: float
    ) -> LiveRun:
        """A new run in status "ready", or TooManyRuns."""
        limits = config.current_limits()
        self._drop_unopened(owner, limits.idle_seconds)
        with self._lock:
            mine = [run.id for run in self.runs.values() if run.owner == owner]
            if len(mine) >= limits.runs_per_owner:
                raise TooManyRuns(limits.runs_per_owner, mine)
            run = LiveRun(
                run_id=self._new_id(),
                owner=owner,
                source=source,
                diagram=diagram,
                seed=seed,
                duration=duration,
                limits=limits,
                executor=self._executor,
            )
            self.runs[run.id] = run
        return run

    def _new_id(self) -> str:
        while True:  # 96 random bits: a repeat is astronomically unlikely, but cheap to rule out
            run_id = secrets.token_urlsafe(12)
            if run_id not in self.runs:
                return run_id

    def _drop_unopened(self, owner: str, idle_seconds: float) -> None:
        """Forget the owner's idle runs that no socket ever opened: they have no event
        loop, hence no sweeper, and nobody to tell."""
        now = time.monotonic()
        with self._lock:
            for run in [r for r in self.runs.values() if r.owner == owner]:
                if run.loop is None and now - (run.idle_since or now) >= idle_seconds:
                    del self.runs[run.id]

    def get(self, run_id: str) -> LiveRun | None:
        with self._lock:
            return self.runs.get(run_id)

    def owned_by(self, owner: str | None) -> list[LiveRun]:
        with self._lock:
            return [run for run in self.runs.values() if owner and run.owner == owner]

    def forget(self, run: LiveRun) -> None:
        with self._lock:
            self.runs.pop(run.id, None)

    def close_from_thread(self, run: LiveRun, reason: str) -> None:
        """Close a run from a sync view: on its event loop when it has one."""
        self.forget(run)
        if run.loop is None or not run.loop.is_running():
            run.status, run.reason = "stopped", reason
            return
        future = asyncio.run_coroutine_threadsafe(run.close(reason), run.loop)
        future.result(timeout=CLOSE_TIMEOUT)

    # --- the idle sweeper, on the event loop ---------------------------------------
    def ensure_sweeper(self) -> None:
        """Start the sweeper on the running loop, unless it runs there already."""
        loop = asyncio.get_running_loop()
        task = self._sweeper
        if task is not None and not task.done() and task.get_loop() is loop:
            return
        self._sweeper = loop.create_task(self._sweep())

    async def _sweep(self) -> None:
        while True:
            period = min(max(config.current_limits().idle_seconds / 4, 0.05), 5.0)
            await asyncio.sleep(period)
            now = time.monotonic()
            with self._lock:
                idle = [run for run in self.runs.values() if run.is_idle(now)]
            for run in idle:
                self.forget(run)
                await run.close("idle")

    async def shutdown(self) -> None:
        """Stop every run and the sweeper (tests; a server simply exits)."""
        tasks: list[Any] = [self._sweeper] if self._sweeper else []
        with self._lock:
            runs, self.runs = list(self.runs.values()), {}
        for run in runs:
            run.abandon()
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._executor.shutdown(wait=True)


_manager: RunManager | None = None
_manager_lock = threading.Lock()


def get_manager() -> RunManager:
    global _manager
    with _manager_lock:
        if _manager is None:
            _manager = RunManager()
        return _manager


def replace_manager(manager: RunManager | None) -> RunManager | None:
    """Swap the process's manager (tests give each test its own); returns the old one."""
    global _manager
    with _manager_lock:
        old, _manager = _manager, manager
        return old
