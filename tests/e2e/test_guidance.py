"""A borrower on a phone reads the overdue guide in both languages, works out what being 40 days
late costs, writes a letter; an adviser prints the whole guide as a booklet."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.urls import reverse

from apps.core.content_files import read_content
from tests.e2e.browser import (
    LANGUAGES,
    assert_fits_width,
    assert_no_axe_violations,
    assert_only_this_host,
    assert_styled,
    axe_takes_turns,
)

pytestmark = pytest.mark.e2e

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


COMPLAINT_QUERY = "?broken=hours&broken=contacts"


def _guidance_pages() -> list[tuple[str, str]]:
    """Every page of the overdue guide: each stage and topic (named by its content file, so that
    the list is known before the database is), and the forms answered."""
    content = read_content()
    return [
        ("timeline", "guidance:timeline", []),
        *[(s.slug, "guidance:stage", [s.slug]) for s in content.stages],
        *[(t.slug, "guidance:topic", [t.slug]) for t in content.topics],
        ("guide", "guidance:guide", []),
        ("rights", "guidance:rights", []),
        ("scams", "guidance:scams", []),
        ("sources", "guidance:sources", []),
        ("calculator", "guidance:calculator", []),
        ("calculator result", "guidance:calculator", CALCULATOR_QUERY),
        ("letters", "guidance:letters", []),
        ("statement letter", "guidance:letter_statement", []),
        ("plan letter", "guidance:letter_plan", PLAN_QUERY),
        ("complaint letter", "guidance:letter_complaint", COMPLAINT_QUERY),
    ]


def _url(name: str, args: list[str] | str) -> str:
    """A page's path; a string in place of args is a query string for a page without any."""
    if isinstance(args, str):
        return reverse(name) + args
    return reverse(name, args=args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_guidance_page_passes_axe_and_fits_a_phone(app_server, make_page, language):
    # One browser page walks them all and every failure is named by its page; axe_takes_turns
    # says which pages axe reads in this language (all of them under CI=true).
    page = make_page(viewport="phone", language=language)
    failures = {}
    for index, (page_name, name, args) in enumerate(_guidance_pages()):
        try:
            assert page.goto(app_server.base + _url(name, args)).ok
            assert page.locator("h1").count() == 1, "not one h1"
            assert_styled(page)
            if axe_takes_turns(index, language):
                assert_no_axe_violations(page)
            assert_fits_width(page)
        except AssertionError as error:
            failures[page_name] = str(error)
    assert failures == {}
    assert_only_this_host(page)


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_rate_lines_table_reads_on_a_phone(app_server, make_page, language):
    # The body's overflow-wrap: anywhere once squeezed its columns to a letter each.
    page = make_page(viewport="phone", language=language)
    page.goto(app_server.base + reverse("guidance:sources"))
    widths = page.eval_on_selector_all(
        ".rate-lines tbody th, .rate-lines tbody td", "cells => cells.map(c => c.offsetWidth)"
    )
    assert widths and min(widths) > 250, widths


def test_the_calculator_answers_40_days_late_in_chinese_on_a_phone(app_server, make_page):
    page = make_page(viewport="phone", language="zh-CN")
    page.goto(app_server.base + reverse("guidance:calculator") + CALCULATOR_QUERY)
    result = page.locator(".calc-result")
    assert "逾期1–3个月" in result.inner_text()
    assert "906.26元" in result.inner_text()
    assert "超过年化24%" in result.inner_text()


def test_the_timeline_quick_form_leads_to_the_stage_by_keyboard(app_server, make_page):
    page = make_page(viewport="phone", language="en")
    page.goto(app_server.base + reverse("guidance:timeline"))
    page.get_by_label("How many days late are you?").fill("40")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "40 days late" in page.locator(".calc-result").inner_text()


def test_the_letter_copy_button_appears_with_javascript_and_the_text_is_selectable(
    app_server, make_page
):
    page = make_page(viewport="phone", language="zh-CN")
    page.goto(app_server.base + reverse("guidance:letter_plan") + PLAN_QUERY)
    assert page.locator(".js-copy").first.is_visible()
    text = page.locator("#letter-zh-hans").input_value()
    assert "906.26" in text and "____" in text


def _pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    """The text of each printed page (pdftotext, from poppler-utils)."""
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


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


# A4 pages of the whole guide: 22 in Chinese and 23 in English before chapters let the stages
# flow (9 of them held 1 to 3 lines), now with the court stage and six help topics added.
MOST_PAGES = {"zh-CN": 22, "en": 27}
CONTENTS = {"zh-CN": "目录", "en": "Contents"}


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_whole_guide_prints_in_chapters_with_no_page_wasted(
    app_server, make_page, tmp_path, language
):
    page = make_page(viewport="desktop", language=language)
    page.goto(app_server.base + reverse("guidance:guide"))
    assert_styled(page)
    chapters = [t.strip() for t in page.locator(".guide-chapter__title").all_inner_texts()]
    page.emulate_media(media="print")
    pages = _pdf_pages(page.pdf(format="A4", print_background=False), tmp_path)
    text = "\n".join(pages)

    print(f"\nthe whole guide, {language}: {len(pages)} A4 pages")
    assert len(pages) <= MOST_PAGES[language], f"{len(pages)} pages"
    # Each chapter starts a page; within one, the text flows on. A page less than a third as
    # full as the fullest may only be a chapter's last (the cover is the first chapter).
    starts = [i for i, p in enumerate(pages) if _lines(p)[0] in chapters]
    assert [_lines(pages[i])[0] for i in starts] == chapters
    fullest = max(len(_lines(p)) for p in pages)
    for number, text_on_page in enumerate(pages, 1):
        chapter_ends = number == len(pages) or number in starts
        if not chapter_ends:
            assert len(_lines(text_on_page)) >= fullest / 3, f"page {number} is nearly empty"
    # Contents at the front, every cited source at the back.
    assert CONTENTS[language] in _lines(pages[0])
    assert _lines(pages[starts[-1]])[0] == chapters[-1]

    for word in NAVIGATION[language]:
        assert word not in text, f"navigation printed: {word}"
    field = "zh" if language == "zh-CN" else "en"
    for stage in read_content().stages:
        assert getattr(stage.title, field) in text
        assert stage.reviewed.isoformat() in text  # each stage says when it was last reviewed
    if language == "zh-CN":
        assert "现在该做什么" in text and "征信" in text and "12356" in text
        assert "来源：" in text and "最近核对：" in text
    else:
        assert "Sources:" in text and "Last reviewed:" in text
