"""Figures borrowers type, shared by the loan and affordability tests."""

from __future__ import annotations

# Worked example 6 (docs/worked-examples.md) as quoted terms: 10,000 at 1% a month, 12 equal
# payments, 1,000 at payout.
TERMS = {
    "mode": "terms",
    "amount": "10,000",
    "rate": "1",
    "rate_period": "month",
    "term": "12",
    "term_unit": "month",
    "method": "equal_installment",
    "fee_upfront": "1000",
    "start_date": "2026-01-15",
}
# The same loan as the app shows it: 9,000 received, 12 monthly payments of 888.49.
PLAN = {
    "mode": "plan",
    "received": "9000",
    "payment": "888.49",
    "count": "12",
    "every": "month",
    "start_date": "2026-01-15",
}
# The plan with only an income: the smallest check that passes, for tests of what a page does
# with any check (headers, HEAD, bounds, faults).
PLAN_CHECK = {**PLAN, "income": "8000"}
# That plan twice, the second offer a little dearer: the smallest comparison that passes.
COMPARE = {
    **{f"o1-{k}": v for k, v in PLAN.items()},
    **{f"o2-{k}": v for k, v in PLAN.items()},
    "o2-payment": "950",
    "income": "8000",
}
# Worked example 12: income 8,000, existing debts 1,500.
BUDGET = {"income": "8000", "debt_payments": "1500"}


def check(**overrides: str) -> dict[str, str]:
    """A full check form: example 6 as terms with example 12's budget, changed by overrides."""
    return {**TERMS, **BUDGET, **overrides}


def plan(**overrides: str) -> dict[str, str]:
    data = {**PLAN, **BUDGET, **overrides}
    return {k: v for k, v in data.items() if v is not None}


def four_loans(**extra: str) -> dict[str, str]:
    """Four loans a borrower might owe: one 40 days late, one at 0.05% a day, short of budget."""
    return {
        "income": "6,000",
        "essentials": "3500",
        "loan-0-label": "借呗",
        "loan-0-owed": "12,000",
        "loan-0-payment": "1,500",
        "loan-0-rate": "24",
        "loan-0-rate_period": "year",
        "loan-1-label": "B",
        "loan-1-owed": "5000",
        "loan-1-payment": "600",
        "loan-1-days_late": "40",
        "loan-1-rate": "1.5",
        "loan-1-rate_period": "month",
        "loan-2-label": "C",
        "loan-2-owed": "3000",
        "loan-2-payment": "400",
        "loan-2-rate": "0.05",
        "loan-2-rate_period": "day",
        "loan-3-owed": "2000",
        "loan-3-payment": "300",
        **extra,
    }


# My debts with one loan its payment never clears: 20,000 owed at 10% a month, paying 500.
NEVER_CLEARS = {
    "income": "4000",
    "essentials": "3000",
    "loan-0-owed": "20000",
    "loan-0-payment": "500",
    "loan-0-rate": "10",
    "loan-0-rate_period": "month",
}
# A 7-day loan (issue 11): receive 1,500, repay 2,000 a week later, 1,738% a year.
SEVEN_DAY_PLAN = {
    "mode": "plan",
    "received": "1500",
    "payment": "2000",
    "count": "1",
    "start_date": "2026-01-15",
    "first_due": "2026-01-22",
}
