"""A live run's limits and tuning, read from Django settings when the run is made.

Each run keeps the values it started with, so changing a setting (or a test overriding
one) never changes a run halfway. README's "Live runs" section documents every setting.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings

# At most 20 frames a second per run (contract section 5): browsers animate at 60 fps,
# and 50 ms batches keep a frame's events few enough to draw.
FRAME_INTERVAL = 0.05
# A run watched by many sockets sends fewer, fuller frames: every frame is one write per
# socket, and past FULL_RATE_VIEWERS those writes, not the engine, fill the process. The
# interval grows with the audience up to CROWD_FRAME_INTERVAL (10 a second at 1,000).
FULL_RATE_VIEWERS = 500
CROWD_FRAME_INTERVAL = 0.1


def frame_interval(viewers: int) -> float:
    """The wall seconds between a run's frames for `viewers` sockets on it."""
    if viewers <= FULL_RATE_VIEWERS:
        return FRAME_INTERVAL
    return min(FRAME_INTERVAL * viewers / FULL_RATE_VIEWERS, CROWD_FRAME_INTERVAL)


# Past this much wall time between two ticks (a stalled loop, a slow step), the run does
# not try to catch up: speed is a ceiling, not a debt to repay in one giant step.
MAX_TICK_WALL_SECONDS = 0.25
# At speed "max" a tick advances the engine for about this much wall time, then sends its
# frame: the run goes as fast as the engine allows while the event loop, which shares the
# GIL with the engine's thread, still gets most of each 50 ms tick for the sockets.
MAX_SPEED_BUDGET = 0.02
# Engine steps run in this many worker threads (not asgiref's single thread-sensitive
# executor, which database access from the auth middleware needs): one slow run cannot
# hold up the others' steps, though they all share the GIL.
ENGINE_THREADS = 4

SPEED_MIN, SPEED_MAX = 0.1, 100.0

# Why a run ended, as its last status frame says (formatted with its limits).
STOP_MESSAGES = {
    "duration": "The run reached its duration of {duration:g} simulated seconds.",
    "max_events": "The run stopped after more than {max_events} events (EVENTYARD_RUN_MAX_EVENTS).",
    "max_sim_seconds": "The run stopped at {max_sim_seconds:g} simulated seconds "
    "(EVENTYARD_RUN_MAX_SIM_SECONDS).",
    "max_bytes": "The run stopped: it held more than {max_bytes} bytes of messages and "
    "frames (EVENTYARD_RUN_MAX_BYTES).",
    "idle": "The run stopped: nobody watched it for {idle_seconds:g} seconds "
    "(EVENTYARD_RUN_IDLE_SECONDS).",
    "unopened": "The run was dropped: no socket opened it within {unopened_seconds:g} "
    "seconds (EVENTYARD_RUN_UNOPENED_SECONDS).",
    "closed": "The run was closed by its owner.",
    "owner_gone": "The run was closed: its owner's page was gone for {owner_gone_seconds:g} "
    "seconds.",
    "engine_error": "The run stopped: the simulation failed. This is a bug in Eventyard; "
    "the server log has the details.",
    "failed": "The run stopped: its ticks failed. This is a bug in Eventyard; "
    "the server log has the details.",
}


@dataclass(frozen=True)
class RunLimits:
    """Invariant: every number is positive except `frame_events` (0: never list events)."""

    max_events: int
    max_sim_seconds: float
    idle_seconds: float
    runs_per_owner: int
    frame_events: int
    replay_frames: int
    max_bytes: int
    frame_bytes: int
    inject_bytes: int
    injects_per_second: float
    resets_per_second: float
    unopened_seconds: float
    owner_gone_seconds: float = 120.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def current_limits() -> RunLimits:
    """The limits in force now (settings.py has the defaults and the environment names)."""
    return RunLimits(
        max_events=int(settings.EVENTYARD_RUN_MAX_EVENTS),
        max_sim_seconds=float(settings.EVENTYARD_RUN_MAX_SIM_SECONDS),
        idle_seconds=float(settings.EVENTYARD_RUN_IDLE_SECONDS),
        runs_per_owner=int(settings.EVENTYARD_RUNS_PER_OWNER),
        frame_events=int(settings.EVENTYARD_RUN_FRAME_EVENTS),
        replay_frames=int(settings.EVENTYARD_RUN_REPLAY_FRAMES),
        max_bytes=int(settings.EVENTYARD_RUN_MAX_BYTES),
        frame_bytes=int(settings.EVENTYARD_RUN_FRAME_BYTES),
        inject_bytes=int(settings.EVENTYARD_RUN_INJECT_BYTES),
        injects_per_second=float(settings.EVENTYARD_RUN_INJECTS_PER_SECOND),
        resets_per_second=float(settings.EVENTYARD_RUN_RESETS_PER_SECOND),
        unopened_seconds=float(settings.EVENTYARD_RUN_UNOPENED_SECONDS),
        owner_gone_seconds=float(settings.EVENTYARD_RUN_OWNER_GONE_SECONDS),
    )


@dataclass(frozen=True)
class SocketLimits:
    """Per connection: how many controls a second (with a burst), and how far a slow
    reader may fall behind before its backlog is dropped, or it is closed."""

    controls_per_second: float
    control_burst: int
    send_buffer_bytes: int
    behind_seconds: float


def socket_limits() -> SocketLimits:
    return SocketLimits(
        controls_per_second=float(settings.EVENTYARD_WS_CONTROLS_PER_SECOND),
        control_burst=int(settings.EVENTYARD_WS_CONTROL_BURST),
        send_buffer_bytes=int(settings.EVENTYARD_WS_SEND_BUFFER_BYTES),
        behind_seconds=float(settings.EVENTYARD_WS_BEHIND_SECONDS),
    )


def runs_per_address_per_minute() -> int:
    """New runs one client address may make a minute (0: no limit)."""
    return int(settings.EVENTYARD_RUNS_PER_ADDRESS_PER_MINUTE)
