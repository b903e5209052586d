"""The filter patterns of an event source mapping (`FilterCriteria`)."""

from __future__ import annotations

import json
from typing import Any


def esm_filter_patterns(value: dict) -> list[Any]:
    """The patterns of a FilterCriteria value; a Pattern may be an object or a JSON string."""
    patterns = []
    for item in value.get("Filters", []):
        pattern = item.get("Pattern")
        patterns.append(json.loads(pattern) if isinstance(pattern, str) else pattern)
    return patterns
