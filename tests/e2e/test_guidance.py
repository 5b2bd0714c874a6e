"""A borrower on a phone reads the overdue guide in both languages, works out what being 40 days
late costs, writes a letter; an adviser prints the whole guide as a booklet."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.urls import reverse

from apps.core.models import Stage
from tests.e2e.browser import (
    assert_fits_width,
    assert_no_axe_violations,
    assert_only_this_host,
    assert_styled,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# FACTS.md example 6 (fees taken at payout), 40 days late at 0.05% a day.
CALCULATOR_QUERY = (
    "?days=40&penalty_rate=0.05&mode=plan&received=9000&payment=888.49&count=12"
    "&every=month&contract_amount=10000&start_date=2026-01-01"
)
PLAN_QUERY = "?owed=906.26&per_month=300&start=2026-12-15"
# Words only the screen shows: the site's navigation, the skip link, the guide's own links.
NAVIGATION = {
    "zh-CN": ["测一测这笔贷款", "跳到主要内容", "逾期了，还可以看这些", "English"],
    "en": ["Check a loan", "Skip to main content", "More help if you are late", "中文"],
}


def _pages(live_server) -> list[tuple[str, str]]:
    return [
        ("timeline", reverse("guidance:timeline")),
        ("stage", reverse("guidance:stage", args=["months-1-3"])),
        ("calculator", reverse("guidance:calculator") + CALCULATOR_QUERY),
        ("letter", reverse("guidance:letter_plan") + PLAN_QUERY),
    ]


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_timeline_stage_calculator_and_letter_pass_axe_and_fit_a_phone(
    live_server, make_page, language
):
    page = make_page(viewport="phone", language=language)
    for name, path in _pages(live_server):
        assert page.goto(live_server.url + path).ok, name
        assert page.locator("h1").count() == 1, name
        assert_styled(page)
        assert_no_axe_violations(page)
        assert_fits_width(page)
    assert_only_this_host(page)


def test_the_calculator_answers_40_days_late_in_chinese_on_a_phone(live_server, make_page):
    page = make_page(viewport="phone", language="zh-CN")
    page.goto(live_server.url + reverse("guidance:calculator") + CALCULATOR_QUERY)
    result = page.locator(".calc-result")
    assert "逾期1–3个月" in result.inner_text()
    assert "906.26元" in result.inner_text()
    assert "超过年化24%" in result.inner_text()


def test_the_timeline_quick_form_leads_to_the_stage_by_keyboard(live_server, make_page):
    page = make_page(viewport="phone", language="en")
    page.goto(live_server.url + reverse("guidance:timeline"))
    page.get_by_label("How many days late are you?").fill("40")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "40 days late" in page.locator(".calc-result").inner_text()


def test_the_letter_copy_button_appears_with_javascript_and_the_text_is_selectable(
    live_server, make_page
):
    page = make_page(viewport="phone", language="zh-CN")
    page.goto(live_server.url + reverse("guidance:letter_plan") + PLAN_QUERY)
    assert page.locator(".js-copy").first.is_visible()
    text = page.locator("#letter-zh-hans").input_value()
    assert "906.26" in text and "____" in text


def _pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but pdftotext (poppler-utils) is not installed")
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    path = tmp_path / "guide.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_whole_guide_prints_as_a_booklet_each_stage_on_a_new_page(
    live_server, make_page, tmp_path, language
):
    page = make_page(viewport="desktop", language=language)
    page.goto(live_server.url + reverse("guidance:guide"))
    assert_styled(page)
    page.emulate_media(media="print")
    pages = _pdf_pages(page.pdf(format="A4", print_background=False), tmp_path)
    text = "\n".join(pages)

    for word in NAVIGATION[language]:
        assert word not in text, f"navigation printed: {word}"
    field = "title_zh" if language == "zh-CN" else "title_en"
    for stage in Stage.objects.all():
        title = getattr(stage, field)
        starts = [p for p in pages if p.strip().splitlines()[0].strip() == title]
        assert starts, f"no page starts with the stage {title!r}"
    assert len(pages) >= Stage.objects.count() + 1
    if language == "zh-CN":
        assert "现在该做什么" in text and "征信" in text
        assert "来源：" in text and "最后审核：" in text
    else:
        assert "Sources:" in text and "Last reviewed:" in text
    assert "2026-11-29" in text
