"""Put My debts together: bind the budget and the loans, ask the engine for the picture, the
order, the plan and the spiral, and find each loan's overdue stage.

Orchestration only, like assess.py: every figure comes from apps.finance.debts, every word from
the templates, the stages from the guidance content (apps.core.stages).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from apps.core.facts import sources_by_key
from apps.core.models import LenderKind, Stage
from apps.core.stages import next_overdue_stage, overdue_stage_for, stage_starts
from apps.finance import debts as engine
from apps.finance.budget import default_penalty_daily_rate
from apps.loans.forms.base import MAX_FIELD_LENGTH, FormData
from apps.loans.forms.debts import (
    DEBT_BUDGET_FIELDS,
    DEBT_FIELDS,
    DEBT_PREFIX,
    DebtBudgetForm,
    DebtForm,
    DebtFormSet,
)

# What one more month of delay is priced over.
DELAY_DAYS = 30
# Each order rule -> the Source keys it rests on (shown on the page and on How we assess).
PRIORITY_SOURCES = {
    engine.PRIORITY_COURT: ("court-debt-path",),
    engine.PRIORITY_NEXT_STAGE: ("credit-report-status-codes", "npl-transfer-pilot-2021"),
    engine.PRIORITY_LATE: ("credit-reporting-regulation-16",),
    engine.PRIORITY_COST: ("debt-plans",),
    engine.PRIORITY_NO_RATE: ("debt-plans",),
}
# Sharing what is left between lenders, and the spiral.
PLAN_SOURCES = ("debt-plans",)


@dataclass(frozen=True)
class DebtLine:
    """One loan on the page: its box's number (from 1, as the form numbers it), the form, the
    engine's Debt, its overdue stage and the next, harsher one, and what one more month of
    delay would cost (None when its rate is not known)."""

    number: int
    form: DebtForm
    debt: engine.Debt
    stage: Stage | None
    next_stage: Stage | None
    delay_cost: Decimal | None

    @property
    def label(self) -> str:
        return self.form.cleaned_data.get("label") or ""

    @property
    def title(self) -> str:
        """What the page calls the loan: "Loan 2", or with the borrower's label "Loan 2 · 借呗"."""
        return f"{self.form.box_title} · {self.label}" if self.label else self.form.box_title

    @property
    def lender_label(self) -> str:
        return str(LenderKind(self.form.cleaned_data.get("lender") or LenderKind.UNKNOWN).label)


@dataclass(frozen=True)
class DebtPlan:
    lines: tuple[DebtLine, ...]
    picture: engine.DebtPicture
    order: tuple[tuple[engine.Priority, DebtLine], ...]
    shares: tuple[tuple[engine.Share, DebtLine], ...]
    cheapest: engine.Payoff | None
    quickest: engine.Payoff | None
    spiral: tuple[engine.SpiralMonth, ...]

    @property
    def shared(self) -> bool:
        """The budget does not cover what is due: the plan shares what is left between lenders."""
        return self.picture.plan == engine.PLAN_SHARE

    @property
    def interest_saved(self) -> Decimal | None:
        """Interest the dearest-first order saves against smallest-first (None: not clearing)."""
        if self.cheapest is None or self.quickest is None:
            return None
        return engine.interest_saved(cheapest=self.cheapest, other=self.quickest)

    @property
    def dearest_lines(self) -> tuple[DebtLine, ...]:
        """The loans in the order the budget's spare money clears them, dearest first."""
        return tuple(self.lines[index] for index in self.cheapest.order) if self.cheapest else ()

    @property
    def spiral_shown(self) -> tuple[engine.SpiralMonth, ...]:
        """The spiral's months the table shows (SPIRAL_MONTHS: half a year, a year)."""
        return tuple(month for month in self.spiral if month.month in engine.SPIRAL_MONTHS)

    def line(self, number: int) -> DebtLine | None:
        return next((line for line in self.lines if line.number == number), None)

    def share_of(self, line: DebtLine) -> engine.Share:
        return next(share for share, shared in self.shares if shared is line)

    @property
    def letters(self) -> tuple[tuple[engine.Share, DebtLine], ...]:
        """The lenders a letter is written to: when the plan shares, each with an offer above 0."""
        return tuple(pair for pair in self.shares if self.shared and pair[0].offer > 0)


def plan_sources() -> dict[str, tuple]:
    """The sources beside each order rule and beside the plan, by rule code ("plan")."""
    known = sources_by_key()

    def pick(keys: tuple[str, ...]) -> tuple:
        return tuple(known[key] for key in keys if key in known)

    return {
        **{rule: pick(keys) for rule, keys in PRIORITY_SOURCES.items()},
        "plan": pick(PLAN_SOURCES),
    }


def letter_context(plan: DebtPlan, line: DebtLine) -> dict[str, object]:
    """The figures one lender's letter carries: what is owed and late, the money available for
    every debt, and this lender's share of it."""
    share = plan.share_of(line)
    return {
        "owed": line.debt.owed,
        "days_late": line.debt.days_late,
        "available": plan.picture.available,
        "total_owed": plan.picture.total_owed,
        "lenders": len(plan.lines),
        "offer": share.offer,
        "months": share.months,
    }


@dataclass
class DebtForms:
    budget: DebtBudgetForm
    loans: DebtFormSet
    plan: DebtPlan | None = None


def _line(form: DebtForm) -> DebtLine:
    debt = form.to_debt()
    delay = None
    if debt.yearly_rate is not None:
        overdue = engine.overdue_now(debt=debt) or debt.payment
        delay = engine.delay_penalty(
            overdue=overdue,
            daily_rate=default_penalty_daily_rate(true_apr=debt.yearly_rate),
            days=DELAY_DAYS,
        )
    days = debt.days_late
    return DebtLine(
        form.number, form, debt, overdue_stage_for(days), next_overdue_stage(days), delay
    )


def make_plan(budget: DebtBudgetForm, loans: list[DebtForm]) -> DebtPlan:
    """Everything the page shows for a valid budget and its loans."""
    lines = tuple(_line(form) for form in loans)
    debts = [line.debt for line in lines]
    picture = engine.picture(
        debts=debts,
        income=budget.cleaned_data["income"],
        essentials=budget.cleaned_data["essentials"],
    )
    order = engine.priority_order(debts=debts, stage_starts=stage_starts())
    clears = picture.plan == engine.PLAN_CLEAR
    return DebtPlan(
        lines=lines,
        picture=picture,
        order=tuple((priority, lines[priority.index]) for priority in order),
        shares=tuple(
            (share, lines[share.index])
            for share in engine.shares(debts=debts, available=picture.available)
        ),
        cheapest=engine.payoff(
            debts=debts, available=picture.available, order=engine.dearest_first(debts)
        )
        if clears
        else None,
        quickest=engine.payoff(
            debts=debts, available=picture.available, order=engine.smallest_first(debts)
        )
        if clears
        else None,
        spiral=() if clears else engine.spiral(debts=debts, available=picture.available),
    )


def run_debts(data: FormData | None, *, initial: dict[str, str] | None = None) -> DebtForms:
    """The forms for a POST or a link's figures (`data`), or a blank page pre-filled with
    `initial` (a link's figures, unjudged); with a plan when every figure passes."""
    if data is None:
        values = initial or {}
        loans = [
            {
                name: values[f"{DEBT_PREFIX}-{n}-{name}"]
                for name in DEBT_FIELDS
                if f"{DEBT_PREFIX}-{n}-{name}" in values
            }
            for n in range(engine.MAX_DEBTS)
        ]
        while loans and not loans[-1]:  # each figure stays in its own box
            loans.pop()
        return DebtForms(
            DebtBudgetForm(initial={k: v for k, v in values.items() if k in DEBT_BUDGET_FIELDS}),
            DebtFormSet(prefix=DEBT_PREFIX, initial=loans or None),
        )
    forms = DebtForms(DebtBudgetForm(data), DebtFormSet(_with_counts(data), prefix=DEBT_PREFIX))
    if forms.budget.is_valid() and forms.loans.is_valid():
        forms.plan = make_plan(forms.budget, forms.loans.used_forms())
    return forms


def _with_counts(data: FormData) -> FormData:
    """The data with the formset's counts. A page's POST carries them; a link, a letter or a
    saved result carries only the figures, so every box up to MAX_DEBTS is read. Every box is
    read as an extra one (none "initial"), so a box emptied on a pre-filled page is no loan
    rather than a missing figure."""
    values = data.dict() if hasattr(data, "dict") else dict(data)
    values.setdefault(f"{DEBT_PREFIX}-TOTAL_FORMS", str(engine.MAX_DEBTS))
    values[f"{DEBT_PREFIX}-INITIAL_FORMS"] = "0"
    return values


def debt_inputs(data: FormData) -> dict[str, str]:
    """The figures of My debts, as typed: what a link, a letter or a saved result keeps."""
    names = [*DEBT_BUDGET_FIELDS]
    names += [f"{DEBT_PREFIX}-{n}-{name}" for n in range(engine.MAX_DEBTS) for name in DEBT_FIELDS]
    typed = ((name, str(data.get(name, ""))) for name in names)
    return {name: value[:MAX_FIELD_LENGTH] for name, value in typed if value.strip()}
