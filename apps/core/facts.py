"""The dated rate lines, and which of them apply to a kind of lender.

A line's meaning depends on whom it binds (apps.core.models.RateLine), so every page that
compares a loan's cost with the lines (the loan check, the days-late calculator) picks them here,
by the lender the borrower named. The rows are read once per content version (pagecache).
"""

from __future__ import annotations

from apps.core.models import RateLine
from apps.core.pagecache import cached_content


def rate_lines() -> dict[str, RateLine]:
    """Every rate line by code, in the administrators' order, with its source."""
    return cached_content(
        "rate-lines",
        lambda: {line.code: line for line in RateLine.objects.select_related("source")},
    )


def lines_for(lender: str, lines: dict[str, RateLine] | None = None) -> tuple[RateLine, ...]:
    """The lines shown for this kind of lender: the reference rates (which apply to no one, such
    as the LPR) and every line that applies to it, in their order."""
    rows = rate_lines() if lines is None else lines
    return tuple(line for line in rows.values() if not line.lenders or line.applies_to(lender))


def limit_lines(lender: str, lines: dict[str, RateLine] | None = None) -> dict[str, RateLine]:
    """The lines that limit this kind of lender's cost (reference rates left out), by code."""
    rows = rate_lines() if lines is None else lines
    return {code: line for code, line in rows.items() if line.applies_to(lender)}
