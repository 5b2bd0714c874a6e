"""The borrower's month (BudgetForm) and repaying early (EarlyRepaymentForm), asked on the
result page.

Budget (all monthly, in yuan):
    income          money coming in each month, after tax
    essentials      essential spending each month (rent, food, transport, bills), optional
    debt_payments   what you pay each month on loans and credit cards you already have, optional
    other_platforms how many other lending apps you owe money to now, optional
    savings         savings you could use in an emergency, optional
    purpose         what the loan is for (repay_loan = to repay another loan), optional
Repaying early: `early_after` (after how many payments) and `early_fee` (yuan or %).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.finance import MAX_AMOUNT
from apps.finance import budget as rules
from apps.finance.budget import MAX_MONEY
from apps.loans.fields import FeeField, MoneyField, WholeNumberField
from apps.loans.forms.base import RepayableForm

MAX_PLATFORMS = 99
BUDGET_FIELDS = ("income", "essentials", "debt_payments", "other_platforms", "savings", "purpose")
# Repaying early, asked on the result page: after how many payments, and the fee for it.
EARLY_FIELDS = ("early_after", "early_fee")


class BudgetForm(RepayableForm):
    """The borrower's month: what comes in, what must go out, what is owed already."""

    income = MoneyField(
        label=_("Monthly income after tax (yuan)"),
        help_text=_(
            "What you can count on each month: wages after tax "
            "and social insurance, plus any regular income."
        ),
        min_inclusive=False,
        error_messages={
            "required": _("Please type your monthly income: we need it for the verdict.")
        },
    )
    essentials = MoneyField(
        label=_("Essential spending each month (yuan)"),
        help_text=_("Rent, food, transport, bills, and money you send home: what you cannot skip."),
        required=False,
    )
    debt_payments = MoneyField(
        label=_("Payments on loans you already have, each month (yuan)"),
        help_text=_(
            "All other loans, credit cards and pay-later plans together. Leave empty if none."
        ),
        required=False,
    )
    other_platforms = WholeNumberField(
        label=_("Other lending apps you owe money to now"),
        help_text=_(
            "Count every app or platform with money still to repay, not counting this one."
        ),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(MAX_PLATFORMS),
    )
    savings = MoneyField(
        label=_("Savings you could use in an emergency (yuan)"),
        help_text=_("Money you could reach within a few days without borrowing."),
        required=False,
        max_value=MAX_MONEY,
    )
    purpose = forms.ChoiceField(
        label=_("What is the loan for?"),
        choices=[
            ("", _("I'd rather not say")),
            ("everyday", _("Everyday spending")),
            ("emergency", _("An emergency (health, repairs)")),
            ("purchase", _("A purchase (a phone, an appliance)")),
            ("education", _("Study or training")),
            ("business", _("A small business")),
            ("repay_loan", _("To repay another loan or credit card")),
            ("other", _("Something else")),
        ],
        required=False,
        help_text=_(
            "Borrowing to repay another loan is how debt "
            "spirals start, so it counts in the verdict."
        ),
    )

    def clean(self) -> dict[str, Any]:
        """Once every figure passed, the engine's Budget (`budget`), built once."""
        data = super().clean()
        if not self.errors:
            data["budget"] = rules.make_budget(
                income=data["income"],
                essentials=data.get("essentials"),
                debt_payments=data.get("debt_payments"),
                other_platforms=data.get("other_platforms"),
                savings=data.get("savings"),
                repays_another_loan=data.get("purpose") == "repay_loan",
            )
        return data


class EarlyRepaymentForm(RepayableForm):
    """What if the borrower repays everything early: after how many payments, and the fee the
    contract charges for it (an amount, or a percentage of the principal repaid early)."""

    early_after = WholeNumberField(
        label=_("Repay everything after payment number"),
        help_text=_("Such as 6: you make 6 payments, then repay all that is left with the 6th."),
        min_value=Decimal(1),
    )

    early_fee = FeeField(
        label=_("Early-repayment fee (yuan or %)"),
        help_text=_(
            "From the contract (提前还款违约金 or 手续费): an amount, or a percentage of what you "
            "repay early, such as 200 or 3%. Leave empty if none."
        ),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
    )

    def __init__(self, *args: Any, payments: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Repaying with the last payment is no early repayment.
        self.fields["early_after"].max_value = Decimal(payments - 1)
