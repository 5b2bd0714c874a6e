"""Small builders for engine tests: a valid offer or plan with any field overridden."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from apps.finance import Offer, Plan

START = date(2025, 1, 15)


def make_offer(**overrides: object) -> Offer:
    """10,000 over 12 months at 1% a month, equal instalments, no fees, unless overridden."""
    fields: dict[str, object] = {
        "amount": Decimal("10000"),
        "rate": Decimal("0.01"),
        "rate_period": "month",
        "term": 12,
        "term_unit": "month",
        "method": "equal_installment",
        "start_date": START,
    }
    fields.update(overrides)
    return Offer(**fields)


def make_plan(**overrides: object) -> Plan:
    """9,000 received, 12 monthly payments of 888.49, unless overridden."""
    fields: dict[str, object] = {
        "received": Decimal("9000"),
        "payment": Decimal("888.49"),
        "count": 12,
        "frequency": "month",
        "start_date": START,
    }
    fields.update(overrides)
    return Plan(**fields)


def percent(rate: Decimal, places: int) -> Decimal:
    """A fraction as a percentage rounded half up to `places` decimals, as the worked examples
    (docs/worked-examples.md) state them."""
    return (rate * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def close(left: Decimal, right: Decimal, tolerance: str = "1e-25") -> bool:
    """Two Decimals equal up to `tolerance` (the engine works to 40 digits, tests to 28)."""
    return abs(left - right) <= Decimal(tolerance)


def present_value(rate: Decimal, flows: list[tuple[Decimal, int, Decimal]]) -> Decimal:
    """Appendix J's right-hand side written out term by term, independently of the engine."""
    with localcontext() as ctx:
        ctx.prec = 50
        total = Decimal(0)
        for amount, whole, fraction in flows:
            total += amount / ((1 + fraction * rate) * (1 + rate) ** whole)
        return total


def npv(rate: Decimal, advance: Decimal, flows: list[tuple[Decimal, int, Decimal]]) -> Decimal:
    """What the payments are worth at `rate`, less the advance: zero at the true rate."""
    return present_value(rate, flows) - advance
