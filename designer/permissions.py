"""The API's permission: reads are open to whoever can see a diagram; changes need ownership.

Which diagrams a caller can see at all is `designer.access.readable` (others are 404s);
among those, the only ones a caller does not own are the examples, so a refusal here is
always "examples are read-only" (403).
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from designer import access


class ChangesNeedOwnership(BasePermission):
    message = "Examples are read-only; duplicate one to edit your own copy."

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or access.may_change(request, obj)
