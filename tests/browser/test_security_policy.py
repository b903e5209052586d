"""The Content-Security-Policy holds in the browser: the gallery, the editor (canvas,
palette, import map, vendored modules) and an error page work with no CSP violation."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def watch_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_the_pages_run_under_the_csp_without_violations(page, examples):
    violations = watch_violations(page)
    orders = examples["order-queue-dlq"]

    response = page.goto("/")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    expect(page.locator('[data-gallery-list="examples"] [data-diagram-id]')).to_have_count(
        len(examples)
    )
    page.goto(f"/diagrams/{orders.pk}/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    expect(page.locator("[data-node-id]").first).to_be_visible()
    page.goto("/no/such/page/")
    expect(page.locator('[data-error-page="404"]')).to_be_visible()

    assert violations == []


def test_an_inline_script_injected_into_a_page_is_blocked(page, server):
    violations = watch_violations(page)
    page.goto("/")

    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.__ran = true'; document.head.append(s); }"""
    )

    assert page.evaluate("() => window.__ran === true") is False
    assert violations, "the browser reported no CSP violation"
