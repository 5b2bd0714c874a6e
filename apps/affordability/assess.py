"""Put one check together: validate the forms, price the offer, apply the budget rules.

Only orchestration lives here: every figure comes from the engine (apps.finance), every word
from the templates. The dated rate lines come from the database, never from code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps.core.models import RateLine, Source
from apps.core.pagecache import cached_content
from apps.finance import budget as rules
from apps.finance.overdue import OverdueCost, overdue_cost
from apps.finance.schedule import Quote
from apps.loans.forms import (
    BUDGET_FIELDS,
    COMPARE_MIN,
    COMPARE_PREFIXES,
    OFFER_FIELDS,
    SHARED_OFFER_FIELDS,
    BudgetForm,
    FormData,
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
}
FLAG_SOURCES = {
    rules.FLAG_FEE_AT_PAYOUT: ("civil-code-670", "cash-loan-notice-2017"),
    rules.FLAG_FLAT_FEE: ("pboc-2021-3",),
    rules.FLAG_SHORT_TERM: ("cash-loan-notice-2017", "bank-internet-loans-2020"),
}
# The 21.75 paid days a month behind "days of work" (rules.WORKING_DAYS_PER_MONTH).
WORK_DAYS_SOURCES = ("mohrss-2008-3",)
LATE_DAYS = 30


@dataclass(frozen=True)
class FlagView:
    flag: rules.CostFlag
    line: RateLine | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Overdue:
    days: int
    daily_rate: Decimal
    assumed: bool
    result: OverdueCost


@dataclass(frozen=True)
class Assessment:
    quote: Quote
    mode: str
    budget: rules.Budget
    verdict: rules.BudgetVerdict
    stress: rules.StressTest
    work: rules.DaysOfWork
    fee_at_payout: Decimal
    flags: tuple[FlagView, ...]
    overdue: Overdue
    lines: tuple[RateLine, ...]
    rule_sources: dict[str, tuple[Source, ...]]
    work_sources: tuple[Source, ...]


def rate_lines() -> dict[str, RateLine]:
    return cached_content(
        "rate-lines",
        lambda: {line.code: line for line in RateLine.objects.select_related("source")},
    )


def _sources() -> dict[str, Source]:
    return cached_content("sources", lambda: {s.key: s for s in Source.objects.all()})


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
    monthly = rules.peak_monthly_payment(payments=[(r.due_date, r.payment) for r in quote.rows])
    verdict = rules.budget_verdict(budget=budget, loan_monthly_payment=monthly)
    if isinstance(offer_form, PlanForm):
        fee_at_payout = rules.fee_taken_at_payout(
            contract_amount=data.get("contract_amount"), received=quote.amount_received
        )
    else:
        fee_at_payout = quote.fee_upfront
    flags = rules.cost_flags(
        true_apr=quote.apr,
        lines={code: line.value for code, line in lines.items()},
        fee_at_payout=fee_at_payout,
        apr_to_advertised=quote.apr_to_advertised,
        charges_on_original_amount=quote.is_flat_fee or quote.has_periodic_fee,
        term_days=quote.term_days,
    )
    penalty = data.get("penalty_rate")
    daily = penalty if penalty is not None else rules.default_penalty_daily_rate(true_apr=quote.apr)

    def pick(keys: tuple[str, ...]) -> tuple[Source, ...]:
        return tuple(sources[k] for k in keys if k in sources)

    return Assessment(
        quote=quote,
        mode=data["mode"],
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
        overdue=Overdue(LATE_DAYS, daily, penalty is None, _overdue(quote, daily)),
        lines=tuple(lines[c] for c in ("lpr_1y", "lpr_4x", "line_24", "line_36") if c in lines),
        rule_sources={rule: pick(keys) for rule, keys in RULE_SOURCES.items()},
        work_sources=pick(WORK_DAYS_SOURCES),
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
    forms.assessment = assess(offer.form, budget, quote, rate_lines(), _sources())
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
    lines, sources = rate_lines(), _sources()
    for number, offer, _assessment in used:
        quote = priced_offer_form(offer.form)
        if quote is not None and budget is not None:
            result.assessments[number - 1] = assess(offer.form, budget, quote, lines, sources)
    return result


def check_inputs(data: FormData) -> dict[str, str]:
    """The figures of a check, as typed: what a link or a saved result keeps."""
    typed = ((name, str(data.get(name, ""))) for name in (*OFFER_FIELDS, *BUDGET_FIELDS))
    return {name: value[:80] for name, value in typed if value.strip()}


def compare_inputs(data: FormData) -> dict[str, str]:
    names = [f"{p}-{n}" for p in COMPARE_PREFIXES for n in OFFER_FIELDS] + list(BUDGET_FIELDS)
    return {n: str(data.get(n, ""))[:80] for n in names if str(data.get(n, "")).strip()}


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
