"""The days-late calculator: the stage, the cost now and later from the engine, the rate lines,
typed input as people type it, and bad input answered beside the field."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.core.saved import save_result
from apps.core.templatetags.repayable import money, percent
from apps.finance import Plan, overdue_cost, schedule_for_offer, schedule_for_plan
from tests.finance.helpers import make_offer
from tests.markup import field_errors

pytestmark = pytest.mark.django_db

URL = reverse("guidance:calculator")
# Worked example 6 (docs/worked-examples.md): 10,000 face value, 1,000 taken at payout, 12 x
# 888.49 a month.
FEES_AT_PAYOUT = {
    "mode": "plan",
    "received": "9000",
    "payment": "888.49",
    "count": "12",
    "every": "month",
    "contract_amount": "10000",
    "start_date": "2026-01-01",
}
PENALTY = Decimal("0.0005")  # 0.05% a day


def _figures(html: str) -> dict[str, str]:
    """The result's <dt> label -> <dd> figure, tags stripped."""
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    return {re.sub(r"\s+", " ", k).strip(): re.sub(r"\s+", " ", v).strip() for k, v in pairs}


def _errors(html: str) -> dict[str, str]:
    """Field name -> its error text, as the page shows it beside the field."""
    return field_errors(html)


def test_days_alone_give_the_stage_and_its_checklist(en):
    html = en.get(URL, {"days": "40"}).content.decode()
    assert "40 days late" in html
    assert f'href="{reverse("guidance:stage", args=["months-1-3"])}"' in html
    assert "Keep every message and call record" in html
    assert "Add the overdue amount and the penalty" in html


def test_the_cost_of_a_missed_payment_alone_is_the_daily_penalty_times_the_days(en):
    query = {"days": "40", "overdue": "888.49", "penalty_rate": "0.05"}
    figures = _figures(en.get(URL, query).content.decode())
    # 888.49 x 0.05% x 40 = 17.7698 -> 17.77; 47 days -> 20.88; 70 days -> 31.10.
    assert figures["Overdue amount"] == "888.49 yuan"
    assert figures["Penalty interest so far (40 days)"] == "17.77 yuan"
    assert figures["You owe for this payment now"] == "906.26 yuan"
    assert figures["If you pay 7 days later (day 47)"] == "909.37 yuan"
    assert figures["If you pay 30 days later (day 70)"] == "919.59 yuan"


def test_the_loan_figures_match_the_engine_called_directly(en):
    quote = schedule_for_plan(
        plan=Plan(
            received=Decimal("9000"),
            payment=Decimal("888.49"),
            count=12,
            frequency="month",
            start_date=date(2026, 1, 1),
        )
    )
    now = overdue_cost(quote=quote, days_late=40, penalty_daily_rate=PENALTY)
    later = overdue_cost(quote=quote, days_late=70, penalty_daily_rate=PENALTY)
    html = en.get(URL, {"days": "40", "penalty_rate": "0.05", **FEES_AT_PAYOUT}).content.decode()
    figures = _figures(html)
    assert figures["Penalty interest so far (40 days)"] == f"{money(now.penalty)} yuan"
    assert figures["You owe for this payment now"] == f"{money(now.total_owed)} yuan"
    assert figures["If you pay 7 days later (day 47)"] == f"{money(later.days[46].total_owed)} yuan"
    assert (
        figures["If you pay 30 days later (day 70)"] == f"{money(later.days[69].total_owed)} yuan"
    )
    assert "32.50%" in html  # worked example 6, paid on time
    assert f"True yearly cost: {percent(now.apr_with_delay)}." in html
    assert f"you repay {money(now.total_cost_with_delay)} yuan more" in html


def test_the_fees_at_payout_loan_is_above_the_24_line_and_below_the_36_line_with_dates(en):
    query = {"days": "40", "penalty_rate": "0.05", "lender": "microloan", **FEES_AT_PAYOUT}
    html = en.get(URL, query).content.decode()
    assert "Above 24% a year (licensed lenders, in court): 24.00% a year, as of 2017-08-04." in html
    assert "micro-loan companies&#x27; new loans, 2025 guideline" in html
    assert "Below 36% a year (the 2017 cash-loan notice): 36.00% a year, as of 2017-12-01." in html
    # The courts' line for private lending does not bind a micro-loan company.
    assert "the courts&#x27; line for private lending" not in html


def test_the_lines_follow_the_lender_and_an_unknown_one_gets_both_kinds(en):
    query = {"days": "40", "penalty_rate": "0.05", **FEES_AT_PAYOUT}
    unknown = en.get(URL, query).content.decode()
    assert "the courts&#x27; line for private lending" in unknown
    assert "licensed lenders, in court" in unknown
    private = en.get(URL, {**query, "lender": "private"}).content.decode()
    assert "the courts&#x27; line for private lending" in private
    assert "licensed lenders, in court" not in private


def test_the_loan_check_field_names_for_quoted_terms_are_accepted(en):
    # Worked example 2: 10,000 over 12 months at 1% a month, equal instalments: 888.49.
    query = {
        "days": "10",
        "penalty_rate": "0.05",
        "mode": "terms",
        "amount": "1万",
        "rate": "1",
        "rate_period": "month",
        "term": "12",
        "term_unit": "month",
        "method": "equal_installment",
        "start_date": "2026-01-01",
    }
    quote = schedule_for_offer(offer=make_offer(start_date=date(2026, 1, 1)))
    expected = overdue_cost(quote=quote, days_late=10, penalty_daily_rate=PENALTY)
    figures = _figures(en.get(URL, query).content.decode())
    assert figures["Overdue amount"] == "888.49 yuan"
    assert figures["You owe for this payment now"] == f"{money(expected.total_owed)} yuan"


def test_a_later_payment_of_the_loan_can_be_the_late_one(en):
    query = {"days": "5", "penalty_rate": "0.1", "payment_number": "12", **FEES_AT_PAYOUT}
    assert "Overdue amount" in en.get(URL, query).content.decode()
    query["payment_number"] = "13"
    errors = _errors(en.get(URL, query).content.decode())
    assert errors["payment_number"] == "Your loan does not have that many payments."


def test_a_fixed_late_fee_counts_from_the_first_day(en):
    figures = _figures(
        en.get(URL, {"days": "3", "overdue": "500", "late_fee": "50"}).content.decode()
    )
    assert figures["Late fee"] == "50.00 yuan"
    assert figures["You owe for this payment now"] == "550.00 yuan"


def test_numbers_are_accepted_as_people_type_them(zh):
    query = {"days": "４０", "overdue": "８８８．４９元", "penalty_rate": "0.05%"}
    html = zh.get(URL, query).content.decode()
    assert "906.26" in html
    assert "逾期1–3个月" in html


def test_without_a_penalty_or_fee_the_calculator_asks_for_it_and_keeps_what_was_typed(en):
    html = en.get(URL, {"days": "40", "overdue": "888.49"}).content.decode()
    assert _errors(html)["penalty_rate"].startswith("Type the penalty from your contract")
    assert 'value="888.49"' in html and 'value="40"' in html
    assert "<dt>" not in html


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"days": "abc"}, "days"),
        ({"days": "-3"}, "days"),
        ({"days": "99999"}, "days"),
        ({"days": "40", "overdue": "lots", "penalty_rate": "0.05"}, "overdue"),
        ({"days": "40", "overdue": "100", "penalty_rate": "50"}, "penalty_rate"),
        ({"days": "40", "penalty_rate": "0.05", "mode": "plan", "received": "9000"}, "payment"),
    ],
)
def test_bad_input_is_answered_beside_its_field_never_with_an_error_page(en, query, field):
    response = en.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert field in _errors(html)
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error', html)


def test_bad_input_is_explained_in_chinese_to_a_chinese_reader(zh):
    errors = _errors(zh.get(URL, {"days": "很多"}).content.decode())
    assert re.search(r"[\u4e00-\u9fff]", errors["days"])


def test_a_saved_loan_check_opens_in_the_calculator(en):
    inputs = {**FEES_AT_PAYOUT, "income": "8000"}
    token, _ = save_result(kind="check", inputs=inputs)
    html = en.get(URL, {"saved": token, "days": "40", "penalty_rate": "0.05"}).content.decode()
    assert "32.50%" in html
    assert f'name="saved" value="{token}"' in html


def test_a_link_from_the_loan_check_fills_in_the_loan_and_asks_only_for_the_days(en):
    token, _ = save_result(kind="check", inputs=FEES_AT_PAYOUT)
    html = en.get(URL, {"saved": token}).content.decode()
    assert _errors(html) == {}
    assert 'value="888.49"' in html and '<details class="guide-details" open>' in html
    html = en.get(URL, {k: v for k, v in FEES_AT_PAYOUT.items()}).content.decode()
    assert _errors(html) == {} and 'value="9000"' in html


def test_a_saved_loan_check_brings_its_penalty_rate_along(en):
    token, _ = save_result(kind="check", inputs={**FEES_AT_PAYOUT, "penalty_rate": "0.1"})
    figures = _figures(en.get(URL, {"saved": token, "days": "10"}).content.decode())
    # 888.49 x 0.1% x 10 = 8.8849 -> 8.88
    assert figures["Penalty interest so far (10 days)"] == "8.88 yuan"


def test_an_expired_or_unknown_saved_link_says_so_and_still_works(en):
    html = en.get(URL, {"saved": "no-such-token", "days": "40"}).content.decode()
    assert "expired or was deleted" in html
    assert "40 days late" in html


def test_the_result_survives_a_language_switch(en):
    html = en.get(URL, {"days": "40", "overdue": "888.49"}).content.decode()
    assert 'name="next" value="/late/calculator/?days=40&amp;overdue=888.49"' in html


def test_the_result_offers_a_repayment_plan_letter_for_the_amount_owed(en):
    html = en.get(URL, {"days": "40", "overdue": "888.49", "penalty_rate": "0.05"}).content.decode()
    plan = reverse("guidance:letter_plan")
    assert f'href="{plan}?owed=906.26&amp;overdue_part=906.26"' in html


def test_with_the_loan_the_plan_letter_carries_all_that_is_owed_and_how(en):
    # Worked example 6 (fees at payout), the first payment 40 days late at 0.05% a day: the
    # payment with its penalty, plus the balance of the loan after it (not yet due).
    query = {"days": "40", "penalty_rate": "0.05", **FEES_AT_PAYOUT}
    html = en.get(URL, query).content.decode()
    match = re.search(r'\?owed=([\d.]+)&amp;overdue_part=906.26&amp;not_due_part=([\d.]+)"', html)
    owed, rest = Decimal(match[1]), Decimal(match[2])
    assert owed == Decimal("906.26") + rest
    # The contract says 10,000 is owed, not the 9,000 received: what is left of it after the
    # first payment is not yet due (issue 24: the schedule repays the contract amount).
    assert Decimal(10000) < owed < Decimal(10200)
    assert "plus " + money(rest) + " yuan of the loan that is not yet due" in html
