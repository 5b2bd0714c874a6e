"""Figures borrowers type, shared by the loan and affordability tests."""

from __future__ import annotations

# FACTS.md example 6 as quoted terms: 10,000 at 1% a month, 12 equal payments, 1,000 at payout.
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
# FACTS.md example 12: income 8,000, existing debts 1,500.
BUDGET = {"income": "8000", "debt_payments": "1500"}


def check(**overrides: str) -> dict[str, str]:
    """A full check form: example 6 as terms with example 12's budget, changed by overrides."""
    return {**TERMS, **BUDGET, **overrides}


def plan(**overrides: str) -> dict[str, str]:
    data = {**PLAN, **BUDGET, **overrides}
    return {k: v for k, v in data.items() if v is not None}
