"""Problems found in a diagram, and the one exception that carries them.

Every check in the engine collects `Problem`s instead of raising at the first one, so a
user sees everything that is wrong at once; `DiagramError` is raised once, at the end.
The same problems become HTTP 400 bodies, CLI lines and WebSocket error frames.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (`path`), what kind (`code`), and why."""

    path: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DiagramError(ValueError):
    """Raised with every problem of a document; `problems` keeps their order."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def join_path(base: str, key: str | int) -> str:
    """Extend a contract path: `nodes[3]` + `props` -> `nodes[3].props`, + 2 -> `[2]`."""
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key
