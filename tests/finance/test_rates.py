"""Quoted-rate conversions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.finance import (
    OfferError,
    advertised_annual_rate,
    compounded_annual_rate,
    effective_annual_rate,
)
from apps.finance.errors import ErrorCode


@pytest.mark.parametrize(("period", "multiplier"), [("day", 365), ("month", 12), ("year", 1)])
def test_advertised_rate_multiplies_by_the_periods_in_a_year_without_compounding(
    period, multiplier
):
    rate = Decimal("0.0123")
    assert advertised_annual_rate(rate=rate, rate_period=period) == rate * multiplier


def test_monthly_rate_compounds_over_twelve_months():
    rate = Decimal("0.02")
    assert compounded_annual_rate(rate=rate, rate_period="month") == (1 + rate) ** 12 - 1


def test_effective_rate_of_a_zero_period_rate_is_zero():
    assert effective_annual_rate(period_rate=Decimal(0), periods_per_year=Decimal(12)) == 0


def test_an_unknown_rate_period_is_an_offer_error_on_that_field():
    with pytest.raises(OfferError) as caught:
        advertised_annual_rate(rate=Decimal("0.01"), rate_period="fortnight")
    assert (caught.value.code, caught.value.field) == (ErrorCode.RATE_PERIOD_INVALID, "rate_period")


@pytest.mark.parametrize("basis", [0, 364, 366, True])
def test_only_360_and_365_are_day_bases(basis):
    with pytest.raises(OfferError) as caught:
        advertised_annual_rate(rate=Decimal("0.01"), rate_period="day", day_basis=basis)
    assert caught.value.code == ErrorCode.DAY_BASIS_INVALID
