"""A borrower on a phone checks worked example 6 of docs/worked-examples.md (a fee taken at
payout), in both languages: home -> form -> verdict, then saves, reopens, prints to PDF and
deletes, with axe on every page."""

from __future__ import annotations

import re

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
        "check": "测一测这笔贷款",
        "plan": "按借款App显示的还款计划",
        "terms": "按借款App报的条件（金额、利率、期限）",
        "method": "还款方式",
        "received": "实际到手金额（元）",
        "payment": "每期还款额（元）",
        "count": "还款期数",
        "amount": "借款金额（元）",
        "rate": "报价利率（%）",
        "term": "借款期限",
        "fee_upfront": "放款时扣除的费用（砍头息，元或%）",
        "income": "每月税后收入（元）",
        "debt_payments": "现有贷款每月还款（元）",
        "submit": "看结论",
        "save": "保存这个结果",
        "delete": "删除这个保存的结果",
        "confirm": "确定删除",
        "verdict": "我们的建议：",
    },
    "en": {
        "check": "Check a loan",
        "plan": "The repayment plan the app shows",
        "terms": "The terms it quotes (amount, rate, term)",
        "method": "How it is repaid",
        "received": "Money you actually receive (yuan)",
        "payment": "Each payment (yuan)",
        "count": "Number of payments",
        "amount": "Amount borrowed (yuan)",
        "rate": "Quoted rate (%)",
        "term": "Loan term",
        "fee_upfront": "Fees taken at payout (yuan or %)",
        "income": "Monthly income after tax (yuan)",
        "debt_payments": "Payments on loans you already have, each month (yuan)",
        "submit": "See the verdict",
        "save": "Save this result",
        "delete": "Delete this saved result",
        "confirm": "Yes, delete it",
        "verdict": "Our advice:",
    },
}


def _checked(page, *, axe: bool = True) -> None:
    """Axe (unless a two-language walk leaves this step to the other language: axe_takes_turns)
    and the phone's width."""
    if axe:
        assert_no_axe_violations(page)
    assert_fits_width(page)


def _fill_budget(page, words) -> None:
    page.get_by_label(words["income"]).fill("8,000")
    page.get_by_label(words["debt_payments"]).fill("1500")


def _see_verdict(page, words, *, axe: bool = True) -> None:
    page.get_by_role("button", name=words["submit"]).click()
    page.wait_for_load_state()
    status = page.get_by_role("status").first
    assert words["verdict"] in status.inner_text()
    assert page.locator("#true-apr").inner_text() == "32.50%"
    _checked(page, axe=axe)


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_a_borrower_checks_a_loan_with_a_fee_taken_at_payout(app_server, make_page, language):
    words = WORDS[language]
    page = make_page(viewport="phone", language=language)

    # Home -> the form: one link.
    page.goto(app_server.base + "/")
    page.get_by_role("main").get_by_role("link", name=words["check"]).click()
    page.wait_for_load_state()
    _checked(page, axe=axe_takes_turns(0, language))

    # As the app shows it: 9,000 received, 12 monthly payments of 888.49.
    page.get_by_label(words["plan"]).check()
    # The quoted-terms boxes step aside (CSS only, no script needed).
    assert not page.get_by_label(words["amount"]).is_visible()
    page.get_by_label(words["received"]).fill("9000")
    page.get_by_label(words["payment"]).fill("888.49")
    page.get_by_label(words["count"]).fill("12")
    _fill_budget(page, words)
    _see_verdict(page, words, axe=axe_takes_turns(1, language))

    # Save, then open the private link as someone else would.
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_load_state()
    link = page.url
    assert "/result/s/" in link
    _checked(page, axe=axe_takes_turns(2, language))
    other = make_page(viewport="phone", language=language)
    other.goto(link)
    assert other.locator("#true-apr").inner_text() == "32.50%"
    assert_fits_width(other)  # the page axe has just read, opened afresh

    # Print to PDF: a clean summary of one or two A4 pages, without navigation or buttons.
    other.emulate_media(media="print")
    assert not other.get_by_role("button", name=words["save"]).is_visible()
    assert not other.locator(".site-nav").is_visible()
    pdf = other.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = max(int(n) for n in re.findall(rb"/Count (\d+)", pdf))
    assert 1 <= pages <= 2
    other.emulate_media(media="screen")

    # Delete, with a confirmation step; the link is gone afterwards.
    other.get_by_role("link", name=words["delete"]).click()
    other.wait_for_load_state()
    _checked(other, axe=axe_takes_turns(3, language))
    other.get_by_role("button", name=words["confirm"]).click()
    other.wait_for_load_state()
    _checked(other, axe=axe_takes_turns(4, language))
    response = other.goto(link)
    assert response.status == 404

    assert_only_this_host(page)
    assert_only_this_host(other)


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_same_loan_as_quoted_terms(app_server, make_page, language):
    words = WORDS[language]
    page = make_page(viewport="phone", language=language)
    page.goto(app_server.base + "/check/")
    page.get_by_label(words["terms"]).check()
    page.get_by_label(words["amount"]).fill("10,000")
    page.get_by_label(words["rate"]).fill("1")
    page.get_by_label(words["term"]).fill("12")
    # Chosen: 1% a month left at "not sure" would be the size of a fee rate, read the dearer way.
    page.get_by_label(words["method"]).select_option("equal_installment")
    page.get_by_label(words["fee_upfront"]).fill("1000")
    _fill_budget(page, words)
    _see_verdict(page, words, axe=axe_takes_turns(1, language))
    # The schedule table scrolls inside its own box; the page itself does not.
    assert page.locator(".rp-schedule tbody tr").count() == 12


def test_a_mistake_is_shown_beside_its_field_and_keeps_what_was_typed(app_server, make_page):
    words = WORDS["zh-CN"]
    page = make_page(viewport="phone", language="zh-CN")
    page.goto(app_server.base + "/check/")
    # "Ten thousand-odd": 一万 alone would be read as 10,000, 一万多 is not a figure.
    page.get_by_label(words["amount"]).fill("一万多块")
    page.get_by_label(words["rate"]).fill("1")
    page.get_by_label(words["term"]).fill("12")
    _fill_budget(page, words)
    page.get_by_role("button", name=words["submit"]).click()
    page.wait_for_load_state()
    field = page.get_by_label(words["amount"])
    assert field.input_value() == "一万多块"
    assert field.get_attribute("aria-invalid") == "true"
    assert "请输入数字" in page.locator("#id_amount_error").inner_text()
    # The summary at the top links to the field, and has the focus.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    _checked(page)


def test_compare_two_offers_on_a_phone(app_server, make_page):
    page = make_page(viewport="phone", language="en")
    page.goto(app_server.base + "/check/compare/")
    _checked(page)
    for prefix, rate in (("o1", "月息1分"), ("o2", "月息5厘")):
        page.fill(f"[name={prefix}-amount]", "10000")
        page.fill(f"[name={prefix}-rate]", rate)
        page.fill(f"[name={prefix}-term]", "12")
    page.fill("[name=income]", "8000")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_load_state()
    assert "cheapest true cost" in page.get_by_role("status").inner_text()
    assert page.locator(".rp-best").first.inner_text().startswith("6.00%")
    _checked(page)


def test_how_we_assess_on_a_phone(app_server, make_page):
    page = make_page(viewport="phone", language="zh-CN")
    page.goto(app_server.base + "/result/how-we-assess/")
    _checked(page)


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_a_seven_day_loan_says_do_not_borrow_it_on_the_first_screen(
    app_server, make_page, language
):
    # The case: receive 1,500, repay 2,000 seven days later; typed on a phone.
    words = WORDS[language]
    page = make_page(viewport="phone", language=language)
    page.goto(app_server.base + "/check/")
    page.get_by_label(words["plan"]).check()
    page.get_by_label(words["received"]).fill("1500")
    page.get_by_label(words["payment"]).fill("2000")
    page.get_by_label(words["count"]).fill("1")
    page.locator(".rp-more").last.locator("summary").click()  # the dates are folded away
    page.locator("#id_start_date").fill("2026-12-01")
    page.locator("#id_first_due").fill("2026-12-08")
    _fill_budget(page, words)
    page.get_by_role("button", name=words["submit"]).click()
    page.wait_for_load_state()
    verdict = page.locator("section.rp-verdict")
    # Two answers: the budget can just carry 2,000 in a month; the price is the worst there is.
    assert verdict.get_attribute("data-verdict") == "stretched"
    assert verdict.get_attribute("data-price") == "too_expensive"
    assert verdict.get_attribute("data-advice") == "dont_borrow_price"
    # The advice, both answers, the true APR and the reason that decided, all on the first screen.
    for part in ("#verdict-title", ".rp-answers", ".rp-verdict__apr", ".rp-verdict__deciding"):
        box = page.locator(part).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, part
    assert "1,738.10%" in page.locator(".rp-verdict__apr").inner_text()
    _checked(page, axe=axe_takes_turns(0, language))
    assert_only_this_host(page)


def test_a_rate_typed_for_the_wrong_period_is_questioned_and_fixed_with_one_tap(
    app_server, make_page
):
    words = WORDS["zh-CN"]
    page = make_page(viewport="phone", language="zh-CN")
    page.goto(app_server.base + "/check/")
    page.get_by_label(words["amount"]).fill("10000")
    page.get_by_label(words["rate"]).fill("0.05")  # the list is left at 每月
    page.get_by_label(words["term"]).fill("12")
    _fill_budget(page, words)
    page.get_by_role("button", name=words["submit"]).click()
    page.wait_for_load_state()
    # 0.05% a month is below any loan: read as 0.05% a day (日息万五), the dearer reading,
    # with the month one tap away.
    assert page.locator("#true-apr").inner_text().startswith("18.")
    assert "每天0.05%" in page.locator(".rp-echo").inner_text()
    question = page.locator(".rp-question")
    assert "利率填对了吗" in question.inner_text()
    _checked(page)  # the question, the what-if table and the early-repayment form pass axe
    question.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.locator(".rp-question").count() == 0
    assert page.locator("#true-apr").inner_text().startswith("0.6")
    _checked(page, axe=axe_takes_turns(1, "zh-CN"))  # the result page axe has read above


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_a_card_instalment_typed_with_its_fee_rate_shows_13_27_percent_first(
    app_server, make_page, language
):
    # The first case: 月费率0.6% over 24 months on 10,000, the lists left alone.
    words = WORDS[language]
    page = make_page(viewport="phone", language=language)
    page.goto(app_server.base + "/check/")
    page.get_by_label(words["amount"]).fill("10000")
    page.get_by_label(words["rate"]).fill("月费率0.6%")
    page.get_by_label(words["term"]).fill("24")
    _fill_budget(page, words)
    page.get_by_role("button", name=words["submit"]).click()
    page.wait_for_load_state()
    apr = page.locator(".rp-verdict__apr")
    assert "13.27%" in apr.inner_text()
    box = apr.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844
    assert "月费率0.6%" in page.locator(".rp-echo").inner_text()
    _checked(page, axe=axe_takes_turns(0, language))
