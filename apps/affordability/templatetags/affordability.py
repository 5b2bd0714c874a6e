"""`{% load affordability %}`: the result pages' band words and their long repeated markup."""

from __future__ import annotations

from django import template

from apps.affordability import markup

register = template.Library()

register.simple_tag(markup.svg_rects, name="svg_rects")
register.simple_tag(markup.schedule_rows, name="schedule_rows")
register.simple_tag(markup.hidden_inputs, name="hidden_inputs")


@register.filter
def band_word(band: str) -> str:
    """`{{ a.verdict.band|band_word }}`: "affordable" -> 可以负担 / Affordable."""
    return str(markup.BAND_WORDS.get(band, band))


@register.filter
def band_mark(band: str) -> str:
    """A reason's short mark: OK, Stretched or Not affordable."""
    return str(markup.BAND_MARKS.get(band, band))


@register.filter
def price_word(level: str) -> str:
    """`{{ a.verdict.price.level|price_word }}`: "too_expensive" -> 太贵 / Too expensive."""
    return str(markup.PRICE_WORDS.get(level, level))
