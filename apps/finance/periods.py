"""Calendars and unit-periods: due dates, and time measured the way Regulation Z Appendix J does.

Appendix J prices every payment at t whole unit-periods plus a fraction f of one, counted from
the start of the loan: whole months measured back from the payment date with the leftover days
over 30 (semimonths: leftover days over 15; weeks: days over 7). The fraction therefore falls in
the first period, where an odd first period really is.

A single advance repaid in a single payment takes its own term as the unit-period, but never more
than a year (Appendix J (b)(4)). Further away, the unit-period is one year (YEAR): t is the whole
years (12 months each, measured back from the payment date) and f the months left over / 12 when
the term is whole months, otherwise the days left over / 365.

The month-end rule for monthly, two-monthly and quarterly due dates: when the first due date is
not given, every due date keeps the start date's day of the month, moved back to the last day of
shorter months, and moves forward again when the month allows (start 31 January: 28 February,
31 March, 30 April, 31 May; start 30 January 2024: 29 February, 30 March). This is the
corresponding-day rule of instalment-loan contracts (the due day is the payout day; a month
without that day pays on its last day), so a schedule never drifts to the 28th for the rest of the
loan because its first payment fell in February. When the borrower gives the first due date, its
day of the month is the anchor instead (a first due date on 28 February stays on the 28th).
Appendix J counts these dates as whole months: 31 January to 28 February is exactly one month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, localcontext
from enum import StrEnum

from apps.finance.errors import ErrorCode, OfferError

DAYS_PER_YEAR = 365  # also Appendix J's divisor for leftover days when the unit-period is a year
DAYS_PER_MONTH_FRACTION = 30  # Appendix J: leftover days over 30 make the fraction of a month
DAYS_PER_SEMIMONTH_FRACTION = 15
MONTHS_PER_YEAR = 12

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class Frequency(StrEnum):
    """How often a plan's payments fall due."""

    WEEK = "week"
    TWO_WEEKS = "2weeks"
    FOUR_WEEKS = "4weeks"
    SEMIMONTH = "semimonth"
    MONTH = "month"
    TWO_MONTHS = "2months"
    QUARTER = "quarter"


@dataclass(frozen=True, slots=True)
class UnitPeriod:
    """An Appendix J unit-period: `length` units of `kind` ("days", "months", "semimonths" or
    "years"), of which `per_year` fit in a year (the multiplier from period rate to APR)."""

    kind: str
    length: int
    per_year: Decimal


# The longest unit-period Appendix J allows: a single payment more than a year away is priced by it.
YEAR = UnitPeriod("years", 1, Decimal(1))

UNIT_FOR_FREQUENCY: dict[Frequency, UnitPeriod] = {
    Frequency.WEEK: UnitPeriod("days", 7, Decimal(52)),
    Frequency.TWO_WEEKS: UnitPeriod("days", 14, Decimal(26)),
    Frequency.FOUR_WEEKS: UnitPeriod("days", 28, Decimal(13)),
    Frequency.SEMIMONTH: UnitPeriod("semimonths", 1, Decimal(24)),
    Frequency.MONTH: UnitPeriod("months", 1, Decimal(12)),
    Frequency.TWO_MONTHS: UnitPeriod("months", 2, Decimal(6)),
    Frequency.QUARTER: UnitPeriod("months", 3, Decimal(4)),
}


def frequency_input(value: object, *, field: str = "frequency") -> Frequency:
    """Turn a frequency code ("month", "2weeks", ...) into a Frequency, or raise OfferError."""
    try:
        return Frequency(value)
    except ValueError:
        raise OfferError(ErrorCode.FREQUENCY_INVALID, field=field) from None


def date_input(value: object, *, field: str) -> date:
    """Check a date handed to the engine: a calendar date, not a datetime (no time zone games)."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{field} must be a datetime.date, not {type(value).__name__}")
    return value


def days_in_month(year: int, month: int) -> int:
    """Number of days in a month of the Gregorian calendar."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(day: date, months: int, *, anchor_day: int | None = None) -> date:
    """The same day of the month `months` later (or earlier), kept within shorter months.

    `anchor_day` is the day a schedule is due on (31 for "the last day"), so that a loan due on
    the 31st is due on 28 February and again on 31 March.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    wanted = day.day if anchor_day is None else anchor_day
    return date(year, month0 + 1, min(wanted, days_in_month(year, month0 + 1)))


def months_and_days(start: date, end: date) -> tuple[int, int]:
    """Whole months and leftover days from `start` to `end`, months measured back from `end`.

    A date that is exactly whole months after `start`, kept within shorter months (31 January to
    28 February), counts as whole months, as every lender's calendar does.
    """
    months = max((end.year - start.year) * 12 + end.month - start.month, 0)
    if start.day <= end.day <= 28:  # the common case: no month is too short for either day
        return months, end.day - start.day
    back = add_months(end, -months) if months else end
    while months and back < start:
        months -= 1
        back = add_months(end, -months) if months else end
    days = (back - start).days
    if days:
        for whole in (months, months + 1):
            if whole and add_months(start, whole) == end:
                return whole, 0
    return months, days


def unit_periods_between(start: date, end: date, unit: UnitPeriod) -> tuple[int, Decimal]:
    """Appendix J time from `start` to `end`: whole unit-periods t and a fraction f of one.

    Yearly unit-periods count whole years of 12 months; what is left over is its months / 12 when
    it is whole months, and otherwise its days / 365 (Appendix J (b)(5)).
    """
    with localcontext() as ctx:
        ctx.prec = 40
        if unit.kind == "days":
            whole, rest = divmod((end - start).days, unit.length)
            return whole, Decimal(rest) / unit.length
        months, days = months_and_days(start, end)
        if unit.kind == "semimonths":
            halves, rest = divmod(days, DAYS_PER_SEMIMONTH_FRACTION)
            whole = months * 2 + halves
            fraction = Decimal(rest) / DAYS_PER_SEMIMONTH_FRACTION
        elif unit.kind == "years":
            months_per_unit = MONTHS_PER_YEAR * unit.length
            whole, rest_months = divmod(months, months_per_unit)
            if days:
                # Not whole months: the leftover is counted in days, back from the payment date
                # to the start, so the fraction again falls in the first period.
                back = add_months(end, -whole * months_per_unit) if whole else end
                fraction = Decimal((back - start).days) / (DAYS_PER_YEAR * unit.length)
            else:
                fraction = Decimal(rest_months) / months_per_unit
        else:
            whole, rest_months = divmod(months, unit.length)
            fraction = Decimal(rest_months * DAYS_PER_MONTH_FRACTION + days) / (
                DAYS_PER_MONTH_FRACTION * unit.length
            )
        if fraction >= 1:  # e.g. 1 to 31 January: 30 leftover days make one whole month
            carried = int(fraction)
            return whole + carried, fraction - carried
        return whole, fraction


def unit_for_single_payment(start: date, due: date) -> UnitPeriod:
    """Appendix J (b)(4): a single advance repaid in a single payment uses the term as its
    unit-period, but never more than one year.

    A term of whole months up to a year counts 12 / months per year; any other term up to a year
    counts 365 / days; a longer term has a unit-period of one year (YEAR), the payment falling
    t whole years and a fraction f of one after the start (see unit_periods_between).
    """
    if due > add_months(start, MONTHS_PER_YEAR):
        return YEAR
    months, days = months_and_days(start, due)
    with localcontext() as ctx:
        ctx.prec = 40
        if months and not days:
            return UnitPeriod("months", months, Decimal(MONTHS_PER_YEAR) / months)
        length = (due - start).days
        return UnitPeriod("days", length, Decimal(DAYS_PER_YEAR) / length)


def next_due(start: date, unit: UnitPeriod) -> date:
    """The date one unit-period after `start`: the default first due date."""
    if unit.kind == "days":
        return start + timedelta(days=unit.length)
    if unit.kind == "months":
        return add_months(start, unit.length)
    return due_dates(start, 2, unit)[1]


def due_dates(
    first_due: date, count: int, unit: UnitPeriod, *, anchor_day: int | None = None
) -> list[date]:
    """`count` due dates, one unit-period apart, starting at `first_due`.

    Month-based dates fall on `anchor_day`, by default the first due date's day of the month,
    moved back to the last day of shorter months (an anchor of 31 gives 28 February, then
    31 March). An `anchor_day` that `first_due` does not fall on is a programming error
    (ValueError). Semimonthly dates come in pairs 15 days apart within each month: the 5th and
    the 20th, or the 15th and the 30th (the last day in February).
    """
    if unit.kind == "days":
        step = timedelta(days=unit.length)
        return [first_due + step * k for k in range(count)]
    if unit.kind == "months":
        anchor = first_due.day if anchor_day is None else anchor_day
        if first_due.day != min(anchor, days_in_month(first_due.year, first_due.month)):
            raise ValueError(f"first_due {first_due} does not fall on day {anchor}")
        index = first_due.year * 12 + first_due.month - 1
        dates = []
        for _ in range(count):
            year, month0 = divmod(index, 12)
            if anchor <= 28:
                dates.append(date(year, month0 + 1, anchor))
            else:
                dates.append(date(year, month0 + 1, min(anchor, days_in_month(year, month0 + 1))))
            index += unit.length
        return dates
    early_day = first_due.day if first_due.day <= 15 else first_due.day - 15
    start_half = 0 if first_due.day <= 15 else 1
    dates = []
    for k in range(count):
        months, half = divmod(start_half + k, 2)
        day = early_day if half == 0 else early_day + 15
        month_start = add_months(first_due.replace(day=1), months)
        last = days_in_month(month_start.year, month_start.month)
        dates.append(month_start.replace(day=min(day, last)))
    return dates


def schedule_due_dates(
    *, start: date, first_due: date | None, count: int, unit: UnitPeriod
) -> list[date]:
    """The `count` due dates of a schedule paid out on `start`, by the month-end rule.

    With no `first_due`, the first payment falls one unit-period after the start and month-based
    dates keep the start date's day of the month (start 31 January: 28 February, 31 March,
    30 April). A given `first_due` is the first date and, for month-based units, its day is the
    anchor of the later ones.
    """
    if first_due is not None:
        return due_dates(first_due, count, unit)
    anchor = start.day if unit.kind == "months" else None
    return due_dates(next_due(start, unit), count, unit, anchor_day=anchor)
