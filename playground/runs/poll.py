"""A class's answers to a lesson's question, asked over a live run (the classroom): the
run's owner opens the poll, each watcher answers (one answer per browser session, the
latest kept), everyone sees the tally, and the poll closes when the run starts. Answers
live only as long as the run: nothing is stored."""

from __future__ import annotations

from typing import Any

from playground.runs.controls import ControlError

# A poll keeps one answer per voter: at most this many voters, so a flood of sockets
# cannot grow a run's memory without bound.
MAX_VOTERS = 2000


class ClassPoll:
    """Invariant: every answer is in 0..choices-1; at most MAX_VOTERS answers."""

    def __init__(self, choices: int):
        self.choices = choices
        self.answers: dict[str, int] = {}
        self.open = True

    def answer(self, voter: str, choice: int) -> None:
        if not self.open:
            raise ControlError("type", "poll_closed", "The run has started: answers are closed.")
        if not 0 <= choice < self.choices:
            raise ControlError(
                "choice", "out_of_range", f"choice {choice} is not in 0..{self.choices - 1}."
            )
        if voter not in self.answers and len(self.answers) >= MAX_VOTERS:
            raise ControlError("choice", "too_many", f"At most {MAX_VOTERS} answers a poll.")
        self.answers[voter] = choice

    def tally(self) -> list[int]:
        counts = [0] * self.choices
        for choice in self.answers.values():
            counts[choice] += 1
        return counts

    def frame(self) -> dict[str, Any]:
        return {
            "choices": self.choices,
            "tally": self.tally(),
            "answered": len(self.answers),
            "open": self.open,
        }
