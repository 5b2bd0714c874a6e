"""The loan check's forms: the offer (as quoted terms or as the plan the app shows) and the budget.

Field names are a stable interface: adviser links pre-fill the form with them (GET /check/?...),
tests post them, and saved results store them. Do not rename them.

Offer, `mode=terms` (quoted terms):
    amount          the amount borrowed, as the contract states it (yuan)
    rate            the quoted rate, in percent (0.05, 1.5, 18%)
    rate_period     day | month | year: what the rate is charged for
    term            how long the loan runs, in `term_unit`s
    term_unit       day | week | month
    method          equal_installment | equal_principal | interest_first | one_time | flat_fee
    fee_upfront     fees taken out of the loan at payout (yuan, or "10%" of the amount), optional
    fee_per_period  a fee added to every payment (yuan, or "0.5%" of the amount), optional
Offer, `mode=plan` (the plan the lending app shows):
    received        the money actually paid into the borrower's account (yuan)
    payment         the regular payment (yuan)
    count           the number of payments
    every           week | 2weeks | 4weeks | semimonth | month | 2months | quarter
    first_payment   a first payment different from the others (yuan), optional
    last_payment    a last payment different from the others (yuan), optional
    contract_amount the loan amount in the contract when more than was received (yuan), optional
Both modes:
    start_date      the day the money arrives (YYYY-MM-DD), optional: today
    first_due       the first due date (YYYY-MM-DD), optional: one period after the start
    penalty_rate    the overdue rate in percent a day, optional: see DEFAULT_PENALTY_MULTIPLIER
Budget (all monthly, in yuan):
    income          money coming in each month, after tax
    essentials      essential spending each month (rent, food, transport, bills), optional
    debt_payments   what you pay each month on loans and credit cards you already have, optional
    other_platforms how many other lending apps you owe money to now, optional
    savings         savings you could use in an emergency, optional
    purpose         what the loan is for (repay_loan = to repay another loan), optional
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.finance import errors as engine_errors
from apps.finance.schedule import Offer, Plan, Quote, schedule_for_offer, schedule_for_plan
from apps.loans.fields import (
    FeeField,
    MoneyField,
    PercentField,
    TermField,
    WholeNumberField,
    term_unit_typed,
)

MAX_AMOUNT = Decimal(10_000_000)
MAX_SAVINGS = Decimal(1_000_000_000)
MAX_ANNUAL_RATE_PERCENT = Decimal(1000)
MAX_TERM_YEARS = 30
MAX_PLATFORMS = 99
# Dates further than this from today are typing slips (a year 2062, say).
MAX_DATE_SPAN = timedelta(days=MAX_TERM_YEARS * 366)

MODE_TERMS = "terms"
MODE_PLAN = "plan"
TERMS_FIELDS = (
    "amount",
    "rate",
    "rate_period",
    "term",
    "term_unit",
    "method",
    "fee_upfront",
    "fee_per_period",
)
PLAN_FIELDS = (
    "received",
    "payment",
    "count",
    "every",
    "first_payment",
    "last_payment",
    "contract_amount",
)
SHARED_OFFER_FIELDS = ("start_date", "first_due", "penalty_rate")
OFFER_FIELDS = ("mode", *TERMS_FIELDS, *PLAN_FIELDS, *SHARED_OFFER_FIELDS)
BUDGET_FIELDS = ("income", "essentials", "debt_payments", "other_platforms", "savings", "purpose")

# How many of each unit fit in MAX_TERM_YEARS, and how many of each period fit in a year (only to
# bound what may be typed; the engine does the real conversions).
TERM_LIMITS = {
    "day": MAX_TERM_YEARS * 365,
    "week": MAX_TERM_YEARS * 52,
    "month": MAX_TERM_YEARS * 12,
}
COUNT_LIMITS = {
    "week": MAX_TERM_YEARS * 52,
    "2weeks": MAX_TERM_YEARS * 26,
    "4weeks": MAX_TERM_YEARS * 13,
    "semimonth": MAX_TERM_YEARS * 24,
    "month": MAX_TERM_YEARS * 12,
    "2months": MAX_TERM_YEARS * 6,
    "quarter": MAX_TERM_YEARS * 4,
}
RATE_PERIODS_PER_YEAR = {"day": 365, "month": 12, "year": 1}

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _date_field(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": _("Type a date such as 2026-12-31, or pick one.")},
    )


def local_today() -> date:
    """Today where the borrower is (the site's time zone), the default start of a loan."""
    return timezone.localdate()


_T = TypeVar("_T")


def _copy_field(field: forms.Field) -> forms.Field:
    """A copy of a declared field for one form instance, as Django's deepcopy makes it, except
    that choices are shared: no form changes a list of choices in place (guidance replaces one
    whole), and deep-copying them was a fifth of a loan check's form handling."""
    copied = _shallow_copy(field)
    copied.widget = widget = _shallow_copy(field.widget)
    widget.attrs = field.widget.attrs.copy()
    copied.error_messages = field.error_messages.copy()
    copied.validators = field.validators[:]
    return copied


def _shallow_copy(obj: _T) -> _T:
    # What copy.copy() does for a plain object, without its generic __reduce_ex__ round trip.
    copied = object.__new__(type(obj))
    copied.__dict__.update(obj.__dict__)
    return copied


class _DeclaredFields(dict[str, forms.Field]):
    """`base_fields` whose per-form copy is `_copy_field` (BaseForm deep-copies base_fields)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return {name: _copy_field(field) for name, field in self.items()}


class _StyledFormMetaclass(forms.forms.DeclarativeFieldsMetaclass):
    """Styles each declared field once, when the form class is made, not for every form."""

    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> type:
        new_class = super().__new__(mcs, name, bases, attrs)
        needed = getattr(new_class, "needed", ())
        # Copies, so that a subclass styling a field it inherits leaves its parent's alone.
        fields = _DeclaredFields(
            (field_name, _copy_field(field)) for field_name, field in new_class.base_fields.items()
        )
        for field_name, field in fields.items():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-control"
            field.needed = field_name in needed or isinstance(
                widget, forms.Select | forms.RadioSelect
            )
        new_class.base_fields = fields
        return new_class


class StyledForm(forms.Form, metaclass=_StyledFormMetaclass):
    """Bootstrap classes on every widget; `needed` fields are shown without "(optional)"."""

    needed: tuple[str, ...] = ()
    use_required_attribute = False  # a hidden mode's fields must not block the browser

    def unjudged_fields(self) -> tuple[str, ...]:
        """Fields whose values are kept on screen but never cleaned (see OfferForm)."""
        return ()

    def _clean_fields(self) -> None:
        # Django's loop (BaseForm._clean_fields, Field._clean_bound_field), less the unjudged
        # fields, and without making a BoundField for each field: Django's BoundField translates
        # the field's help text as it is made, and a valid check never shows the fields. That
        # halved a loan check's form handling (0.46 ms to 0.22 ms).
        unjudged = self.unjudged_fields()
        for name, field in self.fields.items():
            if name in unjudged:
                continue
            try:
                self.cleaned_data[name] = self._clean_field(name, field)
                if hasattr(self, f"clean_{name}"):
                    self.cleaned_data[name] = getattr(self, f"clean_{name}")()
            except forms.ValidationError as error:
                self.add_error(name, error)

    def _clean_field(self, name: str, field: forms.Field) -> Any:
        if type(field)._clean_bound_field is not forms.Field._clean_bound_field:
            return field._clean_bound_field(self[name])  # a field with its own way (FileField)
        if field.disabled:
            return field.clean(self.get_initial_for_field(field, name))
        return field.clean(self._widget_data_value(field.widget, self.add_prefix(name)))


class OfferForm(StyledForm):
    """One loan offer, entered as quoted terms (mode=terms) or as the shown plan (mode=plan).

    Only the chosen mode's fields are required and checked; whatever was typed in the other
    mode's fields is kept but ignored. The guidance app reuses this form for its overdue
    calculator; `offer_from_cleaned` turns its cleaned data into the engine's offer.
    """

    needed = ("amount", "rate", "term", "received", "payment", "count")

    mode = forms.ChoiceField(
        label=_("How do you want to enter the offer?"),
        choices=[
            (MODE_TERMS, _("The terms it quotes (amount, rate, term)")),
            (MODE_PLAN, _("The repayment plan the app shows")),
        ],
        initial=MODE_TERMS,
        widget=forms.RadioSelect,
        help_text=_("Pick whichever is easier to copy from the lending app's screen."),
    )

    amount = MoneyField(
        label=_("Amount borrowed (yuan)"),
        help_text=_(
            "The loan amount in the contract, before any fee is taken off. Example: 10000 or 1万."
        ),
        required=False,
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
    )
    rate = PercentField(
        label=_("Quoted rate (%)"),
        help_text=_(
            "The interest or fee rate the app quotes, such as 0.05 (a day) or 1.5 (a month)."
        ),
        required=False,
        min_value=Decimal(0),
    )
    rate_period = forms.ChoiceField(
        label=_("The rate is charged"),
        choices=[("day", _("per day")), ("month", _("per month")), ("year", _("per year"))],
        initial="month",
        required=False,
        help_text=_("“日利率” is per day, “月利率” or “月费率” per month, “年化” per year."),
    )
    term = TermField(
        label=_("Loan term"),
        help_text=_("How long until the loan is fully repaid, such as 12 (months)."),
        required=False,
        min_value=Decimal(1),
    )
    term_unit = forms.ChoiceField(
        label=_("Term counted in"),
        choices=[("month", _("months")), ("week", _("weeks")), ("day", _("days"))],
        initial="month",
        required=False,
        help_text=_("The unit of the loan term."),
    )
    method = forms.ChoiceField(
        label=_("How it is repaid"),
        choices=[
            ("equal_installment", _("Equal payments every month (等额本息)")),
            ("equal_principal", _("Equal principal, falling payments (等额本金)")),
            ("interest_first", _("Interest first, principal at the end (先息后本)")),
            ("one_time", _("All at once at the end (一次性还本付息)")),
            ("flat_fee", _("Fee on the full amount every month (等本等息)")),
        ],
        initial="equal_installment",
        required=False,
        help_text=_("The app or contract names it; if unsure, equal payments is the most common."),
    )
    fee_upfront = FeeField(
        label=_("Fees taken at payout (yuan or %)"),
        help_text=_(
            "Any service, membership or guarantee fee taken off before the money reaches you, "
            "such as 1000 or 10%. Leave empty if none."
        ),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
    )
    # "0.5% of" looks like a %o directive to xgettext; the help text is never %-formatted.
    fee_per_period = FeeField(
        label=_("Fee added to every payment (yuan or %)"),
        help_text=_(
            # xgettext:no-python-format
            "A service or membership fee charged with each payment, such as 50 or 0.5% of the "
            "amount borrowed. Leave empty if none."
        ),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
    )

    received = MoneyField(
        label=_("Money you actually receive (yuan)"),
        help_text=_("The amount the app actually paid into your account, after any fees."),
        required=False,
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
    )
    payment = MoneyField(
        label=_("Each payment (yuan)"),
        help_text=_("The amount the app says you pay each time, such as 888.49."),
        required=False,
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
    )
    count = WholeNumberField(
        label=_("Number of payments"),
        help_text=_("How many payments in all, such as 12."),
        required=False,
        min_value=Decimal(1),
    )
    every = forms.ChoiceField(
        label=_("How often you pay"),
        choices=[
            ("month", _("every month")),
            ("week", _("every week")),
            ("2weeks", _("every 2 weeks")),
            ("4weeks", _("every 4 weeks")),
            ("semimonth", _("twice a month")),
            ("2months", _("every 2 months")),
            ("quarter", _("every 3 months")),
        ],
        initial="month",
        required=False,
        help_text=_("How often a payment is due."),
    )
    first_payment = MoneyField(
        label=_("First payment, if different (yuan)"),
        help_text=_("Only if the first payment is not the same as the others."),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
    )
    last_payment = MoneyField(
        label=_("Last payment, if different (yuan)"),
        help_text=_("Only if the last payment is not the same as the others."),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
    )
    contract_amount = MoneyField(
        label=_("Amount in the contract, if more (yuan)"),
        help_text=_(
            "Only if the contract or the app says you borrow more than you received, "
            "because fees were taken off at payout."
        ),
        required=False,
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
    )

    start_date = _date_field(
        _("Day the money arrives"),
        _("Leave empty for today."),
    )
    first_due = _date_field(
        _("First payment due"),
        _("Leave empty if the first payment is due one period after the money arrives."),
    )
    penalty_rate = PercentField(
        label=_("Late-payment rate (% a day)"),
        help_text=_(
            "The penalty interest (罚息) a day if you pay late, from the contract. "
            "Leave empty and we assume the loan's own daily rate plus half again."
        ),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(10),
    )

    def unjudged_fields(self) -> tuple[str, ...]:
        # Whatever was typed in the other mode's boxes is kept on screen but never judged. The
        # raw mode decides, as clean() does: anything but "plan" is read as quoted terms.
        raw_mode = self.data.get(self.add_prefix("mode"))
        return TERMS_FIELDS if raw_mode == MODE_PLAN else PLAN_FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        mode = data.get("mode") or MODE_TERMS
        if mode == MODE_TERMS:
            self._clean_terms(data)
        else:
            self._clean_plan(data)
        self._clean_dates(data)
        return data

    def _require(self, data: dict[str, Any], names: tuple[str, ...]) -> None:
        for name in names:
            if data.get(name) is None and name not in self._errors:
                self.add_error(name, forms.ValidationError(_("Please fill this in."), "required"))

    def _clean_terms(self, data: dict[str, Any]) -> None:
        self._require(data, ("amount", "rate", "term"))
        data["rate_period"] = data.get("rate_period") or "month"
        # "30天" typed as the term says days, whatever the unit list was left at.
        typed_unit = term_unit_typed(self.data.get(self.add_prefix("term")))
        data["term_unit"] = typed_unit or data.get("term_unit") or "month"
        data["method"] = data.get("method") or "equal_installment"
        rate, term = data.get("rate"), data.get("term")
        # A rate above 1,000% a year once annualised is a typing slip (a daily rate typed as
        # monthly, a missing point); say so rather than price it.
        per_year = RATE_PERIODS_PER_YEAR[data["rate_period"]]
        if rate is not None and rate * per_year > MAX_ANNUAL_RATE_PERCENT:
            self.add_error(
                "rate",
                forms.ValidationError(
                    _(
                        "That is more than 1,000% a year. Check "
                        "the rate and what it is charged for."
                    ),
                    "max_value",
                ),
            )
        if term is not None and term > TERM_LIMITS[data["term_unit"]]:
            self.add_error(
                "term",
                forms.ValidationError(_("A loan term can be at most 30 years."), "max_value"),
            )

    def _clean_plan(self, data: dict[str, Any]) -> None:
        self._require(data, ("received", "payment", "count"))
        data["every"] = data.get("every") or "month"
        received, contract = data.get("received"), data.get("contract_amount")
        if received is not None and contract is not None and contract < received:
            self.add_error(
                "contract_amount",
                forms.ValidationError(
                    _(
                        "This is less than the money you received; "
                        "leave it empty if they are the same."
                    ),
                    "contract_below_received",
                ),
            )
        count = data.get("count")
        if count is not None and count > COUNT_LIMITS[data["every"]]:
            self.add_error(
                "count",
                forms.ValidationError(_("A plan can last at most 30 years."), "max_value"),
            )

    def _clean_dates(self, data: dict[str, Any]) -> None:
        today = local_today()
        for name in ("start_date", "first_due"):
            value = data.get(name)
            if value is not None and abs(value - today) > MAX_DATE_SPAN:
                self.add_error(
                    name,
                    forms.ValidationError(_("Check the year of this date."), "out_of_range"),
                )
                data.pop(name, None)
        start, first_due = data.get("start_date"), data.get("first_due")
        if start and first_due and first_due <= start:
            self.add_error(
                "first_due",
                forms.ValidationError(
                    _("The first payment must fall after the day the money arrives."),
                    "first_due_not_after_start",
                ),
            )


class BudgetForm(StyledForm):
    """The borrower's month: what comes in, what must go out, what is owed already."""

    needed = ("income",)

    income = MoneyField(
        label=_("Monthly income after tax (yuan)"),
        help_text=_(
            "What you can count on each month: wages after tax "
            "and social insurance, plus any regular income."
        ),
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
        error_messages={
            "required": _("Please type your monthly income: we need it for the verdict.")
        },
    )
    essentials = MoneyField(
        label=_("Essential spending each month (yuan)"),
        help_text=_("Rent, food, transport, bills, and money you send home: what you cannot skip."),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
    )
    debt_payments = MoneyField(
        label=_("Payments on loans you already have, each month (yuan)"),
        help_text=_(
            "All other loans, credit cards and pay-later plans together. Leave empty if none."
        ),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
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
        min_value=Decimal(0),
        max_value=MAX_SAVINGS,
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


# The engine's error codes in the borrower's words. Codes the form's own checks already catch
# (bounds, required fields) still have a message, in case the engine's limits differ.
ENGINE_MESSAGES = {
    engine_errors.NOT_A_NUMBER: _("Type a number here."),
    engine_errors.AMOUNT_NOT_POSITIVE: _("This must be more than zero."),
    engine_errors.AMOUNT_TOO_LARGE: _("This amount is too large to check."),
    engine_errors.RATE_NEGATIVE: _("The rate cannot be below zero."),
    engine_errors.RATE_TOO_LARGE: _(
        "This rate is too high to be real. Check it and what it is charged for."
    ),
    engine_errors.TERM_NOT_POSITIVE: _("The term must be at least 1."),
    engine_errors.TERM_TOO_LONG: _("This term is too long for this kind of loan."),
    engine_errors.FEE_NEGATIVE: _("A fee cannot be below zero."),
    engine_errors.FEE_TOO_LARGE: _("This fee is too large to check."),
    engine_errors.FEES_EXCEED_AMOUNT: _("The fees taken at payout are as much as the loan itself."),
    engine_errors.FIRST_DUE_NOT_AFTER_START: _(
        "The first payment must fall after the day the money arrives."
    ),
    engine_errors.RECEIVED_NOT_POSITIVE: _("This must be more than zero."),
    engine_errors.PAYMENT_NOT_POSITIVE: _("A payment must be more than zero."),
    engine_errors.COUNT_NOT_POSITIVE: _("There must be at least one payment."),
    engine_errors.COUNT_TOO_LARGE: _("That is too many payments to check."),
    engine_errors.COUNT_TOO_SMALL: _(
        "A different first or last payment needs at least 2 payments."
    ),
    engine_errors.NO_PAYMENTS: _("There must be at least one payment."),
    engine_errors.PAYMENT_NOT_AFTER_START: _(
        "The first payment must fall after the day the money arrives."
    ),
}
FALLBACK_MESSAGE = _("We could not check this offer. Look at the figures again.")
# Engine keyword -> the form field where its message belongs.
ENGINE_FIELDS = {
    "fee_upfront_amount": "fee_upfront",
    "fee_upfront_rate": "fee_upfront",
    "fee_per_period_amount": "fee_per_period",
    "fee_per_period_rate": "fee_per_period",
    "fee_separate": "fee_upfront",
    "frequency": "every",
    "advance": "received",
    "payments": "first_due",
}


def _fee_parts(fee: Any) -> tuple[Decimal, Decimal]:
    """A FeeValue as the engine's (amount, fraction of the amount) pair."""
    if fee is None:
        return Decimal(0), Decimal(0)
    if fee.is_percent:
        return Decimal(0), fee.number / 100
    return fee.number, Decimal(0)


def offer_from_cleaned(data: dict[str, Any]) -> Offer | Plan:
    """Turn an OfferForm's cleaned data into the engine's Offer (terms) or Plan (shown plan).

    Raises apps.finance.errors.OfferError; use `attach_offer_error` to show it on the form.
    """
    start = data.get("start_date") or local_today()
    if data.get("mode") == MODE_PLAN:
        return Plan(
            received=data["received"],
            payment=data["payment"],
            count=data["count"],
            frequency=data["every"],
            start_date=start,
            first_due=data.get("first_due"),
            first_payment=data.get("first_payment"),
            last_payment=data.get("last_payment"),
        )
    upfront_amount, upfront_rate = _fee_parts(data.get("fee_upfront"))
    period_amount, period_rate = _fee_parts(data.get("fee_per_period"))
    return Offer(
        amount=data["amount"],
        rate=data["rate"] / 100,
        rate_period=data["rate_period"],
        term=data["term"],
        term_unit=data["term_unit"],
        method=data["method"],
        start_date=start,
        first_due=data.get("first_due"),
        fee_upfront_amount=upfront_amount,
        fee_upfront_rate=upfront_rate,
        fee_per_period_amount=period_amount,
        fee_per_period_rate=period_rate,
    )


def attach_offer_error(form: forms.Form, error: engine_errors.OfferError) -> None:
    """Show the engine's typed error beside the field it concerns, in the reader's language."""
    message = ENGINE_MESSAGES.get(error.code, FALLBACK_MESSAGE)
    name = ENGINE_FIELDS.get(error.field or "", error.field)
    if name not in form.fields:
        name = None
    form.add_error(name, forms.ValidationError(message, code=error.code))


def priced_offer_form(form: OfferForm) -> Quote | None:
    """Validate the form and price its offer: the engine's Quote, or None with errors attached."""
    if not form.is_valid():
        return None
    try:
        offer = offer_from_cleaned(form.cleaned_data)
        if isinstance(offer, Plan):
            return schedule_for_plan(plan=offer)
        return schedule_for_offer(offer=offer)
    except engine_errors.OfferError as error:
        attach_offer_error(form, error)
        return None
