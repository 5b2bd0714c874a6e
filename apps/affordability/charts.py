"""Geometry for the two server-drawn SVG charts. Drawing only: the amounts come from the engine
and are scaled to chart units here (floats are fine for pixels, never for money)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from apps.finance.budget import Budget, BudgetVerdict
from apps.finance.schedule import ScheduleRow

WIDTH = 600
HEIGHT = 220
BAR_GAP = 0.2


@dataclass(frozen=True)
class Segment:
    kind: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    segments: tuple[Segment, ...]
    top: Decimal


def _scale(value: Decimal, top: Decimal, length: float) -> float:
    # Pixels: float division is plenty, and far quicker than Decimal's.
    return 0.0 if top <= 0 else round(float(value) / float(top) * length, 2)


def payment_bars(rows: Sequence[ScheduleRow]) -> Chart:
    """One stacked bar per payment: principal at the bottom, then interest, then fees."""
    top = max((row.payment for row in rows), default=Decimal(0))
    slot = WIDTH / max(len(rows), 1)
    bar = slot * (1 - BAR_GAP) if len(rows) <= 60 else slot
    segments = []
    for index, row in enumerate(rows):
        x = round(index * slot + (slot - bar) / 2, 2)
        y = float(HEIGHT)
        for kind, value in (
            ("principal", row.principal),
            ("interest", row.interest),
            ("fees", row.fees),
        ):
            height = _scale(max(value, Decimal(0)), top, HEIGHT)
            if height <= 0:
                continue
            y -= height
            segments.append(Segment(kind, x, round(y, 2), round(bar, 2), height))
    return Chart(WIDTH, HEIGHT, tuple(segments), top)


# Two horizontal bars, one above the other (the month as it is, the month with the loans), each
# a row of segments laid from the left.
BAR_HEIGHT = 50
BAR_TOPS = (20, 90)
TWO_BARS_HEIGHT = 150

Parts = Sequence[tuple[str, Decimal]]


def _two_bars(upper: Parts, lower: Parts, top: Decimal) -> Chart:
    segments = []
    for y, parts in zip(BAR_TOPS, (upper, lower), strict=True):
        x = 0.0
        for kind, value in parts:
            width = _scale(value, top, WIDTH)
            if width <= 0:
                continue
            segments.append(Segment(kind, round(x, 2), y, width, BAR_HEIGHT))
            x += width
    return Chart(WIDTH, TWO_BARS_HEIGHT, tuple(segments), top)


def budget_bars(budget: Budget, verdict: BudgetVerdict) -> Chart | None:
    """Two horizontal bars, the month before and after the loan: essentials, existing debts,
    this loan, and what is left (drawn only when the money left is above zero)."""
    if budget.essentials is None or verdict.money_left is None:
        return None
    before = (
        ("essentials", budget.essentials),
        ("debts", budget.debt_payments),
        ("left", max(verdict.money_left_before or Decimal(0), Decimal(0))),
    )
    after = (
        ("essentials", budget.essentials),
        ("debts", budget.debt_payments),
        ("loan", verdict.loan_monthly_payment),
        ("left", max(verdict.money_left, Decimal(0))),
    )
    top = max(budget.income, budget.essentials + verdict.total_debt_payments)
    return _two_bars(before, after, top)


def debt_month_bars(*, income: Decimal, essentials: Decimal, due: Decimal) -> Chart:
    """My debts' month, two horizontal bars: the income (essentials, then what is left for the
    loans) above what the month asks for (essentials, then every payment due). Where the lower
    bar runs past the upper one, the budget is short."""
    left = max(income - essentials, Decimal(0))
    top = max(income, essentials + due)
    return _two_bars(
        (("essentials", essentials), ("left", left)),
        (("essentials", essentials), ("debts", due)),
        top,
    )


def spiral_bars(*, owed_now: Decimal, months: Sequence[tuple[Decimal, Decimal]]) -> Chart:
    """The debt spiral: for now and each month shown, a pair of bars, what is owed under the
    plan and when borrowing from a new app to pay the old ones."""
    groups = [(owed_now, owed_now), *months]
    top = max((max(plan, spiral) for plan, spiral in groups), default=Decimal(0))
    slot = WIDTH / len(groups)
    bar = slot * (1 - BAR_GAP) / 2
    segments = []
    for index, (plan, spiral) in enumerate(groups):
        x = index * slot + slot * BAR_GAP / 2
        for offset, (kind, value) in enumerate((("plan", plan), ("spiral", spiral))):
            height = _scale(max(value, Decimal(0)), top, HEIGHT)
            if height <= 0:
                continue
            segments.append(
                Segment(
                    kind,
                    round(x + offset * bar, 2),
                    round(HEIGHT - height, 2),
                    round(bar, 2),
                    height,
                )
            )
    return Chart(WIDTH, HEIGHT, tuple(segments), top)
