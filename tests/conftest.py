"""Suite-wide hooks: browser tests (marked `e2e`) run after every other test, and the slow
tests are marked `slow`, so `pytest -m "not slow"` is the quick loop.

Playwright's sync API leaves an event loop running in the main thread, which would upset
the pytest-asyncio tests that come after it; moving the browser tests last keeps them apart
(docs: toolchain.md, "Browser tests").

`slow`: browser tests, property tests (hypothesis), fuzz and benchmark modules, and tests
that start a real server (marked `slow` where they are written).
"""

import pytest

SLOW_MODULE_WORDS = ("fuzz", "bench")


def is_slow(item: pytest.Item) -> bool:
    if item.get_closest_marker("e2e") is not None:
        return True
    if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
        return True
    module = getattr(item, "module", None)
    name = module.__name__.rsplit(".", 1)[-1] if module is not None else ""
    return any(word in name for word in SLOW_MODULE_WORDS)


def pytest_collection_modifyitems(config, items):
    for item in items:
        # Every test under tests/browser/ drives Chromium through Playwright's sync API: it
        # is `e2e` wherever it forgot to say so, so it still runs after the async tests.
        if "/tests/browser/" in str(item.path) and item.get_closest_marker("e2e") is None:
            item.add_marker(pytest.mark.e2e)
        if is_slow(item):
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
