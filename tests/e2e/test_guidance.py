"""A borrower on a phone reads the overdue guide in both languages, works out what being 40 days
late costs, writes a letter; an adviser prints the whole guide as a booklet."""

from __future__ import annotations

import os
import re
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

# Worked example 6 of docs/worked-examples.md (fees taken at payout), 40 days late at 0.05% a day.
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


def _pdftotext(pdf: bytes, tmp_path, *options: str) -> str:
    """What pdftotext (poppler-utils) reads from the PDF."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but pdftotext (poppler-utils) is not installed")
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    path = tmp_path / "guide.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    """The text of each printed page."""
    text = _pdftotext(pdf, tmp_path, "-layout")
    return [page for page in text.split("\f") if page.strip()]


# print.css: @page { margin: 12mm ... }. A page is as full as its lowest line of text is far down
# the space between the top and bottom margins.
MARGIN = 12 * 72 / 25.4
_PAGE = re.compile(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', re.S)
_WORD_BOTTOM = re.compile(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">')


def _fill(pdf: bytes, tmp_path) -> list[float]:
    """How full each printed page is, 0 to 1, from where its words lie (pdftotext -bbox)."""
    fills = []
    for height, body in _PAGE.findall(_pdftotext(pdf, tmp_path, "-bbox")):
        bottoms = [float(y) for y in _WORD_BOTTOM.findall(body)]
        if bottoms:
            fills.append((max(bottoms) - MARGIN) / (float(height) - 2 * MARGIN))
    return fills


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def _squeezed(text: str) -> str:
    # pdftotext spaces Chinese and wraps lines as the page does; compare without any of that.
    return re.sub(r"\s+", "", text)


# A4 pages of the whole guide: 22 in Chinese and 27 in English with six help topics; with the
# eleven topics of issue 23 (and Safety first, whom the rules bind), 33 and 40.
MOST_PAGES = {"zh-CN": 35, "en": 42}
# Every page at least this full, but the last of each part (the cover and each chapter).
LEAST_FILL = 0.6
CONTENTS = {"zh-CN": "目录", "en": "Contents"}


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_whole_guide_prints_in_chapters_with_every_page_well_filled(
    app_server, make_page, tmp_path, language
):
    page = make_page(viewport="desktop", language=language)
    page.goto(app_server.base + reverse("guidance:guide"))
    assert_styled(page)
    chapters = [t.strip() for t in page.locator(".guide-chapter__title").all_inner_texts()]
    contents = [t.strip() for t in page.locator(".guide-contents a").all_inner_texts()]
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    pages, fills = _pdf_pages(pdf, tmp_path), _fill(pdf, tmp_path)
    assert len(pages) == len(fills)
    text = "\n".join(pages)

    # Each chapter starts a page; a part is the cover or a chapter, each page of it but its last
    # at least LEAST_FILL full.
    starts = [i for i, p in enumerate(pages) if _squeezed(_lines(p)[0]) in map(_squeezed, chapters)]
    assert [_squeezed(_lines(pages[i])[0]) for i in starts] == [_squeezed(c) for c in chapters]
    lasts = {start - 1 for start in starts} | {len(pages) - 1}
    thin = {
        n + 1: f"{fill:.0%}" for n, fill in enumerate(fills) if n not in lasts and fill < LEAST_FILL
    }
    least = min(fill for n, fill in enumerate(fills) if n not in lasts)
    print(
        f"\nthe whole guide, {language}: {len(pages)} A4 pages; every page but a part's last at "
        f"least {least:.0%} full (parts' last pages: "
        + ", ".join(f"{n + 1}: {fills[n]:.0%}" for n in sorted(lasts))
        + ")"
    )
    assert thin == {}, f"pages less than {LEAST_FILL:.0%} full: {thin}"
    assert starts[0] == 1, "the cover (title, Safety first, contents) is one page"
    assert len(pages) <= MOST_PAGES[language], f"{len(pages)} pages"

    # The contents list: every entry's number and title head its section, in the same order.
    assert CONTENTS[language] in _lines(pages[0])
    assert len(contents) == 8 + 17 + 3 + 5  # stages, topics, 3.1 to 3.3, the five chapters
    body, at = _squeezed("".join(pages[1:])), 0
    where = []
    for entry in contents:
        assert re.match(r"\d+(\.\d+)? \S", entry), entry
        found = body.find(_squeezed(entry), at)
        assert found >= 0, f"the contents name {entry!r}, which no heading after {at} carries"
        at = found
        where.append(entry.split(" ")[0])
    assert where == sorted(where, key=lambda n: [int(part) for part in n.split(".")])

    for word in NAVIGATION[language]:
        assert word not in text, f"navigation printed: {word}"
    field = "zh" if language == "zh-CN" else "en"
    for stage in read_content().stages:
        assert _squeezed(getattr(stage.title, field)) in _squeezed(text)
        assert stage.reviewed.isoformat() in text  # each stage says when it was last reviewed
    if language == "zh-CN":
        assert "现在该做什么" in text and "征信" in text and "12356" in text
        assert "来源：" in text and "最近核对：" in text and "安全第一" in text
    else:
        assert "Sources:" in text and "Last reviewed:" in text and "Safety first" in text
