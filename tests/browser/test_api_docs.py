"""The API page renders in the browser under a policy that allows no inline script."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

POLICY = "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'"


def test_the_api_docs_render_offline_under_a_strict_content_security_policy(person):
    page = person
    violations = []
    page.on(
        "console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text)
    )
    page.route(
        "**/api/docs/",
        lambda route: route.fulfill(
            response=(fetched := route.fetch()),
            headers={**fetched.headers, "content-security-policy": POLICY},
        ),
    )
    outside = []
    page.on(
        "request",
        lambda r: (
            r.url.startswith("http")
            and urlsplit(r.url).hostname not in ("localhost", "127.0.0.1")
            and outside.append(r.url)
        ),
    )

    page.goto("/")
    page.locator('[data-footer-link="api-docs"]').click()
    page.wait_for_url("**/api/docs/")
    expect(page.locator(".swagger-ui .title")).to_contain_text("Eventyard API")
    expect(page.locator(".opblock-summary-path", has_text="/api/diagrams/").first).to_be_visible()
    page.screenshot(path="/tmp/i9-apidocs.png")
    assert not violations, violations
    assert not outside, outside  # everything comes from the app: it works offline
