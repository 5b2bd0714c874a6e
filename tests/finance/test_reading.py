"""How a quoted rate is read: words first, then the lists, then the reading that costs more
(reading.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.finance.reading import (
    FEE_BASIS,
    FEE_RATE_MAX_MONTHLY,
    FROM_LIST,
    FROM_OURS,
    FROM_WORDS,
    INTEREST_BASIS,
    MONTHLY_RATE_RARE_ABOVE,
    MONTHLY_RATE_RARE_BELOW,
    QUESTION_LIKELY_MONTHLY,
    QUESTION_LIKELY_YEARLY,
    QUESTION_READ_AS_DAILY,
    QUESTION_READ_AS_FEE,
    QUESTION_YEARLY_TOO_HIGH,
    read_rate,
)

D = Decimal


def _read(rate: str, **kwargs):
    kwargs.setdefault("named_period", None)
    kwargs.setdefault("listed_period", "month")
    return read_rate(rate=D(rate), **kwargs)


def test_a_fee_word_reads_the_flat_fee_method_whatever_the_list_says():
    reading = _read(
        "0.006", named_period="month", named_basis=FEE_BASIS, listed_method="equal_installment"
    )
    assert (reading.method, reading.method_from) == ("flat_fee", FROM_WORDS)
    assert reading.on_original_amount and reading.question is None


def test_a_chosen_method_is_kept_and_interest_words_read_the_common_interest_method():
    chosen = _read("0.006", listed_method="equal_principal")
    assert (chosen.method, chosen.method_from, chosen.question) == (
        "equal_principal",
        FROM_LIST,
        None,
    )
    interest = _read("0.006", named_basis=INTEREST_BASIS)
    assert (interest.method, interest.method_from) == ("equal_installment", FROM_WORDS)


@pytest.mark.parametrize("rate", ["0.006", "0.0075", str(FEE_RATE_MAX_MONTHLY)])
def test_a_monthly_rate_in_the_fee_range_with_no_method_is_read_as_a_fee_offering_interest(
    rate,
):
    reading = _read(rate)
    assert (reading.method, reading.method_from) == ("flat_fee", FROM_OURS)
    assert reading.question.code == QUESTION_READ_AS_FEE
    assert reading.question.method == "equal_installment"


@pytest.mark.parametrize(
    ("rate", "kwargs"),
    [
        ("0.0151", {}),  # above the fee-rate range
        ("0.006", {"single_payment": True}),  # one payment: the method changes nothing
        ("0.18", {"listed_period": "year"}),  # a yearly rate is not a fee rate
        ("0", {}),  # interest-free
    ],
)
def test_outside_the_fee_range_no_method_reads_the_common_interest_method(rate, kwargs):
    reading = _read(rate, **kwargs)
    assert (reading.method, reading.method_from) == ("equal_installment", FROM_OURS)
    assert reading.question is None or reading.question.code != QUESTION_READ_AS_FEE


def test_a_month_rate_too_low_to_be_real_is_read_a_day_and_the_month_offered():
    reading = _read("0.0005")  # 0.05 with the list at a month: 日息万五
    assert (reading.period, reading.period_from) == ("day", FROM_OURS)
    assert (reading.question.code, reading.question.period) == (QUESTION_READ_AS_DAILY, "month")
    # Once the borrower confirms the month, it is a month, and nothing is asked.
    confirmed = _read("0.0005", period_confirmed=True)
    assert (confirmed.period, confirmed.period_from, confirmed.question) == (
        "month",
        FROM_LIST,
        None,
    )
    assert D("0.003") == MONTHLY_RATE_RARE_BELOW


@pytest.mark.parametrize(
    ("rate", "period", "code", "other"),
    [
        ("0.18", "month", QUESTION_LIKELY_YEARLY, "year"),  # 216% a year
        ("0.09", "month", QUESTION_LIKELY_YEARLY, "year"),  # 108%
        ("0.015", "day", QUESTION_LIKELY_MONTHLY, "month"),
        ("1.5", "year", QUESTION_YEARLY_TOO_HIGH, None),
    ],
)
def test_a_rate_rare_for_its_period_is_read_as_typed_the_dearer_way_and_the_other_offered(
    rate, period, code, other
):
    reading = _read(rate, listed_period=period, listed_method="equal_installment")
    assert (reading.period, reading.period_from) == (period, FROM_LIST)
    assert (reading.question.code, reading.question.period) == (code, other)


@pytest.mark.parametrize(("rate", "period"), [("0.08", "month"), ("0.001", "day"), ("1", "year")])
def test_rates_at_the_edge_of_their_period_ask_nothing(rate, period):
    assert _read(rate, listed_period=period, listed_method="equal_installment").question is None
    assert MONTHLY_RATE_RARE_ABOVE * 12 == 1


def test_words_naming_the_period_are_never_second_guessed():
    reading = _read("0.0005", named_period="month", listed_method="equal_installment")
    assert (reading.period, reading.period_from, reading.question) == ("month", FROM_WORDS, None)


def test_no_method_is_asked_where_the_form_has_none():
    reading = _read("0.006", asks_method=False)
    assert (reading.method, reading.method_from, reading.question) == (None, None, None)
