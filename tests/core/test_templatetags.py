"""The site's template filters (apps/core/templatetags/repayable.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest


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


def test_money_and_percent_write_numbers_wider_than_decimals_default_precision():

    from apps.core.templatetags.repayable import money, percent

    # An effective rate of 10^40 % (a fee 89 times the loan, every month) once raised a 500.
    assert percent(Decimal("1.23456e40")) == "1" + ",234,560" + ",000" * 12 + ".00%"
    assert money(Decimal("9" * 30) + Decimal("0.005")) == "1" + ",000" * 10 + ".00"
