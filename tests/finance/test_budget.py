"""The budget verdict: each rule's bands at their boundaries, the stress test, days of work."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.finance.budget import (
    AFFORDABLE,
    DEFAULT_PENALTY_MULTIPLIER,
    DTI_NOT_AFFORDABLE_ABOVE,
    DTI_STRETCHED_ABOVE,
    MONEY_LEFT_STRETCHED_BELOW,
    NOT_AFFORDABLE,
    OTHER_PLATFORMS_NOT_AFFORDABLE_FROM,
    PTI_NOT_AFFORDABLE_ABOVE,
    PTI_STRETCHED_ABOVE,
    RULE_DEBT_TO_INCOME,
    RULE_MONEY_LEFT,
    RULE_OTHER_PLATFORMS,
    RULE_PAYMENT_TO_INCOME,
    RULE_REPAY_ANOTHER_LOAN,
    RULE_SAVINGS_BUFFER,
    RULES,
    STRESS_ESSENTIALS_RISE,
    STRESS_INCOME_DROP,
    STRETCHED,
    WORKING_DAYS_PER_MONTH,
    budget_verdict,
    days_of_work,
    default_penalty_daily_rate,
    make_budget,
    peak_monthly_payment,
    penalty_assumption,
    stress_test,
)
from apps.finance.errors import OfferError

D = Decimal


def _rule(verdict, rule):
    return next(r for r in verdict.rules if r.rule == rule)


def _verdict(payment="888.49", **budget):
    figures = {"income": D("8000"), "debt_payments": D("1500")} | budget
    return budget_verdict(budget=make_budget(**figures), loan_monthly_payment=D(payment))


def test_facts_example_12_debt_to_income_is_29_9_percent_and_37_3_after_a_20_percent_drop():
    verdict = _verdict()
    assert _rule(verdict, RULE_DEBT_TO_INCOME).value.quantize(D("0.001")) == D("0.299")
    assert verdict.band == AFFORDABLE
    stressed = stress_test(
        budget=make_budget(income=D("8000"), debt_payments=D("1500")),
        loan_monthly_payment=D("888.49"),
    )
    dti = _rule(stressed.income_drop.verdict, RULE_DEBT_TO_INCOME).value
    assert dti.quantize(D("0.001")) == D("0.373")
    assert stressed.income_drop.verdict.band == STRETCHED
    assert stressed.essentials_rise is None


@pytest.mark.parametrize(
    ("debt", "band"),
    [
        # income 10,000 and a 1,000 loan payment: total debt share = (debt + 1000) / 10000
        ("2600", AFFORDABLE),  # exactly 36%
        ("2601", STRETCHED),
        ("4000", STRETCHED),  # exactly 50%
        ("4001", NOT_AFFORDABLE),
    ],
)
def test_total_debt_to_income_bands_at_36_and_50_percent(debt, band):
    assert D("0.36") == DTI_STRETCHED_ABOVE
    assert D("0.50") == DTI_NOT_AFFORDABLE_ABOVE
    verdict = _verdict(payment="1000", income=D("10000"), debt_payments=D(debt))
    assert _rule(verdict, RULE_DEBT_TO_INCOME).band == band


@pytest.mark.parametrize(
    ("payment", "band"),
    [
        ("2000", AFFORDABLE),
        ("2000.01", STRETCHED),
        ("3600", STRETCHED),
        ("3600.01", NOT_AFFORDABLE),
    ],
)
def test_this_loans_payment_to_income_bands(payment, band):
    assert (D("0.20"), D("0.36")) == (PTI_STRETCHED_ABOVE, PTI_NOT_AFFORDABLE_ABOVE)
    verdict = _verdict(payment=payment, income=D("10000"), debt_payments=D("0"))
    assert _rule(verdict, RULE_PAYMENT_TO_INCOME).band == band


@pytest.mark.parametrize(
    ("essentials", "band", "left"),
    [
        ("5000", AFFORDABLE, "2000"),  # 20% left
        ("6000", AFFORDABLE, "1000"),  # exactly 10% left
        ("6000.01", STRETCHED, "999.99"),
        ("7000", STRETCHED, "0"),  # nothing left, but not below zero
        ("7000.01", NOT_AFFORDABLE, "-0.01"),
    ],
)
def test_money_left_after_essentials_and_all_debts(essentials, band, left):
    assert D("0.10") == MONEY_LEFT_STRETCHED_BELOW
    verdict = _verdict(
        payment="1000", income=D("10000"), debt_payments=D("2000"), essentials=D(essentials)
    )
    rule = _rule(verdict, RULE_MONEY_LEFT)
    assert (rule.band, rule.value) == (band, D(left))
    assert verdict.money_left == D(left)


@pytest.mark.parametrize(
    ("savings", "band"), [("1999.99", STRETCHED), ("2000", AFFORDABLE), ("0", STRETCHED)]
)
def test_savings_below_one_month_of_essentials_is_stretched(savings, band):
    verdict = _verdict(essentials=D("2000"), savings=D(savings))
    assert _rule(verdict, RULE_SAVINGS_BUFFER).band == band


@pytest.mark.parametrize(
    ("count", "band"), [(0, AFFORDABLE), (2, AFFORDABLE), (3, NOT_AFFORDABLE), (12, NOT_AFFORDABLE)]
)
def test_three_or_more_other_platforms_is_not_affordable_whatever_the_ratios(count, band):
    assert OTHER_PLATFORMS_NOT_AFFORDABLE_FROM == 3
    verdict = _verdict(payment="10", other_platforms=count)
    assert _rule(verdict, RULE_OTHER_PLATFORMS).band == band
    assert verdict.band == band


def test_borrowing_to_repay_another_loan_is_not_affordable_whatever_the_ratios():
    verdict = _verdict(payment="10", repays_another_loan=True)
    assert _rule(verdict, RULE_REPAY_ANOTHER_LOAN).band == NOT_AFFORDABLE
    assert verdict.band == NOT_AFFORDABLE
    worse = [r.rule for r in verdict.rules if r.band in (STRETCHED, NOT_AFFORDABLE)]
    assert worse == [RULE_REPAY_ANOTHER_LOAN]


def test_the_worst_band_wins_and_every_rule_is_reported_in_order():
    verdict = _verdict(
        payment="2500", income=D("10000"), debt_payments=D("0"), essentials=D("1000")
    )
    assert [r.rule for r in verdict.rules] == list(RULES)
    assert _rule(verdict, RULE_PAYMENT_TO_INCOME).band == STRETCHED
    assert _rule(verdict, RULE_DEBT_TO_INCOME).band == AFFORDABLE
    assert verdict.band == STRETCHED


def test_rules_whose_figures_were_left_empty_are_not_assessed_and_never_decide():
    verdict = _verdict(payment="10")
    for rule in (RULE_MONEY_LEFT, RULE_SAVINGS_BUFFER, RULE_OTHER_PLATFORMS):
        assert _rule(verdict, rule).band is None
    assert verdict.band == AFFORDABLE
    assert verdict.money_left is None


def test_stress_test_raises_essentials_by_a_tenth_and_cuts_income_by_a_fifth():
    assert (D("0.20"), D("0.10")) == (STRESS_INCOME_DROP, STRESS_ESSENTIALS_RISE)
    budget = make_budget(income=D("10000"), essentials=D("6000"), debt_payments=D("2000"))
    stressed = stress_test(budget=budget, loan_monthly_payment=D("1000"))
    assert stressed.essentials_rise.verdict.money_left == D("400")
    assert stressed.essentials_rise.verdict.band == STRETCHED
    assert stressed.income_drop.verdict.money_left == D("-1000")
    assert stressed.income_drop.verdict.band == NOT_AFFORDABLE


def test_a_payment_as_days_of_work_uses_the_statutory_21_75_days_a_month():
    assert D("21.75") == WORKING_DAYS_PER_MONTH
    result = days_of_work(payment=D("888.49"), monthly_income=D("8000"))
    assert result.day_pay.quantize(D("0.01")) == D("367.82")
    assert result.days.quantize(D("0.1")) == D("2.4")


def test_peak_month_counts_weekly_payments_together_and_a_balloon_whole():
    weekly = [(date(2026, 1, d), D("100")) for d in (1, 8, 15, 22, 29)]
    assert peak_monthly_payment(payments=weekly) == D("500")
    interest_first = [(date(2026, m, 5), D("100")) for m in range(1, 12)] + [
        (date(2026, 12, 5), D("10100"))
    ]
    assert peak_monthly_payment(payments=interest_first) == D("10100")
    assert peak_monthly_payment(payments=[]) == D("0")


def test_default_penalty_is_the_loans_daily_rate_plus_half_again():
    assert D("1.5") == DEFAULT_PENALTY_MULTIPLIER
    rate = default_penalty_daily_rate(true_apr=D("0.365"))
    assert rate == D("0.0015")
    assert default_penalty_daily_rate(true_apr=D("-0.1")) == D("0")


def test_the_assumed_penalty_is_capped_by_the_line_that_applies_and_says_so():
    # The 7-day loan (1,500 received, 2,000 repaid) costs 1,738% a year: plus half again would be
    # 7.143% a day, 4,285.71 yuan after 30 days on 2,000. A court supports no more than the line.
    seven_day = D("17.38095238")
    rule = penalty_assumption(true_apr=seven_day)
    assert round(rule.daily_rate * 100, 3) == D("7.143") and not rule.capped
    capped = penalty_assumption(true_apr=seven_day, line=D("0.24"))
    assert capped.capped
    assert capped.daily_rate == D("0.24") / 365
    assert capped.rule_daily_rate == rule.daily_rate
    assert default_penalty_daily_rate(true_apr=seven_day, line=D("0.24")) == capped.daily_rate
    # Below the line, the rule decides.
    cheap = penalty_assumption(true_apr=D("0.12"), line=D("0.24"))
    assert not cheap.capped and cheap.daily_rate == D("0.18") / 365


@pytest.mark.parametrize(
    "figures",
    [
        {"income": D("0")},
        {"income": D("-1")},
        {"income": D("100"), "essentials": D("-1")},
        {"income": D("100"), "other_platforms": -1},
        {"income": D("1e12")},
        {"income": D("NaN")},
    ],
)
def test_impossible_budgets_raise_the_engines_typed_error(figures):
    with pytest.raises(OfferError) as error:
        make_budget(**figures)
    assert error.value.field in {"income", "essentials", "other_platforms"}


def test_a_float_is_a_programming_error_not_a_borrowers_mistake():
    with pytest.raises(TypeError):
        make_budget(income=8000.0)
