"""Template filters for guidance text stored one point per line."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def lines(text: str) -> list[str]:
    """'First point.\\nSecond point.' -> ['First point.', 'Second point.'], blank lines dropped."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]
