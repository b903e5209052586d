"""One live run: a Simulation advanced at `speed` x wall time, its frames and its controls.

A run ticks at most 20 times a second. Each tick moves the engine's clock on in a worker
thread (never on the event loop, so a slow step of one run does not stall the sockets of
the others), then sends one `tick` frame with the simulated span it covers, its events
(aggregated past `frame_events`), every node's metrics and the ledger. The engine is moved
only by `Simulation.run(until=...)` and `step()`, to absolute times rounded like the
kernel's, so a live run reaches exactly the report of a headless run of the same diagram,
seed and duration, however its ticks fell.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from engine import DiagramError, Simulation
from engine.core.diagram import Diagram
from playground.runs import config
from playground.runs.config import RunLimits
from playground.runs.controls import ControlError
from playground.runs.fanout import DirectFanout, GroupFanout, Viewer, make_fanout
from playground.runs.frames import ReplayBuffer, Span, dumps, stamp, tick_body

logger = logging.getLogger(__name__)

TERMINAL = ("finished", "stopped")
ACTIVE = ("ready", "running", "paused")
# WebSocket close code sent to viewers when their run is gone (closed or idle): an
# application code (4000-4999), read as HTTP's 410 Gone.
GONE_CODE = 4410
STOP_MESSAGES = {
    "duration": "The run reached its duration of {duration:g} simulated seconds.",
    "max_events": "The run stopped after more than {max_events} events (EVENTYARD_RUN_MAX_EVENTS).",
    "max_sim_seconds": "The run stopped at {max_sim_seconds:g} simulated seconds "
    "(EVENTYARD_RUN_MAX_SIM_SECONDS).",
    "idle": "The run stopped: nobody watched it for {idle_seconds:g} seconds "
    "(EVENTYARD_RUN_IDLE_SECONDS).",
    "closed": "The run was closed by its owner.",
    "engine_error": "The run stopped: the simulation failed. This is a bug in Eventyard; "
    "the server log has the details.",
}


@dataclass(frozen=True)
class Source:
    """The stored diagram a run was made from (its document as it was then)."""

    id: int
    name: str
    document: dict[str, Any]


class LiveRun:
    """Invariants: the Simulation is touched only by whoever holds `_lock` (the tick task
    or one control), so engine work never overlaps; `seq` grows by one per run frame and
    frames go out in seq order; `status` is ready, running, paused, finished or stopped,
    and only `running` has a tick task."""

    def __init__(
        self,
        *,
        run_id: str,
        owner: str,
        source: Source,
        diagram: Diagram,
        seed: int,
        duration: float,
        limits: RunLimits,
        executor: Executor,
    ):
        self.id, self.owner, self.source, self.diagram = run_id, owner, source, diagram
        self.seed, self.duration, self.limits = seed, duration, limits
        # Rounded like the kernel's clock targets, so `now >= end` holds once reached.
        self.end = round(min(duration, limits.max_sim_seconds), 9)
        self.sim = Simulation(diagram, seed=seed)
        self.status, self.reason, self.speed = "ready", None, 1.0
        self.closed = False  # closed for good: no control revives it
        self.seq, self.total_events = 0, 0
        self.replay = ReplayBuffer(limits.replay_frames)
        self.fanout: DirectFanout | GroupFanout = make_fanout(config.fanout_mode(), run_id)
        self.watch_token: str | None = None
        self.idle_since: float | None = time.monotonic()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._executor = executor
        self._lock = asyncio.Lock()
        self._share_lock = threading.Lock()
        self._task: asyncio.Task | None = None
        self._chunk = 0.1  # simulated seconds per engine call at speed "max" (adaptive)

    # --- who may do what ---------------------------------------------------------
    def role_for(self, owner: str | None, token: str | None) -> str | None:
        """The caller's role: owner, watcher (a valid watch token) or None (neither)."""
        if owner is not None and owner == self.owner:
            return "owner"
        if token and self.watch_token and secrets.compare_digest(token, self.watch_token):
            return "watcher"
        return None

    def share(self) -> tuple[str, bool]:
        """The run's watch token, made now if it had none: (token, whether it is new)."""
        with self._share_lock:
            if self.watch_token is not None:
                return self.watch_token, False
            self.watch_token = secrets.token_urlsafe(24)
            return self.watch_token, True

    def watch_links(self, token: str) -> dict[str, str]:
        """Where watchers connect: the socket, and the page the browser part serves."""
        return {
            "token": token,
            "ws": f"/ws/runs/{self.id}/?watch={token}",
            "watch_url": f"/runs/{self.id}/?watch={token}",
        }

    def is_idle(self, now: float) -> bool:
        return self.idle_since is not None and now - self.idle_since >= self.limits.idle_seconds

    # --- viewers -------------------------------------------------------------------
    async def attach(self, viewer: Viewer, *, role: str, last_seq: int | None) -> None:
        """Bring a viewer up to date (the frames it missed, or a snapshot) and add it to
        the fan-out, under the lock so that no frame is published in between."""
        self.loop = asyncio.get_running_loop()
        async with self._lock:
            missed = None if last_seq is None else self.replay.since(last_seq, self.seq)
            if missed is None:
                snapshot = self.snapshot(role=role, resync=last_seq is not None)
                await viewer.push(self.seq, dumps(snapshot))
            else:
                for seq, text in missed:
                    await viewer.push(seq, text)
                viewer.sent_seq = self.seq
            if self.closed:  # found just before it was closed: it has said why, now go
                await viewer.gone(GONE_CODE)
                return
            await self.fanout.add(viewer)
            self.idle_since = None

    async def detach(self, viewer: Viewer) -> None:
        await self.fanout.remove(viewer)
        if self.fanout.count == 0:
            self.idle_since = time.monotonic()

    # --- controls (the consumer has checked their shape) ------------------------------
    async def start(self) -> None:
        await self._run_from("ready", "start")

    async def resume(self) -> None:
        await self._run_from("paused", "resume")

    async def pause(self) -> None:
        async with self._lock:
            self._require(("running",), "pause")
            self._cancel_ticks()
            self.status = "paused"
            await self._publish_status("pause")

    async def set_speed(self, speed: float | None) -> None:
        async with self._lock:
            self._require(ACTIVE + TERMINAL, "speed")
            self.speed = speed  # the next tick uses it
            await self._publish_status("speed")

    async def step(self, unit: str) -> None:
        async with self._lock:
            self._require(("ready", "paused"), "step")
            self.status = "paused"
            await self._engine_tick(self._step, unit)

    async def reset(self) -> None:
        async with self._lock:
            self._require(ACTIVE + TERMINAL, "reset")
            self._cancel_ticks()
            self.sim = await self._in_thread(Simulation, self.diagram, self.seed)
            self.status, self.reason, self.total_events, self._chunk = "ready", None, 0, 0.1
            await self._publish_status("reset")

    async def inject(self, node: str, payload: Any, attributes: dict | None) -> None:
        async with self._lock:
            self._require(ACTIVE, "inject")
            try:
                message = await self._in_thread(self.sim.inject, node, payload, attributes)
            except DiagramError as error:
                problem = error.problems[0]
                raise ControlError(problem.path or "node", problem.code, problem.message) from None
            body = {"node": node, "message": message, "time": round(self.sim.now, 6)}
            await self._publish("injected", body)

    async def close(self, reason: str) -> None:
        """End the run for good (its owner closed it, or nobody watched it): a last
        status frame says why, then every viewer's socket is closed."""
        async with self._lock:
            self._cancel_ticks()
            self.status, self.reason, self.closed = "stopped", reason, True
            await self._publish_status(reason)
            await self.fanout.close_all(GONE_CODE)

    def abandon(self) -> None:
        """Stop ticking at once, without a frame (the process or the test is ending)."""
        self.status = "stopped"
        task, self._task = self._task, None
        if task is not None:
            task.cancel()

    def _require(self, allowed: tuple[str, ...], control: str) -> None:
        if self.closed:
            raise ControlError(
                "type", "closed", f"{control} is not possible: {self.stop_message()}"
            )
        if self.status not in allowed:
            raise ControlError(
                "type",
                "invalid_state",
                f"{control} is not possible while the run is {self.status} "
                f"(it needs a {' or '.join(allowed)} run).",
            )

    async def _run_from(self, status: str, control: str) -> None:
        async with self._lock:
            self._require((status,), control)
            self.status = "running"
            await self._publish_status(control)
            self._task = asyncio.get_running_loop().create_task(self._tick_loop())

    def _cancel_ticks(self) -> None:
        # Called with the lock held, so the task is asleep or waiting for the lock, never
        # inside engine work; a run stopping itself from its own task just lets it return.
        task, self._task = self._task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    # --- ticking -------------------------------------------------------------------
    async def _tick_loop(self) -> None:
        loop = asyncio.get_running_loop()
        previous = due = loop.time()
        while True:
            due += config.FRAME_INTERVAL
            await asyncio.sleep(max(0.0, due - loop.time()))
            now = loop.time()
            due = max(due, now - config.FRAME_INTERVAL)  # fell behind: no burst of ticks
            async with self._lock:
                if self.status != "running":
                    return
                wall = min(now - previous, config.MAX_TICK_WALL_SECONDS)
                previous = now
                await self._engine_tick(self._advance, wall)

    async def _engine_tick(self, work: Callable[..., Any], *args: Any) -> None:
        """Run engine work in a worker thread and publish the tick it makes."""
        try:
            body = await self._in_thread(self._tick_body, work, *args)
        except Exception:  # an engine bug must end this run, not kill its task unseen
            logger.exception("live run %s: the engine failed", self.id)
            await self._stop("engine_error")
            return
        await self._publish("tick", body)
        await self._stop_if_due()

    def _tick_body(self, work: Callable[..., Span], *args: Any) -> dict[str, Any]:
        """(Worker thread.) The engine work, then its tick: metrics, ledger and event
        aggregation are done here too, off the loop (a tick at speed "max" may hold tens
        of thousands of events)."""
        span = work(*args)
        return tick_body(span, limit=self.limits.frame_events, state=self.state())

    async def _in_thread(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    def _advance(self, wall: float) -> Span:
        """(Worker thread.) Move the clock on by speed x `wall`, or as far as the speed
        "max" budget allows, never past the run's end."""
        start = self.sim.now
        if self.speed is None:
            events = self._advance_max()
        else:
            self.sim.run(until=min(start + self.speed * wall, self.end))
            events = self.sim.drain_events()
        self.total_events += len(events)
        return Span(start, self.sim.now, events)

    def _advance_max(self) -> list[dict[str, Any]]:
        budget = config.MAX_SPEED_BUDGET
        deadline = time.perf_counter() + budget
        events: list[dict[str, Any]] = []
        while self.sim.now < self.end and self.total_events + len(events) <= self.limits.max_events:
            began = time.perf_counter()
            self.sim.run(until=min(self.sim.now + self._chunk, self.end))
            events += self.sim.drain_events()
            took = time.perf_counter() - began
            # Aim for a few engine calls per tick: whole chunks, so limits are checked often.
            if took < budget / 8:
                self._chunk = min(self._chunk * 2, 3600.0)
            elif took > budget / 2:
                self._chunk = max(self._chunk / 2, 0.001)
            if time.perf_counter() >= deadline:
                break
        return events

    def _step(self, unit: str) -> Span:
        """(Worker thread.) One traced event (`Simulation.step`), or one simulated second."""
        start = self.sim.now
        if unit == "second":
            self.sim.run(until=min(start + 1.0, self.end))
        elif not self.sim.step(horizon=max(0.0, self.end - start)):
            self.sim.run(until=self.end)  # nothing else is traced before the end
        events = self.sim.drain_events()
        self.total_events += len(events)
        return Span(start, self.sim.now, events)

    async def _stop_if_due(self) -> None:
        if self.total_events > self.limits.max_events:
            await self._stop("max_events")
        elif self.sim.now >= self.end:
            over = self.duration > self.limits.max_sim_seconds
            await self._stop("max_sim_seconds" if over else "duration")

    async def _stop(self, reason: str) -> None:
        self._cancel_ticks()
        self.status = "finished" if reason == "duration" else "stopped"
        self.reason = reason
        await self._publish_status(reason)

    # --- frames ----------------------------------------------------------------------
    async def _publish(self, kind: str, body: dict[str, Any]) -> None:
        """Serialise a run frame once, keep it for replay and send it to every viewer."""
        self.seq += 1
        text = dumps(stamp(kind, self.seq, body))
        self.replay.add(self.seq, text)
        await self.fanout.send(self.seq, text)

    async def _publish_status(self, reason: str) -> None:
        body = self.state()
        body["reason"] = reason
        body["message"] = self.stop_message() if self.status in TERMINAL else None
        if self.status in TERMINAL:
            body["report"] = self.sim.report()
        await self._publish("status", body)

    def stop_message(self) -> str | None:
        template = STOP_MESSAGES.get(self.reason or "")
        if template is None:
            return None
        return template.format(duration=self.duration, **self.limits.as_dict())

    def state(self) -> dict[str, Any]:
        """What every status, tick and snapshot frame says about the run now."""
        return {
            "status": self.status,
            "time": round(self.sim.now, 6),
            "speed": "max" if self.speed is None else self.speed,
            "total_events": self.total_events,
            "metrics": self.sim.node_metrics(),
            "ledger": self.sim.ledger(),
        }

    def snapshot(self, *, role: str, resync: bool) -> dict[str, Any]:
        """The whole state for a viewer that has nothing to replay (`resync`: it asked
        for frames the buffer no longer holds)."""
        body = {"run": self.describe(document=True), "role": role, "resync": resync}
        body.update(self.state(), reason=self.reason, message=self.stop_message())
        return stamp("snapshot", self.seq, body)

    def describe(self, *, document: bool = False) -> dict[str, Any]:
        """The run as the HTTP API and snapshots show it."""
        diagram: dict[str, Any] = {"id": self.source.id, "name": self.source.name}
        if document:
            diagram["document"] = self.source.document
        return {
            "id": self.id,
            "ws": f"/ws/runs/{self.id}/",
            "diagram": diagram,
            "seed": self.seed,
            "duration": self.duration,
            "end": self.end,
            "status": self.status,
            "reason": self.reason,
            "time": round(self.sim.now, 6),
            "shared": self.watch_token is not None,
            "viewers": self.fanout.count,
            "limits": self.limits.as_dict(),
        }
