"""The sourced facts pages cite: the sources by key, the dated rate lines, and which lines apply
to a kind of lender.

A line's meaning depends on whom it binds (apps.core.models.RateLine), so every page that
compares a loan's cost with the lines (the loan check, the days-late calculator) picks them here,
by the lender the borrower named. The rows are read once per content version (pagecache).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

from apps.core.models import Confidence, HelpLine, RateLine, Source
from apps.core.pagecache import cached_content
from apps.finance.check import LineTerms

# The national psychological help line (content/sources.yaml: hotline-12356).
CRISIS_LINE = "12356"
# "Safety first": the police, an ambulance, the psychological help line, free legal advice, in
# that order (content/sources.yaml: police-110-96110, emergency-120, hotline-12356, hotline-12348).
SAFETY_LINES = ("110", "120", CRISIS_LINE, "12348")


# Unverified facts never reach a page, even if an editor cites one by mistake.
def shown_sources() -> QuerySet[Source]:
    return Source.objects.exclude(confidence=Confidence.UNVERIFIED)


def sources_by_key() -> dict[str, Source]:
    """Every source a page may cite (never an unverified one), by its key, read once per
    content version."""
    return cached_content("sources", lambda: {s.key: s for s in shown_sources()})


def rate_line_rows() -> tuple[RateLine, ...]:
    """Every row of every rate line, history included, with its source: in the administrators'
    order, a line's newest row first. Read once per content version."""
    return cached_content(
        "rate-line-rows", lambda: tuple(RateLine.objects.select_related("source"))
    )


def rate_lines(on: date | None = None) -> dict[str, RateLine]:
    """Each rate line's row by code, in the administrators' order: the newest, or the one in
    force on the day `on` (the newest that took effect by then). A line with no row in force
    yet on that day gives its earliest row, whose "since" date the page then shows: a loan that
    started before any LPR we hold is measured against the earliest, and says so."""
    chosen: dict[str, RateLine] = {}
    for row in rate_line_rows():
        kept = chosen.get(row.code)
        if kept is None or (on is not None and kept.as_of > on):
            chosen[row.code] = row
    return chosen


def line_terms(lines: dict[str, RateLine] | None = None) -> dict[str, LineTerms]:
    """The rate lines as the engine weighs them (apps.finance.check.LineTerms), by code, in the
    administrators' order."""
    lines = rate_lines() if lines is None else lines
    return {
        code: LineTerms(line.value, frozenset(k.value for k in line.lender_kinds()), line.as_of)
        for code, line in lines.items()
    }


def limit_lines(lender: str, lines: dict[str, RateLine] | None = None) -> dict[str, RateLine]:
    """The lines that limit this kind of lender's cost (reference rates left out), by code."""
    rows = rate_lines() if lines is None else lines
    return {code: line for code, line in rows.items() if line.applies_to(lender)}


def help_lines() -> list[HelpLine]:
    """The numbers to call for help, in the administrators' order, each with the sources a page
    may show (never an unverified one), read once per content version."""
    return cached_content(
        "help-lines",
        lambda: list(
            HelpLine.objects.prefetch_related(Prefetch("sources", queryset=shown_sources()))
        ),
    )


def safety_lines() -> list[HelpLine]:
    """The numbers a "Safety first" box shows, in SAFETY_LINES' order."""
    by_number = {line.number: line for line in help_lines()}
    return [by_number[number] for number in SAFETY_LINES if number in by_number]
