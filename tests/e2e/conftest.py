"""Browser tests: the system Chromium driven by Playwright, against the app under gunicorn.

No Chromium: skipped with the reason printed (-rs), except under CI=true, where it is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connections

# Playwright's sync API leaves an event loop running in the test thread from the first browser
# test on (the browser lives for the whole session), and Django then refuses the ORM calls of the
# ordinary database tests that run after it on that worker. Those calls are synchronous: allow.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.served import Server, fresh_database, gunicorn, production_env

DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def app_server(_collected_static, tmp_path_factory) -> Iterator[Server]:
    """The app as production serves it (gunicorn, WhiteNoise for the collected static files, the
    database cache), in other processes, on a database of its own made as `make migrate` makes
    one. One per test worker for the whole run: the browser tests write only what a borrower
    would (saved results, then deleted), so none needs the database emptied after it (that cost
    a flush and a reload of the content per test). Its url is app_server.base; its log, for a
    failing test, is next to its database."""
    folder = tmp_path_factory.mktemp("served")
    env = production_env(folder, static_root=str(_collected_static), post_limit=0, workers=2)
    with (
        fresh_database(env) as database,
        gunicorn({**env, **database}, log=folder / "gunicorn.log") as server,
    ):
        yield server


def _missing_browser(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but the browser tests cannot run: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        _missing_browser(
            f"no Chromium at {CHROMIUM} (apt-get install chromium, or set REPAYABLE_CHROMIUM)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - a dev requirement
        _missing_browser(f"playwright is not installed ({exc})")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # The database tests that ran after it on this worker, inside Playwright's event loop,
        # opened connections of their own there (Django keeps one per context): close them
        # while still inside, or PostgreSQL refuses to drop the test database at the end.
        connections.close_all()


def _new_page(browser, app_server, viewport: dict, language: str):
    context = browser.new_context(
        viewport=viewport, locale=language, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Every request the page makes, so a test can prove nothing leaves this host.
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.live_host = urlsplit(app_server.base).netloc
    return context, page


@pytest.fixture
def phone_page(browser, app_server):
    """A 390 x 844 phone page in Chinese (the first users' language)."""
    context, page = _new_page(browser, app_server, PHONE, "zh-CN")
    yield page
    context.close()


@pytest.fixture
def make_page(browser, app_server):
    """make_page(viewport="phone"|"desktop", language="zh-CN"|"en") for tests that need both."""
    contexts = []

    def factory(viewport: str = "phone", language: str = "zh-CN"):
        context, page = _new_page(
            browser, app_server, PHONE if viewport == "phone" else DESKTOP, language
        )
        contexts.append(context)
        return page

    yield factory
    for context in contexts:
        context.close()
