"""The guidance forms: the repayment-plan letter, the complaint letter and the days-late calculator.

Numbers are typed the way people type them (10,000 / 1.5万 / ￥500), through the shared fields of
apps.loans.fields. None of these forms asks for a name, a phone number or an ID number: the
letters leave blanks for the borrower to write by hand.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.templatetags.repayable import tr
from apps.guidance import content
from apps.loans.fields import MoneyField

MAX_AMOUNT = Decimal(10_000_000)
# A plan that starts more than a year away, or long ago, is a typing slip in the year.
MAX_START_SPAN = timedelta(days=366)
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PlanLetterForm(forms.Form):
    """The borrower's own numbers for a repayment-plan proposal."""

    use_required_attribute = False  # the server says what is missing, in the reader's words

    owed = MoneyField(
        label=_("What you owe now (yuan)"),
        help_text=_("The total the lender says you owe, or your own figure. Example: 9500."),
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
        error_messages={"required": _("Type what you owe.")},
    )
    per_month = MoneyField(
        label=_("What you can pay each month (yuan)"),
        help_text=_(
            "Only what you can really pay every month after rent, food and bills, "
            "without borrowing. Example: 800."
        ),
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
        error_messages={"required": _("Type what you can pay each month.")},
    )
    start = forms.DateField(
        label=_("First payment on"),
        help_text=_("The day you can make the first payment, such as 2026-12-15."),
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": _("Pick the day of the first payment."),
            "invalid": _("Type a date such as 2026-12-31, or pick one."),
        },
    )

    def clean_start(self) -> date:
        # A year like 2062 or 1926 is a slip of the finger, not a plan.
        start = self.cleaned_data["start"]
        if abs(start - timezone.localdate()) > MAX_START_SPAN:
            raise forms.ValidationError(_("Check the year of this date."), code="out_of_range")
        return start

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        owed, per_month = data.get("owed"), data.get("per_month")
        # Comparing, not computing: a monthly payment above the debt is not a plan.
        if owed is not None and per_month is not None and per_month > owed:
            self.add_error(
                "per_month",
                forms.ValidationError(
                    _("That is more than you owe. If you can pay it all, pay it at once."),
                    code="above_owed",
                ),
            )
        return data


class ComplaintLetterForm(forms.Form):
    """Which collection rules were broken; the letter names them and their sources."""

    use_required_attribute = False

    broken = forms.MultipleChoiceField(
        label=_("Which rules did the collectors break?"),
        help_text=_("Tick every one that happened. The letter names each rule and its source."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={
            "required": _("Tick at least one rule that was broken."),
            "invalid_choice": _("Tick rules from the list."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choices from the database, compared as text: a typed value never reaches a query.
        self.rules = list(content.rules())
        self.fields["broken"].choices = [(rule.code, tr(rule, "rule")) for rule in self.rules]

    def broken_rules(self) -> list[Any]:
        chosen = set(self.cleaned_data.get("broken", []))
        return [rule for rule in self.rules if rule.code in chosen]
