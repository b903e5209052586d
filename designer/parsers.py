"""Request body parsers that turn any malformed input into a 400, never a 500.

DRF's JSON parser lets through what the rest of the stack cannot handle: numbers that
overflow to infinity (which the JSON renderer then refuses), integers too large for the
database or for float arithmetic, nesting deep enough to exhaust the recursion limit, and
charsets that are not text codecs. These parsers read at most
`DATA_UPLOAD_MAX_MEMORY_SIZE` bytes and accept only JSON the app can store and send back.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

# Deep enough for any diagram (a filter policy nests a few levels), far from the limit.
MAX_DEPTH = 64
# Integers must fit in 64 bits: the database, JavaScript and float arithmetic cope with them.
MAX_INT = 2**63 - 1


def read_limited(stream) -> bytes:
    """The whole body, or ParseError when it is larger than the upload limit."""
    if stream is None:
        return b""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    data = stream.read(limit + 1) if limit is not None else stream.read()
    if limit is not None and len(data) > limit:
        raise ParseError(f"the request body is larger than {limit} bytes")
    return data


def _parse_int(text: str) -> int:
    value = int(text)
    if abs(value) > MAX_INT:
        raise ValueError(f"the integer {text[:20]}... does not fit in 64 bits")
    return value


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest deeper than `limit` (iterative: no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def load_json(data: bytes) -> Any:
    """Parse a JSON body (UTF-8, -16 or -32 as RFC 8259 allows); ParseError if unusable."""
    try:
        value = json.loads(
            data,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_refuse_constant,
        )
    except RecursionError:
        raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:  # includes UnicodeDecodeError and JSONDecodeError
        raise ParseError(f"JSON parse error - {error}") from None
    if _depth_exceeds(value, MAX_DEPTH):
        raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels")
    return value


class SafeJSONParser(BaseParser):
    """`application/json` bodies, parsed by `load_json`."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        return load_json(read_limited(stream))


class PlainTextParser(BaseParser):
    """A raw text body (a CloudFormation template as YAML or JSON text), as a string."""

    media_type = "text/*"

    def parse(self, stream, media_type=None, parser_context=None) -> str:
        try:
            return read_limited(stream).decode("utf-8")
        except UnicodeDecodeError as error:
            raise ParseError(f"the body is not UTF-8 text: {error.reason}") from None


class YamlTextParser(PlainTextParser):
    """`application/yaml` (RFC 9512) bodies, as text: the template importer reads them."""

    media_type = "application/yaml"


class LegacyYamlTextParser(PlainTextParser):
    """`application/x-yaml`, the type many tools still send."""

    media_type = "application/x-yaml"
