"""The result pages' words for verdict bands and their long repeated markup.

A 360-month loan has 360 schedule rows and over 700 chart bars, and a check carries up to two
dozen figures into its save form; drawn item by item in the template language that costs tens of
milliseconds a page. These functions write the same markup in one Python loop (simple tags in
templatetags/affordability.py). Only markup and words live here: the numbers come from the engine.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from apps.affordability.charts import Chart
from apps.core.templatetags.repayable import money
from apps.finance import budget as rules
from apps.finance import price
from apps.finance.schedule import ScheduleRow

# A verdict band in words: the headline and the CSV say BAND_WORDS, a reason's mark BAND_MARKS.
BAND_WORDS = {
    rules.AFFORDABLE: _("Affordable"),
    rules.STRETCHED: _("Stretched"),
    rules.NOT_AFFORDABLE: _("Not affordable"),
}
BAND_MARKS = {**BAND_WORDS, rules.AFFORDABLE: _("OK")}
# The price half of the verdict in words.
PRICE_WORDS = {
    price.FAIR: _("Fair price"),
    price.EXPENSIVE: _("Expensive"),
    price.TOO_EXPENSIVE: _("Too expensive"),
}


def svg_rects(chart: Chart) -> SafeString:
    """Every segment of a chart as an SVG <rect> (presentation attributes, no inline style)."""
    # Coordinates are floats the chart computed; only the kind is text, so only it is escaped.
    kinds = {kind: escape(kind) for kind in {s.kind for s in chart.segments}}
    return mark_safe(
        "".join(
            f'<rect class="seg seg-{kinds[s.kind]}" x="{float(s.x)}" y="{float(s.y)}" '
            f'width="{float(s.width)}" height="{float(s.height)}"/>'
            for s in chart.segments
        )
    )


def schedule_rows(rows: Sequence[ScheduleRow]) -> SafeString:
    """The schedule table's body rows: number, due date, payment, principal, interest, fees,
    balance."""
    # Every cell is an int, an ISO date or money() digits and commas: nothing to escape.
    return mark_safe(
        "\n".join(
            f"<tr><td>{int(row.number)}</td>"
            f'<td class="text-nowrap">{row.due_date.isoformat()}</td>'
            f'<td class="text-end">{money(row.payment)}</td>'
            f'<td class="text-end">{money(row.principal)}</td>'
            f'<td class="text-end">{money(row.interest)}</td>'
            f'<td class="text-end">{money(row.fees)}</td>'
            f'<td class="text-end">{money(row.balance)}</td></tr>'
            for row in rows
        )
    )


def hidden_inputs(inputs: dict[str, str]) -> SafeString:
    """The figures of a check as hidden inputs, for the save form (names and values escaped)."""
    return format_html_join("", '<input type="hidden" name="{}" value="{}">', inputs.items())
