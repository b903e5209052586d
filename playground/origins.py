"""The WebSocket origin check: the same rule Django's CSRF check applies to HTTP.

A socket is accepted when its `Origin` is the site itself, the same scheme, host and port
as the address the browser connected to (the `Host` header, which must be one of
`ALLOWED_HOSTS`; `ws` pairs with `http`, `wss` with `https`, or `https` when
`SECURE_PROXY_SSL_HEADER` says a proxy received HTTPS), or one of `CSRF_TRUSTED_ORIGINS`.
Channels' `AllowedHostsOriginValidator` compared host names only, so a page served by
another port of the same host (another app) could open sockets with the visitor's cookie.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin_key(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an origin like `https://example.com:8443`, or None."""
    try:
        parts = urlsplit(url.strip().lower())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    if parts.path not in ("", "/") or parts.query or parts.username is not None:
        return None
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def _header(scope: dict, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin1")
    return None


def _http_scheme(scope: dict) -> str:
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy:
        header, secure_value = proxy
        name = header.removeprefix("HTTP_").replace("_", "-").lower().encode("latin1")
        forwarded = _header(scope, name)
        if forwarded is not None:
            return "https" if forwarded.split(",")[0].strip() == secure_value else "http"
    return "https" if scope.get("scheme") == "wss" else "http"


def site_origin(scope: dict) -> tuple[str, str, int] | None:
    """The origin of the site as this connection reached it, or None when its `Host` is
    missing or not one of ALLOWED_HOSTS."""
    host = _header(scope, b"host")
    if not host:
        return None
    domain, _ = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return None
    return _origin_key(f"{_http_scheme(scope)}://{host}")


def origin_allowed(scope: dict) -> bool:
    origin = _header(scope, b"origin")
    key = _origin_key(origin) if origin else None
    if key is None:
        return False
    trusted = {_origin_key(o) for o in getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    return key == site_origin(scope) or key in trusted


class SameOriginValidator:
    """ASGI middleware for WebSocket scopes: deny (403 at the handshake) unless
    `origin_allowed`."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not origin_allowed(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)
