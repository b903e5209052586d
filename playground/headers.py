"""Security headers Django does not set itself: a Content-Security-Policy.

Django's `SecurityMiddleware` already sends `X-Content-Type-Options: nosniff`, the
`Referrer-Policy` and (over HTTPS) HSTS; `XFrameOptionsMiddleware` sends `X-Frame-Options`.
Django 5.2 has no CSP, and the policy is one header, so this small middleware sends it
rather than adding a package.

Scripts may come only from this site; the one inline script, the page's import map (which
browsers do not load from a file), is allowed by its SHA-256 hash, computed from the same
text `{% import_map %}` writes into the page (`templatetags/importmap.py`). Styles allow
inline `style` attributes and `<style>` elements, which the canvas library writes; styles
cannot run code. Sockets and fetches go to this site only.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache

from django.templatetags.static import static

# Bare module names the browser code imports, and the vendored files they resolve to.
IMPORTS = {
    "@joint/core": "vendor/joint-core-4.3.3/joint.bundle.min.mjs",
    "uplot": "vendor/uplot-1.6.32/dist/uPlot.esm.js",
}


@cache
def import_map_text() -> str:
    """The import map's JSON, exactly as the page holds it."""
    imports = {name: static(path) for name, path in IMPORTS.items()}
    return json.dumps({"imports": imports}).replace("</", "<\\/")


@cache
def content_security_policy() -> str:
    digest = hashlib.sha256(import_map_text().encode("utf-8")).digest()
    script_hash = "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' {script_hash}",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data:",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    """Adds `Content-Security-Policy` to every answer that has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        return response
