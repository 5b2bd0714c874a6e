"""My debts: every loan a borrower owes on one page, which to pay first and why, and a plan.

Pure Python and Decimal, like the rest of the engine: keyword-only functions, frozen dataclasses
of codes and numbers. The rules follow FACTS.md, "Debt plans": priority debts first (here, those
in court and those about to cross into a harsher overdue stage), then the most expensive; what is
left after essential spending is shared between lenders in proportion to what each is owed, so
that none can say another was favoured; and borrowing from a new app to pay the old ones is shown
month by month against the plan.

Money is rounded to cents with the engine's one rule (money.to_cents) each month; a rate is the
loan's own quoted rate as a fraction with its period (RatePeriod), turned into a monthly rate by
rates.rate_per_month (a daily rate counts 365 / 12 days a month, the average month).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from apps.finance.errors import ErrorCode, OfferError
from apps.finance.money import CENT, ZERO, decimal_input, int_input, to_cents
from apps.finance.periods import DAYS_PER_YEAR, MONTHS_PER_YEAR
from apps.finance.rates import RatePeriod, rate_period_input

MAX_DEBTS = 10
# Months the plans are followed for; a plan that clears nothing in 50 years never clears.
MAX_MONTHS = 600
# A late loan whose next, harsher overdue stage (write-off, sale to a collector, a court) starts
# within this many days comes before any loan that is merely late. Ours: one month, the time a
# borrower has to act before the next step.
NEXT_STAGE_WITHIN_DAYS = 30
# The spiral is shown after these months, as the issue asks: half a year and a year.
SPIRAL_MONTHS = (6, 12)
# An average month, for turning a daily rate into a monthly one: 365 / 12 days.
DAYS_PER_MONTH = Decimal(DAYS_PER_YEAR) / MONTHS_PER_YEAR

# Why a loan is where it is in the order, the first reason that applies.
PRIORITY_COURT = "court"
PRIORITY_NEXT_STAGE = "next_stage"
PRIORITY_LATE = "late"
PRIORITY_COST = "cost"
PRIORITY_NO_RATE = "no_rate"
PRIORITIES = (PRIORITY_COURT, PRIORITY_NEXT_STAGE, PRIORITY_LATE, PRIORITY_COST, PRIORITY_NO_RATE)

# Which way the budget goes.
PLAN_CLEAR = "clear"  # the budget covers every payment due: clear them fastest and cheapest
PLAN_SHARE = "share"  # it does not: offer what is left, shared pro rata


@dataclass(frozen=True, slots=True)
class Debt:
    """One loan as the borrower knows it: what is owed now, the monthly payment due, days late,
    the quoted rate (a fraction, None if unknown) and its period, and court papers received."""

    owed: Decimal
    payment: Decimal
    days_late: int = 0
    rate: Decimal | None = None
    rate_period: RatePeriod | str = RatePeriod.MONTH
    in_court: bool = False

    def __post_init__(self) -> None:
        put = object.__setattr__  # frozen: normalised values are stored once, here
        owed = decimal_input(self.owed, field="owed")
        payment = decimal_input(self.payment, field="payment")
        if owed <= ZERO:
            raise OfferError(ErrorCode.AMOUNT_NOT_POSITIVE, field="owed")
        if payment < ZERO:
            raise OfferError(ErrorCode.PAYMENT_NOT_POSITIVE, field="payment")
        if int_input(self.days_late, field="days_late") < 0:
            raise OfferError(ErrorCode.DAYS_LATE_NEGATIVE, field="days_late")
        put(self, "owed", owed)
        put(self, "payment", payment)
        put(self, "rate_period", rate_period_input(self.rate_period))
        if self.rate is not None:
            rate = decimal_input(self.rate, field="rate")
            if rate < ZERO:
                raise OfferError(ErrorCode.RATE_NEGATIVE, field="rate")
            put(self, "rate", rate)

    @property
    def monthly_rate(self) -> Decimal:
        """The quoted rate for one average month (zero when the rate is not known)."""
        if self.rate is None:
            return ZERO
        if self.rate_period is RatePeriod.DAY:
            return self.rate * DAYS_PER_MONTH
        if self.rate_period is RatePeriod.YEAR:
            return self.rate / MONTHS_PER_YEAR
        return self.rate

    @property
    def yearly_rate(self) -> Decimal | None:
        """The yearly rate of the loan's balance: its monthly rate x 12 (None if not known).
        Interest is charged on what is still owed, so this is the true APR of what is left."""
        return None if self.rate is None else self.monthly_rate * MONTHS_PER_YEAR


@dataclass(frozen=True, slots=True)
class Priority:
    """A loan's place in the order: its index in the input, the reason code and the figure the
    reason names (days to the next stage, the yearly rate, or None)."""

    index: int
    reason: str
    figure: Decimal | int | None


@dataclass(frozen=True, slots=True)
class Share:
    """One lender's part of the monthly offer, and the months it takes to clear the debt at that
    pace if the lender stops the interest, as the letter asks (None: not within MAX_MONTHS)."""

    index: int
    offer: Decimal
    months: int | None


@dataclass(frozen=True, slots=True)
class Payoff:
    """Paying every debt in one order with all the money available: months until debt-free (None
    if never within MAX_MONTHS) and the interest paid on the way."""

    order: tuple[int, ...]
    months: int | None
    interest: Decimal


@dataclass(frozen=True, slots=True)
class SpiralMonth:
    """After `month` months: what is owed in all under the plan, and when every payment due is
    made by borrowing the shortfall from a new app at `new_rate` a month."""

    month: int
    plan: Decimal
    spiral: Decimal

    @property
    def extra(self) -> Decimal:
        """How much more borrowing to pay leaves owing than the plan (never below zero)."""
        return self.spiral - self.plan


@dataclass(frozen=True, slots=True)
class DebtPicture:
    total_owed: Decimal
    total_due: Decimal
    available: Decimal
    debt_to_income: Decimal
    plan: str

    @property
    def shortfall(self) -> Decimal:
        """How much the payments due each month exceed what the budget leaves for them."""
        return max(self.total_due - self.available, ZERO)

    @property
    def left_after_payments(self) -> Decimal:
        """What is left each month once every payment due is made (zero when it is short)."""
        return max(self.available - self.total_due, ZERO)


def picture(*, debts: Sequence[Debt], income: Decimal, essentials: Decimal) -> DebtPicture:
    """Total owed, total due each month, what the budget leaves after essential spending (the
    money available for debts: all of it, not a share), and the debt-to-income ratio."""
    money_in = decimal_input(income, field="income")
    spending = decimal_input(essentials, field="essentials")
    if money_in <= ZERO:
        raise OfferError(ErrorCode.AMOUNT_NOT_POSITIVE, field="income")
    if not debts or len(debts) > MAX_DEBTS:
        raise OfferError(ErrorCode.COUNT_TOO_LARGE if debts else ErrorCode.NO_PAYMENTS)
    due = sum((debt.payment for debt in debts), ZERO)
    available = max(money_in - spending, ZERO)
    return DebtPicture(
        total_owed=sum((debt.owed for debt in debts), ZERO),
        total_due=due,
        available=available,
        debt_to_income=due / money_in,
        plan=PLAN_CLEAR if available >= due else PLAN_SHARE,
    )


def days_to_next_stage(*, days_late: int, stage_starts: Sequence[int]) -> int | None:
    """Days until a late loan enters its next overdue stage (None if it is in the last one, or
    not late: a loan not yet late has no harsher stage to cross but lateness itself)."""
    if days_late <= 0:
        return None
    ahead = [start - days_late for start in stage_starts if start > days_late]
    return min(ahead, default=None)


def priority_order(*, debts: Sequence[Debt], stage_starts: Sequence[int]) -> tuple[Priority, ...]:
    """Which to pay first, and why: court papers first; then late loans about to cross into a
    harsher stage within NEXT_STAGE_WITHIN_DAYS (the soonest first); then other late loans (the
    latest first); then by yearly rate, dearest first; loans whose rate is unknown last, the
    largest first. Who calls or threatens most is never a reason."""
    ranked = []
    for index, debt in enumerate(debts):
        ahead = days_to_next_stage(days_late=debt.days_late, stage_starts=stage_starts)
        if debt.in_court:
            key, priority = (0, -debt.owed), Priority(index, PRIORITY_COURT, None)
        elif ahead is not None and ahead <= NEXT_STAGE_WITHIN_DAYS:
            key, priority = (1, ahead), Priority(index, PRIORITY_NEXT_STAGE, ahead)
        elif debt.days_late > 0:
            key, priority = (2, -debt.days_late), Priority(index, PRIORITY_LATE, debt.days_late)
        elif debt.yearly_rate is not None:
            key, priority = (3, -debt.yearly_rate), Priority(index, PRIORITY_COST, debt.yearly_rate)
        else:
            key, priority = (4, -debt.owed), Priority(index, PRIORITY_NO_RATE, None)
        ranked.append(((*key, index), priority))
    return tuple(priority for _key, priority in sorted(ranked, key=lambda pair: pair[0]))


def pro_rata(*, available: Decimal, owed: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """`available` shared in proportion to what each lender is owed, each share rounded down to
    the cent and the cents left over given to the largest balance (the first, if two tie), so
    the shares add up to `available` exactly."""
    money = to_cents(decimal_input(available, field="available"))
    balances = [decimal_input(amount, field="owed") for amount in owed]
    total = sum(balances, ZERO)
    if money <= ZERO or total <= ZERO:
        return tuple(ZERO for _ in balances)
    shares = [(money * balance / total).quantize(CENT, rounding=ROUND_DOWN) for balance in balances]
    largest = max(range(len(balances)), key=lambda index: (balances[index], -index))
    shares[largest] += money - sum(shares, ZERO)
    return tuple(shares)


def months_to_clear(*, owed: Decimal, payment: Decimal, monthly_rate: Decimal = ZERO) -> int | None:
    """Months until `owed` is cleared paying `payment` a month, interest charged each month on
    what is left at `monthly_rate` and rounded to cents (None if never within MAX_MONTHS)."""
    balance = decimal_input(owed, field="owed")
    pay = decimal_input(payment, field="payment")
    rate = decimal_input(monthly_rate, field="rate")
    for month in range(1, MAX_MONTHS + 1):
        balance += to_cents(balance * rate)
        if balance <= pay:
            return month
        balance -= pay
        if pay <= ZERO:
            return None
    return None


def shares(*, debts: Sequence[Debt], available: Decimal) -> tuple[Share, ...]:
    """The monthly offer to each lender when the budget cannot cover what is due: everything
    available, pro rata, with the months it takes at that pace if interest stops."""
    offers = pro_rata(available=available, owed=[debt.owed for debt in debts])
    return tuple(
        Share(index, offer, months_to_clear(owed=debt.owed, payment=offer) if offer else None)
        for index, (debt, offer) in enumerate(zip(debts, offers, strict=True))
    )


def payoff(*, debts: Sequence[Debt], available: Decimal, order: Sequence[int]) -> Payoff:
    """Pay every debt's payment each month, and put all the rest of `available` on the first
    debt in `order` still owing; a debt cleared frees its payment for the next (the 'snowball' or
    'avalanche', depending on the order). Interest accrues monthly on each balance."""
    money = decimal_input(available, field="available")
    balances = [debt.owed for debt in debts]
    interest = ZERO
    for month in range(1, MAX_MONTHS + 1):
        budget = money
        for index, debt in enumerate(debts):
            if balances[index] > ZERO:
                charged = to_cents(balances[index] * debt.monthly_rate)
                balances[index] += charged
                interest += charged
        for index, debt in enumerate(debts):
            paid = min(debt.payment, balances[index], budget)
            balances[index] -= paid
            budget -= paid
        for index in order:
            paid = min(balances[index], budget)
            balances[index] -= paid
            budget -= paid
        if all(balance <= ZERO for balance in balances):
            return Payoff(tuple(order), month, interest)
    return Payoff(tuple(order), None, interest)


def interest_saved(*, cheapest: Payoff, other: Payoff) -> Decimal:
    """The interest one order (`cheapest`, usually dearest-first) saves against `other`."""
    return other.interest - cheapest.interest


def dearest_first(debts: Sequence[Debt]) -> tuple[int, ...]:
    """The order that costs least in interest: the highest monthly rate first ('avalanche')."""
    return tuple(sorted(range(len(debts)), key=lambda i: (-debts[i].monthly_rate, i)))


def smallest_first(debts: Sequence[Debt]) -> tuple[int, ...]:
    """The order of quick wins: the smallest balance first ('snowball')."""
    return tuple(sorted(range(len(debts)), key=lambda i: (debts[i].owed, i)))


def spiral(*, debts: Sequence[Debt], available: Decimal) -> tuple[SpiralMonth, ...]:
    """Borrowing from a new app to pay the old ones (以贷养贷), month by month, against the
    plan: what is owed in all after each month up to the last of SPIRAL_MONTHS.

    Plan: each month everything available goes to the lenders pro rata; each balance accrues
    its own rate. Spiral: the same money goes to the same lenders, and what each payment due
    still lacks is borrowed from a new app at the dearest rate entered (a new app charges no less
    than the dearest one already owed), which accrues too. On both, money a loan no longer needs
    (a share above what is left on it) is kept and counted against what is owed, so the two are
    compared alike. Every yuan borrowed costs at least what it saves, so the spiral never owes
    less than the plan. Balances are carried unrounded and rounded once, at the end.
    """
    money = decimal_input(available, field="available")
    new_rate = max((debt.monthly_rate for debt in debts), default=ZERO)
    plan = [debt.owed for debt in debts]
    old = list(plan)
    new_loan = kept = plan_kept = ZERO
    rows = []
    for month in range(1, max(SPIRAL_MONTHS) + 1):
        offers = pro_rata(available=money, owed=plan)
        new_loan += new_loan * new_rate
        for index, debt in enumerate(debts):
            plan[index] += plan[index] * debt.monthly_rate
            plan_paid = min(offers[index], plan[index])
            plan[index] -= plan_paid
            plan_kept += offers[index] - plan_paid
            old[index] += old[index] * debt.monthly_rate
            paid = min(max(debt.payment, offers[index]), old[index])
            old[index] -= paid
            own = min(offers[index], paid)
            kept += offers[index] - own
            new_loan += paid - own
        planned = max(sum(plan, ZERO) - plan_kept, ZERO)
        owed = max(sum(old, ZERO) + new_loan - kept, ZERO)
        rows.append(SpiralMonth(month, to_cents(planned), to_cents(owed)))
    return tuple(rows)


def delay_penalty(*, overdue: Decimal, daily_rate: Decimal, days: int) -> Decimal:
    """The penalty interest on `overdue` for `days` more days at `daily_rate`, to the cent: the
    same charge overdue.overdue_cost makes on a missed payment."""
    amount = decimal_input(overdue, field="amount")
    rate = decimal_input(daily_rate, field="rate")
    return to_cents(amount * rate * int_input(days, field="days"))


def overdue_now(*, debt: Debt) -> Decimal:
    """What is overdue on a late loan: a payment for every month (or part) it is late, never
    more than is owed; a loan not late has nothing overdue."""
    if debt.days_late <= 0:
        return ZERO
    missed = -(-debt.days_late // 30)  # whole or part months late, rounded up
    return min(debt.payment * missed, debt.owed)
