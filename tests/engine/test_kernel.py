"""The discrete-event kernel (`engine.runtime.kernel`): order, clock and refusals."""

from __future__ import annotations

import pytest

from engine.runtime.kernel import ACTION, ARRIVAL, STATE, Kernel


def test_events_run_in_time_then_priority_then_scheduling_order():
    kernel, seen = Kernel(1), []
    kernel.at(2.0, ARRIVAL, seen.append, "late")
    kernel.at(1.0, ACTION, seen.append, "action")
    kernel.at(1.0, STATE, seen.append, "state")
    kernel.at(1.0, ARRIVAL, seen.append, "arrival-1")
    kernel.at(1.0, ARRIVAL, seen.append, "arrival-2")
    assert kernel.run_until(5.0) == 5
    assert seen == ["state", "arrival-1", "arrival-2", "action", "late"]
    assert kernel.now == 5.0 and kernel.dispatched == 5


def test_the_clock_is_at_each_event_while_it_runs_and_stops_at_until():
    kernel, times = Kernel(1), []
    kernel.at(0.5, ACTION, lambda: times.append(kernel.now))
    kernel.at(3.0, ACTION, lambda: times.append(kernel.now))
    kernel.run_until(1.0)
    assert (times, kernel.now, kernel.pending) == ([0.5], 1.0, 1)
    kernel.run_until(3.0)
    assert times == [0.5, 3.0]


def test_an_event_can_schedule_another_at_the_same_instant():
    kernel, seen = Kernel(1), []
    kernel.at(1.0, ACTION, lambda: kernel.after(0.0, ACTION, seen.append, "again"))
    kernel.run_until(1.0)
    assert seen == ["again"]


def test_scheduling_in_the_past_is_refused():
    kernel = Kernel(1)
    kernel.run_until(10.0)
    with pytest.raises(ValueError, match="already at 10.0"):
        kernel.at(9.0, ACTION, print)
    with pytest.raises(ValueError):
        kernel.after(-1.0, ACTION, print)
    assert kernel.pending == 0


def test_step_dispatches_one_event_and_next_time_peeks():
    kernel, seen = Kernel(1), []
    assert kernel.step() is False and kernel.next_time() is None
    kernel.at(2.0, ACTION, seen.append, 2)
    kernel.at(1.0, ACTION, seen.append, 1)
    assert kernel.next_time() == 1.0
    assert kernel.step() is True
    assert (seen, kernel.now) == ([1], 1.0)


def test_clock_targets_are_rounded_so_many_small_steps_reach_the_same_time():
    kernel, seen = Kernel(1), []
    kernel.at(60.0, ACTION, seen.append, "end")
    for _ in range(1200):
        kernel.run_until(kernel.now + 0.05)
    assert seen == ["end"] and kernel.now == 60.0


def test_the_random_stream_is_seeded():
    assert Kernel(7).rng.random() == Kernel(7).rng.random() != Kernel(8).rng.random()
