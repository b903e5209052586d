"""Suite-wide hooks: browser tests (marked `e2e`) run after every other test.

Playwright's sync API leaves an event loop running in the main thread, which would upset
the pytest-asyncio tests that come after it; moving the browser tests last keeps them apart
(docs: toolchain.md, "Browser tests").
"""


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
