"""The cost of paying late."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from apps.finance import MAX_DAYS_LATE, OfferError, overdue_cost, schedule_for_offer, to_cents
from apps.finance import errors as codes
from apps.finance.periods import DAYS_PER_YEAR, YEAR
from tests.finance.helpers import close, make_offer

PENALTY = Decimal("0.0005")  # 0.05% a day, a common penalty rate


@pytest.fixture
def quote():
    return schedule_for_offer(offer=make_offer())


def test_paying_on_the_due_date_costs_nothing_more(quote):
    result = overdue_cost(
        quote=quote, days_late=0, penalty_daily_rate=PENALTY, late_fee=Decimal(50)
    )
    assert (result.penalty, result.late_fee, result.extra_cost) == (0, 0, 0)
    assert result.days == ()
    assert result.apr_with_delay == result.apr_on_time == quote.apr


def test_penalty_accrues_day_by_day_on_the_overdue_amount(quote):
    result = overdue_cost(quote=quote, days_late=30, penalty_daily_rate=PENALTY, payment_number=3)
    overdue = quote.rows[2].payment
    assert result.overdue_amount == overdue
    assert [day.penalty for day in result.days] == [
        to_cents(overdue * PENALTY * n) for n in range(1, 31)
    ]
    assert [day.date for day in result.days] == [
        quote.rows[2].due_date + timedelta(days=n) for n in range(1, 31)
    ]
    assert result.penalty == result.days[-1].penalty
    assert result.total_owed == overdue + result.penalty
    assert result.penalty_annual_rate == PENALTY * 365


def test_a_late_fee_is_owed_from_the_first_day_late(quote):
    result = overdue_cost(quote=quote, days_late=5, late_fee=Decimal("50"))
    assert {day.late_fee for day in result.days} == {Decimal("50")}
    assert [day.total_owed for day in result.days] == [quote.rows[0].payment + 50] * 5
    assert result.total_cost_with_delay == quote.total_cost + 50


def test_a_penalty_raises_the_loans_true_annual_cost(quote):
    result = overdue_cost(
        quote=quote, days_late=10, penalty_daily_rate=PENALTY, late_fee=Decimal(30)
    )
    assert result.apr_with_delay > result.apr_on_time


def test_paying_late_with_no_penalty_lowers_the_true_rate(quote):
    # Keeping the money longer for free is cheaper credit: the engine must not pretend otherwise.
    result = overdue_cost(quote=quote, days_late=20)
    assert result.apr_with_delay < result.apr_on_time


def test_a_late_single_repayment_is_priced_over_the_days_it_really_ran():
    offer = make_offer(rate=Decimal("0.001"), rate_period="day", term=7, term_unit="day")
    quote = schedule_for_offer(offer=offer)
    result = overdue_cost(quote=quote, days_late=3, penalty_daily_rate=PENALTY)
    repaid = quote.rows[0].payment + result.penalty
    assert close(result.apr_with_delay, (repaid / quote.net_received - 1) * 365 / 10)


def test_a_single_repayment_paid_late_past_a_year_is_priced_in_years_and_days():
    # Due after 12 months, paid 10 days later: a year and 10 / 365 of one (Appendix J (b)(4)).
    quote = schedule_for_offer(offer=make_offer(method="one_time"))
    result = overdue_cost(quote=quote, days_late=10, penalty_daily_rate=PENALTY)
    i = result.apr_with_delay
    growth = (1 + Decimal(10) / DAYS_PER_YEAR * i) * (1 + i)
    assert abs(growth - result.total_owed / quote.net_received) < Decimal("1e-20")
    # The EU rate counts the 375 actual days the money was out.
    days = Decimal((result.paid_date - quote.start_date).days)
    ratio = result.total_owed / quote.net_received
    assert close(result.effective_annual_rate_with_delay, ratio ** (365 / days) - 1)


def test_a_two_year_single_repayment_paid_late_keeps_its_one_year_unit_period():
    quote = schedule_for_offer(offer=make_offer(method="one_time", term=24))
    assert quote.unit_period == YEAR
    on_time = overdue_cost(quote=quote, days_late=0)
    assert on_time.apr_with_delay == quote.apr
    assert on_time.effective_annual_rate_with_delay == quote.effective_annual_rate
    result = overdue_cost(quote=quote, days_late=30, penalty_daily_rate=PENALTY)
    i = result.apr_with_delay
    growth = (1 + Decimal(30) / DAYS_PER_YEAR * i) * (1 + i) ** 2
    assert abs(growth - result.total_owed / quote.net_received) < Decimal("1e-20")
    assert result.apr_with_delay > result.apr_on_time


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"days_late": -1}, codes.ErrorCode.DAYS_LATE_NEGATIVE, "days_late"),
        ({"days_late": MAX_DAYS_LATE + 1}, codes.ErrorCode.DAYS_LATE_TOO_LARGE, "days_late"),
        ({"payment_number": 0}, codes.ErrorCode.PAYMENT_NUMBER_INVALID, "payment_number"),
        ({"payment_number": 13}, codes.ErrorCode.PAYMENT_NUMBER_INVALID, "payment_number"),
        (
            {"penalty_daily_rate": Decimal("-0.001")},
            codes.ErrorCode.PENALTY_NEGATIVE,
            "penalty_daily_rate",
        ),
        ({"late_fee": Decimal("-5")}, codes.ErrorCode.PENALTY_NEGATIVE, "late_fee"),
    ],
)
def test_impossible_delays_raise_one_typed_error(quote, overrides, code, field):
    arguments = {"quote": quote, "days_late": 10}
    arguments.update(overrides)
    with pytest.raises(OfferError) as caught:
        overdue_cost(**arguments)
    assert (caught.value.code, caught.value.field) == (code, field)


def test_owed_in_full_adds_what_is_left_of_the_loan_to_the_late_payment(quote):
    result = overdue_cost(quote=quote, days_late=40, penalty_daily_rate=PENALTY, payment_number=1)
    assert result.not_yet_due == quote.rows[0].balance > 0
    assert result.owed_in_full == result.total_owed + quote.rows[0].balance
    last = overdue_cost(quote=quote, days_late=40, payment_number=quote.payment_count)
    assert (last.not_yet_due, last.owed_in_full) == (0, last.total_owed)
