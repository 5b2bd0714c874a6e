"""The rate lines keep their history: pages show each line's newest row, and a loan is measured
against the row in force on the day it started (apps.core.facts.rate_lines)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.core.content_files import load_content, read_content
from apps.core.facts import rate_lines
from apps.core.models import RateLine
from apps.core.pagecache import bump_content_version
from tests.loans.helpers import check

pytestmark = pytest.mark.django_db

# Test rows, not facts the site shows: an older LPR and its courts' line, from 2024-10-21.
OLDER_DAY = date(2024, 10, 21)


def _older(code: str, value: str) -> RateLine:
    newest = RateLine.objects.get(code=code)
    newest.pk = None
    newest.value, newest.as_of = Decimal(value), OLDER_DAY
    newest.save()
    return newest


@pytest.fixture
def history() -> tuple[RateLine, RateLine]:
    rows = _older("lpr_1y", "0.031"), _older("lpr_4x", "0.124")
    bump_content_version()
    return rows


def test_each_line_is_its_newest_row_unless_a_day_is_named(history):
    lpr, four = history
    newest = rate_lines()
    assert newest["lpr_1y"].value == Decimal("0.03") and newest["lpr_4x"].value == Decimal("0.12")
    then = rate_lines(on=date(2025, 3, 1))
    assert then["lpr_1y"] == lpr and then["lpr_4x"] == four
    # The day a row takes effect is its own; the day before is the older row's.
    assert rate_lines(on=date(2025, 5, 20))["lpr_4x"].value == Decimal("0.12")
    assert rate_lines(on=date(2025, 5, 19))["lpr_4x"] == four
    # Before every row we hold: the earliest, which the page dates.
    assert rate_lines(on=date(2020, 1, 1))["lpr_4x"] == four
    # Lines without history are the same on every day, in the same order.
    assert list(then) == list(newest)
    assert then["line_24"] == newest["line_24"]


def test_a_loan_is_measured_against_the_courts_line_of_the_day_it_started(en, history):
    older = en.post("/result/", check(start_date="2025-03-01", lender="private")).content.decode()
    assert "12.40%" in older and "2024-10-21" in older
    assert "before the LPR above took effect" not in older
    newer = en.post("/result/", check(lender="private")).content.decode()
    assert "12.00%" in newer and "12.40%" not in newer


def test_a_loan_older_than_every_row_is_measured_against_the_earliest_and_says_so(en, history):
    html = en.post("/result/", check(start_date="2024-01-02", lender="private")).content.decode()
    assert "12.40%" in html
    assert "This loan started on 2024-01-02, before the LPR above took effect on 2024-10-21" in html


def test_the_days_late_calculator_weighs_the_lines_of_the_loans_day(en, history):
    figures = {
        "days": "10",
        "amount": "10000",
        "rate": "1",
        "rate_period": "month",
        "term": "12",
        "term_unit": "month",
        "method": "equal_installment",
        "lender": "private",
        "penalty_rate": "0.05",
    }
    older = en.get("/late/calculator/", {**figures, "start_date": "2025-03-01"}).content.decode()
    newer = en.get("/late/calculator/", {**figures, "start_date": "2026-03-01"}).content.decode()
    assert "12.40%" in older and "12.40%" not in newer


def test_loading_the_content_again_adds_no_row_to_a_line_with_history(history):
    before = RateLine.objects.count()
    assert load_content(read_content()).new_rate_lines == 0
    assert RateLine.objects.count() == before


def test_one_row_a_day_per_line(history):
    lpr, _four = history
    lpr.pk = None
    with pytest.raises(ValidationError):
        lpr.full_clean()


def test_the_courts_line_must_be_four_times_the_lpr_of_the_same_day(history):
    _lpr, four = history
    four.value = Decimal("0.120")
    with pytest.raises(ValidationError, match="4 times the one-year LPR"):
        four.clean()
    four.value = Decimal("0.124")
    four.clean()


def test_an_administrator_adds_a_new_lpr_as_a_row_and_keeps_the_old_one(en):
    client = en
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "x"))
    old = RateLine.objects.get(code="lpr_1y")
    form = client.get(reverse("admin:core_rateline_add")).context["adminform"].form
    # The new row words the line as the old one does, with its own value and day.
    data = {name: getattr(old, name) or "" for name in form.fields if name != "source"}
    data.update(value="0.029", as_of="2026-06-22", source=old.source_id)
    added = client.post(reverse("admin:core_rateline_add"), data)
    assert added.status_code == 302, added.context and added.context["adminform"].form.errors
    assert rate_lines()["lpr_1y"].value == Decimal("0.029")
    assert rate_lines(on=date(2026, 1, 1))["lpr_1y"] == old
    # The courts' line of that day must then be 4 times it.
    four = RateLine.objects.get(code="lpr_4x")
    data.update(code="lpr_4x", value="0.12", source=four.source_id, lenders=four.lenders)
    refused = client.post(reverse("admin:core_rateline_add"), data)
    assert refused.status_code == 200
    assert "must be 4 times the one-year LPR" in refused.content.decode()
