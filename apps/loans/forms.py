"""The loan check's forms: the offer (as quoted terms or as the plan the app shows) and the budget.

Field names are a stable interface: adviser links pre-fill the form with them (GET /check/?...),
tests post them, and saved results store them. Do not rename them.

The offer is one of two forms, chosen by `mode` (`offer_input` picks it): TermsForm for the quoted
terms, PlanForm for the plan the app shows. Only the chosen form is judged; whatever was typed in
the other's boxes is kept on the page but never judged.

    mode            terms | plan (anything else is read as terms)
Offer, `mode=terms` (quoted terms):
    amount          the amount borrowed, as the contract states it (yuan)
    rate            the quoted rate, in percent (0.05, 1.5, 18%), or as apps write it (万5,
                    日息万五, 月息2分, 年化18%: a period word sets rate_period)
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
    lender          bank | consumer_finance | microloan | platform | private | unknown (default):
                    who lends, which decides the rate line that applies
Comparison: the same offer fields, prefixed `o1-` to `o4-` (COMPARE_PREFIXES), and one budget.
My debts (/debts/): `income` and `essentials` (the month), and for loan N, from 0 to 9 (a Django
formset with the prefix `loan`, so its management fields loan-TOTAL_FORMS... come with a POST;
a GET link needs only the fields):
    loan-N-label      a few words of the borrower's own (借呗, A), optional; never a name or number
    loan-N-owed       what is owed now (yuan)
    loan-N-payment    the payment due each month (yuan; 0 if none)
    loan-N-days_late  days the oldest missed payment is late, optional: 0
    loan-N-rate       the quoted rate, as for `rate` above (万5, 月息2分...), optional
    loan-N-rate_period day | month | year, as for `rate_period` above
    loan-N-lender     as `lender` above
    loan-N-court      on when the borrower has court papers (a summons, a 支付令, a judgment)
Budget (all monthly, in yuan):
    income          money coming in each month, after tax
    essentials      essential spending each month (rent, food, transport, bills), optional
    debt_payments   what you pay each month on loans and credit cards you already have, optional
    other_platforms how many other lending apps you owe money to now, optional
    savings         savings you could use in an emergency, optional
    purpose         what the loan is for (repay_loan = to repay another loan), optional
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import LenderKind
from apps.finance import (
    MAX_AMOUNT,
    Offer,
    OfferError,
    Plan,
    Quote,
    advertised_annual_rate,
    schedule_for_offer,
    schedule_for_plan,
)
from apps.finance.budget import MAX_MONEY
from apps.finance.debts import MAX_DEBTS, Debt
from apps.finance.errors import ErrorCode
from apps.finance.overdue import MAX_DAYS_LATE
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

# A rate above 1,000% a year, once annualised, is a typing slip (a daily rate typed as monthly,
# a missing point): the form says so rather than price it.
MAX_ANNUAL_RATE = Decimal(10)
MAX_TERM_YEARS = 30
MAX_PLATFORMS = 99
# A late-payment rate above 10% a day (3,650% a year) is a typing slip, not a contract.
MAX_PENALTY_PERCENT_A_DAY = Decimal(10)
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
SHARED_OFFER_FIELDS = ("start_date", "first_due", "penalty_rate", "lender")
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
BUDGET_FIELDS = ("income", "essentials", "debt_payments", "other_platforms", "savings", "purpose")
# Repaying early, asked on the result page: after how many payments, and the fee for it.
EARLY_FIELDS = ("early_after", "early_fee")
# The comparison's offer boxes are these prefixes (o1-amount, o2-amount...), at least COMPARE_MIN.
COMPARE_PREFIXES = ("o1", "o2", "o3", "o4")
COMPARE_MIN = 2

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


def local_today() -> date:
    """Today where the borrower is (the site's time zone), the default start of a loan."""
    return timezone.localdate()


def flag_rate_above_limit(form: forms.Form, data: dict[str, Any]) -> None:
    """Put the "more than 1,000% a year" message beside `rate` when the cleaned rate and its
    period say so (MAX_ANNUAL_RATE): the loan check's and My debts' one bound on a rate."""
    rate, rate_period = data.get("rate"), data.get("rate_period")
    if (
        rate is not None
        and rate_period
        and advertised_annual_rate(rate=rate, rate_period=rate_period) > MAX_ANNUAL_RATE
    ):
        form.add_error(
            "rate",
            forms.ValidationError(
                _("That is more than 1,000% a year. Check the rate and what it is charged for."),
                "max_value",
            ),
        )


# Longer than any value a box or list of the site sends (a number stops at MAX_INPUT_LENGTH):
# anything longer is cut here, before a form, a link or a saved result can show it again.
MAX_FIELD_LENGTH = 80


def bounded(data: Mapping[str, Any]) -> QueryDict | dict[str, Any]:
    """`data` (a POST, a query string, saved figures or initial values) with every text cut to
    MAX_FIELD_LENGTH characters: a 2 MB `mode` must not come back as a 4 MB page."""
    if isinstance(data, QueryDict):
        cut = QueryDict(mutable=True)
        for key, values in data.lists():
            cut.setlist(key, [value[:MAX_FIELD_LENGTH] for value in values])
        return cut
    return {
        key: value[:MAX_FIELD_LENGTH] if isinstance(value, str) else value
        for key, value in data.items()
    }


class RepayableForm(forms.Form):
    """The site's forms. The server says what is missing, beside the field and in the reader's
    words, so inputs carry no `required` attribute (whose bubble speaks the browser's language).
    A choice list left out of the data (an adviser's short link) takes its initial value. What
    was typed is cut to MAX_FIELD_LENGTH before the form reads or shows it."""

    use_required_attribute = False

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *args: Any,
        initial: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            None if data is None else bounded(data),
            *args,
            initial=None if initial is None else bounded(initial),
            **kwargs,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name, field in self.fields.items():
            left_out = not data.get(name) and name not in self.errors
            if isinstance(field, forms.ChoiceField) and field.initial and left_out:
                data[name] = field.initial
        return data


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
            "The penalty interest (罚息) a day if you pay late, from the contract. "
            "Leave empty and we assume the loan's own daily rate plus half again."
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


class TermsForm(OfferForm):
    """The offer as the app quotes it: amount, rate, term, repayment method and fees."""

    own_fields = TERMS_FIELDS

    amount = MoneyField(
        label=_("Amount borrowed (yuan)"),
        help_text=_(
            "The loan amount in the contract, before any fee is taken off. Example: 10000 or 1万."
        ),
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
    )
    rate = RateField(
        label=_("Quoted rate (%)"),
        help_text=_(
            "The interest or fee rate the app quotes, such as 0.05 (a day) or 1.5 (a month). "
            "Typed as the app writes it, 日息万五 or 月息2分 or 年化18%, it says its own period."
        ),
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
        typed_rate = data.get("rate")
        data["rate_period_named"] = bool(typed_rate and typed_rate.period)
        if typed_rate is not None:
            data["rate"] = typed_rate.fraction
            data["rate_period"] = typed_rate.period or data.get("rate_period")
        flag_rate_above_limit(self, data)
        term = data.get("term")
        term_unit = data.get("term_unit")
        if term is not None and term_unit and term > TERM_LIMITS[term_unit]:
            self.add_error(
                "term",
                forms.ValidationError(_("A loan term can be at most 30 years."), "max_value"),
            )
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
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
    )
    payment = MoneyField(
        label=_("Each payment (yuan)"),
        help_text=_("The amount the app says you pay each time, such as 888.49."),
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
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
        )


FormData = QueryDict | dict[str, Any]


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


class BudgetForm(RepayableForm):
    """The borrower's month: what comes in, what must go out, what is owed already."""

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


# My debts: the budget and up to MAX_DEBTS loans, as a formset with the prefix DEBT_PREFIX, so
# that loan N's fields are loan-N-label, loan-N-owed... (documented at the top of this module).
DEBT_PREFIX = "loan"
DEBT_FIELDS = ("label", "owed", "payment", "days_late", "rate", "rate_period", "lender", "court")
DEBT_BUDGET_FIELDS = ("income", "essentials")
# The fields a borrower types or ticks: a box with none of them filled in is no loan.
DEBT_TYPED_FIELDS = ("label", "owed", "payment", "days_late", "rate", "court")
# The loan boxes: all MAX_DEBTS on the page, the first DEBT_BOXES_OPEN open and the rest folded
# away until needed (no script needed to add one).
DEBT_BOXES_OPEN = 4
# A label is a few words of the borrower's own: enough for 借呗 or "the phone loan".
MAX_LABEL_LENGTH = 20


class DebtBudgetForm(RepayableForm):
    """The month the plan is made from: income, and the spending that cannot wait."""

    income = BudgetForm.base_fields["income"]
    essentials = MoneyField(
        label=_("Essential spending each month (yuan)"),
        help_text=_("Rent, food, transport, bills, and money you send home: what you cannot skip."),
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
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
        min_value=Decimal(0),
        min_inclusive=False,
        max_value=MAX_AMOUNT,
    )
    payment = MoneyField(
        label=_("Payment due each month (yuan)"),
        help_text=_("What this loan asks for each month (每期应还). Type 0 if nothing is due."),
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
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
        if typed_rate is not None:
            data["rate"] = typed_rate.fraction
            data["rate_period"] = typed_rate.period or data.get("rate_period")
        flag_rate_above_limit(self, data)
        data["days_late"] = data.get("days_late") or 0
        return data

    def to_debt(self) -> Debt:
        data = self.cleaned_data
        return Debt(
            owed=data["owed"],
            payment=data["payment"],
            days_late=data["days_late"],
            rate=data.get("rate"),
            rate_period=data.get("rate_period") or "month",
            in_court=bool(data.get("court")),
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
    """Validate the form and price its offer: the engine's Quote, or None with errors attached."""
    if not form.is_valid():
        return None
    try:
        offer = form.to_offer()
        if isinstance(offer, Plan):
            return schedule_for_plan(plan=offer)
        return schedule_for_offer(offer=offer)
    except OfferError as error:
        attach_offer_error(form, error)
        return None
