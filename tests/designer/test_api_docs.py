"""The human-readable API page at /api/docs/: Swagger UI served by the app itself, with no
inline script, over the schema at /api/schema/, linked from the site's footer."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle=", re.IGNORECASE)


def test_the_docs_page_serves_swagger_ui_from_the_app_with_no_inline_script():
    client = Client()
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert all(src.startswith("/") for src in sources), sources  # nothing from a CDN
    for asset in (s for s in sources if s.startswith("/static/")):
        response = client.get(asset)
        assert response.status_code == 200, asset
        b"".join(response.streaming_content if response.streaming else [response.content])

    start = next(s for s in sources if "script=" in s)
    script = client.get(start)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert '"/api/schema/"' in script.content.decode()


def test_the_gallery_footer_links_the_docs_and_the_schema():
    html = Client().get("/").content.decode()
    assert 'href="/api/docs/"' in html
    assert 'href="/api/schema/"' in html
