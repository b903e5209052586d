"""`{% modulepreload "designer/js/app/editor.js" %}`: one `<link rel="modulepreload">` per
browser module a page entry needs, so the browser fetches them all at once instead of
discovering them one import at a time.

The list is generated, never kept by hand: it is the entry module and every module it
imports statically (`import ... from './x.js'`, `export ... from`, `import './x.js'`),
followed through relative specifiers only. Bare specifiers (`'@joint/core'`) belong to the
import map; a page preloads those by their static URL itself. Dynamic `import()`s are left
out on purpose: they are what a page loads later. The graph is read from the static
files once per process (every time under DEBUG, so edits show at once).
"""

import posixpath
import re
from functools import lru_cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import format_html_join

register = template.Library()

STATIC_IMPORT = re.compile(
    r"""^\s*(?:import|export)\b(?:[^;'"]*?\bfrom)?\s*['"]([^'"]+)['"]""", re.M
)


def static_imports(text: str) -> list[str]:
    """The specifiers of a module's static imports and re-exports, in source order."""
    return STATIC_IMPORT.findall(text)


def module_closure(entry: str, *, read) -> list[str]:
    """`entry` (a static path) and every module it reaches through relative static
    imports, depth first in import order; `read(path)` returns a module's source."""
    seen: list[str] = []
    pending = [entry]
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.append(path)
        folder = posixpath.dirname(path)
        specs = [s for s in static_imports(read(path)) if s.startswith(("./", "../"))]
        pending.extend(posixpath.normpath(posixpath.join(folder, s)) for s in reversed(specs))
    return seen


def _read_static(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"modulepreload: no static file {path!r}")
    with open(found, encoding="utf-8") as handle:
        return handle.read()


@lru_cache(maxsize=16)
def _cached_closure(entry: str) -> tuple[str, ...]:
    return tuple(module_closure(entry, read=_read_static))


@register.simple_tag
def modulepreload(entry: str) -> str:
    paths = module_closure(entry, read=_read_static) if settings.DEBUG else _cached_closure(entry)
    return format_html_join(
        "\n", '<link rel="modulepreload" href="{}">', ((static(p),) for p in paths)
    )
