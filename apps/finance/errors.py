"""The engine's one error type: a code and the input it concerns, never display text.

Forms map `OfferError.code` to a translated message and show it beside `OfferError.field`
(the keyword the caller passed, e.g. "amount" or "first_due"; None when no single input is at
fault). Every code is an ErrorCode member, so that forms and tests name the rule they handle.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Every reason the engine refuses an input. A StrEnum, so a code is also its plain string
    ("not_a_number"), as logs and pickles carry it."""

    NOT_A_NUMBER = "not_a_number"
    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    AMOUNT_TOO_LARGE = "amount_too_large"
    RATE_NEGATIVE = "rate_negative"
    RATE_TOO_LARGE = "rate_too_large"
    RATE_PERIOD_INVALID = "rate_period_invalid"
    DAY_BASIS_INVALID = "day_basis_invalid"
    TERM_NOT_POSITIVE = "term_not_positive"
    TERM_TOO_LONG = "term_too_long"
    TERM_UNIT_INVALID = "term_unit_invalid"
    METHOD_INVALID = "method_invalid"
    FREQUENCY_INVALID = "frequency_invalid"
    FEE_NEGATIVE = "fee_negative"
    FEE_TOO_LARGE = "fee_too_large"
    FEES_EXCEED_AMOUNT = "fees_exceed_amount"
    FIRST_DUE_NOT_AFTER_START = "first_due_not_after_start"
    RECEIVED_NOT_POSITIVE = "received_not_positive"
    CONTRACT_BELOW_RECEIVED = "contract_below_received"
    PAYMENT_NOT_POSITIVE = "payment_not_positive"
    COUNT_NOT_POSITIVE = "count_not_positive"
    COUNT_TOO_LARGE = "count_too_large"
    COUNT_TOO_SMALL = "count_too_small"
    NO_PAYMENTS = "no_payments"
    PAYMENT_NOT_AFTER_START = "payment_not_after_start"
    DAYS_LATE_NEGATIVE = "days_late_negative"
    DAYS_LATE_TOO_LARGE = "days_late_too_large"
    PAYMENT_NUMBER_INVALID = "payment_number_invalid"
    PENALTY_NEGATIVE = "penalty_negative"
    RATE_NOT_FOUND = "rate_not_found"


# Every code, for forms and tests that must cover them all.
ERROR_CODES = frozenset(ErrorCode)


class OfferError(ValueError):
    """An offer, plan or question that the engine cannot price.

    `code` is an ErrorCode; `field` is the name of the keyword argument at fault, or None.
    The message is the code itself, for logs only.
    """

    def __init__(self, code: str, *, field: str | None = None) -> None:
        self.code = code
        self.field = field
        super().__init__(code if field is None else f"{field}: {code}")

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling (multiprocessing, caches).
        return (_rebuild_offer_error, (self.code, self.field))


def _rebuild_offer_error(code: str, field: str | None) -> OfferError:
    return OfferError(code, field=field)
