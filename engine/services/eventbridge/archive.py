"""EventBridge archives and replays ("Archiving and replaying events in Amazon EventBridge").

An archive on a bus (the bus's `Archives` prop, exported as `AWS::Events::Archive`) keeps
the events that match its `EventPattern` (every event without one) for `RetentionDays`
(0: for ever). A replay (the bus's `replays` sim field: StartReplay is an API call, not a
resource) sends the archived events of a time range back to the bus at a moment of the run,
to every rule or to the rules it names (`Destination.FilterArns`), each event with a
`replay-name` field; a rule can leave replays out with `{"replay-name": [{"exists":
false}]}`. Replayed events are not archived again.

Choices where AWS leaves room: a replay sends its events at its start, one after another in
the order they were archived (AWS does not promise the original timing); an archive keeps
at most `MAX_ARCHIVED` events (the oldest go first), which only a very long run reaches.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from engine.core.errors import Problem
from engine.core.message import Copy
from engine.core.values import is_int, is_number, show
from engine.matching.event_patterns import compile_pattern, validate_pattern

MAX_ARCHIVED = 100_000
ARCHIVE_NAME = re.compile(r"[.\-_A-Za-z0-9]{1,48}")
ARCHIVE_FIELDS = ("ArchiveName", "EventPattern", "RetentionDays", "Description")
REPLAY_FIELDS = ("ReplayName", "ArchiveName", "At", "EventStartTime", "EventEndTime", "Rules")
REPLAY_KEY = "replay-name"


class Archive:
    """Invariant: `events` holds (time, copy, event) in the order they reached the bus."""

    __slots__ = ("name", "pattern", "retention", "events", "archived")

    def __init__(self, spec: dict[str, Any]):
        self.name = spec["ArchiveName"]
        pattern = spec.get("EventPattern")
        self.pattern = compile_pattern(pattern) if pattern is not None else None
        days = spec.get("RetentionDays", 0) or 0
        self.retention = days * 86_400.0 if days else None
        self.events: deque[tuple[float, Copy, dict[str, Any]]] = deque(maxlen=MAX_ARCHIVED)
        self.archived = 0

    def offer(self, now: float, copy: Copy, event: dict[str, Any]) -> None:
        if REPLAY_KEY in event:
            return
        if self.pattern is None or self.pattern.matches(event):
            self.events.append((now, copy, event))
            self.archived += 1

    def between(self, now: float, start: float, end: float):
        """The archived events of [start, end) still within the retention period."""
        oldest = now - self.retention if self.retention is not None else float("-inf")
        for when, copy, event in self.events:
            if start <= when < end and when >= oldest:
                yield copy, event


def _entries(
    value: Any, path: str, what: str, fields: tuple[str, ...], name_key: str, most: int
) -> tuple[list[Problem], list[tuple[str, dict]]]:
    """A list of objects with known fields and a name: the problems of its shape, and each
    well-formed entry with its path, for the checks of its own kind."""
    example = f'[{{"{name_key}": "...", ...}}]'
    if not isinstance(value, list):
        return [Problem(path, "invalid_type", f"a list: {example}")], []
    found: list[Problem] = []
    entries: list[tuple[str, dict]] = []
    for index, item in enumerate(value):
        at = f"{path}[{index}]"
        if not isinstance(item, dict):
            found.append(Problem(at, "invalid_type", f"{what} is an object with {name_key}"))
            continue
        found.extend(
            Problem(
                f"{at}.{key}",
                "unknown_field",
                f"'{key}' is not a field of {what}; allowed: {', '.join(fields)}",
            )
            for key in item
            if key not in fields
        )
        name = item.get(name_key)
        if not isinstance(name, str) or not re.fullmatch(rf"[.\-_A-Za-z0-9]{{1,{most}}}", name):
            found.append(
                Problem(
                    f"{at}.{name_key}",
                    "invalid_value",
                    f"1 to {most} letters, digits, dots, hyphens and underscores",
                )
            )
        entries.append((at, item))
    return found, entries


def check_archives(value: Any, path: str) -> list[Problem]:
    found, entries = _entries(value, path, "an archive", ARCHIVE_FIELDS, "ArchiveName", 48)
    names: set[str] = set()
    for at, item in entries:
        name = item.get("ArchiveName")
        if isinstance(name, str) and ARCHIVE_NAME.fullmatch(name) and name in names:
            found.append(Problem(f"{at}.ArchiveName", "duplicate_name", f"'{name}' is taken"))
        names.add(name if isinstance(name, str) else "")
        if item.get("EventPattern") is not None:
            found.extend(validate_pattern(item["EventPattern"], f"{at}.EventPattern"))
        days = item.get("RetentionDays", 0)
        if not is_int(days) or days < 0:
            found.append(
                Problem(
                    f"{at}.RetentionDays",
                    "out_of_range",
                    f"{show(days)} is not a whole number of days (0: for ever)",
                )
            )
        if not isinstance(item.get("Description", ""), str):
            found.append(Problem(f"{at}.Description", "invalid_type", "a string"))
    return found


def check_replays(value: Any, path: str) -> list[Problem]:
    found, entries = _entries(value, path, "a replay", REPLAY_FIELDS, "ReplayName", 64)
    for at, item in entries:
        if not isinstance(item.get("ArchiveName"), str):
            found.append(Problem(f"{at}.ArchiveName", "required", "the archive to replay from"))
        times = {}
        for key in ("At", "EventStartTime", "EventEndTime"):
            if key in item:
                if not is_number(item[key]) or item[key] < 0:
                    found.append(
                        Problem(f"{at}.{key}", "out_of_range", "simulated seconds, at least 0")
                    )
                else:
                    times[key] = item[key]
        if "At" not in item:
            found.append(Problem(f"{at}.At", "required", "the simulated second to start it"))
        start, end = times.get("EventStartTime", 0), times.get("EventEndTime", times.get("At"))
        if end is not None and start >= end:
            found.append(
                Problem(
                    f"{at}.EventEndTime",
                    "out_of_range",
                    "EventEndTime must come after EventStartTime",
                )
            )
        if end is not None and "At" in times and end > times["At"]:
            found.append(
                Problem(
                    f"{at}.EventEndTime",
                    "out_of_range",
                    "a replay can only send events archived before it starts",
                )
            )
        rules = item.get("Rules", [])
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            found.append(Problem(f"{at}.Rules", "invalid_type", "a list of rule node ids"))
    return found
