"""Every character Python calls a digit gives a number or a plain message, never a 500.

str.isdigit() is true of 788 characters; 128 of them (⓵ U+24F5, ፩ U+1369, ᧚ U+19DA, superscripts,
circled digits) are refused by int() and Decimal(). Each is typed, alone and inside the shapes
the parsers read (1.5万, 十二, 一点五, 万5), into every number field of every form.
"""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError

from apps.guidance.forms import OverdueForm, PlanLetterForm
from apps.loans.fields import NumberField, NumberFormatError, parse_number, parse_rate
from apps.loans.forms.budget import BudgetForm, EarlyRepaymentForm
from apps.loans.forms.debts import DebtBudgetForm, DebtForm
from apps.loans.forms.offer import PlanForm, TermsForm
from tests.loans.helpers import PLAN_CHECK, four_loans

DIGIT_LIKE = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isdigit()]
# The shapes that reach each parser's digit handling: plain, with a multiplier, a Chinese
# numeral, a decimal point written 点 on either side, a rate counted in ten-thousandths.
SHAPES = ("{}", "{}万", "十{}", "1点{}", "{}点五", "万{}")


def test_the_walk_covers_every_digit_int_refuses():
    assert len(DIGIT_LIKE) > 700
    refused = [c for c in DIGIT_LIKE if not c.isdecimal()]
    assert {"\u24f5", "\u1369", "\u19da"} <= set(refused) and len(refused) > 60


def _number_fields() -> list[tuple[str, forms.Field]]:
    """(form: field name, field) for every number field of every form on the site."""
    every_form = [
        ("check terms", TermsForm()),
        ("check plan", PlanForm()),
        ("compare terms", TermsForm(prefix="o4")),
        ("compare plan", PlanForm(prefix="o4")),
        ("budget", BudgetForm()),
        ("days-late calculator", OverdueForm()),
        ("plan letter", PlanLetterForm()),
        ("early repayment", EarlyRepaymentForm(payments=12)),
        ("my debts' budget", DebtBudgetForm()),
        ("my debts' loan", DebtForm(prefix="loan-9")),
    ]
    return [
        (f"{label}: {name}", field)
        for label, form in every_form
        for name, field in form.fields.items()
        if isinstance(field, NumberField)
    ]


def test_every_form_has_number_fields_to_walk():
    names = [name for name, _field in _number_fields()]
    assert len(names) >= 30
    assert "days-late calculator: days" in names and "plan letter: owed" in names


def _breaks(fields: list[tuple[str, forms.Field]], typed: str) -> list[tuple[str, str, str]]:
    broke = []
    for name, field in fields:
        try:
            field.clean(typed)
        except ValidationError:
            pass
        except Exception as error:  # noqa: BLE001 - anything else is the bug
            broke.append((name, typed, type(error).__name__))
    return broke


def test_every_digit_like_character_in_every_number_field_is_a_number_or_a_message():
    # Every character through every field, each in one of the shapes (they take turns, so every
    # field meets every shape); the characters int() refuses in every shape.
    fields = _number_fields()
    broke = []
    for index, character in enumerate(DIGIT_LIKE):
        shapes = SHAPES if not character.isdecimal() else (SHAPES[index % len(SHAPES)],)
        for shape in shapes:
            broke += _breaks(fields, shape.format(character))
    assert broke == []


@pytest.mark.parametrize("shape", (*SHAPES, "月息{}分", "{}%", "日息万{}"))
def test_every_digit_like_character_parses_to_a_number_or_a_format_error(shape):
    broke = []
    for character in DIGIT_LIKE:
        typed = shape.format(character)
        for parse in (
            lambda t: parse_number(t),
            lambda t: parse_number(t, money=False),
            lambda t: parse_number(t, money=False, allow_percent=True),
            lambda t: parse_rate(t)[0],
        ):
            try:
                assert isinstance(parse(typed), Decimal)
            except NumberFormatError:
                pass
            except Exception as error:  # noqa: BLE001 - anything else is the bug
                broke.append((typed, type(error).__name__))
    assert broke == []


@pytest.mark.parametrize("typed", ["⓵万", "፩", "1点፩", "᧚点五", "十፩"])
def test_a_digit_int_refuses_is_not_a_number(typed):
    with pytest.raises(NumberFormatError) as raised:
        parse_number(typed)
    assert raised.value.code == "invalid"


def test_ascii_and_chinese_digits_still_read_as_before():
    assert parse_number("1点5万") == Decimal(15000)
    assert parse_number("3万2千") == Decimal(32000)
    assert parse_number("１２") == Decimal(12)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["⓵万", "1点፩", "᧚"])
def test_every_page_that_reads_figures_answers_a_digit_int_refuses_without_a_500(en, typed):
    check = {**PLAN_CHECK, "received": typed}
    compare = {
        **{f"o1-{k}": v for k, v in check.items() if k != "income"},
        **{f"o2-{k}": v for k, v in PLAN_CHECK.items() if k != "income"},
        "income": "8000",
    }
    answers = {
        "check": en.post("/result/", check),
        "check link": en.get("/result/", check),
        "schedule csv": en.get("/result/schedule.csv", check),
        "save": en.post("/result/save/", check),
        "compare": en.post("/result/compare/", compare),
        "compare csv": en.get("/result/compare.csv", compare),
        "calculator": en.get("/late/calculator/", {"days": typed, "overdue": typed}),
        "plan letter": en.get(
            "/late/letters/plan/", {"owed": typed, "per_month": "500", "start": "2026-12-15"}
        ),
        "my debts": en.post("/debts/", four_loans(**{"loan-1-owed": typed})),
        "my debts link": en.get("/debts/plan/", four_loans(**{"loan-1-days_late": typed})),
        "my debts letter": en.get("/debts/letter/1/", four_loans(income=typed)),
        "my debts csv": en.get("/debts/plan.csv", four_loans(**{"loan-2-rate": typed})),
    }
    assert {name: r.status_code for name, r in answers.items()} == {
        "check": 200,
        "check link": 200,
        "schedule csv": 404,
        "save": 404,
        "compare": 200,
        "compare csv": 404,
        "calculator": 200,
        "plan letter": 200,
        "my debts": 200,
        "my debts link": 200,
        "my debts letter": 404,
        "my debts csv": 404,
    }
    for name in ("check", "compare", "calculator", "plan letter", "my debts", "my debts link"):
        assert "Type a " in answers[name].content.decode(), name
