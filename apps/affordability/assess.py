"""Put one check together: validate the forms, price the offer, apply the price and budget
rules, pick the rate lines that apply to this lender, and try the changes that could make the
loan safer.

Only orchestration lives here: every figure comes from the engine (apps.finance), every word
from the templates. The dated rate lines come from the database, never from code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps.core.facts import limit_lines, lines_for, rate_lines, sources_by_key
from apps.core.models import LenderKind, RateLine, Source
from apps.finance import Offer, OfferError, Plan, price, schedule_for_offer, schedule_for_plan
from apps.finance import budget as rules
from apps.finance.overdue import OverdueCost, overdue_cost
from apps.finance.schedule import Quote
from apps.finance.whatif import EarlyRepayment, WhatIf, early_repayment, what_ifs
from apps.loans.fields import NO_FEE
from apps.loans.forms.base import MAX_FIELD_LENGTH, FormData
from apps.loans.forms.budget import BUDGET_FIELDS, EARLY_FIELDS, BudgetForm, EarlyRepaymentForm
from apps.loans.forms.offer import (
    COMPARE_MIN,
    COMPARE_PREFIXES,
    OFFER_FIELDS,
    SHARED_OFFER_FIELDS,
    OfferInput,
    PlanForm,
    TermsForm,
    offer_input,
    offer_is_typed,
    priced_offer_form,
)

# Each verdict rule and cost flag -> the Source keys it rests on (shown beside it, linked to
# /late/sources/#source-<key>).
RULE_SOURCES = {
    rules.RULE_PAYMENT_TO_INCOME: ("fannie-mae-dti", "fca-conc-5-2a"),
    rules.RULE_DEBT_TO_INCOME: ("fannie-mae-dti",),
    rules.RULE_MONEY_LEFT: ("fca-conc-5-2a",),
    rules.RULE_SAVINGS_BUFFER: ("emergency-buffer",),
    rules.RULE_OTHER_PLATFORMS: ("cash-loan-notice-2017",),
    rules.RULE_REPAY_ANOTHER_LOAN: ("cash-loan-notice-2017",),
    price.RULE_TRUE_APR: ("cash-loan-notice-2017", "spc-financial-trials-2017"),
    price.RULE_SHORT_TERM: ("cash-loan-notice-2017", "bank-internet-loans-2020"),
    price.RULE_FEE_AT_PAYOUT: ("civil-code-670", "cash-loan-notice-2017"),
}
FLAG_SOURCES = {
    price.FLAG_FEE_AT_PAYOUT: ("civil-code-670", "cash-loan-notice-2017"),
    price.FLAG_FLAT_FEE: ("pboc-2021-3",),
    price.FLAG_SHORT_TERM: ("cash-loan-notice-2017", "bank-internet-loans-2020"),
}
# The 21.75 paid days a month behind "days of work" (rules.WORKING_DAYS_PER_MONTH).
WORK_DAYS_SOURCES = ("mohrss-2008-3",)
LATE_DAYS = 30


@dataclass(frozen=True)
class FlagView:
    flag: price.CostFlag
    line: RateLine | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Overdue:
    """The first instalment paid `days` late: at the contract's late rate (or our assumption),
    and what the line that applies to this lender would allow in charges for the delay."""

    days: int
    daily_rate: Decimal
    assumed: bool
    result: OverdueCost
    # (line, the most it allows in charges for the delay), for each line a court applies to this
    # lender: one for a known lender, the private and the licensed line when it is unknown.
    allowances: tuple[tuple[RateLine, Decimal], ...]


@dataclass(frozen=True)
class Assessment:
    quote: Quote
    offer: Offer | Plan
    mode: str
    lender: str
    budget: rules.Budget
    verdict: price.Verdict
    stress: rules.StressTest
    work: rules.DaysOfWork
    fee_at_payout: Decimal
    flags: tuple[FlagView, ...]
    overdue: Overdue
    lines: tuple[RateLine, ...]
    question: price.RateQuestion | None
    rule_sources: dict[str, tuple[Source, ...]]
    work_sources: tuple[Source, ...]

    @property
    def budget_verdict(self) -> rules.BudgetVerdict:
        return self.verdict.budget

    @property
    def lender_label(self) -> str:
        return str(LenderKind(self.lender).label)


@dataclass(frozen=True)
class Scenario:
    """One "what if": the changed loan's figures as a link would carry them, and its answer."""

    code: str
    inputs: dict[str, str]
    quote: Quote
    monthly_payment: Decimal
    band: str


def budget_from_cleaned(data: dict[str, Any]) -> rules.Budget:
    return rules.make_budget(
        income=data["income"],
        essentials=data.get("essentials"),
        debt_payments=data.get("debt_payments"),
        other_platforms=data.get("other_platforms"),
        savings=data.get("savings"),
        repays_another_loan=data.get("purpose") == "repay_loan",
    )


def assess(
    offer_form: TermsForm | PlanForm,
    budget: rules.Budget,
    quote: Quote,
    lines: dict[str, RateLine],
    sources: dict[str, Source],
) -> Assessment:
    """Everything the result page shows for one priced offer and one budget."""
    data = offer_form.cleaned_data
    lender = data.get("lender") or LenderKind.UNKNOWN
    monthly = rules.peak_monthly_payment(payments=[(r.due_date, r.payment) for r in quote.rows])
    fee_at_payout = _fee_at_payout(offer_form, quote)
    verdict = _verdict(quote, budget, fee_at_payout, monthly)
    limits = limit_lines(lender, lines)
    flags = price.cost_flags(
        true_apr=quote.apr,
        lines={code: line.value for code, line in limits.items()},
        fee_at_payout=fee_at_payout,
        apr_to_advertised=quote.apr_to_advertised,
        charges_on_original_amount=quote.is_flat_fee or quote.has_periodic_fee,
        term_days=quote.term_days,
    )
    penalty = data.get("penalty_rate")
    daily = penalty if penalty is not None else rules.default_penalty_daily_rate(true_apr=quote.apr)
    late = _overdue(quote, daily)
    allowances = tuple(
        (
            line,
            price.line_allowance(
                overdue=late.overdue_amount, annual_rate=line.value, days=LATE_DAYS
            ),
        )
        for line in _court_lines(limits)
    )
    question = None
    if isinstance(offer_form, TermsForm) and not data.get("rate_period_named"):
        question = price.rate_question(rate=data["rate"], rate_period=data["rate_period"])

    def pick(keys: tuple[str, ...]) -> tuple[Source, ...]:
        return tuple(sources[k] for k in keys if k in sources)

    return Assessment(
        quote=quote,
        offer=offer_form.to_offer(),
        mode=data["mode"],
        lender=lender,
        budget=budget,
        verdict=verdict,
        stress=rules.stress_test(budget=budget, loan_monthly_payment=monthly),
        work=rules.days_of_work(payment=monthly, monthly_income=budget.income),
        fee_at_payout=fee_at_payout,
        flags=tuple(
            FlagView(
                flag,
                lines.get(flag.line) if flag.line else None,
                (lines[flag.line].source,) if flag.line in lines else pick(FLAG_SOURCES[flag.code]),
            )
            for flag in flags
        ),
        overdue=Overdue(LATE_DAYS, daily, penalty is None, late, allowances),
        lines=lines_for(lender, lines),
        question=question,
        rule_sources={rule: pick(keys) for rule, keys in RULE_SOURCES.items()},
        work_sources=pick(WORK_DAYS_SOURCES),
    )


def _court_lines(limits: dict[str, RateLine]) -> list[RateLine]:
    """The lines a court holds this lender's charges to: one per rate below the too-expensive
    line (36% is a price, not a court's limit), the first in the admin's order."""
    shown: dict[Decimal, RateLine] = {}
    for line in limits.values():
        if line.value < price.TOO_EXPENSIVE_ABOVE and line.value not in shown:
            shown[line.value] = line
    return sorted(shown.values(), key=lambda line: line.value)


def _fee_at_payout(offer_form: TermsForm | PlanForm, quote: Quote) -> Decimal:
    if isinstance(offer_form, PlanForm):
        return price.fee_taken_at_payout(
            contract_amount=offer_form.cleaned_data.get("contract_amount"),
            received=quote.amount_received,
        )
    return quote.fee_upfront


def _verdict(
    quote: Quote, budget: rules.Budget, fee_at_payout: Decimal, monthly: Decimal
) -> price.Verdict:
    return price.overall_verdict(
        price=price.price_verdict(
            true_apr=quote.apr, term_days=quote.term_days, fee_at_payout=fee_at_payout
        ),
        budget=rules.budget_verdict(budget=budget, loan_monthly_payment=monthly),
    )


def _overdue(quote: Quote, daily_rate: Decimal) -> OverdueCost:
    """The engine's cost of paying the first instalment LATE_DAYS late."""
    return overdue_cost(quote=quote, penalty_daily_rate=daily_rate, days_late=LATE_DAYS)


@dataclass
class CheckForms:
    offer: OfferInput
    budget: BudgetForm
    assessment: Assessment | None = None


def run_check(data: FormData) -> CheckForms:
    """Bind the forms to `data` (POST, GET or saved inputs) and assess when all are valid."""
    offer, budget_form = offer_input(data), BudgetForm(data)
    forms = CheckForms(offer, budget_form)
    quote = priced_offer_form(offer.form)
    if quote is None or not budget_form.is_valid():
        return forms
    budget = budget_from_cleaned(budget_form.cleaned_data)
    forms.assessment = assess(offer.form, budget, quote, rate_lines(), sources_by_key())
    return forms


@dataclass
class CompareForms:
    offers: list[OfferInput]
    budget: BudgetForm
    assessments: list[Assessment | None]
    too_few: bool = False

    @property
    def complete(self) -> bool:
        return (
            not self.too_few
            and self.budget.is_valid()
            and all(a is not None for _n, _o, a in self.used)
        )

    @property
    def used(self) -> list[tuple[int, OfferInput, Assessment | None]]:
        """(number from 1, offer, its assessment) for each box the borrower typed an offer in."""
        return [
            (n, offer, assessment)
            for n, (offer, assessment) in enumerate(
                zip(self.offers, self.assessments, strict=True), start=1
            )
            if offer.form.is_bound and offer_is_typed(offer.form.data, offer.form.prefix)
        ]


def run_compare(data: FormData) -> CompareForms:
    offers = [offer_input(data, prefix=p) for p in COMPARE_PREFIXES]
    budget_form = BudgetForm(data)
    result = CompareForms(offers, budget_form, [None] * len(offers))
    used = result.used
    result.too_few = len(used) < COMPARE_MIN
    budget = budget_from_cleaned(budget_form.cleaned_data) if budget_form.is_valid() else None
    lines, sources = rate_lines(), sources_by_key()
    for number, offer, _assessment in used:
        quote = priced_offer_form(offer.form)
        if quote is not None and budget is not None:
            result.assessments[number - 1] = assess(offer.form, budget, quote, lines, sources)
    return result


def check_inputs(data: FormData) -> dict[str, str]:
    """The figures of a check, as typed: what a link or a saved result keeps."""
    names = (*OFFER_FIELDS, *BUDGET_FIELDS, *EARLY_FIELDS)
    typed = ((name, str(data.get(name, ""))) for name in names)
    return {name: value[:MAX_FIELD_LENGTH] for name, value in typed if value.strip()}


def scenarios(assessment: Assessment, inputs: dict[str, str]) -> tuple[Scenario, ...]:
    """The "what ifs" (apps.finance.whatif), each priced and judged like the loan itself, with
    the figures a link to its own full result carries."""
    found = []
    for change in what_ifs(
        offer=assessment.offer, quote=assessment.quote, fee_at_payout=assessment.fee_at_payout
    ):
        try:
            if isinstance(change.offer, Plan):
                quote = schedule_for_plan(plan=change.offer)
            else:
                quote = schedule_for_offer(offer=change.offer)
        except OfferError:
            continue  # a change the engine cannot price (a payment below a cent) is no option
        monthly = rules.peak_monthly_payment(payments=[(r.due_date, r.payment) for r in quote.rows])
        verdict = _verdict(quote, assessment.budget, change.fee_at_payout, monthly)
        found.append(
            Scenario(change.code, _changed_inputs(inputs, change), quote, monthly, verdict.band)
        )
    return tuple(found)


def _changed_inputs(inputs: dict[str, str], change: WhatIf) -> dict[str, str]:
    """The typed figures with the change written in, as the engine's exact figures."""
    changed = {k: v for k, v in inputs.items() if k not in ("first_due", *EARLY_FIELDS)}
    offer = change.offer
    if isinstance(offer, Offer):
        changed.update(amount=str(offer.amount), term=str(offer.term), term_unit=offer.term_unit)
        for name, amount, fraction in (
            ("fee_upfront", offer.fee_upfront_amount, offer.fee_upfront_rate),
            ("fee_per_period", offer.fee_per_period_amount, offer.fee_per_period_rate),
        ):
            if name in changed and not fraction:
                changed[name] = str(amount)
        return changed
    changed.update(received=str(offer.received), payment=str(offer.payment), count=str(offer.count))
    for name, value in (
        ("first_payment", offer.first_payment),
        ("last_payment", offer.last_payment),
        ("contract_amount", change.contract_amount),
    ):
        if value is None:
            changed.pop(name, None)
        else:
            changed[name] = str(value)
    return changed


@dataclass(frozen=True)
class Early:
    """Repaying early, on the result page. Until the borrower asks (`asked`), the answer for
    repaying with the middle payment and no fee, and no form; once asked, the form as typed and
    its answer (None while the form has errors)."""

    asked: bool
    form: EarlyRepaymentForm | None
    result: EarlyRepayment | None


def early(assessment: Assessment, data: FormData) -> Early | None:
    """Repaying early, for a loan with more than one payment (None otherwise)."""
    count = assessment.quote.payment_count
    if count < 2:
        return None
    if not any(str(data.get(name, "")).strip() for name in EARLY_FIELDS):
        return Early(
            False, None, early_repayment(quote=assessment.quote, after_payments=count // 2)
        )
    form = EarlyRepaymentForm(data, payments=count)
    if not form.is_valid():
        return Early(True, form, None)
    fee = form.cleaned_data.get("early_fee") or NO_FEE
    result = early_repayment(
        quote=assessment.quote,
        after_payments=form.cleaned_data["early_after"],
        fee_amount=fee.amount,
        fee_rate=fee.fraction,
    )
    return Early(True, form, result)


def compare_inputs(data: FormData) -> dict[str, str]:
    names = [f"{p}-{n}" for p in COMPARE_PREFIXES for n in OFFER_FIELDS] + list(BUDGET_FIELDS)
    typed = ((name, str(data.get(name, ""))) for name in names)
    return {name: value[:MAX_FIELD_LENGTH] for name, value in typed if value.strip()}


def entered_figures(forms: CheckForms) -> list[tuple[str, str]]:
    """(label, value as typed or as the chosen option) for every figure the check used."""
    offer = forms.offer.form
    shown = []
    for form, names in (
        (offer, (*offer.own_fields, *SHARED_OFFER_FIELDS)),
        (forms.budget, BUDGET_FIELDS),
    ):
        for name in names:
            # As typed: what each widget read from the form data (every one is a plain input).
            raw = str(form.data.get(form.add_prefix(name)) or "").strip()
            if not raw:
                continue
            field = form.fields[name]
            choices = getattr(field, "choices", None)
            if choices:
                raw = str(dict(choices).get(raw, raw))
            shown.append((str(field.label), raw))
    return shown
