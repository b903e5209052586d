"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

- The browser is `/usr/bin/chromium` (`apt-get install chromium`); `playwright install` is
  never used. Without Chromium or Playwright these tests skip, except under CI=true, where
  they fail: CI must run them.
- The server is pytest-django's `live_server` (a threaded server in this process, over the
  file-backed test database of `settings.DATABASES["default"]["TEST"]`); each test gets a
  fresh, flushed database (`transactional_db`) and a fresh browser context (its own session
  cookie and localStorage).
- Tests find things only by the contract's `data-*` hooks.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("EVENTYARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _is_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str) -> None:
    if _is_ci():
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def sync_playwright_api():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    return sync_playwright


@pytest.fixture(scope="session")
def browser(sync_playwright_api) -> Iterator:
    # Playwright's sync API keeps an event loop running in this thread; Django's ORM (used
    # by fixtures and the live server's thread) must be allowed to run beside it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright_api() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def server(live_server, transactional_db) -> str:
    """The live server's base URL, with an empty database."""
    return live_server.url


@pytest.fixture
def examples(server):
    """The shipped examples loaded into the database (as `manage.py playground` does)."""
    from designer.examples import sync_examples
    from designer.models import Diagram

    sync_examples()
    return {d.example_slug: d for d in Diagram.objects.filter(is_example=True)}


@pytest.fixture
def context(browser, server):
    context = browser.new_context(
        base_url=server, viewport={"width": 1400, "height": 860}, accept_downloads=True
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.script_errors = errors
    yield page
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def person(browser, server):
    """A page at a laptop's or projector's 1280x720, for tests that drive the editor the
    way a person does (mouse drags from the middle of a port, typing at 150 ms a key)."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 720})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"uncaught errors in the page: {errors}"
