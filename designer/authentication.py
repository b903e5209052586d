"""Session authentication that applies Django's CSRF rules to anonymous sessions too.

DRF's `SessionAuthentication` checks CSRF only for signed-in users, but here an anonymous
visitor's session owns diagrams as well, so a forged request from another site could change
them. This class checks CSRF on every unsafe request that carries a session cookie, signed
in or not. A request without a session cookie has no diagrams to act on.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request


class BrowserSessionAuthentication(SessionAuthentication):
    """Invariant: no unsafe request with a session cookie gets past without a valid CSRF
    token; the user is the session's signed-in user, or none (anonymous)."""

    def authenticate(self, request: Request):
        if request.method not in SAFE_METHODS and self._has_session_cookie(request):
            self.enforce_csrf(request)  # raises PermissionDenied (403)
        user = getattr(request._request, "user", None)
        if user is None or not user.is_active:
            return None
        return (user, None)

    @staticmethod
    def _has_session_cookie(request: Request) -> bool:
        return settings.SESSION_COOKIE_NAME in request._request.COOKIES
