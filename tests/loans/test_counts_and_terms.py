"""Counts and terms as lending apps write them: 12期, 3家, 12个月, 30天."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.loans.fields import TermField, WholeNumberField, term_unit_typed
from apps.loans.forms import TermsForm
from tests.loans.helpers import TERMS


@pytest.mark.parametrize(
    ("typed", "count"), [("12期", 12), ("１２期", 12), ("3家", 3), (" 2笔 ", 2)]
)
def test_a_count_may_carry_the_word_apps_put_after_it(typed, count):
    assert WholeNumberField(required=False).clean(typed) == count


@pytest.mark.parametrize("typed", ["12天", "12个月", "十二天", "twelve"])
def test_a_count_refuses_units_of_time_and_words(typed):
    with translation.override("en"), pytest.raises(ValidationError, match="whole number"):
        WholeNumberField(required=False).clean(typed)


def test_a_negative_count_says_what_is_allowed_not_just_that_it_is_negative():
    with translation.override("en"), pytest.raises(ValidationError, match="at least 1"):
        WholeNumberField(required=False, min_value=Decimal(1)).clean("-3")


@pytest.mark.parametrize(
    ("typed", "unit"), [("12个月", "month"), ("30天", "day"), ("８周", "week"), ("12", None)]
)
def test_a_term_names_its_unit_when_typed_with_one(typed, unit):
    assert term_unit_typed(typed) == unit
    assert TermField(required=False).clean(typed) == int("".join(c for c in typed if c.isdigit()))


def test_a_term_typed_in_days_overrides_the_unit_left_at_months():
    form = TermsForm(data={**TERMS, "term": "30天", "term_unit": "month"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["term"] == 30
    assert form.cleaned_data["term_unit"] == "day"
