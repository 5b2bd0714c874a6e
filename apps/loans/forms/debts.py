"""My debts' input (/debts/): the month the plan is made from and up to MAX_DEBTS loans.

`income` and `essentials` (the month), and for loan N, from 0 to 9 (a Django formset with the
prefix `loan`; its management fields loan-TOTAL_FORMS... come with the page's POST, but every box
is read whatever they say, and a link needs only the fields):
    loan-N-label      a few words of the borrower's own (借呗, A), optional; never a name or number
    loan-N-owed       what is owed now (yuan)
    loan-N-payment    the payment due each month (yuan; 0 if none)
    loan-N-days_late  days the oldest missed payment is late, optional: 0
    loan-N-rate       the quoted rate, as the loan check's `rate` (万5, 月息2分...), optional
    loan-N-rate_period day | month | year, as the loan check's `rate_period`
    loan-N-original   for a fee rate (费率, 月费率: charged on the amount first borrowed every
                      month), that amount (yuan), optional; typed, it says the rate is a fee rate
    loan-N-lender     as the loan check's `lender`
    loan-N-court      on when the borrower has court papers (a summons, a 支付令, a judgment)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from apps.finance.debts import MAX_DEBTS, Debt
from apps.finance.overdue import MAX_DAYS_LATE
from apps.finance.reading import FEE_BASIS, INTEREST_BASIS, read_rate
from apps.loans.fields import MoneyField, WholeNumberField
from apps.loans.forms.base import FormData, RepayableForm, bounded, flag_rate_above_limit
from apps.loans.forms.budget import BudgetForm
from apps.loans.forms.offer import OfferForm, TermsForm

# My debts: the budget and up to MAX_DEBTS loans, as a formset with the prefix DEBT_PREFIX, so
# that loan N's fields are loan-N-label, loan-N-owed... (documented at the top of this module).
DEBT_PREFIX = "loan"
DEBT_FIELDS = (
    "label",
    "owed",
    "payment",
    "days_late",
    "rate",
    "rate_period",
    "original",
    "lender",
    "court",
)
DEBT_BUDGET_FIELDS = ("income", "essentials")
# The fields a borrower types or ticks: a box with none of them filled in is no loan.
DEBT_TYPED_FIELDS = ("label", "owed", "payment", "days_late", "rate", "original", "court")
# The loan boxes: all MAX_DEBTS on the page, the first DEBT_BOXES_OPEN open and the rest folded
# away until needed (no script needed to add one).
DEBT_BOXES_OPEN = 4
# A label is a few words of the borrower's own: enough for 借呗 or "the phone loan".
MAX_LABEL_LENGTH = 20
# The formset's management fields (loan-TOTAL_FORMS...), as Django names them.
MANAGEMENT_FIELDS = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
# A box's field name: loan-3-owed -> ("3", "owed").
BOX_FIELD = re.compile(rf"{DEBT_PREFIX}-(\d+)-(\w+)\Z")
# What the form page says when its loan boxes arrive changed from what it sends (counts that are
# not whole numbers up to MAX_DEBTS, figures for a box past the last): the page's own words,
# never Django's "ManagementForm data is missing or has been tampered with".
TAMPERED_MESSAGE = _(
    "The loan boxes did not arrive as this page sends them, so no plan was made from them. "
    "What you typed is below: check it and press “See my plan” again."
)


class DebtBudgetForm(RepayableForm):
    """The month the plan is made from: income, and the spending that cannot wait."""

    income = BudgetForm.base_fields["income"]
    essentials = MoneyField(
        label=_("Essential spending each month (yuan)"),
        help_text=_("Rent, food, transport, bills, and money you send home: what you cannot skip."),
        error_messages={
            "required": _(
                "Type your essential spending: the plan offers only what is left after it."
            )
        },
    )


class DebtForm(RepayableForm):
    """One loan already owed, as the borrower knows it. A box left empty is no loan."""

    label = forms.CharField(
        label=_("A name for this loan"),
        help_text=_(
            "A few words of your own, such as 借呗 or A, to tell the loans apart. Never a "
            "name, a phone number or an ID number."
        ),
        required=False,
        max_length=MAX_LABEL_LENGTH,
        error_messages={"max_length": _("Use at most %(limit_value)d characters.")},
    )
    owed = MoneyField(
        label=_("What you owe now (yuan)"),
        help_text=_("All that is left to repay, as the app shows it (待还总额)."),
        min_inclusive=False,
    )
    payment = MoneyField(
        label=_("Payment due each month (yuan)"),
        help_text=_("What this loan asks for each month (每期应还). Type 0 if nothing is due."),
    )
    days_late = WholeNumberField(
        label=_("Days late"),
        help_text=_("How many days the oldest missed payment is late. Empty or 0 if none."),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(MAX_DAYS_LATE),
    )
    rate = TermsForm.base_fields["rate"]
    rate_period = TermsForm.base_fields["rate_period"]
    original = MoneyField(
        label=_("For a fee rate: the amount first borrowed (yuan)"),
        help_text=_(
            "Only if the rate is a fee rate (费率, 手续费率, 月费率): it is charged on the amount "
            "first borrowed every month, however much is repaid. Leave empty for an interest rate."
        ),
        required=False,
        min_inclusive=False,
    )
    lender = OfferForm.base_fields["lender"]
    court = forms.BooleanField(
        label=_("I have court papers for this loan"),
        help_text=_("A summons, a payment order (支付令) or a judgment."),
        required=False,
    )

    def __init__(self, *args: Any, number: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.number = number
        # The rate is optional here: many borrowers do not know it.
        self.fields["rate"].required = False
        # The first box explains each figure; the others repeat the labels only, so that ten
        # boxes stay short on a phone.
        if number > 1:
            for field in self.fields.values():
                field.help_text = ""

    def has_changed(self) -> bool:
        """A box is a loan when something was typed or ticked in it. The lists (the rate's
        period, the lender) always send a value, and a link may leave them out: neither makes
        an empty box a loan."""
        return any(
            str(self.data.get(self.add_prefix(name), "")).strip() for name in DEBT_TYPED_FIELDS
        )

    @property
    def box_title(self) -> str:
        """ "Loan 2": what the error summary and the page call this box."""
        return _("Loan %(number)s") % {"number": self.number}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        typed_rate = data.get("rate")
        data["rate_reading"] = None
        data["fee_rate"] = False
        if typed_rate is not None:
            # Read as the loan check reads it (apps.finance.reading), the dearer reading where
            # the figure is rare for the period listed (0.05 "a month" is 0.05% a day), echoed on
            # the plan. A fee rate is one the words call so (月费率), or one typed with the amount
            # it is charged on, unless the words call it interest (月息).
            reading = read_rate(
                rate=typed_rate.fraction,
                named_period=typed_rate.period,
                listed_period=data.get("rate_period") or "month",
                asks_method=False,
            )
            data["rate"] = reading.rate
            data["rate_period"] = reading.period
            data["rate_reading"] = reading
            data["rate_typed"] = typed_rate.typed
            data["fee_rate"] = typed_rate.basis == FEE_BASIS or (
                data.get("original") is not None and typed_rate.basis != INTEREST_BASIS
            )
        flag_rate_above_limit(self, data)
        data["days_late"] = data.get("days_late") or 0
        return data

    def fee_base(self) -> Decimal | None:
        """What a fee rate is charged on: the amount first borrowed when typed, else what is owed
        now, the least it can be (the plan says its cost is then at least what it shows); None
        for interest on what is owed."""
        data = self.cleaned_data
        if not data.get("fee_rate"):
            return None
        return data.get("original") or data["owed"]

    def to_debt(self, *, penalty_line: Decimal | None = None) -> Debt:
        """The engine's Debt; `penalty_line`: the yearly line that caps the assumed penalty rate
        for this loan's lender (apps.finance.check.penalty_cap_line)."""
        data = self.cleaned_data
        return Debt(
            owed=data["owed"],
            payment=data["payment"],
            days_late=data["days_late"],
            rate=data.get("rate"),
            rate_period=data.get("rate_period") or "month",
            in_court=bool(data.get("court")),
            fee_base=self.fee_base(),
            penalty_line=penalty_line,
        )


class BaseDebtFormSet(forms.BaseFormSet):
    """The loans: at least one, at most MAX_DEBTS; a box left empty is no loan, whichever it is."""

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "number": (index or 0) + 1}

    def used_forms(self) -> list[DebtForm]:
        return [form for form in self.forms if form.has_changed()]

    def clean(self) -> None:
        super().clean()
        if not self.used_forms():
            raise forms.ValidationError(_("Fill in at least one loan."), code="no_loans")


DebtFormSet = forms.formset_factory(
    DebtForm,
    formset=BaseDebtFormSet,
    extra=MAX_DEBTS,
    max_num=MAX_DEBTS,
    validate_max=True,
    absolute_max=MAX_DEBTS,
)


def tampered(data: FormData) -> bool:
    """The loan boxes arrived changed from what the page sends: a count (loan-TOTAL_FORMS...)
    that is not a whole number from 0 to MAX_DEBTS, or something typed in a box past the last.
    A link without counts is not changed: it is read box by box."""
    for name in MANAGEMENT_FIELDS:
        value = data.get(f"{DEBT_PREFIX}-{name}")
        if value is None:
            continue
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()) or int(text) > MAX_DEBTS:
            return True
    for key in data:
        match = BOX_FIELD.match(key)
        if match and int(match.group(1)) >= MAX_DEBTS and str(data.get(key, "")).strip():
            return True
    return False


def _last_box_used(values: dict[str, Any]) -> int:
    """The number (from 0) of the last box with something typed or ticked in it, or -1."""
    last = -1
    for key, value in values.items():
        match = BOX_FIELD.match(key)
        if match and match.group(2) in DEBT_TYPED_FIELDS and str(value).strip():
            last = max(last, int(match.group(1)))
    return min(last, MAX_DEBTS - 1)


def debt_formset(data: FormData, *, every_box: bool = True) -> DebtFormSet:
    """The loan boxes bound to `data`, as the page, a link, a letter or a saved result sends
    them. Every box is read, whatever counts the data carries (a link carries none), each as an
    extra one, so a box emptied on a pre-filled page is no loan rather than a missing figure.
    With `every_box` False only the boxes up to the last one used are built: all the answer
    needs, and for four loans under half the work of ten boxes."""
    values = bounded(data.dict() if isinstance(data, QueryDict) else dict(data))
    count = MAX_DEBTS if every_box else max(_last_box_used(values) + 1, 1)
    values.update(
        {
            f"{DEBT_PREFIX}-TOTAL_FORMS": str(count),
            f"{DEBT_PREFIX}-INITIAL_FORMS": "0",
            f"{DEBT_PREFIX}-MIN_NUM_FORMS": "0",
            f"{DEBT_PREFIX}-MAX_NUM_FORMS": str(MAX_DEBTS),
        }
    )
    return DebtFormSet(values, prefix=DEBT_PREFIX)
