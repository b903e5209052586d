"""Problems as the API shows them, and the exception handler that shapes every error body.

Every 400 is `{"problems": [{"path", "code", "message"}, ...]}` (style.md's problem shape):
a document's problems carry the engine's contract path under `document.`
(`document.nodes[0].props.VisibilityTimeout`), other fields their own name (`name`,
`revision`), and a body that is not usable at all the empty path. A stale save is 409
`{"detail", "revision", "document"}` with the current state. Other errors keep DRF's
`{"detail": ...}`.

The designer's own errors need no conversion where they are raised: the engine's
`DiagramError` (a document it refuses, e.g. on export) answers 400 with its problems under
`document.`, and the importer's `TemplateError` 400 with its problems under `template.`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rest_framework import status
from rest_framework.exceptions import ErrorDetail, ParseError, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from designer.cloudformation import TemplateError
from designer.models import DiagramGone, StaleRevision
from designer.storage import QuotaExceeded
from engine import DiagramError
from engine.core.errors import Problem


def join(base: str, key: str | int) -> str:
    """Extend a path: `document` + `nodes[0].x` -> `document.nodes[0].x`; + 2 -> `[2]`."""
    if isinstance(key, int):
        return f"{base}[{key}]"
    if key in ("", api_settings.NON_FIELD_ERRORS_KEY):
        return base
    if not base or key.startswith("["):
        return f"{base}{key}"
    return f"{base}.{key}"


def as_detail(problems: Iterable[Problem]) -> dict[str, list[ErrorDetail]]:
    """Engine problems as a DRF error detail keyed by their contract path, so that the
    serializer can raise them for its `document` field and `flatten` can restore them."""
    detail: dict[str, list[ErrorDetail]] = {}
    for problem in problems:
        detail.setdefault(problem.path, []).append(ErrorDetail(problem.message, problem.code))
    return detail


def flatten(detail: Any, path: str = "") -> Iterator[dict[str, str]]:
    """A DRF error detail (nested dicts and lists of `ErrorDetail`) as problems."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from flatten(value, join(path, key))
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            yield from flatten(item, join(path, index) if isinstance(item, dict) else path)
    else:
        code = getattr(detail, "code", None) or "invalid"
        yield {"path": path, "code": str(code), "message": str(detail)}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, with problems for 400s and the current state for stale saves."""
    if isinstance(exc, StaleRevision):
        current = exc.current
        return Response(
            {
                "detail": f"This diagram was saved elsewhere; it is now at revision "
                f"{current.revision}. Reload it, reapply your change and save again.",
                "revision": current.revision,
                "document": current.document,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DiagramGone):
        return Response(
            {"detail": "This diagram no longer exists; it was deleted."},
            status=status.HTTP_404_NOT_FOUND,
        )
    if isinstance(exc, QuotaExceeded):
        problem = {"path": "", "code": exc.code, "message": exc.message}
        return Response({"problems": [problem]}, status=status.HTTP_429_TOO_MANY_REQUESTS)
    if isinstance(exc, DiagramError):
        problems = [p.as_dict() for p in exc.problems]
        return _problems_response(problems, under="document")
    if isinstance(exc, TemplateError):
        return _problems_response(exc.problems, under="template")
    if isinstance(exc, ParseError):
        problem = {"path": "", "code": "parse_error", "message": str(exc.detail)}
        return Response({"problems": [problem]}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ValidationError):
        problems = list(flatten(exc.detail))
        return Response({"problems": problems}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


def _problems_response(problems: Iterable[dict[str, str]], *, under: str) -> Response:
    body = [
        {"path": join(under, str(p["path"])), "code": str(p["code"]), "message": str(p["message"])}
        for p in problems
    ]
    return Response({"problems": body}, status=status.HTTP_400_BAD_REQUEST)


def bad_request(problems: Iterable[dict[str, str]]) -> ValidationError:
    """A 400 for problems found outside a serializer (a query parameter, an import)."""
    detail: dict[str, list[ErrorDetail]] = {}
    for problem in problems:
        detail.setdefault(problem["path"], []).append(
            ErrorDetail(problem["message"], problem["code"])
        )
    return ValidationError(detail)
