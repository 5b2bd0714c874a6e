"""Each form instance gets its own copy of the declared fields, cheaply (apps/loans/forms.py)."""

from __future__ import annotations

import pytest
from django import forms

from apps.loans.forms import BudgetForm, OfferForm, StyledForm


def test_changing_one_forms_field_leaves_other_forms_and_the_class_alone():
    first, second = OfferForm(), OfferForm()
    first.fields["amount"].widget.attrs["class"] = "changed"
    first.fields["amount"].error_messages["invalid"] = "changed"
    first.fields["amount"].validators.append(lambda value: None)
    first.fields["rate_period"].choices = [("day", "per day")]
    assert first.fields["amount"] is not second.fields["amount"]
    assert second.fields["amount"].widget.attrs["class"] == "form-control"
    assert second.fields["amount"].error_messages["invalid"] != "changed"
    assert len(second.fields["amount"].validators) == len(
        OfferForm.base_fields["amount"].validators
    )
    assert len(second.fields["rate_period"].choices) == 3
    assert len(OfferForm.base_fields["rate_period"].widget.choices) == 3


def test_widgets_are_styled_once_for_the_class():
    form = OfferForm()
    assert form.fields["mode"].widget.attrs["class"] == "form-check-input"
    assert form.fields["rate_period"].widget.attrs["class"] == "form-select"
    assert form.fields["amount"].widget.attrs["class"] == "form-control"
    # "needed" fields are shown without "(optional)"; the budget form has its own list.
    assert form.fields["amount"].needed and not form.fields["fee_upfront"].needed
    assert BudgetForm().fields["income"].needed and not BudgetForm().fields["savings"].needed


def _same_form(base: type[forms.Form]) -> type[forms.Form]:
    class Form(base):  # type: ignore[misc, valid-type]
        amount = forms.DecimalField()
        fixed = forms.CharField(disabled=True, initial="kept")
        upload = forms.FileField(required=False)
        note = forms.CharField(required=False)

        def clean_note(self) -> str:
            return self.cleaned_data["note"].upper()

    return Form


@pytest.mark.parametrize(
    "data",
    [
        {"amount": "12.5", "fixed": "changed", "note": "hi"},
        {"amount": "abc", "note": ""},
        {},
    ],
)
def test_the_quicker_field_cleaning_gives_what_djangos_gives(data: dict[str, str]):
    # StyledForm cleans without a BoundField per field; the outcome must be Django's own.
    ours, djangos = _same_form(StyledForm)(data), _same_form(forms.Form)(data)
    assert ours.is_valid() == djangos.is_valid()
    assert ours.cleaned_data == djangos.cleaned_data
    assert ours.errors == djangos.errors


def test_the_other_modes_fields_are_not_judged():
    form = OfferForm({"mode": "terms", "amount": "1000", "rate": "1", "term": "12", "count": "x"})
    assert form.is_valid(), form.errors
    assert "count" not in form.cleaned_data
    plan = OfferForm({"mode": "plan", "received": "900", "payment": "100", "count": "10"})
    plan_with_junk_terms = OfferForm(
        {"mode": "plan", "received": "900", "payment": "100", "count": "10", "amount": "x"}
    )
    assert plan.is_valid() and plan_with_junk_terms.is_valid()
