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
from apps.finance import MAX_DAYS_LATE
from apps.guidance import content
from apps.loans.fields import DateField, MoneyField, PercentField, WholeNumberField
from apps.loans.forms.base import MAX_PENALTY_PERCENT_A_DAY, RepayableForm

# A plan that starts more than a year away, or long ago, is a typing slip in the year.
MAX_START_SPAN = timedelta(days=366)


class PlanLetterForm(RepayableForm):
    """The borrower's own numbers for a repayment-plan proposal."""

    owed = MoneyField(
        label=_("What you owe now (yuan)"),
        help_text=_("The total the lender says you owe, or your own figure. Example: 9500."),
        min_inclusive=False,
        error_messages={"required": _("Type what you owe.")},
    )
    per_month = MoneyField(
        label=_("What you can pay each month (yuan)"),
        help_text=_(
            "Only what you can really pay every month after rent, food and bills, "
            "without borrowing. Example: 800."
        ),
        min_inclusive=False,
        error_messages={"required": _("Type what you can pay each month.")},
    )
    # How `owed` was worked out, when the days-late calculator sends the borrower here: shown in
    # the letter as given (the engine did the sums; the letter only repeats them).
    overdue_part = MoneyField(
        label=_("Of which overdue now (yuan)"),
        help_text=_(
            "The missed payment with its penalty interest and fees so far, if you know it."
        ),
        required=False,
    )
    not_due_part = MoneyField(
        label=_("Of which not yet due (yuan)"),
        help_text=_("What is left of the loan after the missed payment, if you know it."),
        required=False,
    )
    start = DateField(
        label=_("First payment on"),
        help_text=_("The day you can make the first payment, such as 2026-12-15."),
        error_messages={"required": _("Pick the day of the first payment.")},
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


class ComplaintLetterForm(RepayableForm):
    """Which collection rules were broken; the letter names them and their sources."""

    broken = forms.MultipleChoiceField(
        label=_("Which rules did the collectors break?"),
        help_text=_("Tick every one that happened. The letter names each rule and its source."),
        widget=forms.CheckboxSelectMultiple,
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


# The calculator looks 30 days ahead, and the engine prices at most MAX_DAYS_LATE days late.
LOOK_AHEAD_DAYS = (7, 30)
MAX_DAYS = MAX_DAYS_LATE - max(LOOK_AHEAD_DAYS)


class DaysLateForm(RepayableForm):
    """The timeline's one question, asked before any other: how late. It sends the answer to the
    calculator (a GET of `days`), which reads and checks it with OverdueForm's field; this form
    only draws it, as crispy-forms draws every other field of the site."""

    days = WholeNumberField(
        label=_("How many days late are you?"),
        help_text=_("Type 0 if the due date has not passed yet."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the page that shows it could one day show the calculator's form too.
        super().__init__(*args, auto_id="quick-%s", **kwargs)
        self.fields["days"].widget.attrs.update(autocomplete="off")


class OverdueForm(RepayableForm):
    """How late, how much, and what the contract charges for it. The loan itself, if the
    borrower adds it, comes through the loan check's offer forms (same field names)."""

    days = WholeNumberField(
        label=_("How many days late are you?"),
        help_text=_("Count from the due date you missed. Type 0 if it has not passed yet."),
        min_value=Decimal(0),
        max_value=Decimal(MAX_DAYS),
        error_messages={"required": _("Type how many days late you are, such as 40.")},
    )
    overdue = MoneyField(
        label=_("Overdue amount (yuan)"),
        help_text=_(
            "The overdue amount the app shows (逾期金额), such as 888.49. If several payments "
            "are overdue, type their total."
        ),
        required=False,
        min_inclusive=False,
    )
    penalty_rate = PercentField(
        label=_("Penalty interest (% a day)"),
        help_text=_(
            "Find it in your contract's overdue clause (逾期条款 or 罚息), such as 0.05 for 0.05% "
            "a day. It is charged on the overdue amount for each day late. If there is none, "
            "type 0."
        ),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_PENALTY_PERCENT_A_DAY,
    )
    late_fee = MoneyField(
        label=_("Fixed late fee (yuan)"),
        help_text=_(
            "Only if your contract charges a one-off late fee (滞纳金). Otherwise leave it empty."
        ),
        required=False,
    )
    payment_number = WholeNumberField(
        label=_("Which payment is late?"),
        help_text=_("1 for the first payment, 2 for the second, and so on. Empty means the first."),
        required=False,
        min_value=Decimal(1),
    )

    def needs_a_charge(self) -> None:
        """The cost cannot be shown without what the contract charges: ask for it, by name."""
        self.add_error(
            "penalty_rate",
            forms.ValidationError(
                _(
                    "Type the penalty from your contract, or a fixed late fee. "
                    "If it has neither, type 0."
                ),
                code="required",
            ),
        )
