"""One live run: its state (a Simulation, status, seq, replay buffer) and its controls.

The run is moved by its `Ticker` (`playground.runs.ticker`: the tick task, the pacer and
the worker threads) and guarded by `RunAccess` (`playground.runs.access`: owner, watch
token). Each tick moves the engine's clock on in a worker thread, then sends one `tick`
frame with the simulated span it covers, its events (aggregated past `frame_events`),
every node's metrics and the ledger. The engine is moved only by `Simulation.run(until=...)`
and `step()`, to absolute times rounded like the kernel's, so a live run reaches exactly
the report of a headless run of the same diagram, seed and duration, however its ticks fell.

Every frame is cut to `frame_bytes` (`frames.fit`), and the run's memory (`budget.run_bytes`)
is held under `max_bytes`: past it the run stops, and an inject that would pass it is refused.
A closed run drops its Simulation and collects the garbage it leaves (engine objects refer
to each other, so only the cycle collector frees them).
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine import DiagramError, Simulation
from engine.core.diagram import Diagram
from playground.runs import config
from playground.runs.access import RunAccess
from playground.runs.budget import RateLimiter, check_inject, run_bytes
from playground.runs.config import STOP_MESSAGES, RunLimits
from playground.runs.controls import ControlError
from playground.runs.fanout import DirectFanout, LayerFanout, Viewer
from playground.runs.frames import ReplayBuffer, Span, fit, stamp, tick_body
from playground.runs.player import Player, RunHistory, recommended_speed
from playground.runs.poll import ClassPoll
from playground.runs.serializers import describe
from playground.runs.stepping import Stepper
from playground.runs.ticker import Ticker

logger = logging.getLogger(__name__)

TERMINAL = ("finished", "stopped")
ACTIVE = ("ready", "running", "paused")
# WebSocket close codes (application range 4000-4999, read as HTTP statuses): the run is
# gone (closed or idle), and a watch token was revoked.
GONE_CODE = 4410
REVOKED_CODE = 4403


@dataclass(frozen=True)
class Source:
    """The stored diagram a run was made from (its document as it was then), and the
    share token it was reached by, if any (revoking that share hides the document)."""

    id: int
    name: str
    document: dict[str, Any]
    share_token: str | None = None


class LiveRun(Player):
    """Invariants: the Simulation is touched only by whoever holds `_lock` (a tick or one
    control), so engine work never overlaps; `seq` grows by one per run frame and frames
    go out in seq order; `status` is ready, running, paused, finished or stopped, and only
    `running` ticks; a closed run has no Simulation (`sim` is None)."""

    def __init__(
        self,
        *,
        run_id: str,
        access: RunAccess,
        source: Source,
        diagram: Diagram,
        seed: int,
        duration: float,
        limits: RunLimits,
        ticker: Ticker,
        fanout: LayerFanout | None = None,  # on a run worker (REDIS_URL)
    ):
        self.id, self.access, self.source, self.diagram = run_id, access, source, diagram
        self.seed, self.duration, self.limits, self.ticker = seed, duration, limits, ticker
        # Rounded like the kernel's clock targets, so `now >= end` holds once reached.
        self.end = round(min(duration, limits.max_sim_seconds), 9)
        self.sim: Simulation | None = Simulation(diagram, seed=seed)
        self.status, self.reason = "ready", None
        self.speed = recommended_speed(source.document)  # the document's sim.speed
        self.closed = False  # closed for good: no control revives it
        self.seq, self.total_events = 0, 0
        self.report: dict[str, Any] | None = None  # the final report, once the run ends
        self.replay = ReplayBuffer(limits.replay_frames, max_bytes=limits.max_bytes // 4)
        self.fanout: DirectFanout | LayerFanout = fanout or DirectFanout(run_id)
        self.idle_since: float | None = ticker.pacer.now()
        # fewer, fuller frames for a crowd (config.frame_interval)
        ticker.interval = lambda: config.frame_interval(self.viewers)
        self.loop: asyncio.AbstractEventLoop | None = None
        self._resets = RateLimiter(
            rate=limits.resets_per_second,
            burst=max(3.0, limits.resets_per_second),
            clock=ticker.pacer.now,
        )
        self._injects = RateLimiter(
            rate=limits.injects_per_second,
            burst=max(1.0, limits.injects_per_second),
            clock=ticker.pacer.now,
        )
        self._lock = asyncio.Lock()
        self.poll: ClassPoll | None = None  # the class's answers to the lesson's question
        self._stepper, self.history = Stepper(), RunHistory()
        self.last_state: dict[str, Any] = self.state()

    # --- reading the run ---------------------------------------------------------------
    @property
    def owner(self) -> str:
        return self.access.owner

    @property
    def ws(self) -> str:
        return f"/ws/runs/{self.id}/"

    @property
    def time(self) -> float:
        return self.last_state["time"] if self.sim is None else round(self.sim.now, 6)

    @property
    def shared(self) -> bool:
        return self.access.shared

    @property
    def viewers(self) -> int:
        return self.fanout.count

    @property
    def replay_bytes(self) -> int:
        return self.replay.bytes

    @property
    def bytes(self) -> int:
        return run_bytes(self)

    def role_for(self, owner: str | None, token: str | None) -> str | None:
        return self.access.role_for(owner, token)

    def is_idle(self, now: float) -> bool:
        return self.idle_since is not None and now - self.idle_since >= self.limits.idle_seconds

    def is_unopened(self, now: float) -> bool:
        """No socket ever opened it, for longer than `unopened_seconds`."""
        if self.loop is not None or self.idle_since is None:
            return False
        return now - self.idle_since >= self.limits.unopened_seconds

    # --- viewers -------------------------------------------------------------------
    async def attach(self, viewer: Viewer, *, role: str, last_seq: int | None) -> None:
        """Bring a viewer up to date (the frames it missed, or a snapshot) and add it to
        the fan-out, under the lock so that no frame is published in between."""
        self.loop = asyncio.get_running_loop()
        async with self._lock:
            missed = None if last_seq is None else self.replay.since(last_seq, self.seq)
            if missed is None:
                resync = last_seq is not None
                await viewer.push(self.seq, self.snapshot_text(role=role, resync=resync))
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
            self.idle_since = self.ticker.pacer.now()

    async def drop_watchers(self) -> None:
        """The watch token was revoked: disconnect the sockets that used it."""
        await self.fanout.close_watchers(REVOKED_CODE)

    # --- controls (the consumer has checked their shape) ------------------------------
    async def start(self) -> None:
        await self._run_from("ready", "start")

    async def resume(self) -> None:
        await self._run_from("paused", "resume")

    async def pause(self) -> None:
        async with self._lock:
            self._require(("running",), "pause")
            self.ticker.cancel()
            self.status = "paused"
            await self._publish_status("pause")

    async def open_poll(self, choices: int) -> None:
        """A new question for the class (answers of an earlier one are dropped)."""
        async with self._lock:
            self._require(("ready", "paused"), "poll")
            self.poll = ClassPoll(choices)
            await self._publish("poll", self.poll.frame())

    async def answer(self, voter: str, choice: int) -> None:
        async with self._lock:
            if self.poll is None:
                raise ControlError("type", "no_poll", "There is no question to answer yet.")
            self.poll.answer(voter, choice)
            await self._publish("poll", self.poll.frame())

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
        if not self._resets.allow():  # refused before waiting for the lock: cheap
            raise ControlError(
                "type",
                "rate_limited",
                f"At most {self.limits.resets_per_second:g} resets a second "
                "(EVENTYARD_RUN_RESETS_PER_SECOND), after a burst of 3.",
            )
        async with self._lock:
            self._require(ACTIVE + TERMINAL, "reset")
            self.ticker.cancel()
            self.sim = None  # the old one is garbage before the new one is built
            self.sim = await self.ticker.in_thread(self._fresh_simulation)
            self.status, self.reason, self.total_events = "ready", None, 0
            self._stepper, self.history = Stepper(), RunHistory()
            self.report = None
            await self._publish_status("reset")

    async def inject(self, node: str, payload: Any, attributes: dict | None) -> None:
        async with self._lock:
            self._require(ACTIVE, "inject")
            check_inject(self, payload, attributes, rate=self._injects)
            try:
                message = await self.ticker.in_thread(self.sim.inject, node, payload, attributes)
            except DiagramError as error:
                problem = error.problems[0]
                raise ControlError(problem.path or "node", problem.code, problem.message) from None
            body = {"node": node, "message": message, "time": round(self.sim.now, 6)}
            await self._publish("injected", body)

    async def close(self, reason: str) -> None:
        """End the run for good (its owner closed it, or nobody watched it): a last
        status frame says why, then every viewer's socket is closed."""
        async with self._lock:
            self.ticker.cancel()
            self.status, self.reason, self.closed = "stopped", reason, True
            await self._publish_status(reason)
            await self.fanout.close_all(GONE_CODE)
            await self.ticker.in_thread(self.release)

    def _fresh_simulation(self) -> Simulation:
        """(Worker thread.) Collect the replaced Simulation's cycles, then build anew."""
        gc.collect()
        return Simulation(self.diagram, seed=self.seed)

    def release(self) -> None:
        """Drop the Simulation and collect its cycles (the run keeps its last state)."""
        self.closed, self.sim = True, None
        self.replay.clear()
        gc.collect()

    def abandon(self) -> None:
        """Stop ticking at once, without a frame (the process or the test is ending)."""
        self.status = "stopped"
        self.ticker.cancel()

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
            if self.poll is not None and self.poll.open:  # the answers are in: the run shows
                self.poll.open = False
                await self._publish("poll", self.poll.frame())
            self.ticker.start(self._on_tick, self._fail)

    # --- ticking -------------------------------------------------------------------
    async def _on_tick(self, wall: float) -> bool:
        """One tick of `wall` seconds: whether to keep ticking."""
        async with self._lock:
            if self.status != "running":
                return False
            await self._engine_tick(self._advance, wall)
            return self.status == "running"

    async def _fail(self) -> None:
        """The tick loop failed (not the engine): stop the run and say so."""
        async with self._lock:
            if self.status in TERMINAL:
                return
            try:
                await self._stop("failed")
            except Exception:  # even the last frame failed: the status still says so
                logger.exception("live run %s: the failure frame failed too", self.id)
                self.status, self.reason = "stopped", "failed"

    async def _engine_tick(self, work: Callable[..., Any], *args: Any) -> None:
        """Run engine work in a worker thread and publish the tick it makes."""
        try:
            body = await self.ticker.in_thread(self._tick_body, work, *args)
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
        state = self.history.record(span.events, self.state())  # the story so far
        return tick_body(span, limit=self.limits.frame_events, state=state)

    def _advance(self, wall: float) -> Span:
        """(Worker thread.) The tick's engine work at the run's speed."""
        span = self._stepper.advance(
            self.sim,
            speed=self.speed,
            wall=wall,
            end=self.end,
            events_left=self.limits.max_events - self.total_events,
        )
        self.total_events += len(span.events)
        return span

    def _step(self, unit: str) -> Span:
        """(Worker thread.) One traced event, or one simulated second."""
        span = self._stepper.step(self.sim, unit=unit, end=self.end)
        self.total_events += len(span.events)
        return span

    async def _stop_if_due(self) -> None:
        if self.total_events > self.limits.max_events:
            await self._stop("max_events")
        elif run_bytes(self) > self.limits.max_bytes:
            await self._stop("max_bytes")
        elif self.sim.now >= self.end:
            over = self.duration > self.limits.max_sim_seconds
            await self._stop("max_sim_seconds" if over else "duration")

    async def _stop(self, reason: str) -> None:
        self.ticker.cancel()
        self.status = "finished" if reason == "duration" else "stopped"
        self.reason = reason
        await self._publish_status(reason)

    # --- frames ----------------------------------------------------------------------
    async def _publish(self, kind: str, body: dict[str, Any]) -> None:
        """Serialise a run frame once (cut to the frame limit), keep it for replay and
        send it to every viewer."""
        self.seq += 1
        if "metrics" in body:
            self.last_state = {key: body[key] for key in self.last_state if key in body}
        text = fit(stamp(kind, self.seq, body), self.limits.frame_bytes)
        self.replay.add(self.seq, text)
        await self.fanout.send(self.seq, text)

    async def _publish_status(self, reason: str) -> None:
        body = self.state()
        body["reason"] = reason
        body["message"] = self.stop_message() if self.status in TERMINAL else None
        if self.status in TERMINAL:
            if self.report is None and self.sim is not None:
                self.report = self.sim.report()
            body["report"] = self.report
        await self._publish("status", body)

    def stop_message(self) -> str | None:
        template = STOP_MESSAGES.get(self.reason or "")
        if template is None:
            return None
        return template.format(duration=self.duration, **self.limits.as_dict())

    def state(self) -> dict[str, Any]:
        """What every status, tick and snapshot frame says about the run now."""
        if self.sim is None:
            return {**self.last_state, "status": self.status}
        state = {
            "status": self.status,
            "time": round(self.sim.now, 6),
            "speed": "max" if self.speed is None else self.speed,
            "total_events": self.total_events,
            "metrics": self.sim.node_metrics(),
            "ledger": self.sim.ledger(),
        }
        states = self.sim.node_states()
        if states:  # each state machine's executions by the state they are in
            state["states"] = states
        schemas = self.sim.schema_summary()
        if schemas:  # each registry's schemas and their versions (details in the report)
            state["schemas"] = schemas
        if self.sim.goals is not None:  # pending, passed or failed, final once finished
            state["goals"] = self.sim.goal_states(ended=self.status == "finished")
        return state

    def snapshot_text(self, *, role: str, resync: bool) -> str:
        """The whole state, as of the last run frame, for a viewer that has nothing to
        replay (`resync`: it asked for frames the buffer no longer holds, or fell behind).
        The document is not in it (GET /api/runs/<id>/ serves it): frames stay small."""
        body = {"run": describe(self), "role": role, "resync": resync}
        body["history"] = self.history.frame()  # a late joiner sees the story so far
        body.update(self.last_state, status=self.status)
        body.update(reason=self.reason, message=self.stop_message())
        if self.poll is not None:  # a student who joins late still gets the question's poll
            body["poll"] = self.poll.frame()
        return fit(stamp("snapshot", self.seq, body), self.limits.frame_bytes)
