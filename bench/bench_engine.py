"""Benchmark the loan cost engine against numpy_financial.irr.

Builds a 360-month equal-instalment schedule with a fee taken at payout and solves its true APR
(the work one page view does), and times numpy_financial.irr on the same cash flows as floats.
Prints both medians, the ratio and the two period rates; exits with status 1 if the rates differ
by more than 1e-8 or the engine is less than 100 times faster.

Run from the repository root: python bench/bench_engine.py   (or: make bench)
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

# Run as a script from the repository root, the apps package sits one folder up from here.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy_financial as npf  # noqa: E402

from apps.finance import CashFlow, Offer, schedule_for_offer, true_apr  # noqa: E402

ENGINE_RUNS = 500
NUMPY_RUNS = 25
TARGET_SPEED_UP = 100
RATE_TOLERANCE = 1e-8

OFFER = Offer(
    amount=Decimal("500000"),
    rate=Decimal("0.004"),
    rate_period="month",
    term=360,
    term_unit="month",
    method="equal_installment",
    start_date=date(2025, 1, 15),
    fee_upfront_rate=Decimal("0.02"),
)


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls, after a few warm-up calls."""
    for _ in range(min(5, runs)):
        work()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    quote = schedule_for_offer(offer=OFFER)
    payments = [CashFlow(row.due_date, row.payment) for row in quote.rows]
    flows = [-float(quote.net_received)] + [float(row.payment) for row in quote.rows]

    engine = median_seconds(lambda: schedule_for_offer(offer=OFFER), ENGINE_RUNS)
    solve_only = median_seconds(
        lambda: true_apr(
            advance=quote.net_received,
            start_date=OFFER.start_date,
            payments=payments,
            frequency="month",
        ),
        ENGINE_RUNS,
    )
    numpy = median_seconds(lambda: npf.irr(flows), NUMPY_RUNS)
    reference = float(npf.irr(flows))
    difference = abs(float(quote.period_rate) - reference)
    speed_up = numpy / engine
    rates_agree = difference <= RATE_TOLERANCE
    fast_enough = speed_up >= TARGET_SPEED_UP

    print(f"Repayable engine benchmark (Python {platform.python_version()}, {platform.machine()})")
    print(
        f"Loan: {OFFER.amount:,} over {OFFER.term} months at {OFFER.rate * 100}% a month, "
        f"equal instalments, {OFFER.fee_upfront_rate * 100}% taken at payout "
        f"({quote.net_received:,} received)"
    )
    print(
        f"  engine, schedule + true APR     {engine * 1e3:9.3f} ms  "
        f"(median of {ENGINE_RUNS}, {quote.solver_iterations} solver evaluations)"
    )
    print(
        f"  engine, true_apr alone          {solve_only * 1e3:9.3f} ms  (median of {ENGINE_RUNS})"
    )
    print(f"  numpy_financial.irr (floats)    {numpy * 1e3:9.3f} ms  (median of {NUMPY_RUNS})")
    print(
        f"  speed-up                        {speed_up:9.1f} x   (target >= {TARGET_SPEED_UP} x) "
        f"{'OK' if fast_enough else 'BELOW TARGET'}"
    )
    print(f"  period rate, engine             {quote.period_rate:.15f}")
    print(f"  period rate, numpy_financial    {reference:.15f}")
    print(
        f"  difference                      {difference:9.2e}    (limit {RATE_TOLERANCE:.0e}) "
        f"{'OK' if rates_agree else 'DISAGREE'}"
    )
    print(
        f"  true APR {quote.apr * 100:.4f}%, effective {quote.effective_annual_rate * 100:.4f}%, "
        f"advertised {quote.advertised_annual_rate * 100:.2f}%"
    )
    return 0 if rates_agree and fast_enough else 1


if __name__ == "__main__":
    sys.exit(main())
