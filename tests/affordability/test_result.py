"""The result page: each verdict band, each flag, the stress test, charts and the schedule.

The budget bands are checked on a fair-priced loan (example 6 without its fee at payout: 12.00% a
year), so that the budget alone decides; tests/affordability/test_price.py checks the price."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest

from apps.core.models import RateLine, Source
from apps.core.pagecache import bump_content_version
from apps.finance import budget as rules
from apps.finance import price
from tests.loans.helpers import BUDGET, COMPARE, PLAN, SEVEN_DAY_PLAN, check, plan

pytestmark = pytest.mark.django_db


def _verdict(html: str) -> str:
    """The budget's answer: can the budget carry it."""
    return re.search(r'data-verdict="(\w+)"', html).group(1)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("budget", "band"),
    [
        # Example 12: debts 29.9% of income.
        ({"income": "8000", "debt_payments": "1500"}, rules.AFFORDABLE),
        # Debts 40% of income: stretched.
        ({"income": "8000", "debt_payments": "2311.51"}, rules.STRETCHED),
        # Debts 55% of income: not affordable.
        ({"income": "8000", "debt_payments": "3511.51"}, rules.NOT_AFFORDABLE),
        # Little money left: stretched.
        ({"income": "8000", "debt_payments": "0", "essentials": "6500"}, rules.STRETCHED),
        # Less than nothing left: not affordable.
        ({"income": "8000", "debt_payments": "1500", "essentials": "6000"}, rules.NOT_AFFORDABLE),
        # Savings under a month of essentials: stretched.
        ({"income": "8000", "essentials": "2000", "savings": "1000"}, rules.STRETCHED),
        # Three other apps: not affordable.
        ({"income": "8000", "other_platforms": "3"}, rules.NOT_AFFORDABLE),
        # Borrowing to repay another loan: not affordable.
        ({"income": "8000", "purpose": "repay_loan"}, rules.NOT_AFFORDABLE),
        # A payment of 888.49 on an income of 3,000 (29.6%): stretched by this loan alone.
        ({"income": "3000"}, rules.STRETCHED),
    ],
)
def test_each_verdict_band(en, budget, band):
    data = {**check(fee_upfront=""), "debt_payments": "", **budget}
    html = en.post("/result/", data).content.decode()
    assert _verdict(html) == band


def test_the_verdict_comes_first_in_a_live_region_then_every_reason_with_its_number(en):
    html = en.post(
        "/result/",
        check(fee_upfront="", essentials="3000", savings="5000", other_platforms="1"),
    ).content.decode()
    verdict = html.index('role="status"')
    assert verdict < html.index("What the loan really costs")
    text = _text(html)
    assert "Our advice: Your budget can carry this loan at a fair price" in text
    assert "Can you repay it? Affordable Is it worth its price? Fair price" in text
    assert "29.9% of your income" in text  # worked example 12 (docs/worked-examples.md)
    assert "888.49 yuan, 11.1% of your income" in text
    assert "2,611.51 yuan left a month" in text
    assert "1.7 months of essential spending" in text
    assert "You owe 1 other lending app now" in text


def test_rules_left_empty_are_listed_as_not_checked(en):
    text = _text(en.post("/result/", check()).content.decode())
    assert "Money left each month: not checked" in text
    assert "Savings buffer: not checked" in text


def test_the_stress_test_shows_a_20_percent_income_drop_and_30_days_late(en):
    text = _text(en.post("/result/", check(essentials="3000")).content.decode())
    # Each case names the rule that decides it, with its figure (worked example 12: 37.3%).
    assert (
        "If your income fell by 20% to 6,400.00 yuan: your budget then: Stretched. "
        "All your debt payments together would be 2,388.49 yuan a month, 37.3% of your income"
    ) in text
    assert (
        "If essential spending rose by 10% to 3,300.00 yuan: your budget then: Affordable. "
        "In its heaviest month this loan asks 888.49 yuan"
    ) in text
    assert "first instalment 30 days late" in text
    # No late rate given: the loan's 32.50% plus half again, a day, which is above the 24% line
    # a court holds a licensed lender to and below none when the lender is not known: capped.
    assert "so we assumed 0.066% a day: the most 24% a year (licensed lenders, in court)" in text
    assert "2.4 days of work" in text
    assert "21.75" in text


def test_the_days_of_work_figure_cites_its_source(en, zh):
    # 21.75 paid days a month comes from a 2008 notice: a fact shown needs its source and date.
    source = Source.objects.get(key="mohrss-2008-3")
    assert source.confidence in ("H", "M") and source.last_checked
    assert "21.75" in source.summary_en and "21.75" in source.summary_zh
    for client in (en, zh):
        html = client.post("/result/", check()).content.decode()
        stress = html[html.index('id="stress-title"') : html.index('id="charts-title"')]
        assert '/late/sources/#source-mohrss-2008-3"' in stress
    assert "劳社部发〔2008〕3号" in _text(zh.get("/late/sources/").content.decode())


def test_a_penalty_rate_given_replaces_the_assumption(en):
    text = _text(en.post("/result/", check(penalty_rate="0.1")).content.decode())
    assert "At the late-payment rate you gave, 0.100% a day." in text


def test_the_cost_box_shows_every_figure(en):
    text = _text(en.post("/result/", check()).content.decode())
    assert "True yearly cost (APR) 32.50%" in text
    assert "Effective yearly rate (compounded) 37.81%" in text
    assert "Rate as the app advertises it, a year 12.00%" in text
    assert "2.7 times" in text
    assert "Money you actually receive 9,000.00 yuan" in text
    assert "You repay in all 10,661.86 yuan" in text
    assert "1,661.86 yuan" in text


def _flags(html: str) -> str:
    return _text(html.split('class="rp-flags"')[1].split("</ul>")[0]) if "rp-flags" in html else ""


def test_fee_at_payout_flag_with_its_sources(en):
    html = en.post("/result/", check()).content.decode()
    flags = _flags(html)
    assert "1,000.00 yuan is taken at payout" in flags
    assert "9,000.00 yuan you receive" in flags
    assert "#source-civil-code-670" in html
    assert "#source-cash-loan-notice-2017" in html


def test_a_plan_with_the_contract_amount_flags_the_fee_at_payout(en):
    html = en.post("/result/", plan(contract_amount="10000")).content.decode()
    assert "1,000.00 yuan is taken at payout" in _flags(html)
    html = en.post("/result/", plan()).content.decode()
    assert "taken at payout" not in _flags(html)


def test_line_flags_come_from_the_dated_rate_lines_with_their_dates(en):
    html = en.post("/result/", check(lender="consumer_finance")).content.decode()
    flags = _flags(html)
    assert (
        "Above the line: 24% a year (licensed lenders, in court), in force since 2017-08-04"
        in flags
    )
    assert "#source-spc-financial-trials-2017" in html
    assert "36% a year" not in flags  # 32.50% is below it
    # An administrator moves a line: the page follows, never a constant in code.
    RateLine.objects.filter(code="line_36").update(value=Decimal("0.30"))
    bump_content_version()  # what every admin save does (tests/core/test_pagecache.py)
    html = en.post("/result/", check(lender="consumer_finance")).content.decode()
    assert "Above the line: 36% a year (the 2017 cash-loan notice)" in _flags(html)
    assert "30.00% a year" in _text(html)


def test_no_line_flag_for_a_cheap_loan(en):
    html = en.post("/result/", check(rate="0.5", fee_upfront="")).content.decode()
    assert "No warning applies" in html


def test_flat_fee_pricing_is_flagged_as_understating_the_rate(en):
    # Worked example 7: 0.6% a month flat, advertised 7.2%, true 13.03%.
    html = en.post(
        "/result/", check(amount="12000", rate="0.6", method="flat_fee", fee_upfront="")
    ).content.decode()
    assert 'id="true-apr">13.03%<' in html
    assert "the true rate is 1.8 times higher" in _flags(html)


def test_a_very_short_loan_is_flagged(en):
    # Worked example 5: 30 days at 0.05% a day.
    html = en.post(
        "/result/",
        check(
            term="30",
            term_unit="day",
            rate="0.05",
            rate_period="day",
            method="one_time",
            fee_upfront="",
        ),
    ).content.decode()
    assert 'id="true-apr">18.25%<' in html
    assert "A very short loan: 30 days." in _flags(html)
    assert price.SHORT_TERM_MAX_DAYS == 31


def test_the_36_percent_line_flag(en):
    html = en.post("/result/", check(rate="3")).content.decode()
    assert "Above the line: 36% a year (the 2017 cash-loan notice)" in _flags(html)


def test_charts_are_inline_svg_with_text_alternatives_and_no_inline_style(en):
    html = en.post("/result/", check(essentials="3000")).content.decode()
    assert html.count("<svg") == 2
    assert 'role="img"' in html
    assert 'aria-labelledby="chart-payments-title chart-payments-desc"' in html
    assert 'id="chart-budget-table"' in html
    assert "style=" not in html
    assert "<script>" not in html


def test_the_budget_chart_asks_for_essentials_when_they_are_missing(en):
    html = en.post("/result/", check()).content.decode()
    assert html.count("<svg") == 1
    assert "Add your essential spending" in html


def test_the_schedule_table_sums_to_the_total(en):
    html = en.post("/result/", check()).content.decode()
    table = html.split('class="table table-sm table-striped rp-schedule"')[1]
    assert table.count("<tr>") == 1 + 12 + 1
    assert "888.47" in table  # the last payment absorbs the rounding
    assert "10,661.86" in table


def test_the_result_page_in_chinese(zh):
    html = zh.post("/result/", check(fee_upfront="")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert "还得起" in html
    assert "真实年化成本" in html
    assert 'id="true-apr">12.00%<' in html


def test_language_switch_on_a_result_returns_to_a_get_link_of_the_same_result(client):
    html = client.post("/result/", check(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    link = re.search(r'name="next" value="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert link.startswith("/result/?")
    assert "start_date=2026-01-15" in link
    again = client.get(link, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert again.status_code == 200
    assert 'id="true-apr">32.50%<' in again.content.decode()
    assert "真实年化成本" in again.content.decode()


def test_a_result_link_with_bad_figures_shows_the_form_with_messages(en):
    response = en.get("/result/", {**PLAN, **BUDGET, "received": "lots"})
    assert response.status_code == 200
    assert 'id="id_received_error"' in response.content.decode()


def test_the_start_date_is_pinned_so_a_link_shows_the_same_schedule_later(en):
    data = check()
    data.pop("start_date")
    html = en.post("/result/", data).content.decode()
    assert re.search(r'name="start_date" value="\d{4}-\d{2}-\d{2}"', html)


def test_how_we_assess_lists_every_rule_with_its_threshold_and_source(client):
    html = client.get("/result/how-we-assess/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for rule in rules.RULES:
        assert f'id="rule-{rule}"' in html
    for key in (
        "fannie-mae-dti",
        "fca-conc-5-2a",
        "emergency-buffer",
        "cash-loan-notice-2017",
        "pboc-2021-3",
        "civil-code-670",
        "mohrss-2008-3",
    ):
        assert f"/late/sources/#source-{key}" in html
    text = _text(html)
    assert "up to 36%" in text and "above 50%" in text
    assert "36%%" not in text
    assert "in force since 2025-05-20" in text
    assert "21.75" in text
    chinese = client.get("/result/how-we-assess/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "不超过 36%" in _text(chinese.content.decode())


def test_the_result_leads_to_the_days_late_calculator_with_this_loan_filled_in(en):
    html = en.post("/result/", plan()).content.decode()
    link = re.search(r'href="(/late/calculator/\?[^"]+)"', html)
    assert link, "no link to the calculator"
    url = link.group(1).replace("&amp;", "&")
    page = en.get(url + "&days=40&penalty_rate=0.05").content.decode()
    # The loan came along: the page prices the delay against this loan's own true cost.
    assert "With this payment 40 days late" in page
    assert 'href="/late/stages/months-1-3/"' in page


def test_a_fee_many_times_the_loan_is_priced_not_a_500(en):
    # Found by tests/loans/test_junk.py: the effective rate has more digits than Decimal's
    # default 28, which the percent filter could not round.
    response = en.post("/result/", check(fee_per_period="890112"))
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "Above the line: 36% a year" in text
    # A figure past meaning is said as such (it was 10^40 %).
    assert "Effective yearly rate (compounded) over 10,000%" in text


# The price weighs in (issue 11): the 7-day loan with a budget.
SEVEN_DAYS = {**SEVEN_DAY_PLAN, "income": "8000"}
# A 借呗-style offer: 10,000 at 日息万四 (0.04% a day) over 12 months, from a consumer-finance
# company.
JIEBEI = {
    "mode": "terms",
    "amount": "10000",
    "rate": "日息万四",
    "term": "12",
    "method": "equal_installment",
    "lender": "consumer_finance",
    "start_date": "2026-01-15",
    "income": "8000",
}


def _verdict_box(html: str) -> str:
    return re.search(r'(?s)<section class="rp-verdict .*?</section>', html).group(0)


@pytest.mark.parametrize(
    ("client_fixture", "words"),
    [("en", "Don't borrow this: it is too expensive."), ("zh", "别借这笔：它太贵了。")],
)
def test_a_seven_day_loan_at_1738_percent_says_do_not_borrow_it_first(
    request, client_fixture, words
):
    html = request.getfixturevalue(client_fixture).post("/result/", SEVEN_DAYS).content.decode()
    # Two answers: 2,000 in one month of an 8,000 income is tight, not beyond the budget; the
    # price is the worst there is, so the advice is not to borrow.
    assert 'data-verdict="stretched"' in html and 'data-price="too_expensive"' in html
    assert 'data-advice="dont_borrow_price"' in html
    box = unescape(_verdict_box(html))
    assert words in box
    assert "1,738.10%" in box  # the APR, in the verdict itself
    # The strongest reason, the price, comes right after, before anything else on the page.
    assert box.index("rp-verdict__deciding") < box.index("rp-reasons")


def test_a_jiebei_style_offer_is_not_called_too_expensive_nor_judged_by_the_private_line(en):
    html = en.post("/result/", JIEBEI).content.decode()
    assert 'data-price="fair"' in html
    text = _text(html)
    assert "The true yearly cost is 14." in text  # about 14.6%
    # A consumer-finance company is licensed: the courts' private-lending line is not its line.
    assert "the courts' line for private lending" not in text.replace("&#x27;", "'")
    assert "24% a year (licensed lenders, in court)" in text


def test_the_fees_at_payout_plan_shows_32_50_percent_and_is_at_least_stretched(en):
    html = en.post("/result/", plan(contract_amount="10000")).content.decode()
    assert 'id="true-apr">32.50%<' in html
    # The budget carries it; its price does not deserve it: the advice is to think again.
    assert 'data-verdict="affordable"' in html and 'data-price="expensive"' in html
    assert 'data-advice="think_again_price"' in html


@pytest.mark.parametrize(
    ("lender", "shown", "not_shown"),
    [
        ("private", "the courts' line for private lending", "licensed lenders, in court"),
        ("microloan", "micro-loan companies' new loans, 2025 guideline", "private lending"),
        ("bank", "partner platforms: how the market reads the 2025 rules", "private lending"),
        ("unknown", "the courts' line for private lending", "micro-loan companies' new loans"),
    ],
)
def test_the_lines_shown_follow_who_lends(en, lender, shown, not_shown):
    text = _text(en.post("/result/", check(lender=lender)).content.decode())
    text = text.replace("&#x27;", "'")
    lines = text.split("The lines we compare with")[1].split("If a month goes badly")[0]
    assert shown in lines
    assert not_shown not in lines


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("lender", ["private", "microloan", "unknown"])
def test_every_line_says_whom_it_binds_and_none_tells_a_borrower_to_stop_paying(
    client, language, lender
):
    html = client.post("/result/", check(lender=lender), HTTP_ACCEPT_LANGUAGE=language)
    text = _text(html.content.decode())
    for claim in ("may refuse", "don't have to pay", "do not have to pay", "有权拒绝", "不必还"):
        assert claim not in text
    said = "not a reason to" if language == "en" else "不是可以"
    assert said in text


def test_a_monthly_rate_too_low_to_be_real_is_read_a_day_and_the_month_is_one_click_away(en):
    # 0.05 with the list at a month: the likely reading, 0.05% a day, is also the dearer one.
    html = en.post("/result/", check(rate="0.05", rate_period="month", fee_upfront="")).content
    html = html.decode()
    assert 'id="true-apr">18.' in html  # 0.05% a day: about 18% a year
    assert "Is the rate right?" in html
    assert "You typed: 0.05 → 0.05% a day" in html
    link = re.search(r'href="(/result/\?[^"]*rate_period=month[^"]*)"', html).group(1)
    assert "rate_confirmed=1" in link
    again = en.get(link.replace("&amp;", "&")).content.decode()
    assert "Is the rate right?" not in again
    assert 'id="true-apr">0.6' in again  # 0.05% a month, as confirmed


def test_a_rate_typed_as_apps_write_it_sets_its_own_period_and_asks_nothing(en):
    html = en.post("/result/", check(rate="万5", rate_period="month", fee_upfront=""))
    html = html.content.decode()
    assert "rp-question" not in html
    assert "Rate as the app advertises it, a year 18.25%" in _text(html)


def test_the_late_charge_assumption_is_stated_beside_what_the_line_allows(en):
    text = _text(en.post("/result/", check(lender="consumer_finance")).content.decode())
    assert "so we assumed 0.066% a day: the most 24% a year (licensed lenders, in court)" in text
    assert "under 24% a year (licensed lenders, in court), about" in text
    assert "It is what a court would support, not a reason to pay late." in text
    # Below the line the rule decides: 12% plus half again is 18% a year, 0.049% a day.
    cheap = _text(en.post("/result/", check(fee_upfront="")).content.decode())
    assert "so we assumed 0.049% a day: the loan's true yearly cost plus half again" in cheap
    # The rate the contract names replaces both.
    given = _text(en.post("/result/", check(penalty_rate="0.05")).content.decode())
    assert "At the late-payment rate you gave, 0.050% a day." in given
    assert "we assumed" not in given


def test_the_compare_link_carries_this_loan_in_as_offer_1(en):
    html = en.post("/result/", check(essentials="3000")).content.decode()
    link = re.search(r'href="(/check/compare/\?[^"]+)"', html).group(1).replace("&amp;", "&")
    form = en.get(link).content.decode()
    assert 'name="o1-amount" value="10,000"' in form
    assert 'name="o1-fee_upfront" value="1000"' in form
    assert 'name="essentials" value="3000"' in form
    assert 'name="o2-amount" value="' not in form or 'name="o2-amount" value=""' in form


def test_the_price_reasons_and_the_lines_speak_chinese(zh):
    html = zh.post("/result/", check(lender="microloan")).content.decode()
    text = _text(html)
    assert "真实年化成本32.50%，超过24%" in text
    assert "放款前被扣走1,000.00元" in text
    assert "年化24%（小额贷款公司新增贷款，2025年指引）" in text
    assert "不是可以不还的理由" in text


def test_how_we_assess_explains_the_price_the_rate_question_and_the_lender_with_sources(client):
    html = client.get("/result/how-we-assess/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for rule in price.PRICE_RULES:
        assert f'id="rule-{rule}"' in html
    for anchor in ('id="price"', 'id="rate-question"', 'id="lender"'):
        assert anchor in html
    for key in ("spc-financial-trials-2017", "cash-loan-notice-2017", "civil-code-670"):
        assert f"/late/sources/#source-{key}" in html
    text = _text(html)
    assert "above 36%" in text and "万5 or 日息万五 is 0.05% a day" in text
    chinese = _text(
        client.get("/result/how-we-assess/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    )
    assert "利率填对了吗" in chinese and "谁放的贷" in chinese


def test_a_jiebei_style_offer_from_an_unknown_lender_gets_no_red_private_lending_line(en):
    # 日息万四 over 12 months is about 14.6% a year: above 4 x LPR (12%), the courts' line for
    # private lending only. With the lender left at "I don't know", that line is information.
    html = en.post("/result/", {**JIEBEI, "lender": "unknown"}).content.decode()
    text = unescape(_text(html))
    assert "4 times the one-year LPR" not in _flags(html)
    assert "Which line applies depends on who lends, which you did not say" in text
    assert "If the lender is one of: A person or an unlicensed lender (民间借贷)" in text
    assert "This loan's 14." in text and "is above it." in text
    assert "is not above it." in text  # the 24% licensed lenders are held to
    # The lender question, right there, carrying the figures.
    form = html.split('class="rp-lender')[1].split("</form>")[0]
    assert 'name="lender"' in form and 'name="rate" value="日息万四"' in form
    assert 'name="lender" value=' not in form  # the select, not a hidden copy
    named = en.get("/result/", {**JIEBEI, "lender": "private"}).content.decode()
    assert "Above the line: 4 times the one-year LPR" in unescape(_flags(named))


def test_lines_shown_for_a_loan_started_before_the_lpr_took_effect_say_so(en):
    html = en.post("/result/", check(start_date="2025-03-01", lender="private")).content.decode()
    text = _text(html)
    assert "This loan started on 2025-03-01, before the LPR above took effect on 2025-05-20" in text
    later = _text(en.post("/result/", check(lender="private")).content.decode())
    assert "before the LPR above took effect" not in later


def test_a_bank_or_unknown_lender_is_told_24_percent_is_no_credit_card_line(client):
    def page(lender: str, language: str = "en") -> str:
        data = check(lender=lender)
        return client.post("/result/", data, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    bank = page("bank")
    text = unescape(_text(bank))
    assert "Credit cards are the exception: no fixed line binds a card's interest and fees." in text
    assert "#source-spc-bank-card-2021" in bank
    assert "Credit cards are the exception" in unescape(_text(page("unknown")))
    assert "Credit cards are the exception" not in unescape(_text(page("private")))
    assert "信用卡是例外" in _text(page("bank", "zh-hans"))


def test_the_seven_day_loans_late_cost_is_capped_by_the_line_not_7_percent_a_day(en):
    text = unescape(_text(en.post("/result/", SEVEN_DAYS).content.decode()))
    # Plus half again of 1,738% would be 7.143% a day (4,285.71 yuan on 2,000 in 30 days).
    assert "7.143%" not in text and "4,285.71" not in text
    assert "so we assumed 0.066% a day: the most 24% a year (licensed lenders, in court)" in text
    assert "the late charges would come to about 39.45 yuan" in text  # 2,000 x 24% x 30 / 365


def test_repaying_early_a_plan_with_a_contract_amount_repays_what_the_contract_says_is_owed(en):
    text = _text(en.post("/result/", plan(contract_amount="10000")).content.decode())
    # After 6 of 12 payments, what is left of the contract's 10,000, not of the 9,000 received.
    left = re.search(
        r"Repaying everything with payment 6, you pay [\d,.]+ yuan that day on top of "
        r"the payment: ([\d,.]+) yuan still owed",
        text,
    ).group(1)
    assert Decimal(left.replace(",", "")) > Decimal(5000)
    received_only = _text(en.post("/result/", plan()).content.decode())
    left_before = re.search(r"payment: ([\d,.]+) yuan still owed", received_only).group(1)
    assert Decimal(left.replace(",", "")) > Decimal(left_before.replace(",", ""))


def test_a_card_entered_as_a_fee_on_every_payment_is_never_called_free_of_hidden_fees(en):
    html = en.post(
        "/result/", check(rate="0", fee_upfront="", fee_per_period="0.6%", term="24")
    ).content.decode()
    assert "No warning applies" not in html
    assert "A fee is charged with every payment, on the full amount" in unescape(_flags(html))
    assert 'id="true-apr">13.27%<' in html


def test_the_static_fragments_kept_drawn_follow_the_readers_language(client):
    # {% cache %} keeps parts of the page drawn per language: each reader still gets theirs,
    # on the result and on the comparison that shares its parts.
    for path, data in (("/result/", check()), ("/result/compare/", COMPARE)):
        english = client.post(path, data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        chinese = client.post(path, data, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert "Every source, with the date we last checked it" in english
        assert "Every source, with the date we last checked it" not in chinese
        assert "Already owe other apps?" in english and "Already owe other apps?" not in chinese
