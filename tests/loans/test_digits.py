"""Every character Python calls a digit gives a number or a plain message, never a 500.

str.isdigit() is true of 788 characters; 128 of them (⓵ U+24F5, ፩ U+1369, ᧚ U+19DA, superscripts,
circled digits) are refused by int() and Decimal(). Each is typed, alone and inside the shapes
the parsers read (1.5万, 十二, 一点五, 万5), into every number field of every form.
"""

from __future__ import annotations

import sys
import unicodedata
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError

from apps.guidance.forms import OverdueForm, PlanLetterForm
from apps.loans.fields import (
    NumberField,
    NumberFormatError,
    TermField,
    parse_number,
    read_rate_text,
)
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
            lambda t: read_rate_text(t).percent,
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


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("１２", Decimal(12)),
        ("１０，０００", Decimal(10000)),
        ("٣٠٠٠", Decimal(3000)),  # Arabic-Indic
        ("۵۰۰", Decimal(500)),  # Persian
        ("१२००", Decimal(1200)),  # Devanagari
        ("১.৫万", Decimal(15000)),  # Bengali, with a multiplier
        ("๑๐,๐๐๐", Decimal(10000)),  # Thai, grouped
    ],
)
def test_the_decimal_digits_of_every_script_read_as_the_digits_they_are(typed, read):
    assert parse_number(typed) == read


@pytest.mark.parametrize(
    "typed",
    ["10⁴", "10₄", "10⑩", "①②", "⑴", "⒈5", "𝟏𝟐", "1²万", "万⁵", "½", "㊀万", "１⁰"],
)
def test_a_compatibility_digit_is_refused_never_read_as_another_number(typed):
    with pytest.raises(NumberFormatError) as raised:
        parse_number(typed)
    assert raised.value.code == "invalid"
    with pytest.raises(NumberFormatError):
        read_rate_text(typed)


def test_every_compatibility_digit_is_refused_in_every_shape():
    compatibility = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if unicodedata.numeric(c, None) is not None
        and unicodedata.decomposition(c).startswith("<")
        and not unicodedata.decomposition(c).startswith("<wide>")
    ]
    assert {"\u2074", "\u2084", "\u2460", "\U0001d7cf"} <= set(compatibility)
    read = [
        (shape.format(c), parse(shape.format(c)))
        for c in compatibility
        for shape in SHAPES
        for parse in (parse_number, lambda t: read_rate_text(t).percent)
        if _reads(parse, shape.format(c))
    ]
    assert read == []


def _reads(parse, typed: str) -> bool:
    try:
        parse(typed)
    except NumberFormatError:
        return False
    return True


@pytest.mark.parametrize("typed", ["1²个月", "1²期", "1²"])
def test_a_term_with_a_compatibility_digit_is_refused_once_its_unit_word_is_taken_off(typed):
    with pytest.raises(ValidationError) as raised:
        TermField(min_value=Decimal(1)).clean(typed)
    assert raised.value.code == "invalid"


@pytest.mark.parametrize("typed", ["١٢个月", "１２个月", "١٢期"])
def test_a_term_in_another_scripts_digits_reads_with_its_unit_word(typed):
    assert TermField(min_value=Decimal(1)).clean(typed) == 12


@pytest.mark.django_db
def test_the_field_says_its_own_message_for_a_superscript(en):
    answer = en.post("/result/", {**PLAN_CHECK, "received": "10⁴"})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Type a number, such as 10000" in page
    assert "10⁴" in page  # what was typed is kept beside its message
