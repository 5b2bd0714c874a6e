"""True APR: the Regulation Z Appendix J actuarial rate of the borrower's real cash flows.

The advance A (money actually received, less any fee paid separately at the start) equals the sum
of the payments P_k discounted at the unit-period rate i:

    A = sum P_k / ((1 + f_k i) (1 + i) ^ t_k)

with t_k whole unit-periods and f_k the fraction of one (see periods.py). APR = i x unit-periods
per year; for a regular schedule that is the period IRR x periods per year that China's
annualised-rate rule asks for. The effective annual rate beside it is the EU one: the period
rate compounded, or, when the payments are not whole unit-periods apart (an odd first period, a
single payment), the rate on an actual-days basis, t_k = days / 365 (Directive 2008/48/EC Annex I;
98/7/EC Annex III).

The solver: the right-hand side falls as i rises (every payment is non-negative), so there is one
root in (-1, infinity). It is bracketed and found with the Illinois variant of regula falsi in
floats, where consecutive equal payments are summed as geometric series (a 360-month loan is two
runs, not 360 terms), then polished with Newton steps in 40-digit Decimal. If floats overflow
(rates near -100% or far beyond any real loan) the same bracketed search runs in Decimal. Every
stage has a fixed budget of evaluations; `iterations` on the result says how many were used.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from typing import TypeVar

from apps.finance.errors import ErrorCode, OfferError
from apps.finance.money import ONE, ZERO, decimal_input
from apps.finance.periods import (
    DAYS_PER_YEAR,
    UNIT_FOR_FREQUENCY,
    Frequency,
    UnitPeriod,
    date_input,
    frequency_input,
    unit_for_single_payment,
    unit_periods_between,
)

PRECISION = 40  # significant digits for the solver and the annualised rates
_FLOAT_BUDGET = 80
_POLISH_BUDGET = 8
_DECIMAL_BUDGET = 160
MAX_SOLVER_ITERATIONS = _FLOAT_BUDGET + _POLISH_BUDGET + _DECIMAL_BUDGET
_UPPER_LIMIT = 1e12  # a period rate of 10^14 %: no loan's cash flows lead beyond it
_FLOAT_TOLERANCE = 1e-13
_DECIMAL_TOLERANCE = Decimal("1e-30")
_SMALLEST_RATE_SCALE = 1e-3  # below this, tolerances are absolute rather than relative
_SMALL_RATE = Decimal("1e-6")  # below this, geometric series need extra digits
_EXTRA_DIGITS = 30

# One payment in the solver's terms: amount, whole unit-periods t, fraction f of one.
Flow = tuple[Decimal, int, Decimal]
# The root finder runs on floats first, then on Decimals.
Number = TypeVar("Number", float, Decimal)


@dataclass(frozen=True, slots=True)
class CashFlow:
    """One payment the borrower makes: its due date and amount."""

    due_date: date
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class AprResult:
    """The true cost of a set of cash flows.

    period_rate: the unit-period rate i (a fraction); periods_per_year: unit-periods in a year;
    apr: nominal annual rate i x periods_per_year; effective_annual_rate: the EU rate, (1 + i)^k - 1
    for payments whole unit-periods apart, otherwise on an actual-days basis (a single payment:
    (repaid / received)^(365 / days) - 1, however far away); iterations: solver evaluations used
    by the APR (never more than MAX_SOLVER_ITERATIONS).
    """

    period_rate: Decimal
    periods_per_year: Decimal
    apr: Decimal
    effective_annual_rate: Decimal
    unit_period: UnitPeriod
    iterations: int


def true_apr(
    *,
    advance: Decimal,
    start_date: date,
    payments: Sequence[CashFlow],
    frequency: Frequency | str | None = None,
) -> AprResult:
    """The Appendix J true APR of money received on `start_date` and repaid by `payments`.

    `advance` is what the borrower actually received (after fees taken at payout and any fee paid
    separately). `frequency` is the schedule's unit-period ("month", "week", ...); it may be
    omitted for a single payment, whose unit-period is its own term, but never more than a year
    (beyond a year it is priced at whole years and a fraction of one). Payments may be irregular:
    each is placed at its own whole and fractional unit-periods from the start.
    Raises OfferError (advance "amount_not_positive"; payments "no_payments",
    "payment_not_after_start", "payment_not_positive"; frequency "frequency_invalid").
    """
    received = decimal_input(advance, field="advance")
    start = date_input(start_date, field="start_date")
    if received <= 0:
        raise OfferError(ErrorCode.AMOUNT_NOT_POSITIVE, field="advance")
    checked: list[tuple[date, Decimal]] = []
    for payment in payments:
        due = date_input(payment.due_date, field="payments")
        amount = decimal_input(payment.amount, field="payments")
        if due <= start:
            raise OfferError(ErrorCode.PAYMENT_NOT_AFTER_START, field="payments")
        if amount < 0:
            raise OfferError(ErrorCode.PAYMENT_NOT_POSITIVE, field="payments")
        checked.append((due, amount))
    if not any(amount for _, amount in checked):
        raise OfferError(ErrorCode.NO_PAYMENTS, field="payments")
    if len(checked) == 1:
        unit = unit_for_single_payment(start, checked[0][0])
    elif frequency is None:
        raise OfferError(ErrorCode.FREQUENCY_INVALID, field="frequency")
    else:
        unit = UNIT_FOR_FREQUENCY[frequency_input(frequency)]
    flows = [(amount, *unit_periods_between(start, due, unit)) for due, amount in checked]
    period_rate, iterations = solve_period_rate(advance=received, flows=flows)
    single = None
    if len(checked) == 1:
        single = (checked[0][1], received, (checked[0][0] - start).days)
    apr, effective = annual_rates(period_rate=period_rate, unit=unit, single_payment=single)
    if single is None and any(fraction for _amount, _whole, fraction in flows):
        effective = actual_days_effective_rate(advance=received, start_date=start, payments=checked)
    return AprResult(
        period_rate=period_rate,
        periods_per_year=unit.per_year,
        apr=apr,
        effective_annual_rate=effective,
        unit_period=unit,
        iterations=iterations,
    )


def annual_rates(
    *,
    period_rate: Decimal,
    unit: UnitPeriod,
    single_payment: tuple[Decimal, Decimal, int] | None,
) -> tuple[Decimal, Decimal]:
    """Nominal APR and effective annual rate for a solved period rate (engine building block).

    `single_payment` is (repaid, received, days) when the loan is repaid in one payment: its
    effective rate is (repaid / received)^(365 / days) - 1 however far away it falls: the EU
    rate on an actual-days basis (Directive 98/7/EC Annex III, its first example:
    1,000 lent on 1994-01-01, 1,200 repaid 546 days later, 12.96%). The APR stays Appendix J's
    (beyond a year it is priced in whole years and a fraction, 12.79% there). Otherwise the
    effective rate compounds the unit-period rate: (1 + i)^k - 1, which for a regular schedule
    is the EU rate on its basis of equal months or weeks; a schedule whose first period is odd
    takes `actual_days_effective_rate` instead.
    """
    with localcontext() as ctx:
        ctx.prec = PRECISION
        apr = period_rate * unit.per_year
        if single_payment is not None:
            repaid, received, days = single_payment
            effective = (repaid / received) ** (Decimal(DAYS_PER_YEAR) / days) - ONE
        else:
            effective = (ONE + period_rate) ** unit.per_year - ONE
        return apr, effective


def actual_days_effective_rate(
    *, advance: Decimal, start_date: date, payments: Sequence[tuple[date, Decimal]]
) -> Decimal:
    """The EU effective annual rate of irregular cash flows on an actual-days basis: the X with
    advance = sum P_k (1 + X)^(-d_k / 365), d_k the days from `start_date` to payment k
    (Directive 2008/48/EC Annex I; 98/7/EC Annex III). Solved as a daily rate i, X = (1 + i)^365
    - 1: the same solver, with a day as the unit-period. Engine building block: the payments are
    after the start and at least one is positive."""
    flows = [(amount, (due - start_date).days, ZERO) for due, amount in payments]
    daily, _evaluations = solve_period_rate(advance=advance, flows=flows)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return (ONE + daily) ** DAYS_PER_YEAR - ONE


def solve_period_rate(*, advance: Decimal, flows: Sequence[Flow]) -> tuple[Decimal, int]:
    """The unit-period rate i that prices `flows` at `advance`, and the evaluations used.

    Engine building block: `flows` are (amount >= 0, t, f) with at least one positive amount and
    `advance` > 0. Returns -1 (the borrower repays nothing of value) if the flows are so small
    that no rate above -100% prices them; raises OfferError("rate_not_found") only if every
    budget is spent, which no loan within the engine's limits does.
    """
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.Emax = 99_999_999
        ctx.Emin = -99_999_999
        groups = _group_runs(flows)
        total = sum((amount * count for _, runs in groups for amount, _, count in runs), ZERO)
        if total == advance:
            return ZERO, 0
        if len(groups) == 1 and not groups[0][0] and groups[0][1] == [(total, 1, 1)]:
            return total / advance - ONE, 0  # one payment, one unit-period after the advance
        return _solve(advance, groups)


# A run: consecutive equal payments one unit-period apart (amount, first t, count), grouped by f.
_Run = tuple[Decimal, int, int]
_Group = tuple[Decimal, list[_Run]]


def _group_runs(flows: Sequence[Flow]) -> list[_Group]:
    # Flows arrive in date order from a schedule, so equal consecutive payments merge into runs;
    # flows in any other order still work, as shorter runs.
    runs_by_fraction: dict[Decimal, list[list]] = {}  # [amount, first t, count], grown in place
    for amount, whole, fraction in flows:
        if not amount:
            continue
        runs = runs_by_fraction.get(fraction)
        if runs is None:
            runs = runs_by_fraction[fraction] = []
        if runs:
            last = runs[-1]
            if last[0] == amount and last[1] + last[2] == whole:
                last[2] += 1
                continue
        runs.append([amount, whole, 1])
    return [
        (fraction, [(run[0], run[1], run[2]) for run in runs])
        for fraction, runs in runs_by_fraction.items()
    ]


class _Budget:
    """Counts evaluations and stops a stage that would overspend its share."""

    __slots__ = ("used",)

    def __init__(self) -> None:
        self.used = 0


def _solve(advance: Decimal, groups: list[_Group]) -> tuple[Decimal, int]:
    budget = _Budget()
    guess = _first_guess(advance, groups)
    try:
        root, slope = _float_stage(advance, groups, guess, budget)
    except OfferError:
        raise
    except (OverflowError, ZeroDivisionError, ValueError):
        # Floats overflow for rates near -100% a period or far beyond any loan: Decimal copes.
        root, slope = None, None
    if root is not None and slope is not None:
        polished = _polish(advance, groups, root, slope, budget)
        if polished is not None:
            return polished, budget.used
        guess = root
    return _decimal_stage(advance, groups, guess, budget), budget.used


def _first_guess(advance: Decimal, groups: list[_Group]) -> float:
    # Compound growth of the money over its average time out: close for most loans.
    total = weighted = 0.0
    for fraction, runs in groups:
        for amount, first, count in runs:
            paid = float(amount) * count
            total += paid
            weighted += paid * (first + (count - 1) / 2 + float(fraction))
    mean_time = max(weighted / total, 1e-9)
    try:
        guess = (total / float(advance)) ** (1.0 / mean_time) - 1.0
    except (OverflowError, ZeroDivisionError):
        return 1.0
    # Far from any loan the guess helps little and risks overflow; the bracket does the rest.
    return min(max(guess, -0.9), 100.0)


def _float_npv(
    advance: float, groups: list[tuple[float, list[tuple[float, int, int]]]]
) -> Callable[[float], float]:
    def npv(rate: float) -> float:
        log_growth = math.log1p(rate)
        step_less_one = math.expm1(-log_growth)  # x - 1, with x = 1 / (1 + rate)
        value = 0.0
        for fraction, runs in groups:
            part = 0.0
            for amount, first, count in runs:
                discount = math.exp(-first * log_growth) if first else 1.0
                if count == 1:
                    series = 1.0
                elif step_less_one == 0.0:
                    series = float(count)
                else:  # 1 + x + ... + x^(count-1), accurate near x = 1
                    series = math.expm1(-count * log_growth) / step_less_one
                part += amount * discount * series
            value += part / (1.0 + fraction * rate) if fraction else part
        return value - advance

    return npv


def _decimal_npv(advance: Decimal, groups: list[_Group]) -> Callable[[Decimal], Decimal]:
    def npv(rate: Decimal) -> Decimal:
        x = ONE / (ONE + rate)
        step_less_one = x - ONE
        # Near 0% the series (x^n - 1) / (x - 1) cancels away digits: work those out with more.
        precise = bool(step_less_one) and abs(rate) < _SMALL_RATE
        if precise:
            with localcontext() as ctx:
                ctx.prec = PRECISION + _EXTRA_DIGITS
                x_precise = ONE / (ONE + rate)
        value = ZERO
        for fraction, runs in groups:
            part = ZERO
            for amount, first, count in runs:
                discount = x**first if first else ONE
                if count == 1:
                    series = ONE
                elif not step_less_one:
                    series = Decimal(count)
                elif precise:
                    with localcontext() as ctx:
                        ctx.prec = PRECISION + _EXTRA_DIGITS
                        series = (x_precise**count - ONE) / (x_precise - ONE)
                else:
                    series = (x**count - ONE) / step_less_one
                part += amount * discount * series
            value += part / (ONE + fraction * rate) if fraction else part
        return value - advance

    return npv


def _float_stage(
    advance: Decimal, groups: list[_Group], guess: float, budget: _Budget
) -> tuple[float | None, float | None]:
    float_groups = [
        (float(fraction), [(float(a), first, count) for a, first, count in runs])
        for fraction, runs in groups
    ]
    npv = _float_npv(float(advance), float_groups)
    limit = budget.used + _FLOAT_BUDGET - 2

    def tolerance(rate: float) -> float:
        return _FLOAT_TOLERANCE * max(abs(rate), _SMALLEST_RATE_SCALE)

    found = _find_root(npv, guess, -1.0, tolerance, budget, limit, half=0.5, upper=_UPPER_LIMIT)
    if found is None:
        return None, None
    root = found
    if root <= -1.0:
        return root, None
    # The slope for the Decimal polish, by a central difference (ample for Newton steps).
    step = 1e-6 * max(abs(root), _SMALLEST_RATE_SCALE)
    step = min(step, (1.0 + root) / 2)
    budget.used += 2
    slope = (npv(root + step) - npv(root - step)) / (2 * step)
    if not slope < 0.0 or not math.isfinite(slope):
        return root, None
    return root, slope


def _polish(
    advance: Decimal, groups: list[_Group], root: float, slope: float, budget: _Budget
) -> Decimal | None:
    npv = _decimal_npv(advance, groups)
    rate = Decimal(repr(root))
    slope_d = Decimal(repr(slope))
    for _ in range(_POLISH_BUDGET):
        budget.used += 1
        value = npv(rate)
        if not value:
            return rate
        step = value / slope_d
        rate -= step
        if rate <= -ONE:
            return None
        if abs(step) <= _DECIMAL_TOLERANCE * max(abs(rate), Decimal(_SMALLEST_RATE_SCALE)):
            return rate
    return None


def _decimal_stage(
    advance: Decimal, groups: list[_Group], guess: float, budget: _Budget
) -> Decimal:
    npv = _decimal_npv(advance, groups)
    limit = budget.used + _DECIMAL_BUDGET
    scale = Decimal(_SMALLEST_RATE_SCALE)

    def tolerance(rate: Decimal) -> Decimal:
        return _DECIMAL_TOLERANCE * max(abs(rate), scale)

    start = Decimal(repr(guess)) if math.isfinite(guess) and guess > -1.0 else ZERO
    found = _find_root(
        npv, start, -ONE, tolerance, budget, limit, half=Decimal("0.5"), upper=Decimal(_UPPER_LIMIT)
    )
    if found is None:
        raise OfferError(ErrorCode.RATE_NOT_FOUND)
    return found


def _midpoint(low: Number, high: Number, half: Number) -> Number:
    """Halfway between two rates; geometric in (1 + rate) when they are orders of magnitude apart
    (near -100%, or far above any loan), so that each bisection gains as much as it can."""
    one = half + half
    low_growth, high_growth = one + low, one + high
    if low_growth > 0 and high_growth > low_growth * 4:
        product = low_growth * high_growth
        root = product.sqrt() if isinstance(product, Decimal) else math.sqrt(product)
        return root - one
    return (low + high) * half


def _find_root(
    npv: Callable[[Number], Number],
    guess: Number,
    lower: Number,
    tolerance: Callable[[Number], Number],
    budget: _Budget,
    limit: int,
    *,
    half: Number,
    upper: Number,
) -> Number | None:
    """Bracket the root of the falling function `npv` on (lower, upper], then close in on it with
    the Illinois method. Works on floats and on Decimals alike. Returns None when `limit`
    evaluations are used without an answer; returns `lower` when even rates just above it leave
    the payments worth less than the advance."""

    def evaluate(rate: Number) -> Number:
        budget.used += 1
        return npv(rate)

    value = evaluate(guess)
    if not value:
        return guess
    if value > 0:
        low, f_low = guess, value
        step = max(abs(guess), half / 10)
        while True:
            if budget.used >= limit:
                return None
            high = guess + step
            if high > upper:
                raise OfferError(ErrorCode.RATE_NOT_FOUND)
            f_high = evaluate(high)
            if not f_high:
                return high
            if f_high < 0:
                break
            low, f_low = high, f_high
            step *= 4
    else:
        high, f_high = guess, value
        step = max(abs(guess), half / 10)
        while True:
            if budget.used >= limit:
                return None
            low = guess - step
            if low <= lower:
                low = lower + (high - lower) * half * half
            if low - lower <= abs(lower) * tolerance(lower) * 1000:
                return lower  # nothing above -100% per period prices these payments
            f_low = evaluate(low)
            if not f_low:
                return low
            if f_low > 0:
                break
            high, f_high = low, f_low
            step *= 4

    # Close in with Illinois steps; the root is accepted only once the bracket is this narrow.
    # A step that fails to halve the bracket twice running is replaced by a bisection, so a
    # lopsided bracket (one end worth astronomically more than the other) still shrinks.
    side = 0
    stalls = 0
    width = high - low
    while budget.used < limit:
        if stalls >= 2:
            candidate = _midpoint(low, high, half)
            stalls = 0
        else:
            candidate = (low * f_high - high * f_low) / (f_high - f_low)
            if not low < candidate < high:
                candidate = _midpoint(low, high, half)
        value = evaluate(candidate)
        if not value:
            return candidate
        if value < 0:
            high, f_high = candidate, value
            if side == -1:
                f_low *= half  # Illinois: the kept end's value is halved to avoid stalling
            side = -1
        else:
            low, f_low = candidate, value
            if side == 1:
                f_high *= half
            side = 1
        narrower = high - low
        stalls = stalls + 1 if narrower > width * half else 0
        width = narrower
        if width <= tolerance(candidate):
            return candidate
    return None
