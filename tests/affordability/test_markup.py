"""The tags that write long schedules and charts write the same markup the template did."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from apps.affordability.assess import SCHEDULE_ROWS_SHOWN
from apps.affordability.charts import Chart, Segment
from apps.affordability.markup import (
    ADVICE_WORDS,
    BAND_WORDS,
    PRICE_WORDS,
    QUESTIONS,
    REASONS,
    WHAT_IF_WORDS,
    hidden_inputs,
    reason,
    schedule_rows,
    svg_rects,
)
from apps.finance import budget as rules
from apps.finance import price, reading, whatif
from apps.finance.budget import RuleResult, budget_verdict, make_budget
from apps.finance.schedule import ScheduleRow
from tests.loans.helpers import check

pytestmark = pytest.mark.django_db


def test_schedule_rows_write_every_cell_in_money_format():
    row = ScheduleRow(
        number=1,
        due_date=date(2026, 2, 15),
        payment=Decimal("888.49"),
        principal=Decimal("788.49"),
        interest=Decimal("100.00"),
        fees=Decimal("0.00"),
        balance=Decimal("9211.51"),
    )
    assert schedule_rows([row]) == (
        '<tr><td>1</td><td class="text-nowrap">2026-02-15</td><td class="text-end">888.49</td>'
        '<td class="text-end">788.49</td><td class="text-end">100.00</td>'
        '<td class="text-end">0.00</td><td class="text-end">9,211.51</td></tr>'
    )


def test_chart_rects_escape_the_kind_and_write_numbers():
    chart = Chart(600, 220, (Segment('x"><script>', 1, 2.5, 3, 4),), Decimal(1))
    html = svg_rects(chart)
    assert "<script>" not in html
    assert 'x="1.0" y="2.5" width="3.0" height="4.0"' in html


def test_a_thirty_year_loan_shows_its_first_payments_and_all_360_on_demand(en):
    html = en.post("/result/", check(term="360", amount="500000", fee_upfront="")).content.decode()
    assert html.count('<td class="text-nowrap">') == SCHEDULE_ROWS_SHOWN
    assert html.count('<rect class="seg seg-principal"') == 360  # the chart draws every one
    assert "The first 24 of 360 payments are shown." in html
    link = re.search(r'href="(/result/\?[^"]*rows=all[^"]*)#schedule-title"', html).group(1)
    every = en.get(link.replace("&amp;", "&")).content.decode()
    assert every.count('<td class="text-nowrap">') == 360
    assert "Show every payment" not in every


def test_every_rule_and_band_the_engine_can_give_has_its_reason_in_both_languages():
    # Each (rule, band) a rule can report: price rules, and budget rules, checked or not.
    possible = {(price.RULE_TRUE_APR, band) for band in rules.BANDS} | {
        (price.RULE_SHORT_TERM, rules.AFFORDABLE),
        (price.RULE_SHORT_TERM, rules.NOT_AFFORDABLE),
        (price.RULE_FEE_AT_PAYOUT, rules.AFFORDABLE),
        (price.RULE_FEE_AT_PAYOUT, rules.STRETCHED),
        *(
            (rule, band)
            for rule in (rules.RULE_PAYMENT_TO_INCOME, rules.RULE_DEBT_TO_INCOME)
            for band in rules.BANDS
        ),
        *((rules.RULE_MONEY_LEFT, band) for band in (None, *rules.BANDS)),
        (rules.RULE_SAVINGS_BUFFER, None),
        (rules.RULE_SAVINGS_BUFFER, rules.AFFORDABLE),
        (rules.RULE_SAVINGS_BUFFER, rules.STRETCHED),
        (rules.RULE_OTHER_PLATFORMS, None),
        (rules.RULE_OTHER_PLATFORMS, rules.AFFORDABLE),
        (rules.RULE_OTHER_PLATFORMS, rules.NOT_AFFORDABLE),
        (rules.RULE_REPAY_ANOTHER_LOAN, rules.AFFORDABLE),
        (rules.RULE_REPAY_ANOTHER_LOAN, rules.NOT_AFFORDABLE),
    }
    assert {rule for rule, _band in possible} == {*price.PRICE_RULES, *rules.RULES}
    assert possible == set(REASONS)
    verdict = budget_verdict(
        budget=make_budget(income=Decimal(8000), essentials=Decimal(9000), savings=Decimal(1)),
        loan_monthly_payment=Decimal(888),
    )
    for rule, band in sorted(possible, key=str):
        value = {
            rules.RULE_MONEY_LEFT: Decimal(-1600),
            rules.RULE_SAVINGS_BUFFER: Decimal("0.5"),
            rules.RULE_OTHER_PLATFORMS: 3,
            price.RULE_SHORT_TERM: 7,
        }.get(rule, Decimal("0.4"))
        finding = RuleResult(rule, band, None if band is None else value, Decimal("-0.2"))
        for language in ("en", "zh-hans"):
            with translation.override(language):
                text = reason(finding, verdict)
            assert text and "%(" not in text, (rule, band, language)
            if language == "zh-hans":
                assert re.search("[\u4e00-\u9fff]", text), (rule, band)


def test_money_short_is_said_as_a_gap_never_a_negative_amount():
    finding = RuleResult(rules.RULE_MONEY_LEFT, rules.NOT_AFFORDABLE, Decimal(-1600), None)
    verdict = budget_verdict(budget=make_budget(income=Decimal(1)), loan_monthly_payment=0)
    with translation.override("zh-hans"):
        assert "缺口 1,600.00 元" in reason(finding, verdict)
    with translation.override("en"):
        assert "1,600.00 yuan short" in reason(finding, verdict)
        assert "-1,600" not in reason(finding, verdict)


def test_a_month_that_ends_short_shows_the_gap_not_a_minus_sign(client):
    data = check(essentials="7000")  # 8,000 in, 7,000 + 1,500 + 888.49 out
    for language, gap in (("en", "short 1,388.49"), ("zh-hans", "缺口 1,388.49")):
        html = client.post("/result/", data, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        table = html.split('id="chart-budget-table"')[1].split("</table>")[0]
        assert gap in table and "-1,388.49" not in table


@pytest.mark.parametrize("words", [ADVICE_WORDS, PRICE_WORDS, BAND_WORDS, WHAT_IF_WORDS, QUESTIONS])
def test_every_code_has_its_words(words):
    codes = {
        id(ADVICE_WORDS): set(price.ADVICES),
        id(PRICE_WORDS): set(price.PRICE_LEVELS),
        id(BAND_WORDS): set(rules.BANDS),
        id(WHAT_IF_WORDS): set(whatif.WHAT_IFS),
        id(QUESTIONS): set(reading.QUESTIONS),
    }[id(words)]
    assert set(words) == codes


def test_the_save_forms_hidden_inputs_carry_each_figure_escaped():
    html = str(hidden_inputs({"amount": "10,000", "note": '"><script>'}))
    assert '<input type="hidden" name="amount" value="10,000">' in html
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html
