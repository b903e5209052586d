"""What every design-advice rule yields: an `Advice` (see `designer.advice`, which lists the
rules). Kept apart so rule modules beside `advice` can share it without importing it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from engine.core.diagram import Diagram


@dataclass(frozen=True)
class Advice:
    """One warning: where (`path`), what kind (`code`), why (`message`), what to do (`fix`)."""

    path: str
    code: str
    message: str
    fix: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


AdviceRule = Callable[[Diagram], Iterator[Advice]]
