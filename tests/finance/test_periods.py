"""Due dates and Appendix J unit-periods."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from apps.finance.periods import (
    DAYS_PER_MONTH_FRACTION,
    DAYS_PER_SEMIMONTH_FRACTION,
    UNIT_FOR_FREQUENCY,
    Frequency,
    due_dates,
    months_and_days,
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
