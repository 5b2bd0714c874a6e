"""The site's template filters: money and percentages that read right in both languages, `tr`,
which picks the Chinese or English field of a bilingual database row, and `return_path`.

Registered as a builtin in settings, so templates use them without `{% load %}`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from django import template
from django.utils.translation import get_language, gettext

register = template.Library()

# Gunicorn refuses a request line over 4094 bytes, so no honest link is longer than this.
MAX_RETURN_PATH = 4096


@register.filter
def return_path(request: Any) -> str:
    """This page's path and query, for the language switcher to come back to; only its path when
    that is longer than any request gunicorn lets through, so a hostile URL is not echoed whole."""
    full = request.get_full_path()
    return full if len(full) <= MAX_RETURN_PATH else request.path[:MAX_RETURN_PATH]


def _as_decimal(value: Any) -> Decimal | None:
    if type(value) is Decimal:  # the engine's figures: the common case, checked first
        return value if value.is_finite() else None
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


_QUANTUMS = {places: Decimal(1).scaleb(-places) for places in range(7)}
_FORMATS = {places: f",.{places}f" for places in range(7)}


def _group(number: Decimal, places: int) -> str:
    # Both zh-hans and en group thousands with a comma and use a point for decimals.
    quantum = _QUANTUMS.get(places) or Decimal(1).scaleb(-places)
    spec = _FORMATS.get(places) or f",.{places}f"
    try:
        return format(number.quantize(quantum, rounding=ROUND_HALF_UP), spec)
    except InvalidOperation:
        # More digits than the default 28-digit context holds (a fee many times the loan makes
        # an effective rate of 10^40 %): round in a context wide enough for the number.
        with localcontext() as context:
            context.prec = number.adjusted() + places + 2
            return format(number.quantize(quantum, rounding=ROUND_HALF_UP), spec)


@register.filter
def money(value: Any, places: int = 2) -> str:
    """12345.6 -> '12,345.60' (the currency sign is written by the template where it helps)."""
    number = _as_decimal(value)
    return "" if number is None else _group(number, int(places))


# Past this a percentage tells a reader nothing: a true cost of 327,086,456% a year is shown as
# "over 10,000%" (a fraction: 100 = 10,000%).
PERCENT_SHOWN_UP_TO = Decimal(100)


@register.filter
def percent(value: Any, places: int = 2) -> str:
    """A fraction as a percentage: Decimal('0.325') -> '32.50%'; past PERCENT_SHOWN_UP_TO,
    'over 10,000%' in the reader's language."""
    number = _as_decimal(value)
    if number is None:
        return ""
    if number > PERCENT_SHOWN_UP_TO:
        return gettext("over %(limit)s") % {"limit": _group(PERCENT_SHOWN_UP_TO * 100, 0) + "%"}
    return _group(number * 100, int(places)) + "%"


@register.filter
def tr(obj: Any, field: str) -> str:
    """`{{ stage|tr:"title" }}` reads `title_zh` in Chinese and `title_en` otherwise."""
    suffix = "zh" if (get_language() or "").startswith("zh") else "en"
    return getattr(obj, f"{field}_{suffix}", "") or getattr(obj, f"{field}_en", "")


@register.filter
def bare_label(label: Any) -> str:
    """A field label without its closing question mark or colon, for "label: error" lines
    ("How many days late are you?" -> "How many days late are you")."""
    return str(label).rstrip().rstrip("?？:：")
