"""The offer: as the terms the app quotes (TermsForm) or as the plan it shows (PlanForm).

The offer is one of two forms, chosen by `mode` (`offer_input` picks it). Only the chosen form is
judged; whatever was typed in the other's boxes is kept on the page but never judged.

Offer, `mode=terms` (quoted terms):
    amount          the amount borrowed, as the contract states it (yuan)
    rate            the quoted rate, in percent (0.05, 1.5, 18%), or as apps write it (万5,
                    日息万五, 月息2分, 年化18%: a period word sets rate_period; 月费率0.6%: a fee
                    word sets the flat-fee method)
    rate_period     day | month | year: what the rate is charged for
    rate_confirmed  1 when the borrower, asked, said the listed period is right (a link sets it)
    term            how long the loan runs, in `term_unit`s
    term_unit       day | week | month
    method          equal_installment | equal_principal | interest_first | one_time | flat_fee,
                    or empty (not sure: apps.finance.reading reads it, the dearer way in doubt)
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
    lender          bank | consumer_finance | microloan | platform | private | unknown (default):
                    who lends, which decides the rate line that applies
    label           a few words naming the offer (借呗, bank A), optional; shown in comparisons
Comparison: the same offer fields, prefixed `o1-` to `o4-` (COMPARE_PREFIXES), and one budget.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.models import LenderKind
from apps.finance import (
    MAX_AMOUNT,
    Offer,
    OfferError,
    Plan,
    Quote,
)
from apps.finance.check import price_offer
from apps.finance.errors import ErrorCode
from apps.finance.reading import read_rate
from apps.loans.fields import (
    NO_FEE,
    DateField,
    FeeField,
    MoneyField,
    PercentField,
    RateField,
    TermField,
    WholeNumberField,
    term_unit_typed,
)
from apps.loans.forms.base import (
    MAX_DATE_SPAN,
    MAX_PENALTY_PERCENT_A_DAY,
    MAX_TERM_YEARS,
    FormData,
    RepayableForm,
    flag_rate_above_limit,
    local_today,
)

MODE_TERMS = "terms"
MODE_PLAN = "plan"
TERMS_FIELDS = (
    "amount",
    "rate",
    "rate_period",
    "rate_confirmed",
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
SHARED_OFFER_FIELDS = ("start_date", "first_due", "penalty_rate", "lender", "label")
OFFER_FIELDS = ("mode", *TERMS_FIELDS, *PLAN_FIELDS, *SHARED_OFFER_FIELDS)
# The offer figures a borrower types. A mode or a list always has a value, so only these say
# whether an offer was given at all (an empty comparison box, the calculator's optional loan).
TYPED_OFFER_FIELDS = (
    "amount",
    "rate",
    "term",
    "fee_upfront",
    "fee_per_period",
    "received",
    "payment",
    "count",
    "first_payment",
    "last_payment",
    "contract_amount",
)

# The comparison's offer boxes are these prefixes (o1-amount, o2-amount...), at least COMPARE_MIN.
COMPARE_PREFIXES = ("o1", "o2", "o3", "o4")
COMPARE_MIN = 2
# An offer's name is a few words of the borrower's own (借呗, bank A), never a person's.
MAX_LABEL_LENGTH = 20


# How many of each unit fit in MAX_TERM_YEARS (only to bound what may be typed; the engine does
# the real conversions).
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


class OfferForm(RepayableForm):
    """What both ways of entering an offer share: the mode, the dates and the late-payment rate.
    Use TermsForm or PlanForm (`offer_input` picks one by the mode typed)."""

    # The fields only this way of entering the offer has, in the order the page shows them.
    own_fields: tuple[str, ...] = ()

    mode = forms.ChoiceField(
        label=_("How do you want to enter the offer?"),
        choices=[
            (MODE_TERMS, _("The terms it quotes (amount, rate, term)")),
            (MODE_PLAN, _("The repayment plan the app shows")),
        ],
        initial=MODE_TERMS,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Pick whichever is easier to copy from the lending app's screen."),
    )

    start_date = DateField(
        label=_("Day the money arrives"),
        help_text=_("Leave empty for today."),
        required=False,
    )
    first_due = DateField(
        label=_("First payment due"),
        help_text=_("Leave empty if the first payment is due one period after the money arrives."),
        required=False,
    )
    penalty_rate = PercentField(
        label=_("Late-payment rate (% a day)"),
        help_text=_(
            "The penalty interest (罚息) a day if you pay late, from the contract. Leave empty "
            "and we assume the loan's yearly cost plus half again, at most the line that applies "
            "to the lender, and say so."
        ),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_PENALTY_PERCENT_A_DAY,
    )
    lender = forms.ChoiceField(
        label=_("Who lends the money?"),
        choices=LenderKind.choices,
        initial=LenderKind.UNKNOWN,
        required=False,
        help_text=_(
            "The lender named in the contract (贷款人 or 出借人), which is often not the app. It "
            "decides which legal and regulatory line applies to the loan's cost."
        ),
    )
    label = forms.CharField(
        label=_("A name for this offer"),
        help_text=_(
            "A few words of your own, such as 借呗 or bank A, to tell the offers apart. Never a "
            "person's name or a phone number."
        ),
        required=False,
        max_length=MAX_LABEL_LENGTH,
        error_messages={"max_length": _("Use at most %(limit_value)d characters.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        today = local_today()
        for name in ("start_date", "first_due"):
            value = data.get(name)
            if value is not None and abs(value - today) > MAX_DATE_SPAN:
                self.add_error(
                    name,
                    forms.ValidationError(_("Check the year of this date."), "out_of_range"),
                )
        start, first_due = data.get("start_date"), data.get("first_due")
        if start and first_due and first_due <= start:
            self.add_error(
                "first_due",
                forms.ValidationError(
                    _("The first payment must fall after the day the money arrives."),
                    "first_due_not_after_start",
                ),
            )
        return data

    def to_offer(self) -> Offer | Plan:
        """The cleaned figures as the engine's offer (raises OfferError)."""
        raise NotImplementedError

    def price(self, data: dict[str, Any]) -> None:
        """Once every figure passed: the engine's offer (`offer`) and its schedule and true cost
        (`quote`) in the cleaned data, built once. An offer the engine refuses is an error
        beside the field it concerns, in the reader's words."""
        if self.errors:
            return
        try:
            data["offer"] = self.to_offer()
            data["quote"] = price_offer(data["offer"])
        except OfferError as error:
            attach_offer_error(self, error)


class LenderForm(RepayableForm):
    """Who lends, asked again on the result page when the borrower did not know: the lines that
    apply depend on it."""

    lender = OfferForm.base_fields["lender"]


class TermsForm(OfferForm):
    """The offer as the app quotes it: amount, rate, term, repayment method and fees."""

    own_fields = TERMS_FIELDS

    amount = MoneyField(
        label=_("Amount borrowed (yuan)"),
        help_text=_(
            "The loan amount in the contract, before any fee is taken off. Example: 10000 or 1万."
        ),
        min_inclusive=False,
    )
    rate = RateField(
        label=_("Quoted rate (%)"),
        help_text=_(
            "The interest or fee rate the app quotes, such as 0.05 (a day) or 1.5 (a month); 0 "
            "for an interest-free offer (免息). Copy the app's words with it, such as 日息万五, "
            "月息2分, 年化18% or 月费率0.6%: they say the period and how it is charged."
        ),
        min_value=Decimal(0),
    )
    rate_period = forms.ChoiceField(
        label=_("The rate is charged"),
        choices=[("day", _("per day")), ("month", _("per month")), ("year", _("per year"))],
        initial="month",
        required=False,
        help_text=_(
            "“日利率” or “日息” is per day; “月利率”, “月息” or “月费率” per month; “年化” "
            "per year."
        ),
    )
    # Set only by the result's one-click link ("it really is a month"): not a box on the form.
    rate_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    term = TermField(
        label=_("Loan term"),
        help_text=_("How long until the loan is fully repaid, such as 12 (months)."),
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
            ("", _("Not sure: we read it the dearer way and say so")),
            ("equal_installment", _("Equal payments, interest on what is still owed (等额本息)")),
            ("equal_principal", _("Equal principal, falling payments (等额本金)")),
            ("interest_first", _("Interest first, principal at the end (先息后本)")),
            ("one_time", _("All at once at the end (一次性还本付息)")),
            ("flat_fee", _("A fee on the full amount every month (等本等息, 费率)")),
        ],
        initial="",
        required=False,
        help_text=_(
            "A fee rate (费率, 手续费率, 月费率: card instalments, membership loans) is charged "
            "on the full amount every month, even as you repay it: that is 等本等息. Not sure? "
            "Leave it, and a rate that could be either is read the way that costs more."
        ),
    )
    # The comprehensive cost includes every fee, whatever the app calls it (nfra-help-lending-2025,
    # pboc-2021-3), so the fee boxes name the fees apps charge.
    fee_upfront = FeeField(
        label=_("Fees taken at payout (yuan or %)"),
        help_text=_(
            "Every fee taken off before the money reaches you: guarantee fee (担保费), membership "
            "or “rights” card (会员费、权益卡), insurance (保险费), service fee (服务费). Such as "
            "1000 or 10%. Leave empty if none."
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
            "Every fee charged with each payment: guarantee fee (担保费), membership or "
            "“rights” card (会员费、权益卡), insurance (保险费), service fee (服务费). Such as 50, "
            "or 0.5% of the amount borrowed. Leave empty if none."
        ),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["mode"] = MODE_TERMS
        # "30天" typed as the term says days, whatever the unit list was left at; "日息万五"
        # typed as the rate says a day, whatever the period list was left at.
        typed_unit = term_unit_typed(self.data.get(self.add_prefix("term")))
        if typed_unit:
            data["term_unit"] = typed_unit
        term = data.get("term")
        term_unit = data.get("term_unit")
        # The rate as the borrower meant it: its words, then the lists, then the dearer reading
        # (apps.finance.reading); `reading` says which decided, for the page to echo.
        typed_rate = data.get("rate")
        data["reading"] = None
        if typed_rate is not None and data.get("rate_period"):
            reading = read_rate(
                rate=typed_rate.fraction,
                named_period=typed_rate.period,
                listed_period=data["rate_period"],
                period_confirmed=bool(data.get("rate_confirmed")),
                named_basis=typed_rate.basis,
                listed_method=data.get("method") or None,
                single_payment=term_unit == "day" or term == 1,
            )
            data.update(
                reading=reading,
                rate=reading.rate,
                rate_period=reading.period,
                method=reading.method,
                rate_typed=typed_rate.typed,
            )
        flag_rate_above_limit(self, data)
        if term is not None and term_unit and term > TERM_LIMITS[term_unit]:
            self.add_error(
                "term",
                forms.ValidationError(_("A loan term can be at most 30 years."), "max_value"),
            )
        self.price(data)
        return data

    def to_offer(self) -> Offer:
        data = self.cleaned_data
        upfront = data.get("fee_upfront") or NO_FEE
        per_period = data.get("fee_per_period") or NO_FEE
        return Offer(
            amount=data["amount"],
            rate=data["rate"],
            rate_period=data["rate_period"],
            term=data["term"],
            term_unit=data["term_unit"],
            method=data["method"],
            start_date=data.get("start_date") or local_today(),
            first_due=data.get("first_due"),
            fee_upfront_amount=upfront.amount,
            fee_upfront_rate=upfront.fraction,
            fee_per_period_amount=per_period.amount,
            fee_per_period_rate=per_period.fraction,
        )


class PlanForm(OfferForm):
    """The offer as the app shows its plan: the money received and each payment."""

    own_fields = PLAN_FIELDS

    received = MoneyField(
        label=_("Money you actually receive (yuan)"),
        help_text=_("The amount the app actually paid into your account, after any fees."),
        min_inclusive=False,
    )
    payment = MoneyField(
        label=_("Each payment (yuan)"),
        help_text=_("The amount the app says you pay each time, such as 888.49."),
        min_inclusive=False,
    )
    count = WholeNumberField(
        label=_("Number of payments"),
        help_text=_("How many payments in all, such as 12."),
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
    )
    last_payment = MoneyField(
        label=_("Last payment, if different (yuan)"),
        help_text=_("Only if the last payment is not the same as the others."),
        required=False,
    )
    contract_amount = MoneyField(
        label=_("Amount in the contract, if more (yuan)"),
        help_text=_(
            "Only if the contract or the app says you borrow more than you received, "
            "because fees were taken off at payout."
        ),
        required=False,
        min_inclusive=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["mode"] = MODE_PLAN
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
        count, every = data.get("count"), data.get("every")
        if count is not None and every and count > COUNT_LIMITS[every]:
            self.add_error(
                "count",
                forms.ValidationError(_("A plan can last at most 30 years."), "max_value"),
            )
        self.price(data)
        return data

    def to_offer(self) -> Plan:
        data = self.cleaned_data
        return Plan(
            received=data["received"],
            payment=data["payment"],
            count=data["count"],
            frequency=data["every"],
            start_date=data.get("start_date") or local_today(),
            first_due=data.get("first_due"),
            first_payment=data.get("first_payment"),
            last_payment=data.get("last_payment"),
            contract_amount=data.get("contract_amount"),
        )


class OfferInput:
    """One offer as a page holds it. `form` is the form of the mode typed (TermsForm or
    PlanForm): bound to the data, it alone is judged. `terms` and `plan` are what the page shows
    in each way's boxes; the one not chosen is unbound, showing what was typed in it, unjudged
    (and made only if a page shows it)."""

    def __init__(self, form: TermsForm | PlanForm, typed: dict[str, Any]) -> None:
        self.form = form
        self._typed = typed

    def _shown(self, form_class: type[TermsForm] | type[PlanForm]) -> Any:
        if isinstance(self.form, form_class):
            return self.form
        return form_class(initial=self._typed, prefix=self.form.prefix)

    @cached_property
    def terms(self) -> TermsForm:
        return self._shown(TermsForm)

    @cached_property
    def plan(self) -> PlanForm:
        return self._shown(PlanForm)


def offer_input(
    data: FormData | None = None,
    *,
    initial: dict[str, Any] | None = None,
    prefix: str | None = None,
) -> OfferInput:
    """The offer forms for `data` (a POST, a link or saved figures; prefixed names when `prefix`
    is given) or, for a blank page, for `initial` (unprefixed names, as an adviser's link
    pre-fills them)."""
    if data is None:
        typed = initial or {}
        chosen_class = PlanForm if typed.get("mode") == MODE_PLAN else TermsForm
        return OfferInput(chosen_class(initial=typed, prefix=prefix), typed)

    def name(field: str) -> str:
        return f"{prefix}-{field}" if prefix else field

    typed = {field: data.get(name(field)) for field in OFFER_FIELDS if name(field) in data}
    chosen_class = PlanForm if typed.get("mode") == MODE_PLAN else TermsForm
    return OfferInput(chosen_class(data, prefix=prefix), typed)


def offer_is_typed(data: FormData, prefix: str | None = None) -> bool:
    """Whether any offer figure was typed (in the boxes with this prefix)."""
    return any(
        str(data.get(f"{prefix}-{n}" if prefix else n, "")).strip() for n in TYPED_OFFER_FIELDS
    )


# The engine's error codes in the borrower's words. Codes the form's own checks already catch
# (bounds, required fields) still have a message, in case the engine's limits differ.
ENGINE_MESSAGES = {
    ErrorCode.NOT_A_NUMBER: _("Type a number here."),
    ErrorCode.AMOUNT_NOT_POSITIVE: _("This must be more than zero."),
    ErrorCode.AMOUNT_TOO_LARGE: _("This amount is too large to check."),
    ErrorCode.RATE_NEGATIVE: _("The rate cannot be below zero."),
    ErrorCode.RATE_TOO_LARGE: _(
        "This rate is too high to be real. Check it and what it is charged for."
    ),
    ErrorCode.TERM_NOT_POSITIVE: _("The term must be at least 1."),
    ErrorCode.TERM_TOO_LONG: _("This term is too long for this kind of loan."),
    ErrorCode.FEE_NEGATIVE: _("A fee cannot be below zero."),
    ErrorCode.FEE_TOO_LARGE: _("This fee is too large to check."),
    ErrorCode.FEES_EXCEED_AMOUNT: _("The fees taken at payout are as much as the loan itself."),
    ErrorCode.FIRST_DUE_NOT_AFTER_START: _(
        "The first payment must fall after the day the money arrives."
    ),
    ErrorCode.RECEIVED_NOT_POSITIVE: _("This must be more than zero."),
    ErrorCode.CONTRACT_BELOW_RECEIVED: _(
        "This is less than the money you received; leave it empty if they are the same."
    ),
    ErrorCode.PAYMENT_NOT_POSITIVE: _("A payment must be more than zero."),
    ErrorCode.COUNT_NOT_POSITIVE: _("There must be at least one payment."),
    ErrorCode.COUNT_TOO_LARGE: _("That is too many payments to check."),
    ErrorCode.COUNT_TOO_SMALL: _("A different first or last payment needs at least 2 payments."),
    ErrorCode.NO_PAYMENTS: _("There must be at least one payment."),
    ErrorCode.PAYMENT_NOT_AFTER_START: _(
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


def attach_offer_error(form: forms.Form, error: OfferError) -> None:
    """Show the engine's typed error beside the field it concerns, in the reader's language."""
    message = ENGINE_MESSAGES.get(error.code, FALLBACK_MESSAGE)
    name = ENGINE_FIELDS.get(error.field or "", error.field)
    if name not in form.fields:
        name = None
    form.add_error(name, forms.ValidationError(message, code=error.code))


def priced_offer_form(form: TermsForm | PlanForm) -> Quote | None:
    """Validate the form, which prices its offer: the engine's Quote, or None with the errors
    beside their fields."""
    return form.cleaned_data["quote"] if form.is_valid() else None
