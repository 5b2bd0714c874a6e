"""Schedules from quoted terms (Offer) and from shown plans (Plan)."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from apps.finance import (
    MAX_AMOUNT,
    MAX_RATE,
    MAX_TERM,
    Method,
    OfferError,
    TermUnit,
    schedule_for_offer,
    schedule_for_plan,
    to_cents,
)
from apps.finance import errors as codes
from apps.finance.periods import (
    DAYS_PER_MONTH_FRACTION,
    DAYS_PER_YEAR,
    UNIT_FOR_FREQUENCY,
    YEAR,
    Frequency,
    add_months,
    unit_periods_between,
)
from apps.finance.schedule import payment_times
from tests.finance.helpers import START, close, make_offer, make_plan, npv

METHODS = [method.value for method in Method]


def _check_schedule_adds_up(quote):
    assert sum(row.principal for row in quote.rows) == quote.principal
    assert quote.rows[-1].balance == 0
    balance = quote.principal
    for row in quote.rows:
        assert row.payment == row.principal + row.interest + row.fees
        balance -= row.principal
        assert row.balance == balance
        assert row.payment >= 0
        for amount in (row.payment, row.principal, row.interest, row.fees, row.balance):
            assert amount == to_cents(amount)


@pytest.mark.parametrize("method", METHODS)
def test_every_method_repays_the_principal_to_the_cent(method):
    offer = make_offer(
        amount=Decimal("7777.77"),
        rate=Decimal("0.0173"),
        method=method,
        first_due=START + timedelta(days=40),
        fee_per_period_amount=Decimal("3.33"),
    )
    _check_schedule_adds_up(schedule_for_offer(offer=offer))


@pytest.mark.parametrize("method", METHODS)
def test_total_cost_is_the_interest_plus_every_fee(method):
    offer = make_offer(
        method=method,
        fee_upfront_rate=Decimal("0.03"),
        fee_per_period_amount=Decimal("10"),
        fee_separate=Decimal("99"),
    )
    quote = schedule_for_offer(offer=offer)
    assert quote.total_cost == quote.total_interest + quote.total_fees
    assert quote.total_cost == quote.total_repaid + quote.fee_separate - quote.amount_received


def test_fee_taken_at_payout_raises_the_true_rate():
    plain = schedule_for_offer(offer=make_offer())
    cut = schedule_for_offer(offer=make_offer(fee_upfront_amount=Decimal("300")))
    assert cut.amount_received == plain.amount_received - 300
    assert [row.payment for row in cut.rows] == [row.payment for row in plain.rows]
    assert cut.apr > plain.apr
    assert cut.has_upfront_fee and not plain.has_upfront_fee


def test_fee_as_a_percent_of_the_amount_is_the_same_as_that_fee_in_money():
    by_rate = schedule_for_offer(offer=make_offer(fee_upfront_rate=Decimal("0.03")))
    by_amount = schedule_for_offer(offer=make_offer(fee_upfront_amount=Decimal("300")))
    assert by_rate == by_amount


def test_fee_per_period_is_charged_on_the_original_amount_with_every_payment():
    quote = schedule_for_offer(
        offer=make_offer(method="equal_principal", fee_per_period_rate=Decimal("0.004"))
    )
    assert {row.fees for row in quote.rows} == {Decimal("10000") * Decimal("0.004")}
    assert quote.has_periodic_fee


def test_fee_paid_separately_is_part_of_the_cost_but_not_of_the_money_received():
    plain = schedule_for_offer(offer=make_offer())
    quote = schedule_for_offer(offer=make_offer(fee_separate=Decimal("200")))
    assert quote.amount_received == plain.amount_received
    assert quote.net_received == plain.net_received - 200
    assert quote.total_cost == plain.total_cost + 200
    assert quote.apr > plain.apr


def test_daily_rate_on_a_monthly_schedule_charges_the_actual_days_of_each_period():
    daily = Decimal("0.0005")
    quote = schedule_for_offer(offer=make_offer(rate=daily, rate_period="day"))
    previous_date, balance = START, quote.principal
    for row in quote.rows:
        assert row.interest == to_cents(balance * daily * (row.due_date - previous_date).days)
        previous_date, balance = row.due_date, row.balance
    dates = [row.due_date for row in quote.rows]
    assert len({(b - a).days for a, b in zip(dates, dates[1:], strict=False)}) > 1


def test_odd_first_month_is_charged_for_its_real_length():
    offer = make_offer(
        method="interest_first", start_date=date(2025, 1, 1), first_due=date(2025, 2, 15)
    )
    quote = schedule_for_offer(offer=offer)
    odd = 1 + Decimal(14) / DAYS_PER_MONTH_FRACTION
    assert quote.rows[0].interest == to_cents(offer.amount * offer.rate * odd)
    assert {row.interest for row in quote.rows[1:]} == {to_cents(offer.amount * offer.rate)}
    assert quote.has_odd_first_period


@pytest.mark.parametrize("months", [1, 3, 12])
def test_one_time_repayment_over_whole_months_costs_twelve_times_the_monthly_rate(months):
    offer = make_offer(method="one_time", term=months)
    quote = schedule_for_offer(offer=offer)
    assert [row.payment for row in quote.rows] == [offer.amount * (1 + offer.rate * months)]
    assert quote.rows[0].due_date == add_months(START, months)
    assert close(quote.apr, offer.rate * 12)


def test_weekly_schedule_at_a_yearly_rate_with_no_fees_costs_that_yearly_rate():
    offer = make_offer(
        rate=Decimal("0.52"), rate_period="year", term=10, term_unit="week", method="interest_first"
    )
    quote = schedule_for_offer(offer=offer)
    assert quote.rows[0].interest == offer.amount * offer.rate / 52
    assert close(quote.apr, offer.rate)


@pytest.mark.parametrize(
    ("term_unit", "term", "first_due"),
    [
        ("month", 12, date(2025, 2, 15)),
        ("week", 8, START + timedelta(days=7)),
        ("day", 30, START + timedelta(days=30)),
    ],
)
def test_default_first_due_date_is_one_period_or_the_whole_term_after_the_start(
    term_unit, term, first_due
):
    quote = schedule_for_offer(offer=make_offer(term=term, term_unit=term_unit))
    assert quote.first_due == first_due


@pytest.mark.parametrize("method", METHODS)
def test_a_term_in_days_is_always_one_repayment(method):
    offer = make_offer(
        rate=Decimal("0.001"), rate_period="day", term=14, term_unit="day", method=method
    )
    quote = schedule_for_offer(offer=offer)
    assert quote.is_single_payment
    assert [row.payment for row in quote.rows] == [offer.amount * (1 + offer.rate * 14)]


def test_rounding_tiny_payments_over_many_periods_never_makes_a_payment_negative():
    offer = make_offer(amount=Decimal("100"), rate=Decimal(0), term=360)
    quote = schedule_for_offer(offer=offer)
    _check_schedule_adds_up(quote)


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"amount": Decimal(0)}, codes.ErrorCode.AMOUNT_NOT_POSITIVE, "amount"),
        ({"amount": Decimal("-5")}, codes.ErrorCode.AMOUNT_NOT_POSITIVE, "amount"),
        ({"amount": Decimal("0.004")}, codes.ErrorCode.AMOUNT_NOT_POSITIVE, "amount"),
        ({"amount": MAX_AMOUNT + 1}, codes.ErrorCode.AMOUNT_TOO_LARGE, "amount"),
        ({"amount": Decimal("NaN")}, codes.ErrorCode.NOT_A_NUMBER, "amount"),
        ({"amount": Decimal("Infinity")}, codes.ErrorCode.NOT_A_NUMBER, "amount"),
        ({"rate": Decimal("-0.0001")}, codes.ErrorCode.RATE_NEGATIVE, "rate"),
        ({"rate": MAX_RATE + 1}, codes.ErrorCode.RATE_TOO_LARGE, "rate"),
        ({"rate_period": "week"}, codes.ErrorCode.RATE_PERIOD_INVALID, "rate_period"),
        ({"day_basis": 364}, codes.ErrorCode.DAY_BASIS_INVALID, "day_basis"),
        ({"term": 0}, codes.ErrorCode.TERM_NOT_POSITIVE, "term"),
        ({"term": -3}, codes.ErrorCode.TERM_NOT_POSITIVE, "term"),
        ({"term": MAX_TERM[TermUnit.MONTH] + 1}, codes.ErrorCode.TERM_TOO_LONG, "term"),
        ({"term_unit": "year"}, codes.ErrorCode.TERM_UNIT_INVALID, "term_unit"),
        ({"method": "balloon"}, codes.ErrorCode.METHOD_INVALID, "method"),
        ({"fee_upfront_amount": Decimal("-1")}, codes.ErrorCode.FEE_NEGATIVE, "fee_upfront_amount"),
        (
            {"fee_per_period_rate": Decimal("-0.01")},
            codes.ErrorCode.FEE_NEGATIVE,
            "fee_per_period_rate",
        ),
        (
            {"fee_upfront_amount": Decimal("10000")},
            codes.ErrorCode.FEES_EXCEED_AMOUNT,
            "fee_upfront_amount",
        ),
        (
            {"fee_upfront_rate": Decimal("1")},
            codes.ErrorCode.FEES_EXCEED_AMOUNT,
            "fee_upfront_rate",
        ),
        (
            {"fee_upfront_amount": Decimal("1000"), "fee_separate": Decimal("9000")},
            codes.ErrorCode.FEES_EXCEED_AMOUNT,
            "fee_separate",
        ),
        ({"first_due": START}, codes.ErrorCode.FIRST_DUE_NOT_AFTER_START, "first_due"),
        (
            {"first_due": START - timedelta(days=1)},
            codes.ErrorCode.FIRST_DUE_NOT_AFTER_START,
            "first_due",
        ),
    ],
)
def test_an_impossible_offer_raises_one_typed_error_naming_the_field(overrides, code, field):
    with pytest.raises(OfferError) as caught:
        make_offer(**overrides)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert caught.value.code in codes.ERROR_CODES


@pytest.mark.parametrize(
    "overrides",
    [{"amount": 10000.0}, {"rate": 0.01}, {"term": 12.0}, {"start_date": datetime(2025, 1, 15)}],
)
def test_floats_and_datetimes_are_programming_errors_not_borrower_errors(overrides):
    with pytest.raises(TypeError):
        make_offer(**overrides)


def test_offer_error_survives_pickling_with_its_code_and_field():
    error = OfferError(codes.ErrorCode.TERM_TOO_LONG, field="term")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.field) == (error.code, error.field)


def test_plan_with_a_different_first_and_last_payment_keeps_them():
    plan = make_plan(first_payment=Decimal("1200"), last_payment=Decimal("500"))
    quote = schedule_for_plan(plan=plan)
    payments = [row.payment for row in quote.rows]
    assert payments == [Decimal("1200")] + [Decimal("888.49")] * 10 + [Decimal("500")]
    _check_schedule_adds_up(quote)


def test_plan_that_repays_less_than_it_pays_out_has_a_negative_rate_not_an_error():
    quote = schedule_for_plan(plan=make_plan(payment=Decimal("500")))
    assert quote.apr < 0
    assert quote.total_cost < 0
    assert [row.payment for row in quote.rows] == [Decimal("500")] * 12
    _check_schedule_adds_up(quote)


def test_plan_that_repays_exactly_what_it_pays_out_costs_zero():
    quote = schedule_for_plan(plan=make_plan(received=Decimal("1200"), payment=Decimal("100")))
    assert quote.apr == 0
    assert quote.solver_iterations == 0
    assert {row.interest for row in quote.rows} == {Decimal(0)}


@pytest.mark.parametrize(
    "frequency", ["week", "2weeks", "4weeks", "semimonth", "month", "2months", "quarter"]
)
def test_plan_rate_prices_its_payments_at_the_money_received(frequency):
    plan = make_plan(frequency=frequency, first_due=START + timedelta(days=10))
    quote = schedule_for_plan(plan=plan)
    flows = [
        (row.payment, whole, fraction)
        for row, (whole, fraction) in zip(quote.rows, payment_times(quote), strict=True)
    ]
    assert abs(npv(quote.period_rate, plan.received, flows)) < Decimal("1e-15")
    assert close(quote.apr, quote.period_rate * quote.periods_per_year)
    _check_schedule_adds_up(quote)


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"received": Decimal(0)}, codes.ErrorCode.RECEIVED_NOT_POSITIVE, "received"),
        ({"payment": Decimal(0)}, codes.ErrorCode.PAYMENT_NOT_POSITIVE, "payment"),
        ({"first_payment": Decimal("-1")}, codes.ErrorCode.PAYMENT_NOT_POSITIVE, "first_payment"),
        ({"count": 0}, codes.ErrorCode.COUNT_NOT_POSITIVE, "count"),
        ({"count": 601}, codes.ErrorCode.COUNT_TOO_LARGE, "count"),
        (
            {"count": 1, "last_payment": Decimal("5")},
            codes.ErrorCode.COUNT_TOO_SMALL,
            "last_payment",
        ),
        ({"frequency": "daily"}, codes.ErrorCode.FREQUENCY_INVALID, "frequency"),
        ({"first_due": START}, codes.ErrorCode.FIRST_DUE_NOT_AFTER_START, "first_due"),
    ],
)
def test_an_impossible_plan_raises_one_typed_error_naming_the_field(overrides, code, field):
    with pytest.raises(OfferError) as caught:
        make_plan(**overrides)
    assert (caught.value.code, caught.value.field) == (code, field)


# Appendix J (b)(4): a one-time repayment more than a year away has a one-year unit-period.


@pytest.mark.parametrize(
    ("months", "repaid", "whole", "fraction"),
    [(24, "12400", 2, Decimal(0)), (30, "13000", 2, Decimal("0.5"))],
)
def test_one_time_repayment_past_a_year_is_quoted_with_a_one_year_unit_period(
    months, repaid, whole, fraction
):
    quote = schedule_for_offer(offer=make_offer(method="one_time", term=months))
    assert [row.payment for row in quote.rows] == [Decimal(repaid)]
    assert quote.rows[0].due_date == add_months(START, months)
    assert quote.unit_period == YEAR
    assert quote.periods_per_year == 1
    assert quote.apr == quote.period_rate
    days = (quote.rows[0].due_date - START).days
    expected = (Decimal(repaid) / 10000) ** (Decimal(365) / days) - 1  # the EU rate, actual days
    assert close(quote.effective_annual_rate, expected)
    assert payment_times(quote) == [(whole, fraction)]
    i = quote.period_rate
    assert abs((1 + fraction * i) * (1 + i) ** whole - Decimal(repaid) / 10000) < Decimal("1e-20")
    assert quote.apr < Decimal("0.12")  # below the 12% simple rate it used to show


def test_one_time_repayment_in_days_past_a_year_charges_every_day_and_prices_them_in_years():
    offer = make_offer(
        rate=Decimal("0.0005"), rate_period="day", term=400, term_unit="day", method="one_time"
    )
    quote = schedule_for_offer(offer=offer)
    assert [row.payment for row in quote.rows] == [Decimal("12000")]
    assert quote.unit_period == YEAR
    whole, fraction = payment_times(quote)[0]
    assert (whole, fraction * DAYS_PER_YEAR) == (1, 35)
    assert abs(npv(quote.period_rate, quote.net_received, [(Decimal(12000), 1, fraction)])) < (
        Decimal("1e-20")
    )


def test_a_single_payment_plan_past_a_year_is_priced_like_the_same_offer():
    offer = schedule_for_offer(offer=make_offer(method="one_time", term=24))
    plan = schedule_for_plan(
        plan=make_plan(
            received=Decimal("10000"),
            payment=Decimal("12400"),
            count=1,
            first_due=add_months(START, 24),
        )
    )
    assert plan.unit_period == YEAR
    assert (plan.period_rate, plan.apr, plan.periods_per_year) == (
        offer.period_rate,
        offer.apr,
        offer.periods_per_year,
    )
    assert plan.effective_annual_rate == offer.effective_annual_rate
    assert payment_times(plan) == [(2, 0)]


def test_a_one_period_offer_due_more_than_a_year_after_the_start_is_priced_in_years():
    offer = make_offer(term=1, method="interest_first", first_due=add_months(START, 18))
    quote = schedule_for_offer(offer=offer)
    assert quote.is_single_payment
    assert quote.unit_period == YEAR
    whole, fraction = payment_times(quote)[0]
    assert (whole, fraction) == (1, Decimal("0.5"))
    flows = [(quote.rows[0].payment, whole, fraction)]
    assert abs(npv(quote.period_rate, quote.net_received, flows)) < Decimal("1e-20")


# The month-end rule: a start on the 29th to the 31st keeps its day after a short February.


@pytest.mark.parametrize(
    ("start", "expected_days"),
    [
        (date(2026, 1, 31), [28, 31, 30, 31, 30, 31]),
        (date(2024, 1, 31), [29, 31, 30, 31, 30, 31]),
        (date(2026, 1, 30), [28, 30, 30, 30, 30, 30]),
        (date(2024, 1, 30), [29, 30, 30, 30, 30, 30]),
        (date(2026, 1, 29), [28, 29, 29, 29, 29, 29]),
        (date(2024, 1, 29), [29, 29, 29, 29, 29, 29]),
    ],
)
def test_a_monthly_offer_from_the_29th_to_the_31st_keeps_the_start_day(start, expected_days):
    quote = schedule_for_offer(offer=make_offer(start_date=start, method="interest_first"))
    dates = [row.due_date for row in quote.rows]
    assert [d.day for d in dates[:6]] == expected_days
    assert [d.month for d in dates[:6]] == [2, 3, 4, 5, 6, 7]
    assert dates[-1] == date(start.year + 1, 1, start.day)
    # Whole months apart, so no odd first period and exactly the quoted 12% a year.
    assert not quote.has_odd_first_period
    assert payment_times(quote) == [(k, 0) for k in range(1, 13)]
    assert {row.interest for row in quote.rows} == {Decimal("100.00")}
    assert close(quote.apr, Decimal("0.12"))


def test_a_monthly_offer_with_its_first_due_date_on_the_28th_stays_on_the_28th():
    offer = make_offer(start_date=date(2026, 1, 31), first_due=date(2026, 2, 28))
    quote = schedule_for_offer(offer=offer)
    assert {row.due_date.day for row in quote.rows} == {28}
    assert quote.rows[1].due_date == date(2026, 3, 28)


@pytest.mark.parametrize(
    ("frequency", "start", "expected"),
    [
        ("month", date(2026, 1, 31), [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]),
        ("month", date(2024, 1, 30), [date(2024, 2, 29), date(2024, 3, 30), date(2024, 4, 30)]),
        (
            "2months",
            date(2025, 12, 31),
            [date(2026, 2, 28), date(2026, 4, 30), date(2026, 6, 30)],
        ),
        (
            "quarter",
            date(2025, 11, 30),
            [date(2026, 2, 28), date(2026, 5, 30), date(2026, 8, 30)],
        ),
    ],
)
def test_a_month_based_plan_keeps_the_start_day(frequency, start, expected):
    quote = schedule_for_plan(plan=make_plan(frequency=frequency, start_date=start))
    assert [row.due_date for row in quote.rows[:3]] == expected
    unit = UNIT_FOR_FREQUENCY[Frequency(frequency)]
    assert [unit_periods_between(start, row.due_date, unit) for row in quote.rows] == (
        payment_times(quote)
    )
    assert not quote.has_odd_first_period


def test_a_plan_with_its_first_due_date_on_the_28th_stays_on_the_28th():
    plan = make_plan(start_date=date(2026, 1, 31), first_due=date(2026, 2, 28))
    quote = schedule_for_plan(plan=plan)
    assert {row.due_date.day for row in quote.rows} == {28}
