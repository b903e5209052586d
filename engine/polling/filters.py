"""The filter patterns of an event source mapping (`FilterCriteria`): reading them, and
what Lambda refuses when they are saved ("Lambda event filtering")."""

from __future__ import annotations

import json
from typing import Any

from engine.core.errors import Problem, join_path
from engine.core.shapes import check_shape, items, obj
from engine.matching.event_patterns import validate_pattern

MAX_ESM_FILTERS = 10


def json_or_text(text: str) -> Any:
    """A message body as a filter sees it: parsed when it is JSON, else the text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def esm_filter_patterns(value: dict) -> list[Any]:
    """The patterns of a FilterCriteria value; a Pattern may be an object or a JSON string."""
    patterns = []
    for item in value.get("Filters", []):
        pattern = item.get("Pattern")
        patterns.append(json.loads(pattern) if isinstance(pattern, str) else pattern)
    return patterns


FILTER_CRITERIA = obj(
    '{"Filters": [{"Pattern": {...}}]}',
    required=("Filters",),
    Filters=items(
        '[{"Pattern": {...}}]',
        obj('{"Pattern": {...}}', open=True),
        least=1,
        most=MAX_ESM_FILTERS,
    ),
)


def check_filter_criteria(value: Any, path: str) -> list[Problem]:
    problems = check_shape(FILTER_CRITERIA, value, path)
    if problems:
        return problems
    for i, item in enumerate(value["Filters"]):
        item_path = join_path(join_path(path, "Filters"), i)
        pattern = item.get("Pattern")
        if isinstance(pattern, str):
            try:
                pattern = json.loads(pattern)
            except ValueError:
                problems.append(
                    Problem(
                        join_path(item_path, "Pattern"),
                        "invalid_json",
                        "Pattern is a string but not valid JSON",
                    )
                )
                continue
        problems.extend(validate_pattern(pattern, join_path(item_path, "Pattern")))
    return problems
