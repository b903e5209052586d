"""Run workers (REDIS_URL): `python manage.py runworker eventyard-runs`, any number.

`RunWorker` is a Channels consumer on the `eventyard-runs` channel. A web process sends
each new run there (`run.create`) and whichever worker receives it takes the run's lease
and steps it: the same `LiveRun` as in one process, with a `LayerFanout` that keeps every
frame in Redis and sends it to the group every web process's sockets joined. Controls
(`run.control`) and closes (`run.close`) come from any web process to this worker's own
channel, named in the run's hash; refusals go back to the socket as `run.error`.

Failover: a worker renews its leases every `store.RENEW_SECONDS`. A worker that dies
(SIGKILL) stops renewing; once its leases lapse, a web process with sockets on one of its
runs, or another worker's scan, sends the run to `eventyard-runs` again (`run.adopt`),
and the worker that takes the lease rebuilds the Simulation from its seed and controls
log up to the simulated time of the last frame sent (runs are deterministic), re-sends
that frame (sockets drop a seq they have) and carries on from the next seq.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from channels.consumer import AsyncConsumer

from engine import Simulation, load_diagram
from playground.runs import config, store
from playground.runs.access import RunAccess
from playground.runs.budget import run_bytes
from playground.runs.config import RunLimits
from playground.runs.controls import ControlError
from playground.runs.fanout import LayerFanout
from playground.runs.live import TERMINAL, LiveRun, Source
from playground.runs.stepping import Stepper
from playground.runs.ticker import Ticker, WallPacer

logger = logging.getLogger(__name__)
events_log = logging.getLogger("eventyard.runs")
SCAN_SECONDS = 1.0
# A relay writing frames later than this slows the run's ticks; under LAG_LOW, speeds up.
LAG_HIGH_SECONDS, LAG_LOW_SECONDS = 0.15, 0.05


def log_event(event: str, **fields: Any) -> None:
    """One JSON line per run start, stop and failover (README "Operations")."""
    line = {"at": round(time.time(), 3), "event": event, "pid": os.getpid(), **fields}
    events_log.info(store.dumps(line))


def checkpoint_of(run: LiveRun, seq: int) -> dict[str, Any]:
    """What the run hash says after frame `seq`: enough to rebuild the run exactly."""
    fields: dict[str, Any] = {
        "checkpoint": {
            "seq": seq,
            "now": run.sim.now if run.sim is not None else run.time,
            "status": run.status,
            "reason": run.reason,
            "speed": run.speed,
            "total_events": run.total_events,
            "bytes": run_bytes(run),
        },
        "state": {
            **run.last_state,
            "status": run.status,
            "reason": run.reason,
            "message": run.stop_message(),
        },
    }
    if run.report is not None and run.status in TERMINAL:
        fields["report"] = run.report
    return fields


def rebuild(diagram: Any, *, seed: int, log: list[dict], now: float, end: float) -> Simulation:
    """(Worker thread.) The Simulation as it was at simulated time `now`: from its seed,
    with the logged controls applied at the times they were, then run up to `now`."""
    sim = Simulation(diagram, seed=seed)
    for entry in log:
        # A seek backwards rebuilds the run from its seed, as a reset does; a seek forwards
        # (and a skip) only moves the clock on, which running to the next entry repeats.
        backwards = entry["kind"] == "seek" and entry["time"] < entry["at"]
        if entry["kind"] == "reset" or backwards:
            sim = Simulation(diagram, seed=seed)
            continue
        if entry["kind"] == "seek":
            continue
        if entry["at"] > sim.now:
            sim.run(until=entry["at"])
        if entry["kind"] == "inject":
            sim.inject(entry["node"], entry["payload"], entry["attributes"])
        else:
            Stepper.step(sim, unit=entry["unit"], end=end)
        sim.drain_events()
    if now > sim.now:
        sim.run(until=now)
    sim.drain_events()
    return sim


def note_owner(run: LiveRun, sockets: int, now: float) -> None:
    """The owner's sockets on every web process, as upkeep last counted them: the run
    notes when the last one went (as `Player.owner_left` does in one process), and a run
    adopted after a failover starts counting afresh."""
    if sockets > 0:
        run.owner_sockets, run.owner_left_at = sockets, None
    elif run.owner_sockets > 0:
        run.owner_sockets, run.owner_left_at = 0, now


class AdaptivePacer(WallPacer):
    """Real time, as `WallPacer`, with a tick interval the worker widens while the web
    processes write the run's frames late (back-pressure: as one process's ticks wait for
    their frames to be written) and narrows back to FRAME_INTERVAL once they keep up.
    Wider ticks cover more simulated time each, so the run still keeps real time."""

    def __init__(self) -> None:
        self.interval = config.FRAME_INTERVAL
        self.floor = config.FRAME_INTERVAL  # by the run's audience (`config.frame_interval`)

    def adapt(self, lag: float, viewers: int = 0) -> None:
        self.floor = config.frame_interval(viewers)
        if lag > LAG_HIGH_SECONDS:
            self.interval = min(self.interval * 1.5, config.MAX_TICK_WALL_SECONDS)
        elif lag < LAG_LOW_SECONDS:
            self.interval = max(self.interval / 1.5, self.floor)
        self.interval = max(self.interval, self.floor)

    async def ticks(self, interval: Callable[[], float] | None = None) -> AsyncIterator[float]:
        loop = asyncio.get_running_loop()
        previous = due = loop.time()
        while True:
            due += self.interval
            await asyncio.sleep(max(0.0, due - loop.time()))
            now = loop.time()
            due = max(due, now - self.interval)
            wall, previous = min(now - previous, config.MAX_TICK_WALL_SECONDS), now
            yield wall


class RunWorker(AsyncConsumer):
    """Invariant: `hosted` holds exactly the runs whose lease this worker holds."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.hosted: dict[str, LiveRun] = {}
        self.pacer = WallPacer()
        self.executor = ThreadPoolExecutor(config.ENGINE_THREADS, "eventyard-run")
        self._upkeep: asyncio.Task | None = None

    # --- messages -----------------------------------------------------------------
    async def run_wake(self, message: dict[str, Any]) -> None:
        """The worker process started (`runworker`): heartbeat and adopt from now on."""
        self._ensure_upkeep()

    async def run_create(self, message: dict[str, Any]) -> None:
        self._ensure_upkeep()
        await self.take(message["run"], rebuild_from_checkpoint=False)

    async def run_adopt(self, message: dict[str, Any]) -> None:
        self._ensure_upkeep()
        await self.take(message["run"], rebuild_from_checkpoint=True)

    async def run_control(self, message: dict[str, Any]) -> None:
        self._ensure_upkeep()
        run, control = self.hosted.get(message["run"]), message["control"]
        try:
            if run is None:
                raise ControlError("type", "moving", "The run moved; try again in a moment.")
            await self.apply(run, control)
        except ControlError as error:
            await self._reply(message.get("reply"), error, message["run"])
        except Exception:
            logger.exception("run worker: a control failed")
            error = ControlError("", "server_error", "The server failed on this control.")
            await self._reply(message.get("reply"), error, message["run"])

    async def run_close(self, message: dict[str, Any]) -> None:
        run = self.hosted.get(message["run"])
        if run is not None:
            await self.close(run, message.get("reason") or "closed")

    async def _reply(self, reply: dict | None, error: ControlError, run_id: str) -> None:
        """To the socket that sent the control, through its web process's relay."""
        if reply and reply.get("channel"):
            body = {"field": error.field, "code": error.code, "message": error.message}
            message = {"type": "run.error", "run": run_id, "socket": reply["socket"], **body}
            await self.channel_layer.send(reply["channel"], message)

    # --- controls ---------------------------------------------------------------------
    async def apply(self, run: LiveRun, control: dict[str, Any]) -> None:
        """One control; those that change the Simulation are logged with the frame they
        make, for a rebuild (inject at the time of its frame, step from where it began)."""
        kind = control["type"]
        if kind in ("inject", "step", "reset", "seek"):
            entry = {key: value for key, value in control.items() if key != "type"}
            at = run.sim.now if run.sim is not None else 0.0
            run.fanout.pending = {"kind": kind, "at": at, **entry}
        try:
            await self._dispatch(run, kind, control)
        finally:
            run.fanout.pending = None

    @staticmethod
    async def _dispatch(run: LiveRun, kind: str, control: dict[str, Any]) -> None:
        if kind == "inject":
            await run.inject(control["node"], control["payload"], control["attributes"])
        elif kind == "step":
            await run.step(control["unit"])
        elif kind == "speed":
            await run.set_speed(control["speed"])
        elif kind == "seek":
            await run.seek(control["time"])
        elif kind == "poll":
            await run.open_poll(control["choices"])
        elif kind == "answer":
            await run.answer(control["voter"], control["choice"])
        elif kind in ("start", "pause", "resume", "reset", "skip"):
            await getattr(run, kind)()
        else:
            raise ControlError("type", "unknown_type", f"{kind!r} is not a control.")

    # --- owning runs ----------------------------------------------------------------
    async def take(self, run_id: str, *, rebuild_from_checkpoint: bool) -> LiveRun | None:
        if run_id in self.hosted:
            return self.hosted[run_id]
        meta = store.load(run_id)
        if meta is None or meta.get("closed") or not store.take_lease(run_id, self.channel_name):
            return None
        try:
            run = self._build(run_id, meta)
            if rebuild_from_checkpoint and meta["checkpoint"].get("now") is not None:
                await self._restore(run, meta)
                log_event("run_failover", run=run_id, worker=self.channel_name, seq=run.seq)
            else:
                store.set_fields(run_id, **checkpoint_of(run, run.seq))
                log_event("run_start", run=run_id, worker=self.channel_name, owner=run.owner)
        except Exception:
            logger.exception("run worker: could not take run %s", run_id)
            store.drop_lease(run_id, self.channel_name)
            return None
        self.hosted[run_id] = run
        store.set_fields(run_id, worker=self.channel_name)
        return run

    def _build(self, run_id: str, meta: dict[str, Any]) -> LiveRun:
        limits = RunLimits(**meta["limits"])
        fanout = LayerFanout(run_id, checkpoint=lambda seq, _text: checkpoint_of(run, seq))
        fanout.keep = limits.replay_frames
        run = LiveRun(
            run_id=run_id,
            access=RunAccess(meta["owner"]),
            source=Source(**meta["source"]),
            diagram=load_diagram(meta["source"]["document"]),
            seed=meta["seed"],
            duration=meta["duration"],
            limits=limits,
            ticker=Ticker(pacer=AdaptivePacer(), executor=self.executor, name=run_id),
            fanout=fanout,
        )
        run.loop = asyncio.get_running_loop()
        return run

    async def _restore(self, run: LiveRun, meta: dict[str, Any]) -> None:
        point = meta["checkpoint"]
        log = store.controls(run.id)
        run.sim = await run.ticker.in_thread(
            lambda: rebuild(run.diagram, seed=run.seed, log=log, now=point["now"], end=run.end)
        )
        run.seq, run.status, run.reason = point["seq"], point["status"], point["reason"]
        run.speed, run.total_events = point["speed"], point["total_events"]
        run.report = meta.get("report")
        run.last_state = {key: meta["state"][key] for key in run.last_state if key in meta["state"]}
        frames = store.frames(run.id)
        for seq, text in frames:
            run.replay.add(seq, text)
        if frames:  # it may have died between keeping a frame and sending it
            await run.fanout.resend(*frames[-1])
        if run.status == "running":
            run.ticker.start(run._on_tick, run._fail)

    async def close(self, run: LiveRun, reason: str) -> None:
        self.hosted.pop(run.id, None)
        with contextlib.suppress(Exception):
            await run.close(reason)
        store.forget_owner_run(run.owner, run.id)
        store.drop_lease(run.id, self.channel_name)
        log_event("run_stop", run=run.id, worker=self.channel_name, reason=reason, seq=run.seq)

    # --- upkeep: heartbeat, leases, idle runs, orphans ------------------------------
    def _ensure_upkeep(self) -> None:
        if self._upkeep is None or self._upkeep.done():
            self._upkeep = asyncio.get_running_loop().create_task(self._keep_up())

    async def _keep_up(self) -> None:
        scanned = 0.0
        while True:
            try:
                await self.upkeep()
                if self.pacer.now() - scanned >= SCAN_SECONDS:
                    scanned = self.pacer.now()
                    await self.adopt_orphans()
            except Exception:
                logger.exception("run worker: upkeep failed")
            await asyncio.sleep(store.RENEW_SECONDS)

    async def upkeep(self) -> None:
        store.heartbeat(self.channel_name)
        now = self.pacer.now()
        for run_id, run in list(self.hosted.items()):
            if not store.renew_lease(run_id, self.channel_name):
                self.hosted.pop(run_id, None)
                run.abandon()
                log_event("run_lost", run=run_id, worker=self.channel_name)
                continue
            viewers = store.viewers(run_id)
            run.ticker.pacer.adapt(store.worst_lag(run_id), viewers)
            if viewers > 0:
                run.idle_since = None
            elif run.idle_since is None:
                run.idle_since = now
            note_owner(run, store.owner_sockets(run_id), now)
            if run.is_idle(now):
                await self.close(run, "idle")
            elif run.is_owner_gone(now):
                await self.close(run, "owner_gone")

    async def adopt_orphans(self) -> None:
        for run_id in store.open_runs():
            if run_id not in self.hosted and store.lease_holder(run_id) is None:
                await self.take(run_id, rebuild_from_checkpoint=True)
