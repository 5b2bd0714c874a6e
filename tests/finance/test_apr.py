"""The true-APR solver: Appendix J time, edge cases, and agreement with an independent IRR."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy_financial as npf
import pytest

from apps.finance import (
    MAX_SOLVER_ITERATIONS,
    CashFlow,
    OfferError,
    installment_payment,
    to_cents,
    true_apr,
)
from apps.finance import errors as codes
from apps.finance.periods import (
    DAYS_PER_YEAR,
    UNIT_FOR_FREQUENCY,
    YEAR,
    Frequency,
    add_months,
    due_dates,
    unit_periods_between,
)
from tests.finance.helpers import START, close, npv, percent


def _regular(payments: list[Decimal], frequency: str, first_due=None) -> list[CashFlow]:
    unit = UNIT_FOR_FREQUENCY[Frequency(frequency)]
    first = first_due or due_dates(START, 2, unit)[1]
    return [
        CashFlow(due, amount)
        for due, amount in zip(due_dates(first, len(payments), unit), payments, strict=True)
    ]


def _flows(payments: list[CashFlow], frequency: str) -> list[tuple[Decimal, int, Decimal]]:
    unit = UNIT_FOR_FREQUENCY[Frequency(frequency)]
    return [(p.amount, *unit_periods_between(START, p.due_date, unit)) for p in payments]


def test_zero_cost_loan_has_a_true_rate_of_exactly_zero_without_searching():
    result = true_apr(
        advance=Decimal("1200"),
        start_date=START,
        payments=_regular([Decimal("100")] * 12, "month"),
        frequency="month",
    )
    assert result.apr == 0
    assert result.effective_annual_rate == 0
    assert result.iterations == 0


@pytest.mark.parametrize(
    ("advance", "payments", "frequency"),
    [
        ("9000", ["888.49"] * 12, "month"),
        ("485000", None, "month"),  # 360 months: see below
        ("100", ["60"] * 4, "week"),  # thousands of percent a year
        ("1000", ["5"] * 12, "month"),  # repays far less than received
        ("5000", ["100"] * 26, "2weeks"),
        ("5000", ["1300", "1300", "1300", "1450"], "quarter"),
    ],
)
def test_regular_schedules_agree_with_numpy_financial_irr(advance, payments, frequency):
    if payments is None:
        level = to_cents(
            installment_payment(
                principal=Decimal("500000"), period_rate=Decimal("0.004"), count=360
            )
        )
        payments = [str(level)] * 360
    amounts = [Decimal(amount) for amount in payments]
    result = true_apr(
        advance=Decimal(advance),
        start_date=START,
        payments=_regular(amounts, frequency),
        frequency=frequency,
    )
    reference = npf.irr([-float(advance)] + [float(amount) for amount in amounts])
    assert abs(float(result.period_rate) - reference) < 1e-9
    assert result.iterations <= MAX_SOLVER_ITERATIONS


def test_thousands_of_percent_a_year_are_priced_not_refused():
    result = true_apr(
        advance=Decimal("100"),
        start_date=START,
        payments=_regular([Decimal("60")] * 4, "week"),
        frequency="week",
    )
    assert result.apr > 10  # more than 1,000% a year
    flows = _flows(_regular([Decimal("60")] * 4, "week"), "week")
    assert abs(npv(result.period_rate, Decimal("100"), flows)) < Decimal("1e-20")


@pytest.mark.parametrize("days", [1, 2, 7, 30, 45])
def test_a_single_payment_costs_its_simple_rate_over_its_own_term(days):
    advance, repaid = Decimal("1000"), Decimal("1010")
    result = true_apr(
        advance=advance,
        start_date=START,
        payments=[CashFlow(START + timedelta(days=days), repaid)],
    )
    assert close(result.apr, (repaid / advance - 1) * 365 / days)
    expected = (repaid / advance) ** (Decimal(365) / days) - 1
    assert close(result.effective_annual_rate, expected, "1e-20")


def test_payments_worth_almost_nothing_give_a_rate_near_minus_100_percent():
    advance = Decimal("100000000")
    payments = _regular([Decimal("0.01")] * 360, "month")
    result = true_apr(advance=advance, start_date=START, payments=payments, frequency="month")
    assert -1 < result.period_rate < 0
    assert result.iterations <= MAX_SOLVER_ITERATIONS
    flows = _flows(payments, "month")
    assert abs(npv(result.period_rate, advance, flows)) / advance < Decimal("1e-20")


def test_an_odd_first_period_is_priced_with_appendix_j_simple_interest_for_the_fraction():
    payments = _regular([Decimal("500")] * 24, "month", first_due=START + timedelta(days=47))
    result = true_apr(
        advance=Decimal("10000"), start_date=START, payments=payments, frequency="month"
    )
    flows = _flows(payments, "month")
    assert flows[0][2] != 0
    assert abs(npv(result.period_rate, Decimal("10000"), flows)) < Decimal("1e-20")


def test_irregular_payments_are_each_placed_at_their_own_time():
    payments = [
        CashFlow(START + timedelta(days=days), Decimal(amount))
        for days, amount in [(10, "50"), (40, "300"), (41, "300"), (100, "420.5")]
    ]
    result = true_apr(
        advance=Decimal("1000"), start_date=START, payments=payments, frequency="week"
    )
    flows = _flows(payments, "week")
    assert abs(npv(result.period_rate, Decimal("1000"), flows)) < Decimal("1e-20")


@pytest.mark.parametrize(
    ("advance", "payments", "frequency", "code", "field"),
    [
        ("0", [(30, "100")], None, codes.ErrorCode.AMOUNT_NOT_POSITIVE, "advance"),
        ("100", [], None, codes.ErrorCode.NO_PAYMENTS, "payments"),
        ("100", [(30, "0"), (60, "0")], "month", codes.ErrorCode.NO_PAYMENTS, "payments"),
        ("100", [(0, "110")], None, codes.ErrorCode.PAYMENT_NOT_AFTER_START, "payments"),
        ("100", [(30, "-1")], None, codes.ErrorCode.PAYMENT_NOT_POSITIVE, "payments"),
        ("100", [(30, "60"), (60, "60")], None, codes.ErrorCode.FREQUENCY_INVALID, "frequency"),
        (
            "100",
            [(30, "60"), (60, "60")],
            "fortnight",
            codes.ErrorCode.FREQUENCY_INVALID,
            "frequency",
        ),
    ],
)
def test_cash_flows_that_cannot_be_priced_raise_one_typed_error(
    advance, payments, frequency, code, field
):
    flows = [CashFlow(START + timedelta(days=d), Decimal(a)) for d, a in payments]
    with pytest.raises(OfferError) as caught:
        true_apr(advance=Decimal(advance), start_date=START, payments=flows, frequency=frequency)
    assert (caught.value.code, caught.value.field) == (code, field)


# Appendix J (b)(4): a single payment's unit-period is its term, but never more than a year.


def _single(months: int, repaid: str, advance: str = "10000"):
    return true_apr(
        advance=Decimal(advance),
        start_date=START,
        payments=[CashFlow(add_months(START, months), Decimal(repaid))],
    )


def test_a_single_payment_after_24_months_compounds_yearly_to_11_36_percent():
    # 10,000 at 1% a month for 24 months, 12,400 repaid: (1 + i)^2 = 1.24, not 12% simple.
    result = _single(24, "12400")
    assert result.unit_period == YEAR
    assert result.periods_per_year == 1
    assert abs((1 + result.period_rate) ** 2 - Decimal("1.24")) < Decimal("1e-9")
    assert percent(result.apr, 2) == Decimal("11.36")
    assert result.apr == result.period_rate
    # The EU rate on actual days: 12,400 / 10,000 over the days the money is out.
    days = (add_months(START, 24) - START).days
    assert close(result.effective_annual_rate, Decimal("1.24") ** (Decimal(365) / days) - 1)


def test_a_single_payment_after_30_months_is_two_years_and_half_a_year_of_simple_interest():
    result = _single(30, "13000")
    i = result.period_rate
    assert result.unit_period == YEAR
    assert abs((1 + Decimal("0.5") * i) * (1 + i) ** 2 - Decimal("1.30")) < Decimal("1e-20")
    assert result.apr == i
    assert result.apr < Decimal("0.12")


def test_a_single_payment_after_400_days_is_one_year_and_35_days_over_365():
    advance, repaid = Decimal("1000"), Decimal("1200")
    result = true_apr(
        advance=advance, start_date=START, payments=[CashFlow(START + timedelta(days=400), repaid)]
    )
    i = result.period_rate
    assert result.unit_period == YEAR
    growth = (1 + Decimal(35) / DAYS_PER_YEAR * i) * (1 + i)
    assert abs(growth - repaid / advance) < Decimal("1e-20")
    # Appendix J's APR is 17.97%; the EU rate compounds over the 400 actual days: 18.10%.
    assert close(result.effective_annual_rate, Decimal("1.2") ** (Decimal(365) / 400) - 1)
    assert result.effective_annual_rate > result.apr


def test_the_eu_directive_example_of_one_payment_after_546_days_is_12_96_percent():
    # Directive 98/7/EC Annex III, first example: 1,000 lent on 1994-01-01, 1,200 repaid on
    # 1995-07-01 (546 days): 1,000 = 1,200 / (1 + i)^(546/365), i = 12.96%.
    result = true_apr(
        advance=Decimal("1000"),
        start_date=date(1994, 1, 1),
        payments=[CashFlow(date(1995, 7, 1), Decimal("1200"))],
    )
    assert percent(result.effective_annual_rate, 2) == Decimal("12.96")
    # Appendix J prices it in a whole year and half of one: 12.79%, the figure it gave before.
    assert percent(result.apr, 2) == Decimal("12.79")


def test_irregular_payments_get_the_eu_rate_on_actual_days():
    payments = [
        CashFlow(START + timedelta(days=days), Decimal(amount))
        for days, amount in [(47, "400"), (75, "400"), (106, "400")]
    ]
    result = true_apr(
        advance=Decimal("1150"), start_date=START, payments=payments, frequency="month"
    )
    x = result.effective_annual_rate
    worth = sum(p.amount / (1 + x) ** (Decimal((p.due_date - START).days) / 365) for p in payments)
    assert abs(worth - Decimal("1150")) < Decimal("1e-15")


def test_a_twelve_month_single_payment_still_costs_its_simple_rate():
    result = _single(12, "11200")
    assert (result.unit_period.kind, result.unit_period.length) == ("months", 12)
    assert result.periods_per_year == 1
    assert result.apr == Decimal("0.12")
    assert result.effective_annual_rate == Decimal("0.12")


def test_a_thirty_day_single_payment_still_costs_its_simple_rate_over_its_days():
    advance, repaid = Decimal("10000"), Decimal("10150")
    result = true_apr(
        advance=advance, start_date=START, payments=[CashFlow(START + timedelta(days=30), repaid)]
    )
    assert (result.unit_period.kind, result.unit_period.length) == ("days", 30)
    assert close(result.apr, (repaid / advance - 1) * 365 / 30)
    assert percent(result.apr, 2) == Decimal("18.25")
    assert percent(result.effective_annual_rate, 2) == Decimal("19.86")
