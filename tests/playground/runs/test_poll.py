"""A class's poll: answers in range, one per voter (the latest kept), bounded, closed for
good once closed."""

from __future__ import annotations

import pytest

from playground.runs import poll as polls
from playground.runs.controls import ControlError


def test_one_answer_per_voter_the_latest_kept():
    poll = polls.ClassPoll(3)
    poll.answer("session:a", 0)
    poll.answer("session:b", 2)
    poll.answer("session:a", 2)
    assert poll.frame() == {"choices": 3, "tally": [0, 0, 2], "answered": 2, "open": True}
    with pytest.raises(ControlError) as raised:
        poll.answer("session:c", 3)
    assert raised.value.code == "out_of_range"
    poll.open = False
    with pytest.raises(ControlError) as raised:
        poll.answer("session:c", 1)
    assert raised.value.code == "poll_closed"


def test_a_flood_of_voters_is_bounded(monkeypatch):
    monkeypatch.setattr(polls, "MAX_VOTERS", 3)
    poll = polls.ClassPoll(2)
    for voter in ("a", "b", "c"):
        poll.answer(voter, 1)
    with pytest.raises(ControlError) as raised:
        poll.answer("d", 0)
    assert raised.value.code == "too_many"
    poll.answer("a", 0)  # a known voter may still change their answer
    assert poll.tally() == [1, 2]
