"""A borrower who owes four apps, on a phone, in both languages: home -> My debts -> the plan
(the three things to do tomorrow and the loans that go overdue on the first screen, total, order
with reasons, pro-rata offers that add up, the spiral), a letter with that lender's figures, then
save, reopen, print the whole pack to PDF, and delete, with axe on every page. A ten-loan plan
switches language and keeps every loan."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.e2e.browser import (
    assert_fits_width,
    assert_no_axe_violations,
    assert_only_this_host,
    axe_takes_turns,
)

pytestmark = pytest.mark.e2e

WORDS = {
    "zh-CN": {
        "home_link": "我的欠款",
        "income": "每月税后收入（元）",
        "essentials": "每月必要开支（元）",
        "submit": "看我的还款计划",
        "headline": "你的预算不够付所有应还款",
        "steps": "明天先做这三件事",
        "costs": "这个计划的代价",
        "late_reason": "已经逾期 40 天",
        "rate": "18.25%",
        "spiral": "以贷养贷",
        "save": "保存这个计划",
        "pack": "打印全部材料",
        "delete": "删除这个保存的结果",
        "confirm": "确定删除",
        "letter_owed": "我欠贵司 5,000.00 元，最早一笔未还款已逾期 40 天",
        "back": "返回我的还款计划",
    },
    "en": {
        "home_link": "My debts",
        "income": "Monthly income after tax (yuan)",
        "essentials": "Essential spending each month (yuan)",
        "submit": "See my plan",
        "headline": "Your budget does not cover every payment",
        "steps": "Three things to do tomorrow",
        "costs": "What this plan costs",
        "late_reason": "It is 40 days late",
        "rate": "18.25%",
        "spiral": "以贷养贷",
        "save": "Save this plan",
        "pack": "Print the whole pack",
        "delete": "Delete this saved result",
        "confirm": "Yes, delete it",
        "letter_owed": (
            "By my records I owe you 5,000.00 yuan, and my oldest missed payment is 40 days late"
        ),
        "back": "Back to my plan",
    },
}

# Four loans: 24% a year; 40 days late; 0.05% a day; one whose rate the borrower does not know.
LOANS = [
    {"label": "借呗", "owed": "12,000", "payment": "1500", "rate": "24", "rate_period": "year"},
    {"label": "B", "owed": "5000", "payment": "600", "days_late": "40", "rate": "1.5"},
    {"label": "C", "owed": "3000", "payment": "400", "rate": "0.05", "rate_period": "day"},
    {"owed": "2000", "payment": "300"},
]
AVAILABLE = Decimal("2500.00")


def _checked(page, *, axe: bool = True) -> None:
    """Axe (unless a two-language walk leaves this step to the other language: axe_takes_turns)
    and the phone's width."""
    if axe:
        assert_no_axe_violations(page)
    assert_fits_width(page)


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", "").strip())


def _on_first_screen(page, selector: str) -> None:
    """The element ends within the first screen: no scrolling needed to read it."""
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    height = page.viewport_size["height"]
    assert box["y"] + box["height"] <= height, f"{selector} ends at {box['y'] + box['height']}"


def _screenshot(page, name: str) -> None:
    """With REPAYABLE_SCREENSHOTS=dir, keep pictures of the page for a person to look at: its
    first screen, and the whole page."""
    folder = os.environ.get("REPAYABLE_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"))
        page.screenshot(path=str(Path(folder) / f"{name}-whole.png"), full_page=True)


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_a_borrower_who_owes_four_apps_gets_a_plan_and_letters(app_server, make_page, language):
    words = WORDS[language]
    page = make_page(viewport="phone", language=language)

    page.goto(app_server.base + "/")
    page.get_by_role("main").get_by_role("link", name=words["home_link"], exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/debts/")
    _checked(page, axe=axe_takes_turns(0, language))

    page.get_by_label(words["income"]).fill("6,000")
    page.get_by_label(words["essentials"]).fill("3500")
    for n, loan in enumerate(LOANS):
        for field, value in loan.items():
            target = page.locator(f"[name=loan-{n}-{field}]")
            if field == "rate_period":
                target.select_option(value)
            else:
                target.fill(value)
    page.get_by_role("button", name=words["submit"]).click()
    page.wait_for_load_state()
    _checked(page, axe=axe_takes_turns(1, language))

    # The first screen: the headline, the three things to do tomorrow, and which loans go overdue.
    _screenshot(page, f"debts-plan-{language}")
    assert words["headline"] in page.locator("#headline").inner_text()
    assert page.locator("#steps-title").inner_text() == words["steps"]
    assert page.locator(".rp-steps__list li").count() == 3
    assert words["costs"] in page.locator("#costs-title").inner_text()
    for selector in ("#headline", ".rp-steps__list", ".rp-costs__who"):
        _on_first_screen(page, selector)
    overdue = page.locator(".rp-costs__who strong").all_inner_texts()
    assert overdue[0].endswith("B") and len(overdue) == 4
    assert _money(page.locator("[data-total-owed]").inner_text()) == Decimal("22000.00")
    # The order, each with its reason: the late loan first, the unknown rate last.
    order = page.locator(".rp-order__item")
    assert order.count() == 4
    assert words["late_reason"] in order.nth(0).inner_text()
    assert order.nth(0).get_attribute("data-reason") == "late"
    assert order.nth(3).get_attribute("data-reason") == "no_rate"
    assert words["rate"] in page.locator(".rp-debt").nth(2).inner_text()
    # The offers add up to what is available, and follow the balances.
    offers = [
        _money(cell)
        for cell in page.locator(".rp-shares tbody tr td:nth-child(2)").all_inner_texts()
    ]
    assert sum(offers) == AVAILABLE
    assert offers == sorted(offers, reverse=True)
    assert _money(page.locator("[data-offers-total]").inner_text()) == AVAILABLE
    # The spiral, beside the plan: never owing less.
    assert words["spiral"] in page.locator("#spiral-title").inner_text()
    spiral = page.locator(".rp-spiral tbody tr")
    assert spiral.count() == 4  # the plan, borrowing, the difference, what falls due
    plan_row = [_money(t) for t in spiral.nth(0).locator("td").all_inner_texts()]
    spiral_row = [_money(t) for t in spiral.nth(1).locator("td").all_inner_texts()]
    assert all(s >= p for p, s in zip(plan_row, spiral_row, strict=True))

    # The letter to the loan that is 40 days late, the first to call, carries its own figures.
    page.locator(".rp-letters button").nth(0).click()
    page.wait_for_load_state()
    _checked(page, axe=axe_takes_turns(2, language))
    letter = page.locator("#letter-zh-hans" if language == "zh-CN" else "#letter-en").input_value()
    assert words["letter_owed"] in letter
    assert f"{offers[1]:,.2f}" in letter
    assert "22,000.00" in letter and "2,500.00" in letter
    page.get_by_role("button", name=words["back"]).click()
    page.wait_for_load_state()
    assert words["headline"] in page.locator("#headline").inner_text()

    # Save, then open the private link as someone else would.
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_load_state()
    link = page.url
    assert "/result/s/" in link
    _checked(page, axe=axe_takes_turns(3, language))
    other = make_page(viewport="phone", language=language)
    other.goto(link)
    assert _money(other.locator("[data-total-owed]").inner_text()) == Decimal("22000.00")
    assert_fits_width(other)  # the page axe has just read, opened afresh

    # The pack to print, from the saved plan: the plan, then each letter on a page of its own.
    printing = make_page(viewport="phone", language=language)
    printing.goto(link)
    printing.get_by_role("button", name=words["pack"]).click()
    printing.wait_for_load_state()
    _checked(printing, axe=axe_takes_turns(4, language))
    printing.emulate_media(media="print")
    assert not printing.locator(".site-nav").is_visible()
    assert printing.locator(".rp-printed-letter").count() == 4
    assert not printing.locator(".rp-pack-note").is_visible()
    pdf = printing.pdf(format="A4", print_background=True)
    pages = max(int(n) for n in re.findall(rb"/Count (\d+)", pdf))
    print(f"\nMy debts pack, {language}: {pages} A4 pages")
    assert 4 + 1 <= pages <= 4 * 2 + 3
    # The plan alone carries no letters: they are printed from the pack or each letter's page.
    assert other.locator(".rp-printed-letter").count() == 0

    # Delete, with a confirmation step; the link is gone afterwards.
    other.get_by_role("link", name=words["delete"]).click()
    other.wait_for_load_state()
    other.get_by_role("button", name=words["confirm"]).click()
    other.wait_for_load_state()
    _checked(other, axe=axe_takes_turns(5, language))
    assert other.goto(link).status == 404

    assert_only_this_host(page)
    assert_only_this_host(other)
    assert_only_this_host(printing)


def test_a_mistake_in_a_loan_box_is_named_and_kept(app_server, make_page):
    page = make_page(viewport="phone", language="zh-CN")
    page.goto(app_server.base + "/debts/")
    page.fill("[name=income]", "6000")
    page.fill("[name=essentials]", "3000")
    page.fill("[name=loan-1-owed]", "五千多")
    page.fill("[name=loan-1-payment]", "500")
    page.get_by_role("button", name=WORDS["zh-CN"]["submit"]).click()
    page.wait_for_load_state()
    field = page.locator("[name=loan-1-owed]")
    assert field.input_value() == "五千多"
    assert field.get_attribute("aria-invalid") == "true"
    assert "贷款 2" in page.locator("#error-summary").inner_text()
    _checked(page)


def _ten_loans() -> list[dict[str, str]]:
    return [
        {
            "label": f"第{n + 1}个平台的一笔很长名字的贷款"[:20],
            "owed": f"{(n + 1) * 1000:,}",
            "payment": str(300 + 10 * n),
            "days_late": str(n * 7),
            "rate": "0.05",
        }
        for n in range(10)
    ]


def test_a_ten_loan_plan_survives_a_language_switch(app_server, make_page):
    page = make_page(viewport="desktop", language="zh-CN")
    page.goto(app_server.base + "/debts/")
    page.fill("[name=income]", "8000")
    page.fill("[name=essentials]", "3000")
    page.locator(".rp-more-loans > summary").click()
    for n, loan in enumerate(_ten_loans()):
        for field, value in loan.items():
            page.fill(f"[name=loan-{n}-{field}]", value)
        page.select_option(f"[name=loan-{n}-rate_period]", "day")
    page.get_by_role("button", name=WORDS["zh-CN"]["submit"]).click()
    page.wait_for_load_state()
    assert page.locator(".rp-order__item").count() == 10
    total = page.locator("[data-total-owed]").inner_text()

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert WORDS["en"]["steps"] == page.locator("#steps-title").inner_text()
    assert page.locator(".rp-order__item").count() == 10
    assert page.locator("[data-total-owed]").inner_text() == total
    assert "loan-" not in page.url and "?" not in page.url
    _checked(page)

    page.get_by_role("button", name="中文").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator(".rp-order__item").count() == 10
    assert_only_this_host(page)
