"""The browser the tests and bench/bench_phone.py drive, and the assertions every browser test
makes on the pages it visits."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from tests.fuzz import FULL

# Debian's Chromium; the flags keep it from reaching out to Google's hosts, which this machine
# refuses (and a test must never depend on).
CHROMIUM = os.environ.get("REPAYABLE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
# The languages a browser asks for, as the tests name them.
LANGUAGES = ("zh-CN", "en")


def assert_no_axe_violations(page) -> None:
    """Run axe-core (bundled with axe-playwright-python, works offline) on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def axe_takes_turns(index: int, language: str) -> bool:
    """Whether a sweep over many pages runs axe on page `index` in `language`.

    Under CI=true (tests/fuzz.FULL), every page in both languages. In the quick local suite each
    page in one of them, the languages taking turns page by page, so that both are covered; the
    other checks (status, headings, styles, width, hosts) still run on every page in both."""
    return FULL or index % len(LANGUAGES) == LANGUAGES.index(language)


def assert_styled(page) -> None:
    """The stylesheets really loaded: Bootstrap's body font and the site header's colour apply."""
    header = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header == "rgb(11, 79, 108)", f"site stylesheet not applied (header background {header})"
    failed = page.evaluate(
        "performance.getEntriesByType('resource')"
        ".filter(e => e.initiatorType === 'link' && e.responseStatus >= 400).map(e => e.name)"
    )
    assert failed == [], f"stylesheets that failed to load: {failed}"


def assert_only_this_host(page) -> None:
    others = [
        url
        for url in page.requests_seen
        if urlsplit(url).netloc not in ("", page.live_host)
        and not url.startswith(("data:", "about:"))
    ]
    assert others == [], f"requests to other hosts: {others}"


def assert_fits_width(page) -> None:
    """No horizontal scrolling on the page itself (tables may scroll inside their own box)."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page is {overflow}px wider than the screen"
