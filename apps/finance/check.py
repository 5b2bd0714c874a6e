"""One loan check, in one pass through the engine: the offer priced, its two answers (the budget's
and the price's), the lines that bind its lender, a bad month, being late, the changes that
could make it safer and repaying early.

The dated rate lines come from the caller (an administrator keeps them in the database), as
LineTerms by code; the result names lines by code and the templates write every word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from apps.finance import budget as rules
from apps.finance import price
from apps.finance.errors import OfferError
from apps.finance.money import ZERO
from apps.finance.overdue import OverdueCost, overdue_cost
from apps.finance.schedule import Offer, Plan, Quote, schedule_for_offer, schedule_for_plan
from apps.finance.whatif import EarlyRepayment, WhatIf, early_repayment, what_ifs

# What paying the first instalment this many days late would cost, on the result page.
LATE_DAYS = 30
# The lender kind for a borrower who does not know who lends.
UNKNOWN_LENDER = "unknown"


@dataclass(frozen=True, slots=True)
class LineTerms:
    """A rate line as the engine weighs it: its yearly rate (a fraction), the lender kinds it
    binds (empty: a reference rate such as the LPR, which binds no one) and the day it took
    effect."""

    value: Decimal
    lenders: frozenset[str]
    as_of: date


@dataclass(frozen=True, slots=True)
class LenderLines:
    """The lines for a lender: those that bind it (`binding`, by code, in the caller's order),
    and, when the lender is not known, those that bind some lenders and not others
    (`possible`): information ("if this is a private loan..."), never a breach."""

    binding: tuple[str, ...]
    possible: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Late:
    """The first instalment paid LATE_DAYS late: at the contract's rate (`penalty` None) or at
    the assumed one, and what each court line that may bind the lender allows for the delay
    ((code, yuan), lowest line first)."""

    daily_rate: Decimal
    penalty: rules.PenaltyAssumption | None
    cap_line: str | None
    cost: OverdueCost
    allowances: tuple[tuple[str, Decimal], ...]


@dataclass(frozen=True, slots=True)
class Change:
    """One "what if": the changed loan priced, its heaviest month and its two answers."""

    change: WhatIf
    quote: Quote
    monthly_payment: Decimal
    verdict: price.Verdict


@dataclass(frozen=True, slots=True)
class LoanCheck:
    quote: Quote
    monthly_payment: Decimal
    fee_at_payout: Decimal
    verdict: price.Verdict
    stress: rules.StressTest
    work: rules.DaysOfWork
    lines: LenderLines
    flags: tuple[price.CostFlag, ...]
    late: Late
    changes: tuple[Change, ...]
    early: EarlyRepayment | None


def lender_lines(
    *, lender: str, lines: Mapping[str, LineTerms], kinds: Sequence[str]
) -> LenderLines:
    """The lines that bind `lender`. A lender not known (UNKNOWN_LENDER) is bound only by the
    lines that bind every kind in `kinds`; a line that binds some kinds only (the courts' line
    for private lending, the 24% licensed lenders are held to) is possible, not binding."""
    if lender != UNKNOWN_LENDER:
        return LenderLines(tuple(c for c, line in lines.items() if lender in line.lenders), ())
    every = frozenset(kinds) - {UNKNOWN_LENDER}
    binding = tuple(c for c, line in lines.items() if line.lenders and every <= line.lenders)
    possible = tuple(
        code
        for code, line in lines.items()
        if line.lenders and code not in binding and UNKNOWN_LENDER in line.lenders
    )
    return LenderLines(binding, possible)


def court_lines(lines: Mapping[str, LineTerms], codes: Sequence[str]) -> tuple[str, ...]:
    """Of `codes`, the lines a court holds a lender's total charges to: one per rate, below the
    too-expensive line (36% is a price, not a court's limit), the first in the caller's order,
    lowest first."""
    shown: dict[Decimal, str] = {}
    for code in codes:
        value = lines[code].value
        if value < price.TOO_EXPENSIVE_ABOVE and value not in shown:
            shown[value] = code
    return tuple(shown[value] for value in sorted(shown))


def penalty_cap_line(
    *, lender: str, lines: Mapping[str, LineTerms], kinds: Sequence[str]
) -> str | None:
    """The line that caps an assumed late-payment rate for `lender`: the highest court line that
    may bind it (a court supports no more, whichever kind it turns out to be); None if none."""
    for_lender = lender_lines(lender=lender, lines=lines, kinds=kinds)
    courts = court_lines(lines, (*for_lender.binding, *for_lender.possible))
    return courts[-1] if courts else None


def price_offer(offer: Offer | Plan) -> Quote:
    """The schedule and true cost of a quoted offer or a shown plan (raises OfferError)."""
    if isinstance(offer, Plan):
        return schedule_for_plan(plan=offer)
    return schedule_for_offer(offer=offer)


def check_loan(
    *,
    offer: Offer | Plan,
    quote: Quote,
    budget: rules.Budget,
    lender: str,
    lines: Mapping[str, LineTerms],
    kinds: Sequence[str],
    penalty_daily_rate: Decimal | None = None,
    early_after: int | None = None,
    early_fee_amount: Decimal = ZERO,
    early_fee_rate: Decimal = ZERO,
) -> LoanCheck:
    """Answer everything the result page shows about `offer`, priced as `quote` (price_offer).

    `lines`: every rate line by code (LineTerms), in the order the page lists them; `kinds`:
    every lender kind. `penalty_daily_rate`: the contract's late rate, or None to assume it
    (rules.penalty_assumption, capped by the highest court line that may bind the lender).
    `early_after`: the payment after which the borrower asks to repay early (None: the middle
    one, with no fee), for a loan of more than one payment.
    """
    # Which lines bind this lender first: that needs nothing but the lines and who lends.
    for_lender = lender_lines(lender=lender, lines=lines, kinds=kinds)
    courts = court_lines(lines, (*for_lender.binding, *for_lender.possible))
    monthly = _monthly(quote)
    fee_at_payout = quote.fee_upfront
    verdict = _verdict(quote, budget, monthly)
    flags = price.cost_flags(
        true_apr=quote.apr,
        lines={code: lines[code].value for code in for_lender.binding},
        fee_at_payout=fee_at_payout,
        apr_to_advertised=quote.apr_to_advertised,
        charges_on_original_amount=quote.is_flat_fee or quote.has_periodic_fee,
        term_days=quote.term_days,
    )
    return LoanCheck(
        quote=quote,
        monthly_payment=monthly,
        fee_at_payout=fee_at_payout,
        verdict=verdict,
        stress=rules.stress_test(budget=budget, loan_monthly_payment=monthly),
        work=rules.days_of_work(payment=monthly, monthly_income=budget.income),
        lines=for_lender,
        flags=flags,
        late=_late(quote, lines, courts, penalty_daily_rate),
        changes=_changes(offer, quote, budget),
        early=_early(quote, early_after, early_fee_amount, early_fee_rate),
    )


def _monthly(quote: Quote) -> Decimal:
    return rules.peak_monthly_payment(payments=[(r.due_date, r.payment) for r in quote.rows])


def _verdict(quote: Quote, budget: rules.Budget, monthly: Decimal) -> price.Verdict:
    return price.overall_verdict(
        price=price.price_verdict(
            true_apr=quote.apr, term_days=quote.term_days, fee_at_payout=quote.fee_upfront
        ),
        budget=rules.budget_verdict(budget=budget, loan_monthly_payment=monthly),
    )


def _late(
    quote: Quote,
    lines: Mapping[str, LineTerms],
    courts: tuple[str, ...],
    penalty_daily_rate: Decimal | None,
) -> Late:
    penalty = cap_line = None
    daily = penalty_daily_rate
    if daily is None:
        cap_line = courts[-1] if courts else None
        penalty = rules.penalty_assumption(
            true_apr=quote.apr, line=lines[cap_line].value if cap_line else None
        )
        daily = penalty.daily_rate
    cost = overdue_cost(quote=quote, penalty_daily_rate=daily, days_late=LATE_DAYS)
    allowances = tuple(
        (
            code,
            price.line_allowance(
                overdue=cost.overdue_amount, annual_rate=lines[code].value, days=LATE_DAYS
            ),
        )
        for code in courts
    )
    return Late(daily, penalty, cap_line, cost, allowances)


def _changes(offer: Offer | Plan, quote: Quote, budget: rules.Budget) -> tuple[Change, ...]:
    found = []
    for change in what_ifs(offer=offer, quote=quote):
        try:
            changed = price_offer(change.offer)
        except OfferError:
            continue  # a change the engine cannot price (a payment below a cent) is no option
        monthly = _monthly(changed)
        found.append(Change(change, changed, monthly, _verdict(changed, budget, monthly)))
    return tuple(found)


def _early(
    quote: Quote, after: int | None, fee_amount: Decimal, fee_rate: Decimal
) -> EarlyRepayment | None:
    count = quote.payment_count
    if count < 2:
        return None
    return early_repayment(
        quote=quote,
        after_payments=count // 2 if after is None else after,
        fee_amount=fee_amount,
        fee_rate=fee_rate,
    )
