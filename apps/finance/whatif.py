"""What would make the loan safer? The same loan changed one way at a time, and repaying early.

The result page shows each change with its payment, cost and verdict, so that a borrower sees
what would make the loan safe, or that nothing would. Like the rest of the engine: Decimal in,
frozen dataclasses out, codes and numbers only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from apps.finance.apr import annual_rates, solve_period_rate
from apps.finance.errors import ErrorCode, OfferError
from apps.finance.money import ZERO, decimal_input, int_input, to_cents
from apps.finance.periods import unit_periods_between
from apps.finance.schedule import (
    MAX_PAYMENTS,
    MAX_TERM,
    Offer,
    Plan,
    Quote,
    installment_payment,
)

HALF_AMOUNT = "half_amount"
HALF_TERM = "half_term"
DOUBLE_TERM = "double_term"
WHAT_IFS = (HALF_AMOUNT, HALF_TERM, DOUBLE_TERM)
_HALF = Decimal("0.5")


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The loan changed one way (`code`): the changed offer or plan."""

    code: str
    offer: Offer | Plan

    @property
    def fee_at_payout(self) -> Decimal:
        """The fee taken at payout with the change."""
        return self.offer.fee_upfront


@dataclass(frozen=True, slots=True)
class EarlyRepayment:
    """Repaying everything on the due date of payment `after_payments` (that payment made, the
    principal still owed and the fee paid with it): what it takes on that day, in all, and the
    loan's true APR and cost when it ends there."""

    after_payments: int
    principal_left: Decimal
    fee: Decimal
    payoff: Decimal
    total_paid: Decimal
    total_cost: Decimal
    saved: Decimal
    apr: Decimal


def _half(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else to_cents(amount * _HALF)


def what_ifs(*, offer: Offer | Plan, quote: Quote) -> tuple[WhatIf, ...]:
    """The loan borrowed at half the amount, and over half and twice as many periods (each only
    where it still makes a loan the engine can price).

    A quoted offer keeps its rate and its fees' share of the amount; fixed fees halve with the
    amount. A shown plan keeps its own true rate: a plan over more or fewer payments is the equal
    payment that rate gives on the same money received. A plan's contract amount (and so the fee
    taken at payout) halves with the amount and stays with a longer or shorter plan.
    """
    changed: list[WhatIf] = []
    if isinstance(offer, Offer):
        half = replace(
            offer,
            amount=to_cents(offer.amount * _HALF),
            fee_upfront_amount=to_cents(offer.fee_upfront_amount * _HALF),
            fee_per_period_amount=to_cents(offer.fee_per_period_amount * _HALF),
            fee_separate=to_cents(offer.fee_separate * _HALF),
        )
        changed.append(WhatIf(HALF_AMOUNT, half))
        for code, term in ((HALF_TERM, offer.term // 2), (DOUBLE_TERM, offer.term * 2)):
            if 1 <= term <= MAX_TERM[offer.term_unit] and term != offer.term:
                changed.append(WhatIf(code, replace(offer, term=term, first_due=None)))
        return tuple(changed)
    half = replace(
        offer,
        received=to_cents(offer.received * _HALF),
        payment=to_cents(offer.payment * _HALF),
        first_payment=_half(offer.first_payment),
        last_payment=_half(offer.last_payment),
        contract_amount=_half(offer.contract_amount),
    )
    changed.append(WhatIf(HALF_AMOUNT, half))
    if offer.count < 2:
        # One payment: its true rate is for the whole term, not for one of the plan's periods.
        return tuple(changed)
    for code, count in ((HALF_TERM, offer.count // 2), (DOUBLE_TERM, offer.count * 2)):
        if 1 <= count <= MAX_PAYMENTS and count != offer.count:
            payment = installment_payment(
                principal=offer.received, period_rate=max(quote.period_rate, ZERO), count=count
            )
            longer = replace(
                offer, count=count, payment=to_cents(payment), first_payment=None, last_payment=None
            )
            changed.append(WhatIf(code, longer))
    return tuple(changed)


def early_repayment(
    *, quote: Quote, after_payments: int, fee_amount: Decimal = ZERO, fee_rate: Decimal = ZERO
) -> EarlyRepayment:
    """Repay everything on the due date of payment `after_payments`: that payment, then the
    principal still owed plus the early-repayment fee (`fee_amount` yuan, or `fee_rate` of the
    principal repaid early). Interest runs to that day and no further, as the law allows
    interest only on money actually used (civil-code-670). The principal still owed is the
    schedule's balance of the contract's principal: with a fee taken at payout the contract
    says the whole amount is owed (10,000, not the 9,000 received), and that is what a lender
    asks for on the day.

    Raises OfferError("payment_number_invalid", field="after_payments") unless 1 <= after_payments
    < the number of payments (repaying after the last one is no early repayment).
    """
    count = int_input(after_payments, field="after_payments")
    if not 1 <= count < len(quote.rows):
        raise OfferError(ErrorCode.PAYMENT_NUMBER_INVALID, field="after_payments")
    fixed = decimal_input(fee_amount, field="fee")
    share = decimal_input(fee_rate, field="fee")
    if fixed < ZERO or share < ZERO:
        raise OfferError(ErrorCode.FEE_NEGATIVE, field="fee")
    made = quote.rows[:count]
    principal_left = made[-1].balance
    fee = to_cents(fixed + principal_left * share)
    payoff = principal_left + fee
    flows = [(row.payment, row.due_date) for row in made]
    flows[-1] = (flows[-1][0] + payoff, flows[-1][1])
    timed = [
        (amount, *unit_periods_between(quote.start_date, due, quote.unit_period))
        for amount, due in flows
    ]
    period_rate, _evaluations = solve_period_rate(advance=quote.net_received, flows=timed)
    apr, _effective = annual_rates(
        period_rate=period_rate, unit=quote.unit_period, single_payment=None
    )
    total_paid = sum((row.payment for row in made), ZERO) + payoff + quote.fee_separate
    total_cost = total_paid - quote.amount_received
    return EarlyRepayment(
        after_payments=count,
        principal_left=principal_left,
        fee=fee,
        payoff=payoff,
        total_paid=total_paid,
        total_cost=total_cost,
        saved=quote.total_cost - total_cost,
        apr=apr,
    )
