"""The run manager: every live run of this process, by id, and the limits across runs.

Runs are made by the HTTP API (a sync view, in a worker thread) and driven by sockets (on
the event loop), so the registry is guarded by a thread lock and a run is bound to the
event loop of the first socket that attaches to it. A sweeper task on that loop stops
runs that nobody has watched for `EVENTYARD_RUN_IDLE_SECONDS`. Runs that no socket ever
opened have no event loop: a thread of the manager's own forgets them after
`EVENTYARD_RUN_UNOPENED_SECONDS`. New runs are also limited per client address a minute.

One manager per process (`get_manager()`); with REDIS_URL the runs live on workers
instead (`playground.runs.remote`, `playground.runs.workers`).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings

from engine.core.diagram import Diagram
from playground.runs import config
from playground.runs.access import RunAccess
from playground.runs.budget import RateLimiter
from playground.runs.live import LiveRun, Source
from playground.runs.ticker import Pacer, Ticker, WallPacer

# How long an HTTP request waits for a run's event loop to close it.
CLOSE_TIMEOUT = 10.0


class TooManyRuns(Exception):
    """The owner already has `runs_per_owner` runs."""

    def __init__(self, limit: int, runs: list[str]):
        super().__init__(
            f"You already have {len(runs)} live runs open, the most allowed at once. "
            "Close one of them (they are listed in runs) to start another."
        )
        self.limit, self.runs = limit, runs


class TooManyFromAddress(Exception):
    """One client address made more than its runs a minute."""

    def __init__(self, limit: int, retry_after: float):
        wait = max(1, math.ceil(retry_after))
        super().__init__(
            f"{limit} runs were started from this network in the last minute, the most "
            f"allowed. Wait {wait} seconds, then try again."
        )
        self.retry_after = wait


# Past this many addresses tracked, those with a full bucket (idle) are forgotten.
MAX_TRACKED_ADDRESSES = 10_000


class RunManager:
    """Invariants: `runs` holds every run of this process that has not been closed; a
    closed run is gone from it; no owner ever holds more than their limit."""

    def __init__(self, *, pacer: Pacer | None = None) -> None:
        self.runs: dict[str, LiveRun] = {}
        self.pacer: Pacer = pacer or WallPacer()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(config.ENGINE_THREADS, "eventyard-run")
        self._sweeper: asyncio.Task | None = None
        self._unopened_sweeper: threading.Thread | None = None
        self._stopping = threading.Event()
        self._addresses: dict[str, RateLimiter] = {}

    def create(
        self, *, owner: str, source: Source, diagram: Diagram, seed: int, duration: float
    ) -> LiveRun:
        """A new run in status "ready", or TooManyRuns."""
        limits = config.current_limits()
        self.drop_unopened()
        with self._lock:
            mine = [run.id for run in self.runs.values() if run.owner == owner]
            if len(mine) >= limits.runs_per_owner:
                raise TooManyRuns(limits.runs_per_owner, mine)
            run_id = self._new_id()
            run = LiveRun(
                run_id=run_id,
                access=RunAccess(owner),
                source=source,
                diagram=diagram,
                seed=seed,
                duration=duration,
                limits=limits,
                ticker=Ticker(pacer=self.pacer, executor=self._executor, name=run_id),
            )
            self.runs[run.id] = run
        self._ensure_unopened_sweeper(limits.unopened_seconds)
        return run

    def admit(self, address: str) -> None:
        """Count one new run for a client address, or TooManyFromAddress."""
        limit = config.runs_per_address_per_minute()
        if limit <= 0:
            return
        with self._lock:
            if len(self._addresses) > MAX_TRACKED_ADDRESSES:
                self._addresses = {
                    key: bucket
                    for key, bucket in self._addresses.items()
                    if bucket.tokens < bucket.burst
                }
            bucket = self._addresses.get(address)
            if bucket is None:
                bucket = RateLimiter(rate=limit / 60, burst=limit, clock=self.pacer.now)
                self._addresses[address] = bucket
            if not bucket.allow():
                raise TooManyFromAddress(limit, (1 - bucket.tokens) / bucket.rate)

    def _new_id(self) -> str:
        while True:  # 96 random bits: a repeat is astronomically unlikely, but cheap to rule out
            run_id = secrets.token_urlsafe(12)
            if run_id not in self.runs:
                return run_id

    def drop_unopened(self) -> list[LiveRun]:
        """Forget the runs that no socket opened in time: they have no event loop, hence
        no idle sweeper, and nobody to tell. Returns them."""
        now = self.pacer.now()
        with self._lock:
            dropped = [run for run in self.runs.values() if run.is_unopened(now)]
            for run in dropped:
                del self.runs[run.id]
        for run in dropped:
            run.status, run.reason = "stopped", "unopened"
            run.release()
        return dropped

    def _ensure_unopened_sweeper(self, period: float) -> None:
        with self._lock:
            if self._unopened_sweeper is not None and self._unopened_sweeper.is_alive():
                return
            thread = threading.Thread(
                target=self._sweep_unopened,
                args=(min(max(period / 4, 0.05), 5.0),),
                name="eventyard-unopened-runs",
                daemon=True,
            )
            self._unopened_sweeper = thread
        thread.start()

    def _sweep_unopened(self, period: float) -> None:
        while not self._stopping.wait(period):
            self.drop_unopened()

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
            run.release()
            return
        future = asyncio.run_coroutine_threadsafe(run.close(reason), run.loop)
        future.result(timeout=CLOSE_TIMEOUT)

    def revoke_from_thread(self, run: LiveRun) -> bool:
        """Revoke a run's watch token from a sync view and disconnect its watchers (the
        run goes on): whether it had one."""
        had = run.access.revoke()
        if had and run.loop is not None and run.loop.is_running():
            future = asyncio.run_coroutine_threadsafe(run.drop_watchers(), run.loop)
            future.result(timeout=CLOSE_TIMEOUT)
        return had

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
            await self.sweep_idle()

    async def sweep_idle(self) -> list[LiveRun]:
        """Close the runs nobody has watched for their idle time, and those whose owner's
        page has been gone for `owner_gone_seconds` (on the event loop)."""
        now = self.pacer.now()
        with self._lock:
            idle = [run for run in self.runs.values() if run.is_idle(now) and run.loop]
            gone = [
                run
                for run in self.runs.values()
                if run.loop and run not in idle and run.is_owner_gone(now)
            ]
        for run in idle:
            self.forget(run)
            await run.close("idle")
        for run in gone:
            self.forget(run)
            await run.close("owner_gone")
        return idle + gone

    async def shutdown(self) -> None:
        """Stop every run and the sweeper (tests; a server simply exits)."""
        tasks: list[Any] = [self._sweeper] if self._sweeper else []
        self._stopping.set()
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
    """This process's runs; with REDIS_URL, the runs on workers (`remote.RemoteRuns`,
    the same interface: this process then never runs the engine)."""
    global _manager
    with _manager_lock:
        if _manager is None:
            if settings.REDIS_URL:
                from playground.runs.remote import RemoteRuns

                _manager = RemoteRuns()
            else:
                _manager = RunManager()
        return _manager


def replace_manager(manager: RunManager | None) -> RunManager | None:
    """Swap the process's manager (tests give each test its own); returns the old one."""
    global _manager
    with _manager_lock:
        old, _manager = _manager, manager
        return old
