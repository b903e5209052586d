"""What an event source mapping uses of the function it invokes, as a Protocol, so the
sources and `LambdaFunction` do not import each other."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from engine.core.message import Copy
from engine.runtime.behaviour import Outcome
from engine.runtime.host import Host
from engine.runtime.kernel import Kernel
from engine.runtime.recorder import Recorder


class Invoker(Protocol):
    id: str
    arn: str
    kernel: Kernel
    rec: Recorder
    sim: Host
    destination_failures: int
    iterator_age_ms: float

    def try_acquire(self, copies: list[Copy], edge: str | None) -> bool: ...

    def execute(
        self,
        copies: list[Copy],
        edge: str | None,
        *,
        stop_at_first: bool = False,
        whole_batch_fails: bool = True,
        on_done: Callable[[list[Copy], Outcome], None],
    ) -> None: ...
