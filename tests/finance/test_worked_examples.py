"""Every worked example in docs/worked-examples.md, to the precision it is stated with.

Example 12 (debt-to-income) belongs to the budget verdict, which is built and tested separately.
The last example is Appendix J's cap on a single payment's unit-period (one year), worked by hand.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from apps.finance import (
    advertised_annual_rate,
    compounded_annual_rate,
    installment_payment,
    schedule_for_offer,
    schedule_for_plan,
    to_cents,
)
from tests.finance.helpers import START, make_offer, make_plan, percent


@pytest.mark.parametrize(("day_basis", "expected"), [(365, "18.25"), (360, "18.00")])
def test_example_1_a_daily_rate_is_advertised_times_the_day_basis(day_basis, expected):
    annual = advertised_annual_rate(rate=Decimal("0.0005"), rate_period="day", day_basis=day_basis)
    assert percent(annual, 2) == Decimal(expected)


def test_example_1_a_daily_rate_compounds_to_20_02_percent():
    assert percent(compounded_annual_rate(rate=Decimal("0.0005"), rate_period="day"), 2) == Decimal(
        "20.02"
    )


def test_example_2_equal_instalments_of_888_49_with_661_85_interest():
    exact = installment_payment(principal=Decimal("10000"), period_rate=Decimal("0.01"), count=12)
    assert to_cents(exact) == Decimal("888.49")
    assert to_cents(exact * 12 - 10000) == Decimal("661.85")


def test_example_2_rounded_payments_leave_888_47_last_and_10661_86_in_total():
    quote = schedule_for_offer(offer=make_offer())
    payments = [row.payment for row in quote.rows]
    assert payments[:-1] == [Decimal("888.49")] * 11
    assert payments[-1] == Decimal("888.47")
    assert quote.total_repaid == Decimal("10661.86")


def test_example_3_equal_principal_pays_1120_down_to_1010_and_780_interest():
    quote = schedule_for_offer(offer=make_offer(amount=Decimal("12000"), method="equal_principal"))
    assert [row.payment for row in quote.rows] == [Decimal(1120 - 10 * k) for k in range(12)]
    assert quote.total_interest == Decimal("780.00")


def test_example_4_interest_first_costs_12_00_nominal_and_12_68_effective():
    quote = schedule_for_offer(offer=make_offer(method="interest_first"))
    assert [row.payment for row in quote.rows] == [Decimal("100")] * 11 + [Decimal("10100")]
    assert percent(quote.apr, 2) == Decimal("12.00")
    assert percent(quote.effective_annual_rate, 2) == Decimal("12.68")


def test_example_5_one_time_repayment_of_10150_costs_18_25_simple_19_86_effective():
    offer = make_offer(rate=Decimal("0.0005"), rate_period="day", term=30, term_unit="day")
    quote = schedule_for_offer(offer=offer)
    assert [row.payment for row in quote.rows] == [Decimal("10150")]
    assert percent(quote.apr, 2) == Decimal("18.25")
    assert percent(quote.advertised_annual_rate, 2) == Decimal("18.25")
    assert percent(quote.effective_annual_rate, 2) == Decimal("19.86")


def test_example_6_head_cutting_plan_costs_32_50_nominal_37_81_effective():
    quote = schedule_for_plan(plan=make_plan())
    # Example 6 cuts the period rate (2.70836%) to four decimals: agree to within that last digit.
    assert abs(quote.period_rate * 100 - Decimal("2.7083")) < Decimal("0.0001")
    assert percent(quote.apr, 2) == Decimal("32.50")
    assert percent(quote.effective_annual_rate, 2) == Decimal("37.81")


def test_example_6_head_cutting_offer_gives_the_same_rates():
    # The same loan from its quoted terms: the rounded last payment (888.47) changes nothing shown.
    quote = schedule_for_offer(offer=make_offer(fee_upfront_amount=Decimal("1000")))
    assert quote.amount_received == Decimal("9000")
    assert abs(quote.period_rate * 100 - Decimal("2.7083")) < Decimal("0.0001")
    assert percent(quote.apr, 2) == Decimal("32.50")
    assert percent(quote.effective_annual_rate, 2) == Decimal("37.81")


def test_example_7_flat_fee_of_0_6_percent_a_month_is_13_03_percent_not_7_2():
    offer = make_offer(amount=Decimal("12000"), rate=Decimal("0.006"), method="flat_fee")
    quote = schedule_for_offer(offer=offer)
    assert {row.payment for row in quote.rows} == {Decimal("1072")}
    assert percent(quote.apr, 2) == Decimal("13.03")
    assert percent(quote.advertised_annual_rate, 2) == Decimal("7.20")
    assert Decimal("1.8") <= quote.apr_to_advertised <= Decimal("2")


def test_example_8_flat_fee_of_1_5_percent_a_month_over_6_months_is_30_23_percent():
    offer = make_offer(amount=Decimal("6000"), rate=Decimal("0.015"), term=6, method="flat_fee")
    quote = schedule_for_offer(offer=offer)
    assert {row.payment for row in quote.rows} == {Decimal("1090")}
    assert percent(quote.apr, 2) == Decimal("30.23")


def test_example_9_interest_plus_a_flat_monthly_fee_costs_16_71_nominal_18_05_effective():
    offer = make_offer(rate=Decimal("0.005"), fee_per_period_rate=Decimal("0.005"))
    quote = schedule_for_offer(offer=offer)
    assert [row.payment for row in quote.rows[:-1]] == [Decimal("910.66")] * 11
    assert percent(quote.apr, 2) == Decimal("16.71")
    assert percent(quote.effective_annual_rate, 2) == Decimal("18.05")


def test_example_10_seven_day_plan_costs_106_41_simple_186_7_effective():
    plan = make_plan(received=Decimal("980"), payment=Decimal("1000"), count=1, frequency="week")
    quote = schedule_for_plan(plan=plan)
    assert quote.first_due == START + timedelta(days=7)
    assert percent(quote.apr, 2) == Decimal("106.41")
    assert percent(quote.effective_annual_rate, 1) == Decimal("186.7")


def test_example_10_seven_day_offer_with_a_fee_at_payout_gives_the_same_rates():
    offer = make_offer(
        amount=Decimal("1000"),
        rate=Decimal("0"),
        rate_period="day",
        term=7,
        term_unit="day",
        method="one_time",
        fee_upfront_amount=Decimal("20"),
    )
    quote = schedule_for_offer(offer=offer)
    assert quote.amount_received == Decimal("980")
    assert percent(quote.apr, 2) == Decimal("106.41")
    assert percent(quote.effective_annual_rate, 1) == Decimal("186.7")


@pytest.mark.parametrize(
    ("annual", "daily_percent"),
    [("0.12", "0.03288"), ("0.24", "0.06575"), ("0.36", "0.09863")],
)
def test_example_11_annual_rates_divided_by_365_give_the_daily_equivalents(annual, daily_percent):
    quote = schedule_for_offer(offer=make_offer(rate=Decimal(annual), rate_period="year"))
    assert percent(quote.quoted_daily_rate, 5) == Decimal(daily_percent)


def test_example_1_and_11_figures_come_with_every_quote():
    daily = schedule_for_offer(offer=make_offer(rate=Decimal("0.0005"), rate_period="day"))
    assert percent(daily.compounded_annual_rate, 2) == Decimal("20.02")
    yearly = schedule_for_offer(offer=make_offer(rate=Decimal("0.36"), rate_period="year"))
    assert percent(yearly.quoted_daily_rate, 5) == Decimal("0.09863")


def test_one_time_repayment_over_24_months_compounds_yearly_to_11_36_percent_not_12():
    # 一次性还本付息: 10,000 at 1% a month for 24 months, 12,400 repaid on the due date. Appendix J
    # (b)(4) caps the unit-period at a year: (1 + i)^2 = 1.24, i = 11.355...%, not 12% simple.
    offer = make_offer(method="one_time", term=24)
    quote = schedule_for_offer(offer=offer)
    assert [row.payment for row in quote.rows] == [Decimal("12400")]
    assert abs((1 + quote.period_rate) ** 2 - Decimal("1.24")) < Decimal("1e-9")
    assert percent(quote.apr, 2) == Decimal("11.36")
    assert percent(quote.effective_annual_rate, 2) == Decimal("11.36")
    assert percent(quote.advertised_annual_rate, 2) == Decimal("12.00")
