"""`playground.runs.budget`: what a run's memory cap counts, and the token buckets."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from playground.runs.budget import RateLimiter, check_inject, payload_bytes, run_bytes
from playground.runs.config import current_limits
from playground.runs.controls import ControlError


class HeldSim:
    """A simulation that reports the payload bytes it holds (`Simulation.held_bytes`)."""

    def __init__(self, held: int):
        self.held = held

    def held_bytes(self) -> int:
        return self.held


def measured(sim, *, replay: int = 0, **limits):
    return SimpleNamespace(
        sim=sim,
        replay_bytes=replay,
        limits=SimpleNamespace(
            **{"max_bytes": 1000, "inject_bytes": 100, "injects_per_second": 1.0, **limits}
        ),
    )


def test_the_run_counts_what_the_engine_holds_and_its_replay_buffer():
    assert run_bytes(measured(HeldSim(5000), replay=40)) == 5040


def test_a_closed_run_counts_only_what_it_still_buffers():
    assert run_bytes(measured(None, replay=40)) == 40


def test_an_inject_is_measured_as_the_json_it_came_as():
    assert payload_bytes({"a": "xyz"}, None) == len('{"a":"xyz"}')
    assert payload_bytes(1, {"k": "v"}) == 1 + len('{"k":"v"}')


@pytest.mark.parametrize(
    ("run", "payload", "code"),
    [
        (measured(HeldSim(0)), "x" * 200, "too_large"),
        (measured(HeldSim(950)), "x" * 60, "memory_limit"),
        (measured(HeldSim(0), replay=990), "x" * 20, "memory_limit"),
    ],
)
def test_an_inject_past_a_limit_is_refused_naming_it(run, payload, code):
    bucket = RateLimiter(rate=1, burst=5, clock=lambda: 0.0)
    with pytest.raises(ControlError) as refused:
        check_inject(run, payload, None, rate=bucket)
    assert (refused.value.field, refused.value.code) == ("payload", code)
    assert "EVENTYARD_RUN_" in refused.value.message
    assert bucket.tokens == 5  # a refused inject spends nothing


def test_the_token_bucket_allows_a_burst_then_the_rate():
    now = [0.0]
    bucket = RateLimiter(rate=2, burst=3, clock=lambda: now[0])

    assert [bucket.allow() for _ in range(4)] == [True, True, True, False]
    now[0] += 0.5  # one token back
    assert [bucket.allow(), bucket.allow()] == [True, False]
    now[0] += 100  # never more than the burst
    assert sum(bucket.allow() for _ in range(10)) == 3


def test_the_default_memory_cap_is_64_megabytes(settings):
    assert current_limits().max_bytes == 64 * 1024 * 1024
