"""Helpers about JSON values that every layer shares: what counts as a number or an integer,
and how a value is shown inside a problem's message.

Decided once here: a number is an int or a finite float, never a bool; infinity and NaN are
not numbers (JSON has no spelling for them), while an int of any size is.
"""

from __future__ import annotations

import json
import math
from typing import Any

SHOWN_CHARS = 60


def is_int(value: Any) -> bool:
    """A JSON integer: an int, not a bool (which Python counts as int)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    """A JSON number: an int of any size, or a finite float; not a bool."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return isinstance(value, int) or math.isfinite(value)


def show(value: Any) -> str:
    """A value as a message shows it: a string in single quotes, anything else as JSON,
    cut to 60 characters."""
    if isinstance(value, str):
        text = f"'{value}'"
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."
