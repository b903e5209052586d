"""Who owns, reads and changes which diagram: the one place these rules live.

- A signed-in user owns the diagrams whose `owner` they are; an anonymous visitor owns the
  diagrams made in their browser session (so a class can start without signing up).
- Everyone reads the examples; nobody changes them.
- Anything else is invisible: views answer 404, not 403, so ids do not leak.
- A diagram shared by link is read through its token only (`shared_diagrams`), never by id.
- Signing in moves the visitor's session diagrams into the account (`adopt_session_diagrams`),
  so what was made before signing up follows its author to another computer.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from designer.models import Diagram


def _session_key(request: HttpRequest, *, create: bool) -> str | None:
    """The key of the visitor's live session; with `create`, make one if there is none.

    Reading the session loads it, and loading drops a key that is unknown or expired, so a
    stale or made-up cookie never becomes an owner (Django's session fixation defence).
    """
    session = request.session
    session.items()
    if session.session_key is None and create:
        session.save()  # a new, random key
    if create:
        session.modified = True  # sends the cookie, and keeps the session from expiring
    return session.session_key


def _owner_filter(request: HttpRequest) -> Q | None:
    user = request.user
    if user.is_authenticated:
        return Q(owner=user)
    key = _session_key(request, create=False)
    return Q(owner__isnull=True, session_key=key) if key else None


def owned(request: HttpRequest) -> QuerySet[Diagram]:
    """The caller's own diagrams (never examples)."""
    condition = _owner_filter(request)
    if condition is None:
        return Diagram.objects.none()
    return Diagram.objects.filter(condition, is_example=False)


def readable(request: HttpRequest) -> QuerySet[Diagram]:
    """What the caller may read by id: their own diagrams and the examples."""
    condition = _owner_filter(request)
    visible = Q(is_example=True)
    if condition is not None:
        visible |= condition & Q(is_example=False)
    return Diagram.objects.filter(visible)


def shared_diagrams() -> QuerySet[Diagram]:
    """The diagrams shared by link; each is read (read-only, by anyone) by its token."""
    return Diagram.objects.filter(share_token__isnull=False, is_example=False)


def may_change_loaded(diagram: Diagram) -> bool:
    """`may_change` for a diagram loaded through `readable(request)`: those are the
    caller's own diagrams and the examples, so only the examples are refused."""
    return not diagram.is_example


def owner_fields(request: HttpRequest) -> dict[str, Any]:
    """The fields that make a new diagram the caller's, creating their session if needed."""
    if request.user.is_authenticated:
        return {"owner": request.user, "session_key": ""}
    return {"owner": None, "session_key": _session_key(request, create=True)}


def adopt_session_diagrams(session_key: str | None, user: Any) -> int:
    """Make the anonymous session's diagrams `user`'s; how many moved. Call with the key
    the session had before signing in (signing in gives the session a new key)."""
    if not session_key or not getattr(user, "is_authenticated", False):
        return 0
    return Diagram.objects.filter(
        owner__isnull=True, session_key=session_key, is_example=False
    ).update(owner=user, session_key="")
