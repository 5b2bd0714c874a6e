"""What a late payment costs: penalty interest day by day, a late fee, and the true rate after it.

The common form in mainland China is penalty interest (罚息) charged per day on the overdue amount;
some lenders charge a fixed late fee instead or as well. One payment is paid late, every other one
on time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext

from apps.finance.apr import (
    PRECISION,
    actual_days_effective_rate,
    annual_rates,
    solve_period_rate,
)
from apps.finance.errors import ErrorCode, OfferError
from apps.finance.money import NO_MONEY, ZERO, decimal_input, int_input, to_cents
from apps.finance.periods import DAYS_PER_YEAR, unit_for_single_payment, unit_periods_between
from apps.finance.schedule import Quote, payment_times

MAX_DAYS_LATE = 3650


@dataclass(frozen=True, slots=True)
class OverdueDay:
    """Day `day` after the due date: penalty accrued so far, and everything owed for the payment."""

    day: int
    date: date
    penalty: Decimal
    late_fee: Decimal
    total_owed: Decimal


@dataclass(frozen=True, kw_only=True)
class OverdueCost:
    """One payment paid `days_late` days late.

    overdue_amount: the payment missed; penalty: penalty interest accrued by the day it is paid;
    late_fee: the fixed fee (charged from the first day late); total_owed: all three together;
    extra_cost: penalty + late fee; days: the same figures for each day late, 1 to days_late;
    penalty_annual_rate: the daily penalty rate x 365; apr_on_time / apr_with_delay and
    effective_annual_rate_with_delay: the loan's true cost paid on time and paid this way;
    total_cost_with_delay: the loan's total cost plus extra_cost; not_yet_due: what is left of
    the loan after this payment (the schedule's balance), which is owed but not yet due;
    owed_in_full: total_owed + not_yet_due, the whole debt on the day it is paid, which a
    repayment plan has to cover (later payments' interest is not yet owed, so it is left out).
    """

    payment_number: int
    due_date: date
    paid_date: date
    days_late: int
    overdue_amount: Decimal
    penalty: Decimal
    late_fee: Decimal
    total_owed: Decimal
    extra_cost: Decimal
    days: tuple[OverdueDay, ...]
    penalty_annual_rate: Decimal
    apr_on_time: Decimal
    apr_with_delay: Decimal
    effective_annual_rate_with_delay: Decimal
    total_cost_with_delay: Decimal
    not_yet_due: Decimal
    owed_in_full: Decimal
    solver_iterations: int


def overdue_cost(
    *,
    quote: Quote,
    days_late: int,
    penalty_daily_rate: Decimal = ZERO,
    late_fee: Decimal = ZERO,
    payment_number: int = 1,
) -> OverdueCost:
    """The cost of paying payment `payment_number` of `quote` `days_late` days late.

    `penalty_daily_rate` is a fraction per day of the overdue amount (Decimal("0.0005") for 0.05%
    a day), accrued as simple interest; `late_fee` is a fixed amount. Raises OfferError
    (days_late "days_late_negative" / "days_late_too_large"; payment_number
    "payment_number_invalid"; penalty_daily_rate or late_fee "penalty_negative").
    """
    days = int_input(days_late, field="days_late")
    if days < 0:
        raise OfferError(ErrorCode.DAYS_LATE_NEGATIVE, field="days_late")
    if days > MAX_DAYS_LATE:
        raise OfferError(ErrorCode.DAYS_LATE_TOO_LARGE, field="days_late")
    number = int_input(payment_number, field="payment_number")
    if not 1 <= number <= quote.payment_count:
        raise OfferError(ErrorCode.PAYMENT_NUMBER_INVALID, field="payment_number")
    rate = decimal_input(penalty_daily_rate, field="penalty_daily_rate")
    if rate < 0:
        raise OfferError(ErrorCode.PENALTY_NEGATIVE, field="penalty_daily_rate")
    fee = to_cents(decimal_input(late_fee, field="late_fee"))
    if fee < 0:
        raise OfferError(ErrorCode.PENALTY_NEGATIVE, field="late_fee")

    with localcontext() as ctx:
        ctx.prec = PRECISION
        row = quote.rows[number - 1]
        overdue = row.payment
        series = []
        for day in range(1, days + 1):
            penalty_so_far = to_cents(overdue * rate * day)
            series.append(
                OverdueDay(
                    day=day,
                    date=row.due_date + timedelta(days=day),
                    penalty=penalty_so_far,
                    late_fee=fee,
                    total_owed=overdue + penalty_so_far + fee,
                )
            )
        penalty = series[-1].penalty if series else NO_MONEY
        charged_fee = fee if days else NO_MONEY
        extra = penalty + charged_fee
        paid_date = row.due_date + timedelta(days=days)

        # The late payment moves to the day it is paid. A single repayment keeps its own term as
        # the unit-period, now running to that day (capped at a year, so a delay that takes it
        # past a year prices it in whole years and a fraction); in a schedule the payment keeps
        # its place in whole unit-periods and the delay is added to it.
        if quote.is_single_payment:
            unit = unit_for_single_payment(quote.start_date, paid_date)
            flows = [(overdue + extra, *unit_periods_between(quote.start_date, paid_date, unit))]
            single = (overdue + extra, quote.net_received, (paid_date - quote.start_date).days)
        else:
            unit = quote.unit_period
            times = payment_times(quote)
            whole, fraction = times[number - 1]
            late_whole, late_fraction = unit_periods_between(row.due_date, paid_date, unit)
            whole, fraction = whole + late_whole, fraction + late_fraction
            if fraction >= 1:
                whole, fraction = whole + 1, fraction - 1
            flows = [(r.payment, t, f) for r, (t, f) in zip(quote.rows, times, strict=True)]
            flows[number - 1] = (overdue + extra, whole, fraction)
            single = None
        period_rate, iterations = solve_period_rate(advance=quote.net_received, flows=flows)
        apr, effective = annual_rates(period_rate=period_rate, unit=unit, single_payment=single)
        if single is None and days:
            # A payment moved by days is off the schedule's grid: the EU rate on actual days.
            paid = [(r.due_date, r.payment) for r in quote.rows]
            paid[number - 1] = (paid_date, overdue + extra)
            effective = actual_days_effective_rate(
                advance=quote.net_received, start_date=quote.start_date, payments=paid
            )
        return OverdueCost(
            payment_number=number,
            due_date=row.due_date,
            paid_date=paid_date,
            days_late=days,
            overdue_amount=overdue,
            penalty=penalty,
            late_fee=charged_fee,
            total_owed=overdue + extra,
            extra_cost=extra,
            days=tuple(series),
            penalty_annual_rate=rate * DAYS_PER_YEAR,
            apr_on_time=quote.apr,
            apr_with_delay=apr,
            effective_annual_rate_with_delay=effective,
            total_cost_with_delay=quote.total_cost + extra,
            not_yet_due=row.balance,
            owed_in_full=overdue + extra + row.balance,
            solver_iterations=iterations,
        )
