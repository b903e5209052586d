"""Who is asking, for live runs: the owner of a request or a socket, and the diagrams
they may run.

The rules are `designer.access`'s (a signed-in user, or an anonymous browser session;
their own diagrams and the examples by id; anyone's shared diagram by its token); this
module only applies them to a socket's scope too, and names an owner as a string a run
keeps (`user:<pk>` or `session:<key>`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from designer import access
from designer.models import Diagram


def _key(user: Any, session_key: str | None) -> str | None:
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"session:{session_key}" if session_key else None


def request_owner(request: HttpRequest, *, create: bool = False) -> str | None:
    """The caller's owner key; with `create`, an anonymous caller gets a session (as when
    they save their first diagram), so the run has someone to belong to."""
    if create:
        fields = access.owner_fields(request)
        return _key(fields["owner"], fields["session_key"])
    # Resolving the user loads the session, which drops an unknown or expired key.
    user = request.user
    return _key(user, None if user.is_authenticated else request.session.session_key)


def scope_owner(scope: dict[str, Any]) -> str | None:
    """A socket's owner key. Channels' AuthMiddlewareStack has already loaded the session
    to find the user, so an unknown or expired cookie has no key here."""
    session = scope.get("session")
    return _key(scope.get("user"), session.session_key if session is not None else None)


def runnable_diagram(
    request: HttpRequest, *, diagram_id: int | None, share_token: str | None
) -> Diagram | None:
    """The diagram the caller may run: one they may read by id, or a shared one by its
    token; None when there is no such diagram for this caller."""
    if share_token is not None:
        return access.shared_diagrams().filter(share_token=share_token).first()
    return access.readable(request).filter(pk=diagram_id).first()
