"""`{% load affordability %}`: the result pages' words chosen by code, and their long repeated
markup (apps.affordability.markup)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.translation import gettext

from apps.affordability import markup
from apps.core.models import LenderKind
from apps.finance.budget import BudgetVerdict, RuleResult
from apps.finance.price import Verdict

register = template.Library()

register.simple_tag(markup.svg_rects, name="svg_rects")
register.simple_tag(markup.schedule_rows, name="schedule_rows")
register.simple_tag(markup.hidden_inputs, name="hidden_inputs")
register.simple_tag(markup.reason_items, name="reason_items")
register.simple_tag(markup.not_checked, name="not_checked")
register.simple_tag(markup.figure_rows, name="figure_rows")
register.filter("payments_in_words", markup.payments_in_words)
register.filter("left_or_short", markup.left_or_short)


@register.filter
def band_word(band: str) -> str:
    """`{{ a.verdict.budget.band|band_word }}`: "affordable" -> 还得起 / Affordable."""
    return str(markup.BAND_WORDS.get(band, band))


@register.filter
def advice_tone(verdict: Verdict) -> str:
    """The band whose colour the advice's box takes: the worse of the two answers."""
    return markup.ADVICE_TONES[verdict.advice]


@register.filter
def price_word(level: str) -> str:
    """`{{ a.verdict.price.level|price_word }}`: "too_expensive" -> 太贵，别借."""
    return str(markup.PRICE_WORDS.get(level, level))


@register.filter
def offer_name(a: Any, number: int) -> str:
    """`{{ a|offer_name:number }}`: "Offer 2, 借呗" (the Assessment's own name), or "Offer 2"."""
    return markup.offer_name(a.label, number)


@register.filter
def what_if_word(code: str) -> str:
    """`{{ s.code|what_if_word }}`: "half_amount" -> 借一半 / Borrow half as much."""
    return str(markup.WHAT_IF_WORDS[code])


@register.filter
def advice(verdict: Verdict) -> str:
    """`{{ a.verdict|advice }}`: the one line of advice the two answers give."""
    return str(markup.ADVICE_WORDS[verdict.advice])


@register.simple_tag
def reason(rule: RuleResult, verdict: BudgetVerdict) -> str:
    """`{% reason r a.budget_verdict %}`: one rule's finding, as a sentence with its figures."""
    return markup.reason(rule, verdict)


@register.filter
def join_kinds(kinds: Iterable[LenderKind]) -> str:
    """The kinds of lender a line binds, named and listed ("I don't know" left out)."""
    # Translators: between the names of kinds of lender in a list.
    separator = gettext("; ")
    return separator.join(str(kind.label) for kind in kinds if kind != LenderKind.UNKNOWN)
