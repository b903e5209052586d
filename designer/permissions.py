"""The API's permission: reads are open to whoever can see a diagram; changes need ownership.

Which diagrams a caller can see at all is `designer.access.readable` (others are 404s);
among those, the only ones a caller does not own are the examples, so a refusal here is
always "examples are read-only" (403). The check reads the object already loaded, not the
database again: a diagram deleted meanwhile is a 404 where it is written
(`models.DiagramGone`), never a 403 that calls it an example.
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from designer import access


class ChangesNeedOwnership(BasePermission):
    message = "Examples are read-only; duplicate one to edit your own copy."

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or access.may_change_loaded(obj)
