"""The site's template filters (apps/core/templatetags/repayable.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation


@pytest.mark.parametrize(
    ("label", "bare"),
    [
        ("How many days late are you?", "How many days late are you"),
        ("你逾期几天了？", "你逾期几天了"),
        ("Loan term", "Loan term"),
    ],
)
def test_error_summary_labels_lose_their_question_mark_before_the_colon(label, bare):
    from apps.core.templatetags.repayable import bare_label

    assert bare_label(label) == bare


def test_money_writes_numbers_wider_than_decimals_default_precision():
    from apps.core.templatetags.repayable import money

    # A figure past Decimal's 28 digits once raised a 500.
    assert money(Decimal("9" * 30) + Decimal("0.005")) == "1" + ",000" * 10 + ".00"


@pytest.mark.parametrize(
    ("fraction", "english", "chinese"),
    [
        (Decimal("0.325"), "32.50%", "32.50%"),
        (Decimal("100"), "10,000.00%", "10,000.00%"),
        (Decimal("100.01"), "over 10,000%", "超过10,000%"),
        # An effective rate of 10^40 % (a fee 89 times the loan, every month) once raised a 500.
        (Decimal("1.23456e40"), "over 10,000%", "超过10,000%"),
    ],
)
def test_a_percentage_past_meaning_is_said_as_over_10000_percent(fraction, english, chinese):
    from apps.core.templatetags.repayable import percent

    with translation.override("en"):
        assert percent(fraction) == english
    with translation.override("zh-hans"):
        assert percent(fraction) == chinese
