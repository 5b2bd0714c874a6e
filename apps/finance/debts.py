"""My debts: every loan a borrower owes on one page, which to pay first and why, and a plan.

Pure Python and Decimal, like the rest of the engine: keyword-only functions, frozen dataclasses
of codes and numbers. The rules follow the "debt-plans" source: priority debts first (here,
those in court, those that can never clear at their own payment, and those about to cross into a
harsher overdue stage), then the most expensive; what is left after essential spending is shared
between lenders in proportion to what each is owed, so that none can say another was favoured;
and borrowing from new apps to pay the old ones is shown month by month against the plan, priced
as the market lends to a borrower in trouble.

Every loop has a stated end: a payoff is followed for at most MAX_MONTHS, and a balance that
grows past GROWTH_CEILING is called what it is (it never clears) instead of being followed until
its digits overflow. So every input the forms accept has an answer, never an exception.

Money is rounded to cents with the engine's one rule (money.to_cents) each month; a rate is the
loan's own quoted rate as a fraction with its period (RatePeriod), turned into a monthly rate (a
daily rate counts 365 / 12 days a month, the average month).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, Decimal
from functools import cache

from apps.finance.apr import solve_period_rate
from apps.finance.budget import default_penalty_daily_rate
from apps.finance.errors import ErrorCode, OfferError
from apps.finance.money import CENT, ONE, ZERO, decimal_input, int_input, to_cents
from apps.finance.periods import DAYS_PER_YEAR, MONTHS_PER_YEAR
from apps.finance.rates import MAX_ANNUAL_RATE, RatePeriod, rate_period_input
from apps.finance.schedule import installment_payment

MAX_DEBTS = 10
# The horizon every payoff stops at: a plan that clears nothing in 50 years never clears.
MAX_MONTHS = 600
# A total owed above this (a thousand trillion yuan) can never be repaid from any income the
# forms accept (at most 10 million a month), and it is far below where Decimal's 28 digits
# would overflow when rounded to cents: a payoff stops there and says it never clears.
GROWTH_CEILING = Decimal(10) ** 15
# A late loan whose next, harsher overdue stage (write-off, sale to an asset-management company,
# a court) starts within this many days comes before any loan that is merely late. Ours: one
# month, the time a borrower has to act before the next step.
NEXT_STAGE_WITHIN_DAYS = 30
# What one more month of delay is priced over, and the first month a plan's short payment costs.
DELAY_DAYS = 30
# The spiral is followed for SPIRAL_HORIZON months and tabled after SPIRAL_MONTHS: half a year
# and a year.
SPIRAL_HORIZON = 12
SPIRAL_MONTHS = (6, 12)
# Borrowing to pay (以贷养贷), priced as the market lends to a borrower already short: a new app's
# quoted yearly rate at the top of the 24%-36% band such apps quote (the borrower's own dearest
# rate instead, when that is higher), a fee taken at payout, repaid in equal monthly instalments
# over a short term (such loans run 3 to 6 months; the short end, where a borrower in trouble is
# pushed). Ours, from the "debt-plans" source: a fee at payout makes the balance grow even when
# every payment is made.
NEW_LOAN_RATE_BAND = (Decimal("0.24"), Decimal("0.36"))
NEW_LOAN_YEARLY_RATE = NEW_LOAN_RATE_BAND[1]
NEW_LOAN_FEE = Decimal("0.03")
NEW_LOAN_MONTHS = 3
# An average month, for turning a daily rate into a monthly one: 365 / 12 days.
DAYS_PER_MONTH = Decimal(DAYS_PER_YEAR) / MONTHS_PER_YEAR

# Why a loan is where it is in the order, the first reason that applies.
PRIORITY_COURT = "court"
PRIORITY_GROWS = "grows"  # its own payment does not cover its interest: it never clears
PRIORITY_NEXT_STAGE = "next_stage"
PRIORITY_LATE = "late"
PRIORITY_COST = "cost"
PRIORITY_NO_RATE = "no_rate"
PRIORITIES = (
    PRIORITY_COURT,
    PRIORITY_GROWS,
    PRIORITY_NEXT_STAGE,
    PRIORITY_LATE,
    PRIORITY_COST,
    PRIORITY_NO_RATE,
)

# Which way the budget goes.
PLAN_CLEAR = "clear"  # the budget covers every payment due: pay them all, the rest dearest first
PLAN_SHARE = "share"  # it does not: offer what is left, shared pro rata


@dataclass(frozen=True, slots=True)
class Debt:
    """One loan as the borrower knows it: what is owed now, the monthly payment due, days late,
    the quoted rate (a fraction, None if unknown) and its period, and court papers received.

    `fee_base`: when the rate is a fee rate (费率, 手续费率, 月费率: charged on the amount first
    borrowed every month, however much is repaid), the amount it is charged on; None when the
    rate is interest on what is still owed. `penalty_line`: the yearly line a court holds this
    lender's charges to, which caps the assumed penalty rate (budget.penalty_assumption); None
    when no line is known to bind it."""

    owed: Decimal
    payment: Decimal
    days_late: int = 0
    rate: Decimal | None = None
    rate_period: RatePeriod | str = RatePeriod.MONTH
    in_court: bool = False
    fee_base: Decimal | None = None
    penalty_line: Decimal | None = None

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
        if self.fee_base is not None:
            base = decimal_input(self.fee_base, field="fee_base")
            if base <= ZERO:
                raise OfferError(ErrorCode.AMOUNT_NOT_POSITIVE, field="fee_base")
            put(self, "fee_base", base)
        if self.penalty_line is not None:
            line = decimal_input(self.penalty_line, field="penalty_line")
            if line < ZERO:
                raise OfferError(ErrorCode.RATE_NEGATIVE, field="penalty_line")
            put(self, "penalty_line", line)

    @property
    def quoted_monthly_rate(self) -> Decimal:
        """The quoted rate for one average month (zero when the rate is not known)."""
        if self.rate is None:
            return ZERO
        if self.rate_period is RatePeriod.DAY:
            return self.rate * DAYS_PER_MONTH
        if self.rate_period is RatePeriod.YEAR:
            return self.rate / MONTHS_PER_YEAR
        return self.rate

    @property
    def balance_rate(self) -> Decimal:
        """The monthly rate charged on what is still owed: the quoted rate, or zero for a fee
        rate, which is charged on its base instead (monthly_fee)."""
        return ZERO if self.fee_base is not None else self.quoted_monthly_rate

    @property
    def monthly_fee(self) -> Decimal:
        """A fee rate's charge each month while anything is owed, to the cent: the quoted rate
        on fee_base, however much is left (zero for interest on what is owed)."""
        if self.fee_base is None:
            return ZERO
        return to_cents(self.fee_base * self.quoted_monthly_rate)

    @property
    def monthly_rate(self) -> Decimal:
        """What the loan costs a month as a share of what is owed now: its monthly rate, or a fee
        rate's monthly charge over the balance (a fee on the amount first borrowed weighs more
        on what is left the more is repaid). Loans are compared by this."""
        if self.fee_base is None:
            return self.quoted_monthly_rate
        return self.fee_base * self.quoted_monthly_rate / self.owed

    def charge(self, balance: Decimal) -> Decimal:
        """One month's interest or fee on `balance` still owed, unrounded: interest on the
        balance, or a fee rate's charge on its base while anything is owed."""
        if balance <= ZERO:
            return ZERO
        if self.fee_base is not None:
            return self.fee_base * self.quoted_monthly_rate
        return balance * self.quoted_monthly_rate

    @property
    def yearly_rate(self) -> Decimal | None:
        """The yearly rate of the loan's balance now: its monthly rate x 12 (None if not known).
        Interest is charged on what is still owed, so this is the true APR of what is left; a
        fee rate's weighs more each month as the balance falls."""
        return None if self.rate is None else self.monthly_rate * MONTHS_PER_YEAR

    @property
    def interest(self) -> Decimal:
        """This month's interest (or fee) on what is owed, to the cent (zero when the rate is
        unknown)."""
        return to_cents(self.charge(self.owed))

    @property
    def never_clears(self) -> bool:
        """Its own payment, made in full every month, does not cover its interest: the balance
        never falls."""
        return self.interest > ZERO and self.payment <= self.interest

    @property
    def penalty_daily_rate(self) -> Decimal | None:
        """The late-payment rate a day assumed for it (budget.default_penalty_daily_rate on its
        yearly rate, capped by penalty_line; None when the rate is not known)."""
        if self.yearly_rate is None:
            return None
        return default_penalty_daily_rate(true_apr=self.yearly_rate, line=self.penalty_line)


@dataclass(frozen=True, slots=True)
class Priority:
    """A loan's place in the order: its index in the input, the reason code and the figure the
    reason names (days to the next stage, days late, the yearly rate, the monthly growth, or
    None)."""

    index: int
    reason: str
    figure: Decimal | int | None


@dataclass(frozen=True, slots=True)
class Outlook:
    """What the plan means for one loan: what it pays the lender each month (`offer`, from
    plan_offers: its payment, with a share of what is left when its payment cannot beat its
    interest, when the budget covers every payment; else a pro-rata share), this month's
    interest at the loan's rate, the months to clear at that pace with interest still charged
    and if the lender stops it (as the letter asks; None: not within MAX_MONTHS, or nothing
    paid), how far the offer falls short of the payment due, and the penalty interest the first
    month of that shortfall would start (None: not short, or the rate is not known)."""

    index: int
    offer: Decimal
    interest: Decimal
    months: int | None
    months_without_interest: int | None
    short: Decimal
    penalty: Decimal | None

    @property
    def never_clears(self) -> bool:
        """At this offer the balance never falls: the interest takes all of it, or more."""
        return self.interest > ZERO and self.offer <= self.interest

    @property
    def grows_by(self) -> Decimal:
        """How much the balance grows this month at this offer (zero when it falls)."""
        return max(self.interest - self.offer, ZERO)


@dataclass(frozen=True, slots=True)
class Payoff:
    """Paying every debt in one order with all the money available: months until debt-free (None
    if never within MAX_MONTHS) and the interest paid on the way."""

    order: tuple[int, ...]
    months: int | None
    interest: Decimal


@dataclass(frozen=True, slots=True)
class NewLoanTerms:
    """The new loans borrowing to pay is priced with: the quoted yearly rate (the band's top, or
    the borrower's dearest rate when higher: `own_rate`), the fee taken at payout as a share of
    each loan, the months it is repaid over, and the true APR that comes to (the IRR of the money
    received and the instalments, x 12)."""

    yearly_rate: Decimal
    fee: Decimal
    months: int
    apr: Decimal
    own_rate: bool


@dataclass(frozen=True, slots=True)
class SpiralMonth:
    """After `month` months: what is owed in all under the plan, and when every payment due is
    made by borrowing what the budget lacks from new apps; what fell due that month when
    borrowing (the old loans' payments and the new loans' instalments) and what was borrowed."""

    month: int
    plan: Decimal
    spiral: Decimal
    due: Decimal
    borrowed: Decimal

    @property
    def extra(self) -> Decimal:
        """How much more borrowing to pay leaves owing than the plan (never below zero)."""
        return self.spiral - self.plan


@dataclass(frozen=True, slots=True)
class Spiral:
    """Borrowing to pay against the plan, month by month up to SPIRAL_HORIZON, with the terms the
    new loans were priced at and the fees they took in all."""

    terms: NewLoanTerms
    months: tuple[SpiralMonth, ...]
    fees: Decimal


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

    @property
    def covered(self) -> Decimal:
        """The share of what is due each month that the budget covers (1 when it all is)."""
        if self.total_due <= ZERO:
            return ONE
        return min(self.available / self.total_due, ONE)


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
    """Which to pay first, and why: court papers first; then loans whose own payment does not
    cover their interest (they never clear: the fastest-growing first); then late loans about to
    cross into a harsher stage within NEXT_STAGE_WITHIN_DAYS (the soonest first); then other late
    loans (the latest first); then by yearly rate, dearest first; loans whose rate is unknown
    last, the largest first. Who calls or threatens most is never a reason."""
    ranked = []
    for index, debt in enumerate(debts):
        ahead = days_to_next_stage(days_late=debt.days_late, stage_starts=stage_starts)
        if debt.in_court:
            key, priority = (0, -debt.owed), Priority(index, PRIORITY_COURT, None)
        elif debt.never_clears:
            growth = debt.interest - debt.payment
            key, priority = (1, -growth), Priority(index, PRIORITY_GROWS, growth)
        elif ahead is not None and ahead <= NEXT_STAGE_WITHIN_DAYS:
            key, priority = (2, ahead), Priority(index, PRIORITY_NEXT_STAGE, ahead)
        elif debt.days_late > 0:
            key, priority = (3, -debt.days_late), Priority(index, PRIORITY_LATE, debt.days_late)
        elif debt.yearly_rate is not None:
            key, priority = (4, -debt.yearly_rate), Priority(index, PRIORITY_COST, debt.yearly_rate)
        else:
            key, priority = (5, -debt.owed), Priority(index, PRIORITY_NO_RATE, None)
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


def months_to_clear(
    *, owed: Decimal, payment: Decimal, monthly_rate: Decimal = ZERO, monthly_fee: Decimal = ZERO
) -> int | None:
    """Months until `owed` is cleared paying `payment` a month, interest charged each month on
    what is left at `monthly_rate` and rounded to cents, plus `monthly_fee` (a fee rate's charge
    on the amount first borrowed) while anything is owed (None if never within MAX_MONTHS).

    A payment that does not beat the first month's charges never clears (the balance can only
    stay or grow), and is answered at once; one that does makes the balance fall every month, so
    the loop ends by MAX_MONTHS and no figure in it grows."""
    balance = decimal_input(owed, field="owed")
    pay = decimal_input(payment, field="payment")
    rate = decimal_input(monthly_rate, field="rate")
    fee = decimal_input(monthly_fee, field="fee")
    if balance <= ZERO:
        return 0
    if pay <= ZERO or pay <= to_cents(balance * rate) + fee:
        return None
    if rate == ZERO:
        months = int((balance / (pay - fee)).to_integral_value(rounding=ROUND_CEILING))
        return months if months <= MAX_MONTHS else None
    for month in range(1, MAX_MONTHS + 1):
        balance += to_cents(balance * rate) + fee
        if balance <= pay:
            return month
        balance -= pay
    return None


def plan_offers(*, debts: Sequence[Debt], available: Decimal) -> tuple[Decimal, ...]:
    """What the plan pays each lender a month. When `available` covers every payment due: each
    its payment, and what is left over goes first to the loans whose payment cannot beat their
    interest (pro rata between them), the money that comes nearest to clearing them; with none,
    it stays for the dearest loan first (see payoff). Otherwise everything available, pro rata
    to what each is owed."""
    money = decimal_input(available, field="available")
    due = sum((debt.payment for debt in debts), ZERO)
    if money < due:
        return pro_rata(available=money, owed=[debt.owed for debt in debts])
    growing = [index for index, debt in enumerate(debts) if debt.never_clears]
    offers = [debt.payment for debt in debts]
    if growing:
        extra = pro_rata(available=money - due, owed=[debts[index].owed for index in growing])
        for index, more in zip(growing, extra, strict=True):
            offers[index] += more
    return tuple(offers)


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


def delay_cost(*, debt: Debt) -> Decimal | None:
    """What one more month (DELAY_DAYS) of delay costs in penalty interest: on what is overdue
    now, or on one payment when the loan is not late, at the default penalty rule on the loan's
    rate (budget.default_penalty_daily_rate). None when the rate is not known."""
    if debt.penalty_daily_rate is None:
        return None
    return delay_penalty(
        overdue=overdue_now(debt=debt) or debt.payment,
        daily_rate=debt.penalty_daily_rate,
        days=DELAY_DAYS,
    )


def outlooks(*, debts: Sequence[Debt], available: Decimal) -> tuple[Outlook, ...]:
    """Each loan under the plan (plan_offers): its offer, whether the offer beats its interest,
    the months it takes with and without interest, and, when the offer is below the payment
    due, the shortfall and the penalty interest its first month starts."""
    rows = []
    for index, (debt, offer) in enumerate(
        zip(debts, plan_offers(debts=debts, available=available), strict=True)
    ):
        short = max(debt.payment - offer, ZERO)
        penalty = None
        if short > ZERO and debt.penalty_daily_rate is not None:
            penalty = delay_penalty(
                overdue=short, daily_rate=debt.penalty_daily_rate, days=DELAY_DAYS
            )
        rows.append(
            Outlook(
                index=index,
                offer=offer,
                interest=debt.interest,
                months=months_to_clear(
                    owed=debt.owed,
                    payment=offer,
                    monthly_rate=debt.balance_rate,
                    monthly_fee=debt.monthly_fee,
                ),
                months_without_interest=months_to_clear(owed=debt.owed, payment=offer),
                short=short,
                penalty=penalty,
            )
        )
    return tuple(rows)


def payoff(*, debts: Sequence[Debt], available: Decimal, order: Sequence[int]) -> Payoff:
    """Pay every debt's payment each month, and put all the rest of `available` on the first
    debt in `order` still owing; a debt cleared frees its payment for the next (the 'snowball' or
    'avalanche', depending on the order). Interest accrues monthly on each balance. Followed for
    at most MAX_MONTHS, and given up as never clearing once the total passes GROWTH_CEILING."""
    money = decimal_input(available, field="available")
    balances = [debt.owed for debt in debts]
    interest = ZERO
    for month in range(1, MAX_MONTHS + 1):
        budget = money
        for index, debt in enumerate(debts):
            if balances[index] > ZERO:
                charged = to_cents(debt.charge(balances[index]))
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
        total = sum(balances, ZERO)
        if total <= ZERO:
            return Payoff(tuple(order), month, interest)
        if total > GROWTH_CEILING:
            break
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


@cache
def _new_loan_apr(monthly_rate: Decimal) -> Decimal:
    # The true APR of one yuan lent at `monthly_rate` over NEW_LOAN_MONTHS with NEW_LOAN_FEE taken
    # at payout: the borrower gets 1 - fee and repays the instalments on the whole yuan.
    payment = installment_payment(principal=ONE, period_rate=monthly_rate, count=NEW_LOAN_MONTHS)
    flows = [(payment, month, ZERO) for month in range(1, NEW_LOAN_MONTHS + 1)]
    period_rate, _evaluations = solve_period_rate(advance=ONE - NEW_LOAN_FEE, flows=flows)
    return period_rate * MONTHS_PER_YEAR


def new_loan_terms(*, debts: Sequence[Debt]) -> NewLoanTerms:
    """The terms borrowing to pay is priced at for these debts: the band's top rate, or the
    borrower's own dearest yearly rate when that is higher (a new app charges no less than the
    dearest one already owed; never above MAX_ANNUAL_RATE, where a fee rate on a small balance
    can be), with NEW_LOAN_FEE at payout over NEW_LOAN_MONTHS."""
    dearest = min(
        max((debt.monthly_rate for debt in debts), default=ZERO) * MONTHS_PER_YEAR,
        MAX_ANNUAL_RATE,
    )
    yearly = max(dearest, NEW_LOAN_YEARLY_RATE)
    return NewLoanTerms(
        yearly_rate=yearly,
        fee=NEW_LOAN_FEE,
        months=NEW_LOAN_MONTHS,
        apr=_new_loan_apr(yearly / MONTHS_PER_YEAR),
        own_rate=dearest > NEW_LOAN_YEARLY_RATE,
    )


def spiral(*, debts: Sequence[Debt], available: Decimal) -> Spiral:
    """Borrowing from new apps to pay the old ones (以贷养贷), month by month for SPIRAL_HORIZON
    months, against the plan.

    Plan: each month everything available goes to the lenders pro rata; each balance accrues its
    own rate. Spiral: the same money goes to the same lenders, topped up so that every payment
    due is made in full; the top-ups, and the instalments of the new loans taken in earlier
    months, are paid first from money the old loans no longer need and then by borrowing again,
    from a new app at new_loan_terms: a fee is taken at payout, so to have what is lacking the
    borrower signs for more, and each new loan falls due in equal instalments from the next
    month, so what is due snowballs. Money neither side needs (a share above what is left on a
    loan) is counted against what is owed, on both sides alike.

    Every yuan borrowed costs at least what it saves: the new loans' rate is no lower than any
    old loan's interest rate and their fee comes on top, a fee rate's charge runs as long as on
    the plan, and the spiral pays each old lender no less than the plan does. So the spiral never
    owes less than the plan. Balances are carried unrounded and
    rounded once, at the end of each month.
    """
    money = decimal_input(available, field="available")
    terms = new_loan_terms(debts=debts)
    new_rate = terms.yearly_rate / MONTHS_PER_YEAR
    keep = ONE - terms.fee
    # The instalment of one yuan lent at new_rate: each new loan's is its principal times this.
    per_yuan = installment_payment(principal=ONE, period_rate=new_rate, count=terms.months)
    plan = [debt.owed for debt in debts]
    old = list(plan)
    new_loans: list[list] = []  # [balance, instalment, months left]
    plan_kept = spiral_kept = fees = ZERO
    rows = []
    for month in range(1, SPIRAL_HORIZON + 1):
        offers = pro_rata(available=money, owed=plan)
        lacking = spare = due = ZERO
        for index, debt in enumerate(debts):
            on_plan = plan[index]
            plan[index] += debt.charge(on_plan)
            plan_paid = min(offers[index], plan[index])
            plan[index] -= plan_paid
            plan_kept += offers[index] - plan_paid
            # A fee rate is charged for its whole term however much is repaid early (the plan's
            # months stand for that term): borrowing to clear it sooner saves none of its fees.
            old[index] += debt.charge(on_plan if debt.fee_base is not None else old[index])
            paid = min(max(debt.payment, offers[index]), old[index])
            old[index] -= paid
            own = min(offers[index], paid)
            spare += offers[index] - own
            lacking += paid - own
            due += paid
        for loan in new_loans:
            if loan[2] <= 0:
                continue
            loan[0] += loan[0] * new_rate
            instalment = loan[0] if loan[2] == 1 else min(loan[1], loan[0])
            loan[0] -= instalment
            loan[2] -= 1
            lacking += instalment
            due += instalment
        from_spare = min(spare, lacking)
        spiral_kept += spare - from_spare
        borrowed = ZERO
        if lacking > from_spare:
            borrowed = (lacking - from_spare) / keep
            fees += borrowed - (lacking - from_spare)
            new_loans.append([borrowed, borrowed * per_yuan, terms.months])
        planned = max(sum(plan, ZERO) - plan_kept, ZERO)
        owing = sum(old, ZERO) + sum((loan[0] for loan in new_loans), ZERO) - spiral_kept
        rows.append(
            SpiralMonth(
                month=month,
                plan=to_cents(planned),
                spiral=to_cents(max(owing, ZERO)),
                due=to_cents(due),
                borrowed=to_cents(borrowed),
            )
        )
    return Spiral(terms=terms, months=tuple(rows), fees=to_cents(fees))
