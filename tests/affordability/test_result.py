"""The result page: each verdict band, each flag, the stress test, charts and the schedule."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from apps.core.models import RateLine, Source
from apps.core.pagecache import bump_content_version
from apps.finance import budget as rules
from tests.loans.helpers import BUDGET, PLAN, check, plan

pytestmark = pytest.mark.django_db


def _verdict(html: str) -> str:
    return re.search(r'rp-verdict rp-verdict--(\w+)"', html).group(1)


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
    data = {**check(), "debt_payments": "", **budget}
    html = en.post("/result/", data).content.decode()
    assert _verdict(html) == band


def test_the_verdict_comes_first_in_a_live_region_then_every_reason_with_its_number(en):
    html = en.post(
        "/result/", check(essentials="3000", savings="5000", other_platforms="1")
    ).content.decode()
    verdict = html.index('role="status"')
    assert verdict < html.index("What the loan really costs")
    text = _text(html)
    assert "Verdict: Affordable" in text
    assert "29.9% of your income" in text  # FACTS.md example 12
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
    assert (
        "If your income fell by 20% to 6,400.00 yuan, your debt payments would take 37.3%" in text
    )
    assert "If essential spending rose by 10% to 3,300.00 yuan" in text
    assert "first instalment 30 days late" in text
    assert "We assumed 0.134% a day" in text  # 32.50% / 365 x 1.5
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
    html = en.post("/result/", check()).content.decode()
    flags = _flags(html)
    assert "Above 24% a year (24.00% a year, as of 2021-01-01)" in flags
    assert "Above 4 times the one-year LPR" in flags and "as of 2025-05-20" in flags
    assert "36% line" not in flags  # 32.50% is below it
    # An administrator moves a line: the page follows, never a constant in code.
    RateLine.objects.filter(code="line_36").update(value=Decimal("0.30"))
    bump_content_version()  # what every admin save does (tests/core/test_pagecache.py)
    flags = _flags(en.post("/result/", check()).content.decode())
    assert "Above 36% a year" in flags and "30.00% a year" in flags


def test_no_line_flag_for_a_cheap_loan(en):
    html = en.post("/result/", check(rate="0.5", fee_upfront="")).content.decode()
    assert "No warning applies" in html


def test_flat_fee_pricing_is_flagged_as_understating_the_rate(en):
    # FACTS.md example 7: 0.6% a month flat, advertised 7.2%, true 13.03%.
    html = en.post(
        "/result/", check(amount="12000", rate="0.6", method="flat_fee", fee_upfront="")
    ).content.decode()
    assert 'id="true-apr">13.03%<' in html
    assert "the true rate is 1.8 times higher" in _flags(html)


def test_a_very_short_loan_is_flagged(en):
    # FACTS.md example 5: 30 days at 0.05% a day.
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
    assert rules.SHORT_TERM_MAX_DAYS == 31


def test_the_36_percent_line_flag(en):
    html = en.post("/result/", check(rate="3")).content.decode()
    assert "Above 36% a year" in _flags(html)


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
    html = zh.post("/result/", check()).content.decode()
    assert '<html lang="zh-hans">' in html
    assert "负担得起" in html
    assert "真实年化成本" in html
    assert 'id="true-apr">32.50%<' in html


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
    assert "as of 2025-05-20" in text
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
    assert "Above 36% a year" in _text(response.content.decode())
