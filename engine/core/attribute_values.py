"""DynamoDB's typed attribute values (`{"S": "a"}`, `{"N": "1"}`, `{"M": {...}}`) and the
plain JSON values the engine keeps items as, both ways ("Data types", "Supported data types
and naming rules in Amazon DynamoDB").

Items are kept as plain JSON, so a string set or number set comes back as a list (`L`):
the engine does not keep set types apart from lists.
"""

from __future__ import annotations

from typing import Any


def to_attribute_value(value: Any) -> dict[str, Any]:
    """A JSON value in DynamoDB's typed form."""
    if isinstance(value, bool):
        return {"BOOL": value}
    if value is None:
        return {"NULL": True}
    if isinstance(value, int | float):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, list):
        return {"L": [to_attribute_value(v) for v in value]}
    return {"M": {k: to_attribute_value(v) for k, v in value.items()}}


def to_image(item: dict[str, Any]) -> dict[str, Any]:
    """An item in DynamoDB's typed form (a stream record's image, a GetItem answer)."""
    return {k: to_attribute_value(v) for k, v in item.items()}


def from_attribute_value(value: Any) -> Any:
    """A typed attribute value as plain JSON; anything else as it is."""
    if not isinstance(value, dict) or len(value) != 1:
        return value
    ((kind, inner),) = value.items()
    if kind in ("S", "B"):
        return inner
    if kind == "N":
        number = float(inner)
        return int(number) if number.is_integer() else number
    if kind == "BOOL":
        return bool(inner)
    if kind == "NULL":
        return None
    if kind == "M" and isinstance(inner, dict):
        return {k: from_attribute_value(v) for k, v in inner.items()}
    if kind == "L" and isinstance(inner, list):
        return [from_attribute_value(v) for v in inner]
    if kind in ("SS", "NS", "BS") and isinstance(inner, list):
        return [from_attribute_value({kind[0]: v}) for v in inner]
    return value


def from_image(image: Any) -> dict[str, Any] | None:
    """An item (or key) in typed form as plain JSON, or None when it is not a mapping."""
    if not isinstance(image, dict):
        return None
    return {k: from_attribute_value(v) for k, v in image.items()}
