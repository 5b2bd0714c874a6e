"""Each form instance gets its own copy of the declared fields, cheaply (apps/loans/forms.py)."""

from __future__ import annotations

from apps.loans.forms import BudgetForm, OfferForm


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
