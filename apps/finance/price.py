"""Is the price fair? The price's answer, the one line of advice that weighs it with the budget's,
and the flags on a loan's cost.

A loan can fit the budget and still be a loan nobody should take: a 7-day loan that turns 1,500
yuan into 2,000 costs 1,738% a year. So there are two answers with two words. The budget rules
(budget.py) ask "can you repay it" (affordable / stretched / not affordable); the price rules
here ask "is it worth its price" (fair / expensive / too expensive). Neither stands in for the
other: the advice says "don't borrow" when either is at its worst. Like every rule in the engine,
each price rule reports its band and the figure it looked at; the thresholds are constants the
tests and "How we assess a loan" name, with their sources (the suggested verdict bands: price).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from apps.finance.budget import (
    AFFORDABLE,
    BANDS,
    NOT_AFFORDABLE,
    STRETCHED,
    BudgetVerdict,
    RuleResult,
)
from apps.finance.money import ONE, ZERO, decimal_input, int_input

# Price levels, from best to worst, and the verdict band each one weighs as.
FAIR = "fair"
EXPENSIVE = "expensive"
TOO_EXPENSIVE = "too_expensive"
PRICE_LEVELS = (FAIR, EXPENSIVE, TOO_EXPENSIVE)
BAND_FOR_PRICE = {FAIR: AFFORDABLE, EXPENSIVE: STRETCHED, TOO_EXPENSIVE: NOT_AFFORDABLE}

# Price rule identifiers, in the order the reasons are listed.
RULE_TRUE_APR = "true_apr"
RULE_SHORT_TERM = "short_term"
RULE_FEE_AT_PAYOUT = "fee_at_payout"
PRICE_RULES = (RULE_TRUE_APR, RULE_SHORT_TERM, RULE_FEE_AT_PAYOUT)

# A true APR above 36% is above every line China has used for consumer credit: the 2017 cash-loan
# notice's all-in cost line, which tied cash loans to the court line of the time
# (cash-loan-notice-2017). Ours: such a loan is too expensive whatever the budget says.
TOO_EXPENSIVE_ABOVE = Decimal("0.36")
# Above 24%: the line courts have held licensed lenders' total cost to since the Supreme People's
# Court's 2017 opinions on financial trials (spc-financial-trials-2017), and the one the 2025
# rules for micro-loan companies and banks' partner platforms push new loans under. Expensive.
EXPENSIVE_ABOVE = Decimal("0.24")
# A loan repaid within a month: a small fee is a large yearly cost, and short loans are the ones
# rolled over again and again (cash-loan-notice-2017 allows at most two rollovers). Ours: 31
# days, so that every "one month" loan counts, whatever the month.
SHORT_TERM_MAX_DAYS = 31

# The one line of advice beside the two answers: don't borrow when either answer is at its worst,
# think again when either is in the middle; and which answer decided it.
ADVICE_DONT_BORROW_PRICE = "dont_borrow_price"
ADVICE_DONT_BORROW_BUDGET = "dont_borrow_budget"
ADVICE_DONT_BORROW_BOTH = "dont_borrow_both"
ADVICE_THINK_AGAIN_PRICE = "think_again_price"
ADVICE_THINK_AGAIN_BUDGET = "think_again_budget"
ADVICE_THINK_AGAIN_BOTH = "think_again_both"
ADVICE_GO_AHEAD = "go_ahead"
ADVICES = (
    ADVICE_DONT_BORROW_PRICE,
    ADVICE_DONT_BORROW_BUDGET,
    ADVICE_DONT_BORROW_BOTH,
    ADVICE_THINK_AGAIN_PRICE,
    ADVICE_THINK_AGAIN_BUDGET,
    ADVICE_THINK_AGAIN_BOTH,
    ADVICE_GO_AHEAD,
)


# Cost flags: what the true cost crosses or hides, each shown with its sources. The lines (the
# LPR's multiple, 24%, 36%...) are dated rows an administrator updates, and which of them apply
# depends on who lends; they are passed in, never kept here.
FLAG_ABOVE_LINE = "above_line"
FLAG_FEE_AT_PAYOUT = "fee_at_payout"
FLAG_FLAT_FEE = "flat_fee"
FLAG_SHORT_TERM = "short_term"


@dataclass(frozen=True, slots=True)
class CostFlag:
    """A flag on the loan's cost. `line` is the rate line's code for FLAG_ABOVE_LINE; `amount` is
    the fee taken at payout, or the times the true rate exceeds the advertised one, or the days."""

    code: str
    line: str | None = None
    amount: Decimal | int | None = None


def cost_flags(
    *,
    true_apr: Decimal,
    lines: dict[str, Decimal],
    fee_at_payout: Decimal,
    apr_to_advertised: Decimal | None,
    charges_on_original_amount: bool,
    term_days: int,
) -> tuple[CostFlag, ...]:
    """Every flag that applies to a loan's true cost, the most serious first.

    `lines` maps the codes of the rate lines that apply to this lender to their value as a
    fraction; every line the true APR is above is flagged, the highest first. `fee_at_payout` is
    the money taken before the loan reached the borrower. `charges_on_original_amount`: a flat fee
    or a fee on every payment, the pricing whose advertised rate understates the true one (its
    flag's amount is how many times, or None when nothing was advertised: a 0% rate).
    """
    apr = decimal_input(true_apr, field="rate")
    crossed = sorted(
        ((decimal_input(value, field="rate"), code) for code, value in lines.items()),
        reverse=True,
    )
    flags = [CostFlag(FLAG_ABOVE_LINE, line=code) for value, code in crossed if apr > value]
    if decimal_input(fee_at_payout, field="fee") > ZERO:
        flags.append(CostFlag(FLAG_FEE_AT_PAYOUT, amount=fee_at_payout))
    hidden = apr_to_advertised is None or apr_to_advertised > ONE
    if charges_on_original_amount and apr > ZERO and hidden:
        # A fee on the full amount with every payment hides cost even when the quoted rate is
        # 0 (a card instalment entered as its fee): then there is no multiple to show.
        flags.append(CostFlag(FLAG_FLAT_FEE, amount=apr_to_advertised))
    if int_input(term_days, field="term") <= SHORT_TERM_MAX_DAYS:
        flags.append(CostFlag(FLAG_SHORT_TERM, amount=term_days))
    return tuple(flags)


@dataclass(frozen=True, slots=True)
class PriceVerdict:
    """The price half of the verdict: its level (fair, expensive, too_expensive) and every price
    rule that applies, with the figure it looked at (a fraction for true_apr and short_term, the
    yuan taken for fee_at_payout)."""

    level: str
    rules: tuple[RuleResult, ...]

    @property
    def band(self) -> str:
        return BAND_FOR_PRICE[self.level]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The two answers side by side, the price's and the budget's, and the advice they give."""

    price: PriceVerdict
    budget: BudgetVerdict

    @property
    def advice(self) -> str:
        """One of ADVICES: don't borrow when either answer is at its worst, think again when
        either is in the middle, and which answer (or both) decided it."""
        price_rank, budget_rank = BANDS.index(self.price.band), BANDS.index(self.budget.band)
        worst = max(price_rank, budget_rank)
        if worst == 0:
            return ADVICE_GO_AHEAD
        which = (
            "both"
            if price_rank == budget_rank
            else ("price" if price_rank > budget_rank else "budget")
        )
        return f"{'dont_borrow' if worst == 2 else 'think_again'}_{which}"

    @property
    def deciding(self) -> RuleResult:
        """The strongest reason: the first rule, price rules first, at the worse answer's level."""
        band = BANDS[max(BANDS.index(self.price.band), BANDS.index(self.budget.band))]
        for rule in (*self.price.rules, *self.budget.rules):
            if rule.band == band:
                return rule
        return self.price.rules[0]  # every rule is fine: the price is what a borrower asks first


def _level(band: str) -> str:
    return next(level for level, b in BAND_FOR_PRICE.items() if b == band)


def price_verdict(*, true_apr: Decimal, term_days: int, fee_at_payout: Decimal) -> PriceVerdict:
    """Apply the price rules to a loan's true APR, its term in days and the fee taken at payout;
    the worst level wins."""
    apr = decimal_input(true_apr, field="rate")
    days = int_input(term_days, field="term")
    fee = decimal_input(fee_at_payout, field="fee")
    if apr > TOO_EXPENSIVE_ABOVE:
        apr_band = NOT_AFFORDABLE
    elif apr > EXPENSIVE_ABOVE:
        apr_band = STRETCHED
    else:
        apr_band = AFFORDABLE
    rules = [RuleResult(RULE_TRUE_APR, apr_band, apr)]
    if days <= SHORT_TERM_MAX_DAYS:
        short_band = NOT_AFFORDABLE if apr > TOO_EXPENSIVE_ABOVE else AFFORDABLE
        rules.append(RuleResult(RULE_SHORT_TERM, short_band, days))
    rules.append(RuleResult(RULE_FEE_AT_PAYOUT, STRETCHED if fee > ZERO else AFFORDABLE, fee))
    worst = max(BANDS.index(rule.band) for rule in rules)
    return PriceVerdict(level=_level(BANDS[worst]), rules=tuple(rules))


def overall_verdict(*, price: PriceVerdict, budget: BudgetVerdict) -> Verdict:
    """The two answers together, for the advice and the strongest reason."""
    return Verdict(price=price, budget=budget)


def rank_by_price(*, aprs: Sequence[Decimal]) -> tuple[tuple[int, ...], int | None]:
    """Offers ranked by what each yuan costs a year (the true APR), cheapest first, as indexes
    into `aprs`; and the index of the one to mark cheapest: the first, unless even it is too
    expensive (a cheaper loan than a 300% one is still not a good one)."""
    rates = [decimal_input(apr, field="rate") for apr in aprs]
    order = tuple(sorted(range(len(rates)), key=lambda index: rates[index]))
    if not order or rates[order[0]] > TOO_EXPENSIVE_ABOVE:
        return order, None
    return order, order[0]


def line_allowance(*, overdue: Decimal, annual_rate: Decimal, days: int) -> Decimal:
    """What a rate line allows in charges on an overdue amount for `days` days: the line's yearly
    rate, pro rata (365-day year), unrounded. The lines cap interest, penalty and fees together,
    so this is the most a court would support for the delay, not what a contract says."""
    amount = decimal_input(overdue, field="amount")
    rate = decimal_input(annual_rate, field="rate")
    return amount * rate * int_input(days, field="days") / 365
