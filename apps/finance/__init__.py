"""Repayable's loan cost engine: plain Python, Decimal in, frozen dataclasses out, no Django.

Every amount of money is a Decimal (built from a string, never a float) and is rounded once, to
cents, half up (`to_cents`). Every rate is a Decimal fraction: 0.05% a day is Decimal("0.0005").
Results carry codes and numbers, never display text. Invalid input raises `OfferError`, whose
`code` (an ErrorCode; ERROR_CODES is all of them) and `field` (the keyword
argument at fault) let a form show a translated message beside the right input. Passing a float
raises TypeError: that is a programming error, not a borrower's.

Pricing a loan
    quote = schedule_for_offer(offer=Offer(
        amount=Decimal("10000"), rate=Decimal("0.01"), rate_period="month",
        term=12, term_unit="month", method="equal_installment", start_date=date(2025, 1, 15),
        fee_upfront_amount=Decimal("1000"),
    ))
    quote.apr, quote.effective_annual_rate, quote.rows[0].payment

Offer (quoted terms): amount, rate, rate_period (RatePeriod: day|month|year), term,
    term_unit (TermUnit: day|week|month), method (Method: equal_installment|equal_principal|
    interest_first|one_time|flat_fee), start_date, first_due=None, day_basis=365 (or 360),
    fee_upfront_amount, fee_upfront_rate (of the amount), fee_per_period_amount,
    fee_per_period_rate (of the original amount), fee_separate (paid on the start date).
    A term in days, or method one_time, is one repayment; weeks and months are also the payment
    interval. Offer.fee_upfront / fee_per_period / is_single_payment are derived properties.
Month-end rule (offers, and plans paid month / 2months / quarter): with no first_due, every due
    date keeps the start date's day of the month, moved back to the last day of shorter months
    (start 31 Jan: 28 Feb, 31 Mar, 30 Apr, 31 May; start 30 Jan 2024: 29 Feb, 30 Mar), never
    drifting to the 28th; a given first_due's day is the anchor instead (28 Feb: the 28th every
    month). Appendix J counts such dates as whole months (31 Jan to 28 Feb is one month).
Plan (what a lending app shows): received, payment, count, frequency (Frequency: week|2weeks|
    4weeks|semimonth|month|2months|quarter), start_date, first_due=None, first_payment=None,
    last_payment=None.
schedule_for_offer(*, offer) / schedule_for_plan(*, plan) -> Quote with
    rows: tuple of ScheduleRow(number, due_date, payment, principal, interest, fees, balance);
    principal, amount_received, net_received, fee_upfront, fee_separate, total_repaid,
    total_interest, total_fees, total_cost (everything paid less the money received);
    period_rate, periods_per_year, apr (true APR, Regulation Z Appendix J), effective_annual_rate,
    advertised_annual_rate (daily x 365/360, monthly x 12; None for a plan), apr_to_advertised,
    compounded_annual_rate (the quoted rate compounded), quoted_daily_rate;
    unit_period, start_date, first_due, last_due, term_days, payment_count, solver_iterations,
    method, frequency; flags has_upfront_fee, has_periodic_fee, has_separate_fee, is_flat_fee,
    is_single_payment, has_odd_first_period.
    A single payment's unit-period is its own term, but never more than a year (Appendix J
    (b)(4)): further away unit_period is one year (periods.YEAR, periods_per_year 1), the payment
    falls t whole years plus f after the start (f: leftover months / 12 for a term of whole
    months, otherwise leftover days / 365), and effective_annual_rate equals the APR. 10,000
    repaid as 12,400 after 24 months: (1 + i)^2 = 1.24, APR 11.36% (not 12% simple).
true_apr(*, advance, start_date, payments: [CashFlow(due_date, amount)], frequency=None)
    -> AprResult(period_rate, periods_per_year, apr, effective_annual_rate, unit_period,
    iterations): the true APR of any cash flows (a single payment is priced over its own term,
    at most a year, as above); the solver never uses more than MAX_SOLVER_ITERATIONS
    evaluations, and repaying less than was received gives a negative rate.
overdue_cost(*, quote, days_late, penalty_daily_rate=0, late_fee=0, payment_number=1)
    -> OverdueCost: penalty, late fee and total owed (also day by day, as OverdueDay rows) and the
    loan's true APR with the delay.
Rates: advertised_annual_rate, compounded_annual_rate, effective_annual_rate,
    fraction_from_percent (a rate typed in percent); installment_payment (the exact
    equal-instalment payment).
Limits the forms can quote: MAX_AMOUNT, MAX_RATE, MAX_PAYMENTS, MAX_TERM, MAX_DAYS_LATE.
"""

from __future__ import annotations

from apps.finance.apr import MAX_SOLVER_ITERATIONS, AprResult, CashFlow, true_apr
from apps.finance.errors import ERROR_CODES, ErrorCode, OfferError
from apps.finance.money import CENT, ROUNDING, to_cents
from apps.finance.overdue import MAX_DAYS_LATE, OverdueCost, OverdueDay, overdue_cost
from apps.finance.periods import Frequency, UnitPeriod
from apps.finance.rates import (
    DAY_BASES,
    RatePeriod,
    advertised_annual_rate,
    compounded_annual_rate,
    effective_annual_rate,
    fraction_from_percent,
)
from apps.finance.schedule import (
    MAX_AMOUNT,
    MAX_PAYMENTS,
    MAX_RATE,
    MAX_TERM,
    Method,
    Offer,
    Plan,
    Quote,
    ScheduleRow,
    TermUnit,
    installment_payment,
    schedule_for_offer,
    schedule_for_plan,
)

__all__ = [
    "CENT",
    "DAY_BASES",
    "ERROR_CODES",
    "MAX_AMOUNT",
    "MAX_DAYS_LATE",
    "MAX_PAYMENTS",
    "MAX_RATE",
    "MAX_SOLVER_ITERATIONS",
    "MAX_TERM",
    "ROUNDING",
    "AprResult",
    "CashFlow",
    "ErrorCode",
    "Frequency",
    "Method",
    "Offer",
    "OfferError",
    "OverdueCost",
    "OverdueDay",
    "Plan",
    "Quote",
    "RatePeriod",
    "ScheduleRow",
    "TermUnit",
    "UnitPeriod",
    "advertised_annual_rate",
    "compounded_annual_rate",
    "effective_annual_rate",
    "fraction_from_percent",
    "installment_payment",
    "overdue_cost",
    "schedule_for_offer",
    "schedule_for_plan",
    "to_cents",
    "true_apr",
]
