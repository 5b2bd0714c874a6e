"""Money and numbers in: the engine's one rounding rule and its input checks."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from apps.finance.errors import ErrorCode, OfferError

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")
NO_MONEY = Decimal("0.00")  # zero, in cents, so that a schedule prints 0.00 like its neighbours
# Named once: amounts are rounded to cents half up (0.005 -> 0.01), as on a lender's statement.
ROUNDING = ROUND_HALF_UP


def to_cents(value: Decimal) -> Decimal:
    """Round an amount of money to cents with the engine's one rounding rule (ROUND_HALF_UP)."""
    return value.quantize(CENT, rounding=ROUNDING)


def decimal_input(value: object, *, field: str) -> Decimal:
    """Check a number handed to the engine: a finite Decimal (or an int), never a float.

    A float has already lost cents (0.1 is not 0.1), so it is a programming error (TypeError);
    NaN or infinity is an input the borrower can fix (OfferError with code "not_a_number").
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(
            f"{field} must be a Decimal built from a string, not {type(value).__name__}"
        )
    number = Decimal(value)
    if not number.is_finite():
        raise OfferError(ErrorCode.NOT_A_NUMBER, field=field)
    return number


def int_input(value: object, *, field: str) -> int:
    """Check a count handed to the engine (a term, a number of payments, days): a plain int."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field} must be an int, not {type(value).__name__}")
    return value
