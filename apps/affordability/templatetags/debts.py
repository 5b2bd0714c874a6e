"""`{% load debts %}`: My debts' long repeated markup (apps/affordability/debts/markup.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from apps.affordability.debts import markup

register = template.Library()

register.simple_tag(markup.debt_list, name="debt_list")
register.simple_tag(markup.order_list, name="order_list")
register.simple_tag(markup.step_list, name="step_list")
register.simple_tag(markup.cost_list, name="cost_list")
register.simple_tag(markup.growing_list, name="growing_list")
register.simple_tag(markup.letter_buttons, name="letter_buttons")
register.simple_tag(markup.printed_letters, name="printed_letters")
register.simple_tag(markup.overdue_names, name="overdue_names")
register.simple_tag(markup.share_rows, name="share_rows")
register.simple_tag(markup.spiral_table, name="spiral_table")


@register.simple_tag
def cited(sources: Any, sources_url: str) -> SafeString:
    """`{% cited sources.plan sources_url %}`: the sources a finding rests on, with dates."""
    return mark_safe(markup.cited(sources or (), sources_url))
