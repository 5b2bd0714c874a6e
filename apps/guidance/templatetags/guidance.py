"""Template filters for guidance text stored one point per line."""

from __future__ import annotations

from django import forms, template
from django.forms import BoundField

register = template.Library()


@register.filter
def lines(text: str) -> list[str]:
    """'First point.\\nSecond point.' -> ['First point.', 'Second point.'], blank lines dropped."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


@register.simple_tag
def field_widget(field: BoundField) -> str:
    """The field's input with Bootstrap's class, and aria-describedby naming its help and error
    (the ids that templates/guidance/includes/field.html gives them)."""
    described = []
    if field.errors:
        described.append(f"{field.auto_id}-error")
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    is_select = isinstance(field.field.widget, forms.Select)
    attrs = {"class": ("form-select" if is_select else "form-control")}
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
