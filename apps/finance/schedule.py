"""Repayment schedules and their true cost, from quoted terms (Offer) or from a shown plan (Plan).

Both end in a Quote: the schedule rounded to cents (the last payment absorbs the rounding, so the
principal parts add up to the principal and the balance ends at zero), the totals, and the true
APR of the money the borrower actually received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext
from enum import StrEnum

from apps.finance.apr import (
    PRECISION,
    Flow,
    actual_days_effective_rate,
    annual_rates,
    solve_period_rate,
)
from apps.finance.errors import ErrorCode, OfferError
from apps.finance.money import NO_MONEY, ONE, ZERO, decimal_input, int_input, to_cents
from apps.finance.periods import (
    UNIT_FOR_FREQUENCY,
    Frequency,
    UnitPeriod,
    add_months,
    date_input,
    frequency_input,
    months_and_days,
    schedule_due_dates,
    unit_for_single_payment,
    unit_periods_between,
)
from apps.finance.rates import (
    RatePeriod,
    advertised_annual_rate,
    compounded_annual_rate,
    day_basis_input,
    rate_per_day,
    rate_per_month,
    rate_per_week,
    rate_period_input,
)

# Limits that keep every offer computable in well under a millisecond; no consumer loan nears them.
# Ten million yuan is fifty times the 200,000 a bank may lend one borrower online; the forms bound
# every amount by it too, so a figure the engine would refuse is refused beside its field.
MAX_AMOUNT = Decimal(10_000_000)
MAX_RATE = Decimal(10)  # 1,000% per quoted period
MAX_PAYMENTS = 600
MAX_SINGLE_TERM_DAYS = 3660


class Method(StrEnum):
    """How a quoted loan is repaid."""

    EQUAL_INSTALLMENT = "equal_installment"  # 等额本息: level payments
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金: equal principal, interest on the balance
    INTEREST_FIRST = "interest_first"  # 先息后本: interest each period, principal at the end
    ONE_TIME = "one_time"  # 一次性还本付息: everything at maturity
    FLAT_FEE = "flat_fee"  # 等本等息: the rate charged every period on the original principal


class TermUnit(StrEnum):
    """The unit a quoted term is given in; weeks and months are also the payment interval."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


MAX_TERM = {TermUnit.DAY: MAX_SINGLE_TERM_DAYS, TermUnit.WEEK: MAX_PAYMENTS, TermUnit.MONTH: 600}


@dataclass(frozen=True, kw_only=True)
class Offer:
    """A loan as a platform quotes it. Constructing one checks it (raising OfferError).

    amount: the face value the schedule repays; rate: the quoted rate as a fraction
    (Decimal("0.0005") for 0.05%) per `rate_period` ("day", "month", "year"); day_basis: 365 or
    360, the days a platform multiplies a daily rate by (also how a yearly rate is split into
    days). term in term_unit ("day": one repayment after that many days; "week", "month": that
    many payments, weekly or monthly). method: see Method ("one_time" repays everything at the
    end of the term). start_date: the day the money is paid out; first_due: the first (or only)
    due date, by default one period (or the whole term) after the start; an odd first period is
    charged for its real length. Monthly due dates keep the start date's day of the month (the
    last day of shorter months), or the given first due date's day (see periods.py). Fees: taken
    at payout, as an amount and/or a fraction of the amount; charged with every payment, as an
    amount and/or a fraction of the original amount; and a one-off fee paid separately on the
    start date. Money is rounded to cents.
    """

    amount: Decimal
    rate: Decimal
    rate_period: RatePeriod
    term: int
    term_unit: TermUnit
    method: Method
    start_date: date
    first_due: date | None = None
    day_basis: int = 365
    fee_upfront_amount: Decimal = ZERO
    fee_upfront_rate: Decimal = ZERO
    fee_per_period_amount: Decimal = ZERO
    fee_per_period_rate: Decimal = ZERO
    fee_separate: Decimal = ZERO

    def __post_init__(self) -> None:
        put = object.__setattr__  # frozen: normalised values are stored once, here
        amount = _money(self.amount, field="amount")
        if amount <= 0:
            raise OfferError(ErrorCode.AMOUNT_NOT_POSITIVE, field="amount")
        if amount > MAX_AMOUNT:
            raise OfferError(ErrorCode.AMOUNT_TOO_LARGE, field="amount")
        put(self, "amount", amount)
        rate = decimal_input(self.rate, field="rate")
        if rate < 0:
            raise OfferError(ErrorCode.RATE_NEGATIVE, field="rate")
        if rate > MAX_RATE:
            raise OfferError(ErrorCode.RATE_TOO_LARGE, field="rate")
        put(self, "rate", rate)
        put(self, "rate_period", rate_period_input(self.rate_period))
        put(self, "day_basis", day_basis_input(self.day_basis))
        try:
            put(self, "term_unit", TermUnit(self.term_unit))
        except ValueError:
            raise OfferError(ErrorCode.TERM_UNIT_INVALID, field="term_unit") from None
        try:
            put(self, "method", Method(self.method))
        except ValueError:
            raise OfferError(ErrorCode.METHOD_INVALID, field="method") from None
        term = int_input(self.term, field="term")
        if term <= 0:
            raise OfferError(ErrorCode.TERM_NOT_POSITIVE, field="term")
        if term > MAX_TERM[self.term_unit]:
            raise OfferError(ErrorCode.TERM_TOO_LONG, field="term")
        start = date_input(self.start_date, field="start_date")
        if self.first_due is not None:
            first_due = date_input(self.first_due, field="first_due")
            if first_due <= start:
                raise OfferError(ErrorCode.FIRST_DUE_NOT_AFTER_START, field="first_due")
            if self.is_single_payment and (first_due - start).days > MAX_SINGLE_TERM_DAYS:
                raise OfferError(ErrorCode.TERM_TOO_LONG, field="first_due")
        for name in ("fee_upfront_amount", "fee_per_period_amount", "fee_separate"):
            fee = _money(getattr(self, name), field=name)
            if fee < 0:
                raise OfferError(ErrorCode.FEE_NEGATIVE, field=name)
            if fee > MAX_AMOUNT:
                raise OfferError(ErrorCode.FEE_TOO_LARGE, field=name)
            put(self, name, fee)
        for name in ("fee_upfront_rate", "fee_per_period_rate"):
            fee_rate = decimal_input(getattr(self, name), field=name)
            if fee_rate < 0:
                raise OfferError(ErrorCode.FEE_NEGATIVE, field=name)
            if fee_rate > MAX_RATE:
                raise OfferError(ErrorCode.FEE_TOO_LARGE, field=name)
            put(self, name, fee_rate)
        if self.fee_upfront >= amount:
            culprit = "fee_upfront_amount" if self.fee_upfront_amount else "fee_upfront_rate"
            raise OfferError(ErrorCode.FEES_EXCEED_AMOUNT, field=culprit)
        if self.fee_upfront + self.fee_separate >= amount:
            raise OfferError(ErrorCode.FEES_EXCEED_AMOUNT, field="fee_separate")

    @property
    def fee_upfront(self) -> Decimal:
        """Everything taken at payout, in money."""
        return to_cents(self.fee_upfront_amount + self.amount * self.fee_upfront_rate)

    @property
    def fee_per_period(self) -> Decimal:
        """The fee added to every payment, in money."""
        return to_cents(self.fee_per_period_amount + self.amount * self.fee_per_period_rate)

    @property
    def is_single_payment(self) -> bool:
        """A term in days, or a one-time repayment: one payment at the end."""
        return self.term_unit is TermUnit.DAY or self.method is Method.ONE_TIME

    @property
    def payment_count(self) -> int:
        """How many payments its schedule has (known before it is priced)."""
        return 1 if self.is_single_payment else self.term


@dataclass(frozen=True, kw_only=True)
class Plan:
    """A loan as the lending app's repayment plan shows it. Constructing one checks it.

    received: the money that reaches the borrower; payment: the regular payment; count: how many;
    frequency: "week", "2weeks", "4weeks", "semimonth", "month", "2months" or "quarter";
    start_date: the payout day; first_due: by default one period after the start (month-based
    due dates then keep the start date's day of the month; see periods.py);
    first_payment / last_payment: when the first or last payment differs from the others (needs
    at least two payments); contract_amount: the loan amount the contract states when fees were
    taken at payout (at least `received`): the schedule then repays that amount, as the contract
    says it is owed, and the difference is the fee taken at payout.
    """

    received: Decimal
    payment: Decimal
    count: int
    frequency: Frequency
    start_date: date
    first_due: date | None = None
    first_payment: Decimal | None = None
    last_payment: Decimal | None = None
    contract_amount: Decimal | None = None

    def __post_init__(self) -> None:
        put = object.__setattr__
        received = _money(self.received, field="received")
        if received <= 0:
            raise OfferError(ErrorCode.RECEIVED_NOT_POSITIVE, field="received")
        if received > MAX_AMOUNT:
            raise OfferError(ErrorCode.AMOUNT_TOO_LARGE, field="received")
        put(self, "received", received)
        if self.contract_amount is not None:
            contract = _money(self.contract_amount, field="contract_amount")
            if contract < received:
                raise OfferError(ErrorCode.CONTRACT_BELOW_RECEIVED, field="contract_amount")
            if contract > MAX_AMOUNT:
                raise OfferError(ErrorCode.AMOUNT_TOO_LARGE, field="contract_amount")
            put(self, "contract_amount", contract)
        for name in ("payment", "first_payment", "last_payment"):
            if name != "payment" and getattr(self, name) is None:
                continue
            amount = _money(getattr(self, name), field=name)
            if amount <= 0:
                raise OfferError(ErrorCode.PAYMENT_NOT_POSITIVE, field=name)
            if amount > MAX_AMOUNT:
                raise OfferError(ErrorCode.AMOUNT_TOO_LARGE, field=name)
            put(self, name, amount)
        count = int_input(self.count, field="count")
        if count <= 0:
            raise OfferError(ErrorCode.COUNT_NOT_POSITIVE, field="count")
        if count > MAX_PAYMENTS:
            raise OfferError(ErrorCode.COUNT_TOO_LARGE, field="count")
        if count == 1 and (self.first_payment is not None or self.last_payment is not None):
            field = "first_payment" if self.first_payment is not None else "last_payment"
            raise OfferError(ErrorCode.COUNT_TOO_SMALL, field=field)
        put(self, "frequency", frequency_input(self.frequency))
        start = date_input(self.start_date, field="start_date")
        if self.first_due is not None:
            first_due = date_input(self.first_due, field="first_due")
            if first_due <= start:
                raise OfferError(ErrorCode.FIRST_DUE_NOT_AFTER_START, field="first_due")

    @property
    def fee_upfront(self) -> Decimal:
        """What the contract says was lent beyond the money received: the fee taken at payout."""
        return NO_MONEY if self.contract_amount is None else self.contract_amount - self.received

    @property
    def payment_count(self) -> int:
        """How many payments its schedule has."""
        return self.count


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One payment: principal + interest + fees = payment; balance is what remains owed."""

    number: int
    due_date: date
    payment: Decimal
    principal: Decimal
    interest: Decimal
    fees: Decimal
    balance: Decimal


@dataclass(frozen=True, kw_only=True)
class Quote:
    """A priced loan: its schedule, totals and true cost. Rates are Decimal fractions.

    principal: what the schedule repays (an offer's face value; a plan's amount received);
    amount_received: what reaches the borrower (principal less fees taken at payout);
    net_received: amount_received less the fee paid separately (the advance the APR is on);
    total_repaid: the sum of the payments; total_fees: at payout + every period + separate;
    total_cost: everything paid less the money received (= total_interest + total_fees);
    apr: the true APR (Appendix J, period_rate x periods_per_year); effective_annual_rate:
    compounded (for a single payment at most a year away (repaid / received)^(365 / days) - 1;
    further away the unit-period is a year and it equals the APR);
    advertised_annual_rate: the quoted rate annualised as platforms do (None for a plan);
    apr_to_advertised: how many times the true rate exceeds it (None if nothing was advertised);
    compounded_annual_rate: the quoted rate compounded over a year ((1 + d)^365 - 1 for a daily
    rate); quoted_daily_rate: what the quoted rate charges a day (a yearly rate / day_basis, a
    monthly rate / 30); both None for a plan.
    A plan's split of each payment into principal and interest is actuarial: interest is the
    balance times the true period rate.
    """

    rows: tuple[ScheduleRow, ...]
    principal: Decimal
    amount_received: Decimal
    net_received: Decimal
    fee_upfront: Decimal
    fee_separate: Decimal
    total_repaid: Decimal
    total_interest: Decimal
    total_fees: Decimal
    total_cost: Decimal
    period_rate: Decimal
    periods_per_year: Decimal
    apr: Decimal
    effective_annual_rate: Decimal
    advertised_annual_rate: Decimal | None
    apr_to_advertised: Decimal | None
    compounded_annual_rate: Decimal | None
    quoted_daily_rate: Decimal | None
    unit_period: UnitPeriod
    start_date: date
    first_due: date
    last_due: date
    term_days: int
    payment_count: int
    solver_iterations: int
    method: Method | None
    frequency: Frequency | None
    has_upfront_fee: bool
    has_periodic_fee: bool
    has_separate_fee: bool
    is_flat_fee: bool
    is_single_payment: bool
    has_odd_first_period: bool


def schedule_for_offer(*, offer: Offer) -> Quote:
    """Price a quoted offer: its repayment schedule, totals, true APR and advertised rate.

    Interest: a daily rate is charged for the actual days of each period; a monthly or yearly rate
    per month (monthly schedules, odd days at 1/30 of a month), per week (weekly schedules, the
    annual rate / 52) or per day for a term in days (a month's rate / 30, a year's / day_basis).
    Flat-fee charges are shown as interest. The last payment absorbs the rounding to cents.
    """
    with localcontext() as ctx:
        ctx.prec = PRECISION
        start = offer.start_date
        if offer.is_single_payment:
            due = offer.first_due or _single_due_date(offer)
            unit = unit_for_single_payment(start, due)
            dates = [due]
            first = unit_periods_between(start, due, unit)  # (1, 0) unless beyond a year
            frequency = None
        else:
            frequency = Frequency.WEEK if offer.term_unit is TermUnit.WEEK else Frequency.MONTH
            unit = UNIT_FOR_FREQUENCY[frequency]
            dates = schedule_due_dates(
                start=start, first_due=offer.first_due, count=offer.term, unit=unit
            )
            first = unit_periods_between(start, dates[0], unit)
        rates = _period_rates(offer, unit, dates, first)
        fee = offer.fee_per_period
        rows, total_interest, total_repaid = _amortise(offer, dates, rates, fee)
        fee_upfront = offer.fee_upfront
        received = offer.amount - fee_upfront
        net_received = received - offer.fee_separate
        if len(rows) == 1 and not offer.is_single_payment:
            # A one-period term is a single payment too: Appendix J prices it over its own term.
            unit = unit_for_single_payment(start, dates[0])
            first = unit_periods_between(start, dates[0], unit)
        period_rate, iterations = solve_period_rate(advance=net_received, flows=_flows(rows, first))
        single = None
        if len(rows) == 1:
            single = (rows[0].payment, net_received, (dates[0] - start).days)
        apr, effective = annual_rates(period_rate=period_rate, unit=unit, single_payment=single)
        odd_first = len(rows) > 1 and first != (1, ZERO)
        if odd_first:
            effective = _actual_days_rate(net_received, start, rows)
        advertised = advertised_annual_rate(
            rate=offer.rate, rate_period=offer.rate_period, day_basis=offer.day_basis
        )
        total_fees = fee * len(rows) + fee_upfront + offer.fee_separate
        return Quote(
            rows=tuple(rows),
            principal=offer.amount,
            amount_received=received,
            net_received=net_received,
            fee_upfront=fee_upfront,
            fee_separate=offer.fee_separate,
            total_repaid=total_repaid,
            total_interest=total_interest,
            total_fees=total_fees,
            total_cost=total_repaid + offer.fee_separate - received,
            period_rate=period_rate,
            periods_per_year=unit.per_year,
            apr=apr,
            effective_annual_rate=effective,
            advertised_annual_rate=advertised,
            apr_to_advertised=apr / advertised if advertised else None,
            compounded_annual_rate=compounded_annual_rate(
                rate=offer.rate, rate_period=offer.rate_period
            ),
            quoted_daily_rate=rate_per_day(
                rate=offer.rate, rate_period=offer.rate_period, day_basis=offer.day_basis
            ),
            unit_period=unit,
            start_date=start,
            first_due=dates[0],
            last_due=dates[-1],
            term_days=(dates[-1] - start).days,
            payment_count=len(rows),
            solver_iterations=iterations,
            method=offer.method,
            frequency=frequency,
            has_upfront_fee=fee_upfront > 0,
            has_periodic_fee=fee > 0,
            has_separate_fee=offer.fee_separate > 0,
            is_flat_fee=offer.method is Method.FLAT_FEE,
            is_single_payment=len(rows) == 1,
            has_odd_first_period=odd_first,
        )


def schedule_for_plan(*, plan: Plan) -> Quote:
    """Price a plan the lending app shows: the true APR of what is received against what is paid.

    The lender's own split of each payment is not shown, so the schedule splits it actuarially:
    interest is the remaining balance times the period rate, the rest repays the principal. The
    principal is the contract amount when the plan gives one (the fee taken at payout is then
    still owed, as the contract says, and the split uses the rate of the contract amount), else
    the money received (the split uses the true rate). A plan that repays less than it pays out
    has a negative rate; no error.
    """
    with localcontext() as ctx:
        ctx.prec = PRECISION
        start = plan.start_date
        regular = UNIT_FOR_FREQUENCY[plan.frequency]
        dates = schedule_due_dates(
            start=start, first_due=plan.first_due, count=plan.count, unit=regular
        )
        first_due = dates[0]
        amounts = [plan.payment] * plan.count
        if plan.first_payment is not None:
            amounts[0] = plan.first_payment
        if plan.last_payment is not None:
            amounts[-1] = plan.last_payment
        if plan.count == 1:
            unit = unit_for_single_payment(start, first_due)
            first = unit_periods_between(start, first_due, unit)  # (1, 0) unless beyond a year
        else:
            unit = regular
            first = unit_periods_between(start, first_due, unit)
        whole, fraction = first
        flows = [(amount, whole + k, fraction) for k, amount in enumerate(amounts)]
        period_rate, iterations = solve_period_rate(advance=plan.received, flows=flows)
        principal = plan.received
        split_rate = period_rate
        if plan.contract_amount is not None and plan.contract_amount != plan.received:
            principal = plan.contract_amount
            split_rate, _evaluations = solve_period_rate(advance=principal, flows=flows)
        rows = _actuarial_rows(principal, split_rate, dates, amounts)
        total_repaid = sum(amounts, NO_MONEY)
        fee_upfront = plan.fee_upfront
        single = (amounts[0], plan.received, (dates[0] - start).days) if plan.count == 1 else None
        apr, effective = annual_rates(period_rate=period_rate, unit=unit, single_payment=single)
        odd_first = plan.count > 1 and first != (1, ZERO)
        if odd_first:
            effective = _actual_days_rate(plan.received, start, rows)
        return Quote(
            rows=rows,
            principal=principal,
            amount_received=plan.received,
            net_received=plan.received,
            fee_upfront=fee_upfront,
            fee_separate=NO_MONEY,
            total_repaid=total_repaid,
            total_interest=total_repaid - principal,
            total_fees=fee_upfront,
            total_cost=total_repaid - plan.received,
            period_rate=period_rate,
            periods_per_year=unit.per_year,
            apr=apr,
            effective_annual_rate=effective,
            advertised_annual_rate=None,
            apr_to_advertised=None,
            compounded_annual_rate=None,
            quoted_daily_rate=None,
            unit_period=unit,
            start_date=start,
            first_due=dates[0],
            last_due=dates[-1],
            term_days=(dates[-1] - start).days,
            payment_count=plan.count,
            solver_iterations=iterations,
            method=None,
            frequency=plan.frequency,
            has_upfront_fee=fee_upfront > 0,
            has_periodic_fee=False,
            has_separate_fee=False,
            is_flat_fee=False,
            is_single_payment=plan.count == 1,
            has_odd_first_period=odd_first,
        )


def _actuarial_rows(
    principal: Decimal, period_rate: Decimal, dates: list[date], amounts: list[Decimal]
) -> tuple[ScheduleRow, ...]:
    """A shown plan's payments split into principal and interest at `period_rate`.

    Each balance is what the payments still to come are worth at that rate, worked backwards
    from the last payment: stable however high the rate, and never below zero (working
    forwards, balance x rate, would multiply the cents rounding at high rates).
    """
    count = len(amounts)
    discount = ONE / (ONE + period_rate)
    balances = [NO_MONEY] * count
    still_owed = ZERO
    for k in range(count - 2, -1, -1):
        still_owed = (still_owed + amounts[k + 1]) * discount
        balances[k] = to_cents(still_owed)
    rows = []
    balance = principal
    for k, (due, amount) in enumerate(zip(dates, amounts, strict=True)):
        part = balance - balances[k]
        balance = balances[k]
        rows.append(ScheduleRow(k + 1, due, amount, part, amount - part, NO_MONEY, balance))
    return tuple(rows)


def _actual_days_rate(advance: Decimal, start: date, rows: list[ScheduleRow] | tuple) -> Decimal:
    """The EU effective rate of a schedule whose first period is odd, on actual days."""
    return actual_days_effective_rate(
        advance=advance, start_date=start, payments=[(row.due_date, row.payment) for row in rows]
    )


def installment_payment(*, principal: Decimal, period_rate: Decimal, count: int) -> Decimal:
    """The exact (unrounded) equal-instalment payment: P r (1+r)^n / ((1+r)^n - 1), P / n at 0%."""
    amount = decimal_input(principal, field="principal")
    rate = decimal_input(period_rate, field="period_rate")
    periods = int_input(count, field="count")
    if amount <= 0:
        raise OfferError(ErrorCode.AMOUNT_NOT_POSITIVE, field="principal")
    if rate < 0:
        raise OfferError(ErrorCode.RATE_NEGATIVE, field="period_rate")
    if periods <= 0:
        raise OfferError(ErrorCode.COUNT_NOT_POSITIVE, field="count")
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return _level_payment(amount, [rate] * periods)


def payment_times(quote: Quote) -> list[tuple[int, Decimal]]:
    """Each payment's Appendix J time (whole unit-periods, fraction) from the start of `quote`.

    A single payment is one unit-period after the start (its own term), or, more than a year
    away, whole years and a fraction of one.
    """
    if quote.is_single_payment:
        return [unit_periods_between(quote.start_date, quote.first_due, quote.unit_period)]
    whole, fraction = unit_periods_between(quote.start_date, quote.first_due, quote.unit_period)
    return [(whole + k, fraction) for k in range(quote.payment_count)]


def _money(value: object, *, field: str) -> Decimal:
    return to_cents(decimal_input(value, field=field))


def _single_due_date(offer: Offer) -> date:
    if offer.term_unit is TermUnit.MONTH:
        return add_months(offer.start_date, offer.term)
    days = offer.term * 7 if offer.term_unit is TermUnit.WEEK else offer.term
    return offer.start_date + timedelta(days=days)


def _period_rates(
    offer: Offer, unit: UnitPeriod, dates: list[date], first: tuple[int, Decimal]
) -> list[Decimal]:
    """The interest rate each period charges, as a fraction of the balance."""
    if offer.rate_period is RatePeriod.DAY:
        rates = []
        previous = offer.start_date
        for due in dates:
            rates.append(offer.rate * (due - previous).days)
            previous = due
        return rates
    if offer.is_single_payment:
        # Simple interest over the term, whatever unit-period Appendix J prices it with: whole
        # months at the monthly rate, any other term by the day.
        months, days = months_and_days(offer.start_date, dates[0])
        if months and not days:
            per_month = rate_per_month(rate=offer.rate, rate_period=offer.rate_period)
            return [per_month * months]
        per_day = rate_per_day(
            rate=offer.rate, rate_period=offer.rate_period, day_basis=offer.day_basis
        )
        return [per_day * (dates[0] - offer.start_date).days]
    if unit.kind == "months":
        per_period = rate_per_month(rate=offer.rate, rate_period=offer.rate_period)
    else:
        per_period = rate_per_week(rate=offer.rate, rate_period=offer.rate_period)
    whole, fraction = first
    return [per_period * (whole + fraction)] + [per_period] * (len(dates) - 1)


def _level_payment(principal: Decimal, rates: list[Decimal]) -> Decimal:
    """The payment that repays `principal` over the periods, each charging its own rate:
    principal / sum over k of the discount factor 1 / ((1 + r_1) ... (1 + r_k))."""
    first, rest = rates[0], rates[1:]
    regular = rest[0] if rest else first
    if rest.count(regular) == len(rest):
        count = len(rates)
        if regular:
            x = ONE / (ONE + regular)
            annuity = (ONE - x**count) / (ONE - x)  # 1 + x + ... + x^(count-1)
        else:
            annuity = Decimal(count)
        return principal * (ONE + first) / annuity
    discount = ONE
    factors = ZERO
    for rate in rates:
        discount /= ONE + rate
        factors += discount
    return principal / factors


def _amortise(
    offer: Offer, dates: list[date], rates: list[Decimal], fee: Decimal
) -> tuple[list[ScheduleRow], Decimal, Decimal]:
    principal_total = offer.amount
    count = len(dates)
    method = offer.method
    flat = method is Method.FLAT_FEE
    level = part = ZERO
    if method is Method.EQUAL_INSTALLMENT:
        level = to_cents(_level_payment(principal_total, rates))
    elif method in (Method.EQUAL_PRINCIPAL, Method.FLAT_FEE):
        part = to_cents(principal_total / count)
    installment = method is Method.EQUAL_INSTALLMENT
    rows = []
    balance = principal_total
    total_interest = total_repaid = NO_MONEY
    last = count - 1
    for k, (due, rate) in enumerate(zip(dates, rates, strict=True)):
        base = principal_total if flat else balance
        interest = to_cents(base * rate) if rate and base else NO_MONEY
        if k == last:
            principal = balance
        else:
            principal = level - interest if installment else part
            # Rounding small payments up over many periods could overpay: never below zero owed.
            if principal > balance:
                principal = balance
        balance -= principal
        payment = principal + interest + fee
        total_interest += interest
        total_repaid += payment
        rows.append(ScheduleRow(k + 1, due, payment, principal, interest, fee, balance))
    return rows, total_interest, total_repaid


def _flows(rows: list[ScheduleRow], first: tuple[int, Decimal]) -> list[Flow]:
    whole, fraction = first
    return [(row.payment, whole + k, fraction) for k, row in enumerate(rows)]
