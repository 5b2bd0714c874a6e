"""My debts' input (apps/loans/forms/debts.py): the loan boxes as a formset read box by box,
whatever counts arrive; a form changed from what the page sends is known as such; each box turns
into the engine's Debt."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import QueryDict

from apps.finance.debts import MAX_DEBTS
from apps.finance.rates import RatePeriod
from apps.loans.forms.debts import DebtForm, debt_formset, tampered
from tests.loans.helpers import four_loans

COUNTS = {
    "loan-TOTAL_FORMS": "10",
    "loan-INITIAL_FORMS": "0",
    "loan-MIN_NUM_FORMS": "0",
    "loan-MAX_NUM_FORMS": "10",
}


@pytest.mark.parametrize(
    ("extra", "changed"),
    [
        ({}, False),  # a link: no counts at all
        (COUNTS, False),  # the page's own POST
        ({**COUNTS, "loan-TOTAL_FORMS": "3"}, False),  # any whole number up to ten
        ({**COUNTS, "loan-TOTAL_FORMS": "abc"}, True),
        ({**COUNTS, "loan-TOTAL_FORMS": "11"}, True),
        ({**COUNTS, "loan-TOTAL_FORMS": "-1"}, True),
        ({**COUNTS, "loan-INITIAL_FORMS": "１"}, True),  # full-width: not what the page sends
        ({**COUNTS, "loan-MAX_NUM_FORMS": ""}, True),
        ({"loan-10-owed": "9000"}, True),
        ({"loan-10-owed": "  "}, False),  # nothing typed in it
        ({"loan-99-label": "x"}, True),
        ({"loan-x-owed": "1"}, False),  # not a box's field at all: ignored
    ],
)
def test_a_form_changed_from_what_the_page_sends_is_known(extra, changed):
    assert tampered({**four_loans(), **extra}) is changed


@pytest.mark.django_db
def test_every_box_is_read_whatever_counts_arrive():
    for counts in ({}, {**COUNTS, "loan-TOTAL_FORMS": "2"}):
        loans = debt_formset({**four_loans(), **counts})
        assert loans.total_form_count() == MAX_DEBTS
        assert loans.is_valid() and len(loans.used_forms()) == 4


@pytest.mark.django_db
def test_only_the_boxes_up_to_the_last_one_used_are_built_to_judge_a_plan():
    assert debt_formset(four_loans(), every_box=False).total_form_count() == 4
    gap = {**four_loans(), "loan-7-owed": "100", "loan-7-payment": "10"}
    assert debt_formset(gap, every_box=False).total_form_count() == 8
    # The lists always send a value: a box with only them is still no loan.
    lists = {"loan-9-rate_period": "day", "loan-9-lender": "bank"}
    assert debt_formset({**four_loans(), **lists}, every_box=False).total_form_count() == 4
    assert debt_formset({"income": "1"}, every_box=False).total_form_count() == 1


@pytest.mark.django_db
def test_a_query_string_is_read_like_a_dict():
    query = QueryDict(mutable=True)
    query.update(four_loans())
    loans = debt_formset(query, every_box=False)
    assert loans.is_valid() and [form.number for form in loans.used_forms()] == [1, 2, 3, 4]


@pytest.mark.django_db
def test_a_box_becomes_the_engines_debt_with_the_period_its_words_name():
    form = DebtForm(
        {"loan-0-owed": "1.5万", "loan-0-payment": "1,000", "loan-0-rate": "日息万五"},
        prefix="loan-0",
    )
    assert form.is_valid(), form.errors
    debt = form.to_debt()
    assert (debt.owed, debt.payment, debt.days_late) == (Decimal(15000), Decimal(1000), 0)
    assert debt.rate == Decimal("0.0005") and debt.rate_period is RatePeriod.DAY
    assert not debt.in_court
