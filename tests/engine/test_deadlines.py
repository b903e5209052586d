"""Deadlines on one kernel timer and the deduplication window (`engine.runtime.deadlines`)."""

from __future__ import annotations

from engine.runtime.deadlines import DEDUP_INTERVAL, Deadlines, DedupWindow
from engine.runtime.kernel import Kernel


def test_each_deadline_fires_once_at_its_time_in_due_order():
    kernel, fired = Kernel(1), []
    deadlines = Deadlines(kernel, lambda key, token: fired.append((kernel.now, key, token)))
    deadlines.add(5.0, "a", 1)
    deadlines.add(7.0, "b", 1)
    deadlines.add(2.0, "early", 3)  # earlier than the last one queued: goes to the heap
    deadlines.add(7.0, "c", 2)
    kernel.run_until(10)
    assert fired == [(2.0, "early", 3), (5.0, "a", 1), (7.0, "b", 1), (7.0, "c", 2)]
    assert deadlines.armed is None


def test_one_kernel_timer_serves_many_deadlines():
    kernel = Kernel(1)
    deadlines = Deadlines(kernel, lambda key, token: None)
    for i in range(100):
        deadlines.add(10.0 + i, f"k{i}", i)
    assert kernel.pending == 1


def test_prune_drops_finished_entries_from_the_front_only():
    kernel = Kernel(1)
    deadlines = Deadlines(kernel, lambda key, token: None)
    for key in ("done-1", "done-2", "live", "done-3"):
        deadlines.add(5.0, key, 0)
    deadlines.prune(lambda key, token: not key.startswith("done"))
    assert [key for _due, key, _token in deadlines.queue] == ["live", "done-3"]


def test_a_key_repeats_only_within_the_window():
    window = DedupWindow()
    assert window.interval == DEDUP_INTERVAL == 300.0
    assert window.is_repeat("id", 0.0) is False
    assert window.is_repeat("id", 299.9) is True
    assert window.is_repeat("id", 300.0) is False  # the window is five minutes, then new
    assert window.is_repeat("other", 300.0) is False
    assert len(window.seen) == 2


def test_a_deadline_already_past_fires_now_not_in_the_past():
    kernel, fired = Kernel(1), []
    kernel.run_until(10.0)
    deadlines = Deadlines(kernel, lambda key, token: fired.append((kernel.now, key)))
    deadlines.add(4.0, "late", 1)
    kernel.run_until(10.0)
    assert fired == [(10.0, "late")]
