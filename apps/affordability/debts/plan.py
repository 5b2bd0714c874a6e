"""Put My debts together: bind the budget and the loans, ask the engine for the picture, the
order, what the plan means for each loan and the spiral, find each loan's overdue stage, and
choose the three things to do tomorrow.

Orchestration only, like assess.py: every figure comes from apps.finance.debts, every word from
the templates, the stages from the guidance content (apps.core.stages).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from apps.core.facts import line_terms, sources_by_key
from apps.core.models import LenderKind, Source, Stage, Topic
from apps.core.pagecache import cached_content
from apps.core.stages import next_overdue_stage, overdue_stage_for, overdue_stages, stage_starts
from apps.finance import debts as engine
from apps.finance import price
from apps.finance.check import LineTerms, penalty_cap_line
from apps.finance.periods import add_months
from apps.loans.forms.base import MAX_FIELD_LENGTH, FormData, local_today
from apps.loans.forms.debts import (
    DEBT_BUDGET_FIELDS,
    DEBT_FIELDS,
    DEBT_PREFIX,
    DebtBudgetForm,
    DebtForm,
    DebtFormSet,
    debt_formset,
    tampered,
)

# Each order rule -> the Source keys it rests on (shown on the page and on How we assess).
PRIORITY_SOURCES = {
    engine.PRIORITY_COURT: ("court-debt-path",),
    engine.PRIORITY_GROWS: ("debt-plans",),
    engine.PRIORITY_NEXT_STAGE: ("credit-report-status-codes", "npl-transfer-pilot-2021"),
    engine.PRIORITY_LATE: ("credit-reporting-regulation-16",),
    engine.PRIORITY_COST: ("debt-plans",),
    engine.PRIORITY_NO_RATE: ("debt-plans",),
}
# Sharing what is left between lenders, and the spiral.
PLAN_SOURCES = ("debt-plans",)
# What paying a lender less than is due leads to: the credit record and its five years.
OVERDUE_SOURCES = ("credit-report-status-codes", "credit-reporting-regulation-16")

# The three things to do tomorrow, each a code the template words (includes/steps.html).
STEP_ESSENTIALS = "essentials"  # essentials first, before any lender (the "debt-plans" source)
STEP_NOTHING_LEFT = "nothing_left"  # essentials first, and nothing is left for any lender
STEP_CALL_FIRST = "call_first"  # the loan first in the order, and why
STEP_PAY_ALL = "pay_all"  # every payment on time, the rest on the dearest loan
STEP_LETTERS = "letters"  # send each lender its letter
STEP_FREE_ADVICE = "free_advice"  # nothing to offer: a free adviser before any promise
STEP_NO_NEW_LOANS = "no_new_loans"  # never borrow again to pay
# The order's reasons that make a loan the one to call tomorrow.
URGENT = (
    engine.PRIORITY_COURT,
    engine.PRIORITY_GROWS,
    engine.PRIORITY_NEXT_STAGE,
    engine.PRIORITY_LATE,
)
# A malformed or changed form (problem code): the page's own message, never Django's.
PROBLEM_TAMPERED = "tampered"


@dataclass(frozen=True)
class DebtLine:
    """One loan on the page: its box's number (from 1, as the form numbers it), the form, the
    engine's Debt, what the plan means for it (Outlook), its overdue stage and the next, harsher
    one, what one more month of delay would cost (None when its rate is not known), and, when
    the plan pays it less than is due, the stage it then enters and the day it is overdue from
    (the day it went late; or, for a loan not late, the last day its next monthly payment can
    fall on)."""

    number: int
    form: DebtForm
    debt: engine.Debt
    outlook: engine.Outlook
    stage: Stage | None
    next_stage: Stage | None
    delay_cost: Decimal | None
    overdue_stage: Stage | None
    overdue_from: date | None

    @property
    def label(self) -> str:
        return self.form.cleaned_data.get("label") or ""

    @cached_property
    def title(self) -> str:
        """What the page calls the loan: "Loan 2", or with the borrower's label "Loan 2 · 借呗"
        (worked out once: a plan names each loan a dozen times)."""
        return f"{self.form.box_title} · {self.label}" if self.label else self.form.box_title

    @property
    def next_stage_in(self) -> int | None:
        """Days until a late loan enters its next, harsher stage (None: not late, or the last)."""
        if self.next_stage is None or self.next_stage.first_day is None:
            return None
        return self.next_stage.first_day - self.debt.days_late

    @property
    def goes_overdue(self) -> bool:
        """The plan pays it less than is due: it is (or stays) overdue unless the lender agrees."""
        return self.outlook.short > 0


@dataclass(frozen=True)
class Step:
    """One of the three things to do tomorrow: a code (STEP_*) and the loan it names, if any."""

    code: str
    line: DebtLine | None = None
    priority: engine.Priority | None = None


@dataclass(frozen=True)
class DebtPlan:
    lines: tuple[DebtLine, ...]
    picture: engine.DebtPicture
    order: tuple[tuple[engine.Priority, DebtLine], ...]
    cheapest: engine.Payoff | None
    quickest: engine.Payoff | None
    spiral: engine.Spiral | None
    steps: tuple[Step, ...]
    sources: dict[str, tuple[Source, ...]]
    topics: tuple[Topic, ...] = ()

    @property
    def shared(self) -> bool:
        """The budget does not cover what is due: the plan shares what is left between lenders."""
        return self.picture.plan == engine.PLAN_SHARE

    @property
    def clears(self) -> bool:
        """Paying every payment and the rest dearest first clears every loan within the horizon."""
        return self.cheapest is not None and self.cheapest.months is not None

    @property
    def interest_saved(self) -> Decimal | None:
        """Interest the dearest-first order saves against smallest-first (None: not clearing)."""
        if self.cheapest is None or self.quickest is None or self.quickest.months is None:
            return None
        if self.cheapest.months is None:
            return None
        return engine.interest_saved(cheapest=self.cheapest, other=self.quickest)

    @property
    def dearest_lines(self) -> tuple[DebtLine, ...]:
        """The loans in the order the budget's spare money clears them, dearest first."""
        return tuple(self.lines[index] for index in self.cheapest.order) if self.cheapest else ()

    @cached_property
    def spiral_shown(self) -> tuple[engine.SpiralMonth, ...]:
        """The spiral's months the table shows (SPIRAL_MONTHS: half a year, a year)."""
        if self.spiral is None:
            return ()
        return tuple(month for month in self.spiral.months if month.month in engine.SPIRAL_MONTHS)

    @property
    def spiral_quoted(self) -> engine.SpiralMonth | None:
        """The month shown that the page quotes in words: the one where borrowing to pay owes
        the most beyond the plan (the last, when the spiral is still growing)."""
        if not self.spiral_shown:
            return None
        return max(self.spiral_shown, key=lambda month: (month.extra, month.month))

    @property
    def spiral_peak(self) -> engine.SpiralMonth | None:
        """The month when borrowing to pay has the most falling due."""
        if self.spiral is None:
            return None
        return max(self.spiral.months, key=lambda month: (month.due, -month.month))

    @cached_property
    def never_clearing(self) -> tuple[DebtLine, ...]:
        """The loans the plan's payment can never clear while interest is charged."""
        return tuple(line for line in self.lines if line.outlook.never_clears)

    @cached_property
    def going_overdue(self) -> tuple[DebtLine, ...]:
        """The loans the plan pays less than is due, in the order to call them."""
        return tuple(line for _priority, line in self.order if line.goes_overdue)

    def line(self, number: int) -> DebtLine | None:
        return next((line for line in self.lines if line.number == number), None)

    @cached_property
    def letters(self) -> tuple[DebtLine, ...]:
        """The lenders a letter is written to, in the order to call them: each offered something
        below its payment (the plan shares), or something its interest swallows."""
        return tuple(line for _priority, line in self.order if _gets_letter(line, self.shared))


def _gets_letter(line: DebtLine, shared: bool) -> bool:
    return line.outlook.offer > 0 and (shared or line.outlook.never_clears)


def plan_sources(known: dict[str, Source] | None = None) -> dict[str, tuple[Source, ...]]:
    """The sources beside each order rule, beside the plan ("plan") and beside what paying less
    than is due leads to ("overdue"), from `known` (every source by key; read when not given)."""
    known = sources_by_key() if known is None else known

    def pick(keys: tuple[str, ...]) -> tuple[Source, ...]:
        return tuple(known[key] for key in keys if key in known)

    return {
        **{rule: pick(keys) for rule, keys in PRIORITY_SOURCES.items()},
        "plan": pick(PLAN_SOURCES),
        "overdue": pick(OVERDUE_SOURCES),
    }


@dataclass(frozen=True)
class _Content:
    stages: list[Stage]
    sources: dict[str, tuple[Source, ...]]
    lines: dict[str, LineTerms]
    topics: dict[str, Topic]  # by slug, in the guide's order
    stage_topics: dict[str, tuple[str, ...]]  # stage slug -> its help topics' slugs
    court: Stage | None


def _read_content() -> _Content:
    stages = overdue_stages()
    every_stage = list(Stage.objects.prefetch_related("topics"))
    return _Content(
        stages=stages,
        sources=plan_sources(),
        lines=line_terms(),
        topics={topic.slug: topic for topic in Topic.objects.order_by("sort_order", "slug")},
        stage_topics={
            stage.slug: tuple(topic.slug for topic in stage.topics.all()) for stage in every_stage
        },
        court=next((stage for stage in every_stage if stage.phase == Stage.Phase.COURT), None),
    )


def _content() -> _Content:
    """The overdue stages, the sources a plan cites, the rate lines and the help topics, in one
    lookup per content version: each read of the content version is a round trip to the shared
    cache."""
    return cached_content("debts-content", _read_content)


# The guide's help topics a plan points to besides those of its loans' stages (content/topics/):
# asking a lender yourself and essentials first, always; illegal lenders when a loan costs more
# than every line China has used (price.TOO_EXPENSIVE_ABOVE, 36% a year: the line of the 2019
# opinions on illegal lending) or its lender is private.
ALWAYS_TOPICS = ("talk-to-your-lender", "essentials-first")
ILLEGAL_LENDERS_TOPIC = "illegal-lenders"


def _topics(content: _Content, lines: tuple[DebtLine, ...]) -> tuple[Topic, ...]:
    """The topics for the stages the loans are in, or enter on this plan, and in court, with
    ALWAYS_TOPICS and, where it applies, ILLEGAL_LENDERS_TOPIC, in the guide's order."""
    stages = {line.stage for line in lines} | {line.overdue_stage for line in lines}
    if content.court is not None and any(line.debt.in_court for line in lines):
        stages.add(content.court)
    wanted = set(ALWAYS_TOPICS)
    for stage in stages - {None}:
        wanted.update(content.stage_topics.get(stage.slug, ()))
    if any(
        (line.debt.yearly_rate or 0) > price.TOO_EXPENSIVE_ABOVE
        or line.form.cleaned_data.get("lender") == LenderKind.PRIVATE
        for line in lines
    ):
        wanted.add(ILLEGAL_LENDERS_TOPIC)
    return tuple(topic for slug, topic in content.topics.items() if slug in wanted)


def _penalty_line(form: DebtForm, lines: dict[str, LineTerms]) -> Decimal | None:
    # The line that caps the late-payment rate assumed for this loan: the highest court line
    # that may bind its lender (the loan check's rule, apps.finance.check.penalty_cap_line).
    code = penalty_cap_line(
        lender=form.cleaned_data.get("lender") or LenderKind.UNKNOWN,
        lines=lines,
        kinds=LenderKind.values,
    )
    return lines[code].value if code else None


def letter_context(plan: DebtPlan, line: DebtLine) -> dict[str, object]:
    """The figures one lender's letter carries: what is owed and late, the money available for
    every debt, this lender's offer, the months it takes if interest stops, and, when the offer
    does not beat the interest, the interest and how fast the debt grows."""
    outlook = line.outlook
    return {
        "owed": line.debt.owed,
        "days_late": line.debt.days_late,
        "available": plan.picture.available,
        "total_owed": plan.picture.total_owed,
        "lenders": len(plan.lines),
        "shared": plan.shared,
        "offer": outlook.offer,
        "months": outlook.months_without_interest,
        "grows": outlook.never_clears,
        "interest": outlook.interest,
        "grows_by": outlook.grows_by,
    }


@dataclass
class DebtForms:
    budget: DebtBudgetForm
    loans: DebtFormSet
    plan: DebtPlan | None = None
    problem: str | None = None


def _line(
    form: DebtForm,
    debt: engine.Debt,
    outlook: engine.Outlook,
    today: date,
    stages: list[Stage],
) -> DebtLine:
    days = debt.days_late
    stage = overdue_stage_for(days, stages)
    overdue_stage, overdue_from = None, None
    if outlook.short > 0:
        if days > 0:
            overdue_stage, overdue_from = stage, today - timedelta(days=days)
        else:
            overdue_stage, overdue_from = overdue_stage_for(1, stages), add_months(today, 1)
    return DebtLine(
        number=form.number,
        form=form,
        debt=debt,
        outlook=outlook,
        stage=stage,
        next_stage=next_overdue_stage(days, stages),
        delay_cost=engine.delay_cost(debt=debt),
        overdue_stage=overdue_stage,
        overdue_from=overdue_from,
    )


def _steps(
    picture: engine.DebtPicture,
    order: tuple[tuple[engine.Priority, DebtLine], ...],
    *,
    letters: bool,
    clears: bool,
    first_to_clear: DebtLine,
) -> tuple[Step, ...]:
    """Three things to do tomorrow, from the borrower's own figures: essentials first; the loan
    to call first and why (or, with nothing urgent, every payment on time and the money left on
    `first_to_clear`); the letters to send (or a free adviser when nothing is left to offer or
    nothing clears, or no new loans)."""
    first = Step(STEP_ESSENTIALS if picture.available > 0 else STEP_NOTHING_LEFT)
    priority, line = order[0]
    if priority.reason in URGENT or picture.plan == engine.PLAN_SHARE:
        second = Step(STEP_CALL_FIRST, line, priority)
    else:
        second = Step(STEP_PAY_ALL, first_to_clear)
    if letters:
        third = Step(STEP_LETTERS)
    elif picture.available <= 0 or not clears:
        third = Step(STEP_FREE_ADVICE)
    else:
        third = Step(STEP_NO_NEW_LOANS)
    return (first, second, third)


def make_plan(budget: DebtBudgetForm, loans: list[DebtForm]) -> DebtPlan:
    """Everything the page shows for a valid budget and its loans."""
    content = _content()  # once: stages, sources, lines and topics for every loan
    stages, sources = content.stages, content.sources
    debts = [form.to_debt(penalty_line=_penalty_line(form, content.lines)) for form in loans]
    picture = engine.picture(
        debts=debts,
        income=budget.cleaned_data["income"],
        essentials=budget.cleaned_data["essentials"],
    )
    today = local_today()
    outlooks = engine.outlooks(debts=debts, available=picture.available)
    lines = tuple(
        _line(form, debt, outlook, today, stages)
        for form, debt, outlook in zip(loans, debts, outlooks, strict=True)
    )
    order = tuple(
        (priority, lines[priority.index])
        for priority in engine.priority_order(debts=debts, stage_starts=stage_starts(stages))
    )
    cheapest = quickest = spiral = None
    if picture.plan == engine.PLAN_CLEAR:
        cheapest = engine.payoff(
            debts=debts, available=picture.available, order=engine.dearest_first(debts)
        )
        quickest = engine.payoff(
            debts=debts, available=picture.available, order=engine.smallest_first(debts)
        )
    else:
        spiral = engine.spiral(debts=debts, available=picture.available)
    shared = picture.plan == engine.PLAN_SHARE
    letters = any(_gets_letter(line, shared) for line in lines)
    clears = shared or (cheapest is not None and cheapest.months is not None)
    dearest = lines[cheapest.order[0]] if cheapest else lines[0]
    steps = _steps(picture, order, letters=letters, clears=clears, first_to_clear=dearest)
    return DebtPlan(
        lines, picture, order, cheapest, quickest, spiral, steps, sources, _topics(content, lines)
    )


def run_debts(data: FormData | None, *, initial: dict[str, str] | None = None) -> DebtForms:
    """The forms for a POST or a link's figures (`data`), or a blank page pre-filled with
    `initial` (a link's figures, unjudged); with a plan when every figure passes. Loan boxes that
    arrive changed from what the page sends (tampered) are shown again with the page's own
    message, never judged."""
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
    budget = DebtBudgetForm(data)
    if tampered(data):
        return DebtForms(budget, debt_formset(data), problem=PROBLEM_TAMPERED)
    # Only the boxes up to the last one used, to judge them; every box when the form comes back.
    loans = debt_formset(data, every_box=False)
    if budget.is_valid() and loans.is_valid():
        return DebtForms(budget, loans, plan=make_plan(budget, loans.used_forms()))
    return DebtForms(budget, debt_formset(data))


def debt_inputs(data: FormData) -> dict[str, str]:
    """The figures of My debts, as typed: what a link, a letter or a saved result keeps."""
    names = [*DEBT_BUDGET_FIELDS]
    names += [f"{DEBT_PREFIX}-{n}-{name}" for n in range(engine.MAX_DEBTS) for name in DEBT_FIELDS]
    typed = ((name, str(data.get(name, ""))) for name in names)
    return {name: value[:MAX_FIELD_LENGTH] for name, value in typed if value.strip()}
