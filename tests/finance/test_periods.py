"""Due dates and Appendix J unit-periods."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from apps.finance.periods import (
    DAYS_PER_MONTH_FRACTION,
    DAYS_PER_SEMIMONTH_FRACTION,
    DAYS_PER_YEAR,
    MONTHS_PER_YEAR,
    UNIT_FOR_FREQUENCY,
    YEAR,
    Frequency,
    UnitPeriod,
    add_months,
    due_dates,
    months_and_days,
    schedule_due_dates,
    unit_for_single_payment,
    unit_periods_between,
)
from tests.finance.helpers import close

MONTH = UNIT_FOR_FREQUENCY[Frequency.MONTH]


def test_monthly_due_dates_on_the_31st_fall_on_the_last_day_of_shorter_months():
    dates = due_dates(date(2025, 1, 31), 4, MONTH)
    assert dates == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]


def test_monthly_due_dates_on_the_29th_meet_a_leap_february():
    assert due_dates(date(2024, 1, 29), 2, MONTH)[1] == date(2024, 2, 29)


@pytest.mark.parametrize(("frequency", "days"), [("week", 7), ("2weeks", 14), ("4weeks", 28)])
def test_week_based_due_dates_are_a_fixed_number_of_days_apart(frequency, days):
    dates = due_dates(date(2025, 1, 3), 5, UNIT_FOR_FREQUENCY[Frequency(frequency)])
    assert {(later - earlier).days for earlier, later in zip(dates, dates[1:], strict=False)} == {
        days
    }


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (date(2025, 1, 5), [date(2025, 1, 5), date(2025, 1, 20), date(2025, 2, 5)]),
        (date(2025, 1, 20), [date(2025, 1, 20), date(2025, 2, 5), date(2025, 2, 20)]),
        (date(2025, 1, 30), [date(2025, 1, 30), date(2025, 2, 15), date(2025, 2, 28)]),
    ],
)
def test_semimonthly_due_dates_come_in_pairs_fifteen_days_apart(first, expected):
    assert due_dates(first, 3, UNIT_FOR_FREQUENCY[Frequency.SEMIMONTH]) == expected


@pytest.mark.parametrize(("frequency", "months"), [("month", 1), ("2months", 2), ("quarter", 3)])
def test_month_based_due_dates_step_whole_months(frequency, months):
    dates = due_dates(date(2025, 1, 15), 3, UNIT_FOR_FREQUENCY[Frequency(frequency)])
    assert [d.month for d in dates] == [1, 1 + months, 1 + 2 * months]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 1, 10), date(2025, 2, 15), (1, 5)),
        (date(2025, 1, 20), date(2025, 2, 15), (0, 26)),
        (date(2025, 1, 31), date(2025, 2, 28), (1, 0)),
        (date(2025, 1, 30), date(2025, 2, 28), (1, 0)),
        (date(2025, 2, 28), date(2025, 3, 31), (1, 0)),
        (date(2025, 1, 15), date(2025, 2, 28), (1, 13)),
        (date(2025, 3, 31), date(2025, 4, 30), (1, 0)),
        (date(2025, 1, 31), date(2025, 3, 30), (1, 28)),
        (date(2024, 1, 31), date(2024, 2, 29), (1, 0)),
        (date(2025, 1, 15), date(2026, 1, 15), (12, 0)),
    ],
)
def test_months_are_measured_back_from_the_later_date_and_short_months_are_whole(
    start, end, expected
):
    assert months_and_days(start, end) == expected


def test_an_odd_first_month_counts_its_leftover_days_over_30():
    whole, fraction = unit_periods_between(date(2025, 1, 1), date(2025, 2, 15), MONTH)
    assert whole == 1
    assert close(fraction, Decimal(14) / DAYS_PER_MONTH_FRACTION)


def test_a_short_first_month_is_a_fraction_of_one_period():
    whole, fraction = unit_periods_between(date(2025, 1, 5), date(2025, 1, 15), MONTH)
    assert whole == 0
    assert close(fraction, Decimal(10) / DAYS_PER_MONTH_FRACTION)


def test_an_odd_first_week_counts_its_days_over_7():
    week = UNIT_FOR_FREQUENCY[Frequency.WEEK]
    whole, fraction = unit_periods_between(date(2025, 1, 1), date(2025, 1, 11), week)
    assert whole == 1
    assert close(fraction, Decimal(3) / 7)


def test_an_odd_first_semimonth_counts_its_leftover_days_over_15():
    half = UNIT_FOR_FREQUENCY[Frequency.SEMIMONTH]
    whole, fraction = unit_periods_between(date(2025, 1, 1), date(2025, 2, 20), half)
    assert whole == 3
    assert close(fraction, Decimal(4) / DAYS_PER_SEMIMONTH_FRACTION)


def test_an_odd_first_quarter_counts_months_and_days_as_thirtieths_of_the_quarter():
    quarter = UNIT_FOR_FREQUENCY[Frequency.QUARTER]
    whole, fraction = unit_periods_between(date(2025, 1, 1), date(2025, 5, 11), quarter)
    assert whole == 1
    assert close(fraction, Decimal(1 * 30 + 10) / 90)


def test_a_whole_month_single_payment_uses_months_as_its_unit_period():
    unit = unit_for_single_payment(date(2025, 1, 15), date(2025, 4, 15))
    assert (unit.kind, unit.length, unit.per_year) == ("months", 3, Decimal(4))


@pytest.mark.parametrize("days", [1, 7, 30, 45, 365])
def test_any_other_single_payment_uses_its_days_as_the_unit_period(days):
    start = date(2025, 1, 1)
    unit = unit_for_single_payment(start, start + timedelta(days=days))
    if unit.kind == "days":
        assert unit.length == days
        assert unit.per_year * days == pytest.approx(365)
    else:  # 1 January + 365 days is exactly twelve months
        assert (unit.length, days) == (12, 365)


# The month-end rule: with no first due date given, every due date keeps the start's day.


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2026, 1, 31), [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]),
        (date(2024, 1, 31), [date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30)]),
        (date(2026, 1, 30), [date(2026, 2, 28), date(2026, 3, 30), date(2026, 4, 30)]),
        (date(2024, 1, 30), [date(2024, 2, 29), date(2024, 3, 30), date(2024, 4, 30)]),
        (date(2026, 1, 29), [date(2026, 2, 28), date(2026, 3, 29), date(2026, 4, 29)]),
        (date(2024, 1, 29), [date(2024, 2, 29), date(2024, 3, 29), date(2024, 4, 29)]),
    ],
)
def test_monthly_due_dates_keep_the_start_day_after_a_short_february(start, expected):
    dates = schedule_due_dates(start=start, first_due=None, count=12, unit=MONTH)
    assert dates[:3] == expected
    # Never drifting to February's last day: every later month has the start's day if it can.
    assert [d.day for d in dates] == [
        min(start.day, (add_months(d.replace(day=1), 1) - timedelta(days=1)).day) for d in dates
    ]


def test_a_start_on_the_31st_is_due_on_the_last_day_of_every_shorter_month():
    dates = schedule_due_dates(start=date(2026, 1, 31), first_due=None, count=6, unit=MONTH)
    assert dates == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
        date(2026, 7, 31),
    ]


@pytest.mark.parametrize(
    ("frequency", "start", "expected"),
    [
        (
            "2months",
            date(2025, 12, 31),
            [date(2026, 2, 28), date(2026, 4, 30), date(2026, 6, 30), date(2026, 8, 31)],
        ),
        (
            "quarter",
            date(2023, 11, 30),
            [date(2024, 2, 29), date(2024, 5, 30), date(2024, 8, 30), date(2024, 11, 30)],
        ),
    ],
)
def test_multi_month_due_dates_keep_the_start_day_too(frequency, start, expected):
    unit = UNIT_FOR_FREQUENCY[Frequency(frequency)]
    assert schedule_due_dates(start=start, first_due=None, count=4, unit=unit) == expected


def test_an_explicit_first_due_date_on_the_28th_stays_on_the_28th():
    dates = schedule_due_dates(
        start=date(2026, 1, 31), first_due=date(2026, 2, 28), count=4, unit=MONTH
    )
    assert dates == [date(2026, 2, 28), date(2026, 3, 28), date(2026, 4, 28), date(2026, 5, 28)]


def test_week_based_and_semimonthly_default_dates_are_unchanged_by_the_month_end_rule():
    start = date(2026, 1, 31)
    for frequency in (Frequency.WEEK, Frequency.SEMIMONTH):
        unit = UNIT_FOR_FREQUENCY[frequency]
        first = due_dates(start, 2, unit)[1]
        assert schedule_due_dates(start=start, first_due=None, count=5, unit=unit) == due_dates(
            first, 5, unit
        )


def test_an_anchor_day_the_first_due_date_does_not_fall_on_is_a_programming_error():
    with pytest.raises(ValueError):
        due_dates(date(2026, 3, 15), 3, MONTH, anchor_day=31)


@pytest.mark.parametrize(
    ("frequency", "start"),
    [
        ("month", date(2026, 1, 31)),
        ("month", date(2024, 1, 31)),
        ("month", date(2026, 1, 30)),
        ("month", date(2024, 1, 30)),
        ("month", date(2026, 1, 29)),
        ("month", date(2024, 1, 29)),
        ("2months", date(2025, 12, 31)),
        ("quarter", date(2023, 11, 30)),
    ],
)
def test_month_end_due_dates_are_whole_unit_periods_from_the_start(frequency, start):
    unit = UNIT_FOR_FREQUENCY[Frequency(frequency)]
    dates = schedule_due_dates(start=start, first_due=None, count=24, unit=unit)
    assert [unit_periods_between(start, due, unit) for due in dates] == [
        (k, Decimal(0)) for k in range(1, 25)
    ]


def test_31_january_to_28_february_is_exactly_one_month():
    assert unit_periods_between(date(2026, 1, 31), date(2026, 2, 28), MONTH) == (1, 0)
    assert unit_periods_between(date(2024, 1, 30), date(2024, 2, 29), MONTH) == (1, 0)


# Appendix J (b)(4): a single payment's unit-period is its term, but never more than a year.


def test_a_single_payment_two_years_away_has_a_one_year_unit_period_and_t_2():
    start = date(2025, 1, 15)
    due = date(2027, 1, 15)
    assert unit_for_single_payment(start, due) == YEAR
    assert (YEAR.kind, YEAR.length, YEAR.per_year) == ("years", 1, Decimal(1))
    assert unit_periods_between(start, due, YEAR) == (2, 0)


def test_thirty_months_are_two_whole_years_and_half_a_year():
    start = date(2025, 1, 15)
    due = add_months(start, 30)
    assert unit_for_single_payment(start, due) == YEAR
    whole, fraction = unit_periods_between(start, due, YEAR)
    assert whole == 2
    assert fraction == Decimal(6) / MONTHS_PER_YEAR


def test_four_hundred_days_are_one_year_and_the_days_left_over_365():
    start = date(2025, 1, 15)
    due = start + timedelta(days=400)
    assert unit_for_single_payment(start, due) == YEAR
    whole, fraction = unit_periods_between(start, due, YEAR)
    assert whole == 1
    assert close(fraction, Decimal(35) / DAYS_PER_YEAR)


def test_leftover_months_and_days_past_a_year_are_counted_in_days():
    # 13 months and 4 days: one year, then 1 month and 4 days = 35 days, not 1/12 + 4/365.
    start = date(2025, 1, 15)
    due = date(2026, 2, 19)
    assert months_and_days(start, due) == (13, 4)
    whole, fraction = unit_periods_between(start, due, YEAR)
    assert (whole, fraction * DAYS_PER_YEAR) == (1, 35)


def test_years_past_a_month_end_start_still_count_whole_months():
    # 31 January 2025 to 28 February 2027 is 25 whole months: two years and 1/12.
    whole, fraction = unit_periods_between(date(2025, 1, 31), date(2027, 2, 28), YEAR)
    assert whole == 2
    assert close(fraction, Decimal(1) / MONTHS_PER_YEAR)


def test_one_day_past_a_year_is_priced_in_years():
    start = date(2025, 1, 15)
    due = start + timedelta(days=366)  # 12 months and a day: no leap day in between
    assert unit_for_single_payment(start, due) == YEAR
    whole, fraction = unit_periods_between(start, due, YEAR)
    assert (whole, fraction * DAYS_PER_YEAR) == (1, 1)


@pytest.mark.parametrize(
    ("start", "due", "expected"),
    [
        # Exactly a year, 366 days over a leap day: still the term as the unit-period.
        (date(2024, 1, 15), date(2025, 1, 15), UnitPeriod("months", 12, Decimal(1))),
        (date(2025, 1, 15), date(2026, 1, 15), UnitPeriod("months", 12, Decimal(1))),
        (date(2025, 1, 15), date(2025, 2, 14), UnitPeriod("days", 30, Decimal(365) / 30)),
        (date(2024, 1, 15), date(2025, 1, 14), UnitPeriod("days", 365, Decimal(1))),
    ],
)
def test_a_single_payment_at_most_a_year_away_keeps_its_term_as_the_unit_period(
    start, due, expected
):
    unit = unit_for_single_payment(start, due)
    assert (unit.kind, unit.length) == (expected.kind, expected.length)
    assert close(unit.per_year, expected.per_year)
    assert unit_periods_between(start, due, unit) == (1, 0)
