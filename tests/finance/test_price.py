"""The price half of the verdict, the headline, the rate question and the ranking (price.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.finance import schedule_for_offer, schedule_for_plan
from apps.finance.budget import (
    AFFORDABLE,
    NOT_AFFORDABLE,
    RULE_DEBT_TO_INCOME,
    STRETCHED,
    budget_verdict,
    make_budget,
)
from apps.finance.price import (
    ADVICE_DONT_BORROW_BOTH,
    ADVICE_DONT_BORROW_BUDGET,
    ADVICE_DONT_BORROW_PRICE,
    ADVICE_GO_AHEAD,
    ADVICE_THINK_AGAIN_BOTH,
    ADVICE_THINK_AGAIN_BUDGET,
    ADVICE_THINK_AGAIN_PRICE,
    ADVICES,
    EXPENSIVE,
    EXPENSIVE_ABOVE,
    FAIR,
    FLAG_ABOVE_LINE,
    FLAG_FLAT_FEE,
    RULE_FEE_AT_PAYOUT,
    RULE_SHORT_TERM,
    RULE_TRUE_APR,
    SHORT_TERM_MAX_DAYS,
    TOO_EXPENSIVE,
    TOO_EXPENSIVE_ABOVE,
    cost_flags,
    line_allowance,
    overall_verdict,
    price_verdict,
    rank_by_price,
)
from tests.finance.helpers import make_offer, make_plan

D = Decimal
START = date(2026, 1, 15)


def _rule(verdict, code):
    return next(rule for rule in verdict.rules if rule.rule == code)


@pytest.mark.parametrize(
    ("apr", "level"),
    [
        (D("0.12"), FAIR),
        (EXPENSIVE_ABOVE, FAIR),
        (D("0.2401"), EXPENSIVE),
        (TOO_EXPENSIVE_ABOVE, EXPENSIVE),
        (D("0.3601"), TOO_EXPENSIVE),
        (D("17.381"), TOO_EXPENSIVE),
    ],
)
def test_the_true_apr_sets_the_price_at_24_and_36_percent(apr, level):
    assert price_verdict(true_apr=apr, term_days=365, fee_at_payout=D(0)).level == level


def test_any_fee_taken_at_payout_makes_the_price_at_least_expensive():
    verdict = price_verdict(true_apr=D("0.10"), term_days=365, fee_at_payout=D("0.01"))
    assert verdict.level == EXPENSIVE
    assert _rule(verdict, RULE_FEE_AT_PAYOUT).band == STRETCHED
    assert _rule(verdict, RULE_FEE_AT_PAYOUT).value == D("0.01")


def test_a_short_loan_above_36_percent_has_its_own_reason_and_a_cheap_one_does_not_fire():
    assert SHORT_TERM_MAX_DAYS == 31
    dear = price_verdict(true_apr=D("0.40"), term_days=7, fee_at_payout=D(0))
    assert _rule(dear, RULE_SHORT_TERM).band == NOT_AFFORDABLE
    assert _rule(dear, RULE_SHORT_TERM).value == 7
    cheap = price_verdict(true_apr=D("0.1825"), term_days=30, fee_at_payout=D(0))
    assert _rule(cheap, RULE_SHORT_TERM).band == AFFORDABLE and cheap.level == FAIR
    long_loan = price_verdict(true_apr=D("0.40"), term_days=32, fee_at_payout=D(0))
    assert RULE_SHORT_TERM not in [rule.rule for rule in long_loan.rules]


def test_the_seven_day_loan_from_the_issue_costs_1738_percent_and_is_too_expensive():
    # Receive 1,500, repay 2,000 seven days later.
    quote = schedule_for_plan(
        plan=make_plan(
            received=D(1500),
            payment=D(2000),
            count=1,
            start_date=START,
            first_due=date(2026, 1, 22),
        )
    )
    assert round(quote.apr, 4) == D("17.3810")
    verdict = price_verdict(true_apr=quote.apr, term_days=quote.term_days, fee_at_payout=D(0))
    assert verdict.level == TOO_EXPENSIVE
    # However the budget looks, the advice is not to borrow, and the price decided it; the
    # budget's answer stays the budget's.
    budget = budget_verdict(budget=make_budget(income=D(50000)), loan_monthly_payment=D(2000))
    assert budget.band == AFFORDABLE
    headline = overall_verdict(price=verdict, budget=budget)
    assert headline.advice == ADVICE_DONT_BORROW_PRICE
    assert headline.budget.band == AFFORDABLE and headline.price.level == TOO_EXPENSIVE
    assert headline.deciding.rule == RULE_TRUE_APR


def test_a_jiebei_style_offer_is_a_fair_price():
    # 10,000 at 0.04% a day (日息万四) over 12 months, equal payments: about 14.6% a year.
    quote = schedule_for_offer(
        offer=make_offer(rate=D("0.0004"), rate_period="day", start_date=START)
    )
    assert D("0.14") < quote.apr < D("0.16")
    verdict = price_verdict(true_apr=quote.apr, term_days=quote.term_days, fee_at_payout=D(0))
    assert verdict.level == FAIR


def test_the_advice_weighs_both_answers_and_names_the_strongest_reason():
    fair = price_verdict(true_apr=D("0.12"), term_days=365, fee_at_payout=D(0))
    stretched = budget_verdict(
        budget=make_budget(income=D(8000), debt_payments=D("2311.51")),
        loan_monthly_payment=D("888.49"),
    )
    headline = overall_verdict(price=fair, budget=stretched)
    assert headline.advice == ADVICE_THINK_AGAIN_BUDGET
    assert headline.deciding.rule == RULE_DEBT_TO_INCOME
    dear = price_verdict(true_apr=D("0.30"), term_days=365, fee_at_payout=D(0))
    both = overall_verdict(price=dear, budget=stretched)
    assert both.advice == ADVICE_THINK_AGAIN_BOTH
    assert both.deciding.rule == RULE_TRUE_APR
    comfortable = budget_verdict(budget=make_budget(income=D(50000)), loan_monthly_payment=D(1))
    assert overall_verdict(price=fair, budget=comfortable).advice == ADVICE_GO_AHEAD
    assert overall_verdict(price=dear, budget=comfortable).advice == ADVICE_THINK_AGAIN_PRICE
    broke = budget_verdict(budget=make_budget(income=D(1000)), loan_monthly_payment=D(900))
    assert overall_verdict(price=fair, budget=broke).advice == ADVICE_DONT_BORROW_BUDGET
    too_dear = price_verdict(true_apr=D("0.50"), term_days=365, fee_at_payout=D(0))
    assert overall_verdict(price=too_dear, budget=broke).advice == ADVICE_DONT_BORROW_BOTH
    assert {ADVICE_DONT_BORROW_BOTH, ADVICE_GO_AHEAD} <= set(ADVICES)


def test_a_fee_on_every_payment_is_flagged_even_when_the_quoted_rate_is_0():
    # A card instalment entered as 0% with a 0.6% fee on the amount every month.
    flags = cost_flags(
        true_apr=D("0.1327"),
        lines={},
        fee_at_payout=D(0),
        apr_to_advertised=None,
        charges_on_original_amount=True,
        term_days=730,
    )
    assert [(flag.code, flag.amount) for flag in flags] == [(FLAG_FLAT_FEE, None)]
    free = cost_flags(
        true_apr=D(0),
        lines={},
        fee_at_payout=D(0),
        apr_to_advertised=None,
        charges_on_original_amount=True,
        term_days=730,
    )
    assert free == ()


def test_offers_are_ranked_by_true_apr_and_none_above_36_percent_is_best():
    order, best = rank_by_price(aprs=[D("0.325"), D("0.06"), D("17.38")])
    assert order == (1, 0, 2) and best == 1
    order, best = rank_by_price(aprs=[D("0.50"), D("0.40")])
    assert order == (1, 0) and best is None


def test_every_line_the_true_apr_crosses_is_flagged_highest_first():
    flags = cost_flags(
        true_apr=D("0.325"),
        lines={"lpr_4x": D("0.12"), "line_24": D("0.24"), "line_36": D("0.36")},
        fee_at_payout=D(0),
        apr_to_advertised=None,
        charges_on_original_amount=False,
        term_days=365,
    )
    assert [(flag.code, flag.line) for flag in flags] == [
        (FLAG_ABOVE_LINE, "line_24"),
        (FLAG_ABOVE_LINE, "lpr_4x"),
    ]


def test_a_lines_allowance_is_its_yearly_rate_pro_rata_on_the_overdue_amount():
    allowed = line_allowance(overdue=D(2000), annual_rate=D("0.24"), days=30)
    assert allowed.quantize(D("0.01")) == D("39.45")
