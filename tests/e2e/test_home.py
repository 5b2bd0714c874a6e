"""A borrower on a phone opens the home page, reads it in both languages and switches."""

from __future__ import annotations

import pytest

from tests.e2e.browser import (
    assert_fits_width,
    assert_no_axe_violations,
    assert_only_this_host,
    assert_styled,
)

pytestmark = pytest.mark.e2e


def test_home_page_on_a_phone_in_both_languages_with_switching(app_server, make_page):
    page = make_page(viewport="phone", language="zh-CN")
    page.goto(app_server.base + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "贷款" in page.locator("h1").inner_text()
    assert_styled(page)
    assert_no_axe_violations(page)
    assert_fits_width(page)

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.rstrip("/") == app_server.base
    assert page.locator("h1").inner_text() == "Can you afford this loan?"
    assert_no_axe_violations(page)
    assert_fits_width(page)

    page.get_by_role("button", name="中文").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert_only_this_host(page)


def test_home_page_makes_no_request_to_another_host(app_server, make_page):
    page = make_page(viewport="desktop", language="en")
    page.goto(app_server.base + "/", wait_until="networkidle")
    assert any(url.endswith(".css") for url in page.requests_seen), (
        "the stylesheets were not loaded"
    )
    assert_only_this_host(page)


def test_skip_link_is_the_first_thing_a_keyboard_reaches(app_server, make_page):
    page = make_page(viewport="phone", language="en")
    page.goto(app_server.base + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
