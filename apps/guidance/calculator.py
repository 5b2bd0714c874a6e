"""The days-late calculator: bind the forms, ask the engine, pick the stage and the rate lines.

Orchestration only. Every amount comes from apps.finance (`overdue_cost`); the stage and the
dated rate lines come from the database; every word from the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _

from apps.core.facts import limit_lines, rate_lines
from apps.core.models import RateLine, SavedResult, Stage
from apps.core.saved import MAX_TOKEN_LENGTH, get_saved_result
from apps.core.stages import stage_for_days
from apps.finance import OfferError, OverdueCost, OverdueDay, Plan, overdue_cost, schedule_for_plan
from apps.guidance.forms import LOOK_AHEAD_DAYS, OverdueForm
from apps.loans.forms.offer import (
    OFFER_FIELDS,
    OfferInput,
    offer_input,
    offer_is_typed,
    priced_offer_form,
)

# A fixed, meaningless date for a missed payment given without its loan: only day counts matter.
_CARRIER_START = date(2000, 1, 1)


@dataclass(frozen=True)
class LineCheck:
    """One rate line, and whether the loan's true cost with the delay is above it."""

    line: RateLine
    above_now: bool


@dataclass(frozen=True)
class Ahead:
    """What is owed if the borrower waits `extra_days` more days."""

    extra_days: int
    day: OverdueDay


@dataclass(frozen=True)
class Result:
    days: int
    stage: Stage | None
    cost: OverdueCost | None = None
    ahead: tuple[Ahead, ...] = ()
    with_loan: bool = False
    # The loan's cost beyond the money received, paid on time (the engine's Quote.total_cost).
    total_cost_on_time: Decimal | None = None
    lines: tuple[LineCheck, ...] = ()
    overdue_ignored: bool = False

    @property
    def above_a_line(self) -> bool:
        return any(check.above_now for check in self.lines)

    @property
    def rate_fell(self) -> bool:
        """The delay lowered the yearly rate (a penalty below the loan's own rate) while still
        costing more money: the page says so, lest the lower figure read as good news."""
        return self.cost is not None and self.cost.apr_with_delay < self.cost.apr_on_time


@dataclass
class Calculator:
    form: OverdueForm
    loan: OfferInput
    loan_given: bool
    saved_token: str = ""
    saved_missing: bool = False
    result: Result | None = None


def _loan_data(data: QueryDict, saved: SavedResult | None) -> dict[str, Any]:
    """The loan's figures: from the saved check if one was opened, then whatever the page sent."""
    merged: dict[str, Any] = {}
    if saved is not None:
        merged.update({k: v for k, v in saved.inputs.items() if k in OFFER_FIELDS})
    merged.update({k: data.get(k) for k in OFFER_FIELDS if str(data.get(k, "")).strip()})
    return merged


def _cost_for(form: OverdueForm, quote: Any, days: int) -> OverdueCost:
    data = form.cleaned_data
    return overdue_cost(
        quote=quote,
        days_late=days,
        penalty_daily_rate=data.get("penalty_rate") or Decimal(0),
        late_fee=data.get("late_fee") or Decimal(0),
        payment_number=data.get("payment_number") or 1,
    )


def _missed_payment_alone(amount: Decimal) -> Any:
    """A missed payment given without its loan, as the one payment of a plan, so that the engine
    prices its penalty. Only the penalty, fee and totals of the result are used, never its rates.
    (An engine function taking the overdue amount directly would make this unnecessary.)"""
    plan = Plan(
        received=amount, payment=amount, count=1, frequency="month", start_date=_CARRIER_START
    )
    return schedule_for_plan(plan=plan)


def _line_checks(cost: OverdueCost, lender: str, started: date) -> tuple[LineCheck, ...]:
    """The lines that apply to this kind of lender, as in force on the day the loan started,
    lowest first (apps.core.facts)."""
    lines = limit_lines(lender, rate_lines(on=started)).values()
    return tuple(
        LineCheck(line, cost.apr_with_delay > line.value)
        for line in sorted(lines, key=lambda line: line.value)
    )


def run(data: QueryDict) -> Calculator:
    """Everything the calculator page shows for this query string (empty: just the form)."""
    token = str(data.get("saved", ""))[:MAX_TOKEN_LENGTH]
    saved = get_saved_result(token) if token else None
    loan_data = _loan_data(data, saved)
    loan_given = offer_is_typed(loan_data)
    form_data = data.copy()
    if saved is not None and not form_data.get("penalty_rate"):
        # The loan check may already know the contract's penalty rate.
        form_data["penalty_rate"] = saved.inputs.get("penalty_rate", "")
    # A link from the loan check brings the loan but not the days: show it filled in, and
    # judge nothing until the borrower asks.
    asked = "days" in data
    calc = Calculator(
        form=OverdueForm(form_data) if asked else OverdueForm(initial=form_data.dict()),
        # Unbound unless figures were typed, so an untouched loan box never shows errors.
        loan=offer_input(loan_data) if loan_given and asked else offer_input(initial=loan_data),
        loan_given=loan_given,
        saved_token=token if saved is not None else "",
        saved_missing=bool(token) and saved is None,
    )
    if not asked or not calc.form.is_valid():
        return calc
    form, cleaned = calc.form, calc.form.cleaned_data
    days = cleaned["days"]
    stage = stage_for_days(days)
    has_charge = cleaned.get("penalty_rate") is not None or cleaned.get("late_fee") is not None
    quote = priced_offer_form(calc.loan.form) if loan_given else None
    if loan_given and quote is None:
        return calc
    if quote is None and cleaned.get("overdue") is None:
        # Only the days: the stage and its checklist, and an invitation to add the amount.
        calc.result = Result(days=days, stage=stage)
        return calc
    if not has_charge:
        form.needs_a_charge()
        return calc
    try:
        if quote is None:
            quote = _missed_payment_alone(cleaned["overdue"])
        now = _cost_for(form, quote, days)
        later = _cost_for(form, quote, days + max(LOOK_AHEAD_DAYS))
    except OfferError as error:
        name = "payment_number" if error.field == "payment_number" else None
        form.add_error(name, forms.ValidationError(_engine_message(error), code=error.code))
        return calc
    calc.result = Result(
        days=days,
        stage=stage,
        cost=now,
        ahead=tuple(Ahead(extra, later.days[days + extra - 1]) for extra in LOOK_AHEAD_DAYS),
        with_loan=loan_given,
        total_cost_on_time=quote.total_cost if loan_given else None,
        lines=(
            _line_checks(now, calc.loan.form.cleaned_data["lender"], quote.start_date)
            if loan_given
            else ()
        ),
        overdue_ignored=loan_given and cleaned.get("overdue") is not None,
    )
    return calc


def _engine_message(error: OfferError) -> str:
    if error.field == "payment_number":
        return _("Your loan does not have that many payments.")
    return _("We could not work this out. Look at the figures again.")
