"""`{% import_map %}`: the page's import map, the one inline script the CSP allows (by the
hash of this very text, `playground.headers.content_security_policy`)."""

from django import template
from django.utils.safestring import mark_safe

from playground.headers import import_map_text

register = template.Library()


@register.simple_tag
def import_map() -> str:
    return mark_safe(f'<script type="importmap">{import_map_text()}</script>')  # noqa: S308
