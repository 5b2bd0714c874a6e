"""The tags that write long schedules and charts write the same markup the template did."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.affordability.charts import Chart, Segment
from apps.affordability.markup import hidden_inputs, schedule_rows, svg_rects
from apps.finance.schedule import ScheduleRow
from tests.loans.helpers import check

pytestmark = pytest.mark.django_db


def test_schedule_rows_write_every_cell_in_money_format():
    row = ScheduleRow(
        number=1,
        due_date=date(2026, 2, 15),
        payment=Decimal("888.49"),
        principal=Decimal("788.49"),
        interest=Decimal("100.00"),
        fees=Decimal("0.00"),
        balance=Decimal("9211.51"),
    )
    assert schedule_rows([row]) == (
        '<tr><td>1</td><td class="text-nowrap">2026-02-15</td><td class="text-end">888.49</td>'
        '<td class="text-end">788.49</td><td class="text-end">100.00</td>'
        '<td class="text-end">0.00</td><td class="text-end">9,211.51</td></tr>'
    )


def test_chart_rects_escape_the_kind_and_write_numbers():
    chart = Chart(600, 220, (Segment('x"><script>', 1, 2.5, 3, 4),), Decimal(1))
    html = svg_rects(chart)
    assert "<script>" not in html
    assert 'x="1.0" y="2.5" width="3.0" height="4.0"' in html


def test_a_thirty_year_loan_shows_all_360_payments(en):
    html = en.post("/result/", check(term="360", amount="500000", fee_upfront="")).content.decode()
    assert html.count('<td class="text-nowrap">') == 360
    assert html.count('<rect class="seg seg-principal"') == 360


def test_the_save_forms_hidden_inputs_carry_each_figure_escaped():
    html = str(hidden_inputs({"amount": "10,000", "note": '"><script>'}))
    assert '<input type="hidden" name="amount" value="10,000">' in html
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html
