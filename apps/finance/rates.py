"""Quoted rates and their conversions: how platforms annualise a daily or monthly rate.

Rates are Decimal fractions throughout: 0.05% a day is Decimal("0.0005").
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from enum import StrEnum

from apps.finance.errors import ErrorCode, OfferError
from apps.finance.money import ONE, decimal_input
from apps.finance.periods import DAYS_PER_YEAR, MONTHS_PER_YEAR

DAY_BASES = (360, 365)  # platforms multiply a daily rate by 365, some (and banks) by 360
WEEKS_PER_YEAR = 52
# A monthly rate charged by the day is taken as 1/30 of the month (日利率 = 月利率 / 30).
DAYS_PER_MONTH_RATE = 30
# A rate above 1,000% a year, once annualised, is a typing slip (a daily rate typed as monthly,
# a missing point), not an offer: the forms say so rather than price it, and no estimate of
# what a new app would charge goes above it.
MAX_ANNUAL_RATE = Decimal(10)
_PREC = 40


class RatePeriod(StrEnum):
    """The period a quoted rate is charged for."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def fraction_from_percent(percent: Decimal) -> Decimal:
    """A rate typed in percent as the engine's fraction: 0.05 (%) -> 0.0005. A shift of the
    decimal point, so exact for any Decimal."""
    return decimal_input(percent, field="rate").scaleb(-2)


def rate_period_input(value: object, *, field: str = "rate_period") -> RatePeriod:
    """Turn a rate period code ("day", "month", "year") into a RatePeriod, or raise OfferError."""
    try:
        return RatePeriod(value)
    except ValueError:
        raise OfferError(ErrorCode.RATE_PERIOD_INVALID, field=field) from None


def day_basis_input(value: object, *, field: str = "day_basis") -> int:
    """Check a day basis: 360 or 365 days in the year a daily rate is multiplied by."""
    if isinstance(value, bool) or value not in DAY_BASES:
        raise OfferError(ErrorCode.DAY_BASIS_INVALID, field=field)
    return int(value)


def advertised_annual_rate(
    *, rate: Decimal, rate_period: RatePeriod | str, day_basis: int = DAYS_PER_YEAR
) -> Decimal:
    """The quoted rate annualised the way platforms advertise it, without compounding:
    a daily rate x 365 (or x 360), a monthly rate x 12, a yearly rate as it is."""
    period = rate_period_input(rate_period)
    basis = day_basis_input(day_basis)
    if period is RatePeriod.DAY:
        return rate * basis
    if period is RatePeriod.MONTH:
        return rate * MONTHS_PER_YEAR
    return rate


def compounded_annual_rate(*, rate: Decimal, rate_period: RatePeriod | str) -> Decimal:
    """The quoted rate compounded over a year: (1 + d)^365 - 1 for a daily rate,
    (1 + m)^12 - 1 for a monthly rate; a yearly rate is returned as it is."""
    period = rate_period_input(rate_period)
    with localcontext() as ctx:
        ctx.prec = _PREC
        if period is RatePeriod.DAY:
            return (ONE + rate) ** DAYS_PER_YEAR - ONE
        if period is RatePeriod.MONTH:
            return (ONE + rate) ** MONTHS_PER_YEAR - ONE
        return +rate


def effective_annual_rate(*, period_rate: Decimal, periods_per_year: Decimal) -> Decimal:
    """Compound a period rate over a year: (1 + r)^k - 1."""
    with localcontext() as ctx:
        ctx.prec = _PREC
        return (ONE + period_rate) ** periods_per_year - ONE


def rate_per_day(*, rate: Decimal, rate_period: RatePeriod, day_basis: int) -> Decimal:
    """What the quoted rate charges for one day: a daily rate as it is, a monthly rate / 30,
    a yearly rate / the day basis."""
    with localcontext() as ctx:
        ctx.prec = _PREC
        if rate_period is RatePeriod.DAY:
            return +rate
        if rate_period is RatePeriod.MONTH:
            return rate / DAYS_PER_MONTH_RATE
        return rate / day_basis


def rate_per_month(*, rate: Decimal, rate_period: RatePeriod) -> Decimal:
    """What a monthly or yearly quoted rate charges for one month (a yearly rate / 12)."""
    with localcontext() as ctx:
        ctx.prec = _PREC
        return +rate if rate_period is RatePeriod.MONTH else rate / MONTHS_PER_YEAR


def rate_per_week(*, rate: Decimal, rate_period: RatePeriod) -> Decimal:
    """What a monthly or yearly quoted rate charges for one week: the simple annual rate / 52,
    so that a weekly loan with no fees costs exactly its quoted annual rate."""
    with localcontext() as ctx:
        ctx.prec = _PREC
        annual = rate * MONTHS_PER_YEAR if rate_period is RatePeriod.MONTH else rate
        return annual / WEEKS_PER_YEAR
