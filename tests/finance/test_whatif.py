"""What would make the loan safer, and repaying early (whatif.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from apps.finance import OfferError, Plan, schedule_for_offer, schedule_for_plan
from apps.finance.errors import ErrorCode
from apps.finance.schedule import Offer
from apps.finance.whatif import (
    DOUBLE_TERM,
    HALF_AMOUNT,
    HALF_TERM,
    early_repayment,
    what_ifs,
)
from tests.finance.helpers import make_offer, make_plan

D = Decimal
START = date(2026, 1, 15)
# Worked example 6 (docs/worked-examples.md): 10,000 at 1% a month over 12 months, 1,000 taken
# at payout.
OFFER = make_offer(start_date=START, fee_upfront_amount=D(1000))
PLAN = Plan(received=D(9000), payment=D("888.49"), count=12, frequency="month", start_date=START)


def test_an_offer_is_tried_at_half_the_amount_and_half_and_twice_the_term():
    changes = {change.code: change for change in what_ifs(offer=OFFER, quote=None)}
    assert set(changes) == {HALF_AMOUNT, HALF_TERM, DOUBLE_TERM}
    half = changes[HALF_AMOUNT]
    assert (half.offer.amount, half.offer.fee_upfront_amount, half.fee_at_payout) == (
        D(5000),
        D(500),
        D(500),
    )
    assert changes[HALF_TERM].offer.term == 6 and changes[DOUBLE_TERM].offer.term == 24
    # The rate and the fee stay what the offer quotes.
    assert changes[DOUBLE_TERM].offer.rate == D("0.01")
    assert changes[DOUBLE_TERM].fee_at_payout == D(1000)


def test_a_fee_quoted_as_a_share_of_the_amount_stays_a_share():
    offer = Offer(**{**OFFER.__dict__, "fee_upfront_amount": D(0), "fee_upfront_rate": D("0.1")})
    half = what_ifs(offer=offer, quote=None)[0]
    assert half.offer.fee_upfront_rate == D("0.1") and half.fee_at_payout == D(500)


def test_a_plan_over_more_or_fewer_payments_keeps_its_own_true_rate():
    plan = replace(PLAN, contract_amount=D(10000))
    quote = schedule_for_plan(plan=plan)
    changes = {c.code: c for c in what_ifs(offer=plan, quote=quote)}
    assert changes[HALF_AMOUNT].offer.received == D(4500)
    assert changes[HALF_AMOUNT].offer.payment == D("444.25")  # 888.49 / 2, to the cent
    assert changes[HALF_AMOUNT].offer.contract_amount == D(5000)
    assert changes[HALF_AMOUNT].fee_at_payout == D(500)
    longer = changes[DOUBLE_TERM]
    assert longer.offer.count == 24 and longer.offer.contract_amount == D(10000)
    assert longer.fee_at_payout == D(1000)
    longer_quote = schedule_for_plan(plan=longer.offer)
    assert abs(longer_quote.apr - quote.apr) < D("0.0005")  # the same rate, to the cent's rounding
    assert longer.offer.payment < PLAN.payment


def test_a_single_payment_plan_is_only_tried_at_half_the_amount():
    plan = make_plan(
        received=D(1500),
        payment=D(2000),
        count=1,
        start_date=START,
        first_due=date(2026, 1, 22),
    )
    changes = what_ifs(offer=plan, quote=schedule_for_plan(plan=plan))
    assert [change.code for change in changes] == [HALF_AMOUNT]


def test_repaying_early_without_a_fee_keeps_the_loans_rate_and_costs_less():
    quote = schedule_for_offer(offer=Offer(**{**OFFER.__dict__, "fee_upfront_amount": D(0)}))
    early = early_repayment(quote=quote, after_payments=6)
    assert early.principal_left == quote.rows[5].balance
    assert early.fee == 0 and early.payoff == early.principal_left
    # Interest runs only to the day of repayment: the true rate is the loan's own.
    assert abs(early.apr - quote.apr) < D("0.0001")
    assert early.total_cost < quote.total_cost
    assert early.saved == quote.total_cost - early.total_cost
    assert early.total_paid == sum(r.payment for r in quote.rows[:6]) + early.payoff


def test_repaying_a_loan_with_a_fee_at_payout_early_costs_less_but_at_a_higher_rate():
    # The fee was taken on day one; repaid in half the time, it weighs twice as much a year.
    quote = schedule_for_offer(offer=OFFER)
    early = early_repayment(quote=quote, after_payments=6)
    assert early.total_cost < quote.total_cost
    assert early.apr > quote.apr


def test_an_early_repayment_fee_is_an_amount_or_a_share_of_what_is_repaid_early():
    quote = schedule_for_offer(offer=OFFER)
    by_share = early_repayment(quote=quote, after_payments=6, fee_rate=D("0.03"))
    assert by_share.fee == (quote.rows[5].balance * D("0.03")).quantize(D("0.01"))
    by_amount = early_repayment(quote=quote, after_payments=6, fee_amount=D(200))
    assert by_amount.fee == D(200)
    assert by_amount.apr > quote.apr - D("0.0001")


def test_repaying_early_a_plan_with_a_fee_at_payout_repays_the_contract_amount_still_owed():
    # 9,000 received, 10,000 in the contract, 12 x 888.49: the contract says 10,000 is owed, so
    # repaying early repays what is left of the 10,000, not of the 9,000 received.
    with_contract = schedule_for_plan(plan=replace(PLAN, contract_amount=D(10000)))
    assert with_contract.principal == D(10000)
    assert sum(row.principal for row in with_contract.rows) == D(10000)
    assert with_contract.fee_upfront == D(1000) and with_contract.amount_received == D(9000)
    assert with_contract.apr == schedule_for_plan(plan=PLAN).apr  # the price is the same
    # The contract's own rate is 1% a month: after 6 payments what is left of the 10,000 is what
    # the same loan quoted as terms still owes then, within the plan's rounding of the payment.
    early = early_repayment(quote=with_contract, after_payments=6)
    assert early.principal_left == with_contract.rows[5].balance
    terms = schedule_for_offer(offer=replace(OFFER, fee_upfront_amount=D(0)))
    assert abs(early.principal_left - terms.rows[5].balance) <= D("0.05")
    received_only = early_repayment(quote=schedule_for_plan(plan=PLAN), after_payments=6)
    assert early.payoff > received_only.payoff


def test_a_contract_amount_below_the_money_received_is_refused():
    with pytest.raises(OfferError) as error:
        replace(PLAN, contract_amount=D(8000))
    assert (error.value.code, error.value.field) == (
        ErrorCode.CONTRACT_BELOW_RECEIVED,
        "contract_amount",
    )


@pytest.mark.parametrize("after", [0, 12, 13])
def test_repaying_early_needs_a_payment_before_the_last(after):
    quote = schedule_for_offer(offer=OFFER)
    with pytest.raises(OfferError) as error:
        early_repayment(quote=quote, after_payments=after)
    assert error.value.code == ErrorCode.PAYMENT_NUMBER_INVALID
