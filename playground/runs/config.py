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


@dataclass(frozen=True)
class RunLimits:
    """Invariant: every number is positive except `frame_events` (0: never list events)."""

    max_events: int
    max_sim_seconds: float
    idle_seconds: float
    runs_per_owner: int
    frame_events: int
    replay_frames: int

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
    )


def fanout_mode() -> str:
    """How frames reach sockets: direct or group (see `playground.runs.fanout`)."""
    return settings.EVENTYARD_RUN_FANOUT
