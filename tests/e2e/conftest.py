"""Browser tests: the system Chromium driven by Playwright, against pytest-django's live server.

No Chromium: skipped with the reason printed (-rs), except under CI=true, where it is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by
# fixtures in that thread are still synchronous, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.seed import ensure_seeded

DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def live_server(_collected_static):
    """pytest-django's live server, serving /static/ the way production does.

    pytest-django wraps the app in Django's StaticFilesHandler, which serves files from the
    finders by their plain names, so the hashed names that whitenoise's manifest storage writes
    into pages would all 404 and every browser test would run on an unstyled page. Here the
    wrapper is left out and WhiteNoise, in the middleware, serves the collected files.
    """
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"), start=False)
    server.thread.static_handler = lambda app: app
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _seeded(request) -> None:
    """The rate lines and the guidance, whatever ran before (tests/seed.py).

    Browser tests need transactional databases (the live server is another thread); at their
    start serialized_rollback restores the rows as they were when the test database was
    migrated, before load_content read content/, and a flush between tests empties them.
    """
    if "live_server" not in request.fixturenames:
        return
    ensure_seeded()


def _missing_browser(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but the browser tests cannot run: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        _missing_browser(
            f"no Chromium at {CHROMIUM} (apt-get install chromium, or set PLAYWRIGHT_CHROMIUM)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - a dev requirement
        _missing_browser(f"playwright is not installed ({exc})")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser, live_server, viewport: dict, language: str):
    context = browser.new_context(
        viewport=viewport, locale=language, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Every request the page makes, so a test can prove nothing leaves this host.
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.live_host = urlsplit(live_server.url).netloc
    return context, page


@pytest.fixture
def phone_page(browser, live_server):
    """A 390 x 844 phone page in Chinese (the first users' language)."""
    context, page = _new_page(browser, live_server, PHONE, "zh-CN")
    yield page
    context.close()


@pytest.fixture
def make_page(browser, live_server):
    """make_page(viewport="phone"|"desktop", language="zh-CN"|"en") for tests that need both."""
    contexts = []

    def factory(viewport: str = "phone", language: str = "zh-CN"):
        context, page = _new_page(
            browser, live_server, PHONE if viewport == "phone" else DESKTOP, language
        )
        contexts.append(context)
        return page

    yield factory
    for context in contexts:
        context.close()
