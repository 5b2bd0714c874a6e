"""The letters: printable, copyable, filled with the borrower's own numbers, never asking who
they are; bad input answered beside the field, in the reader's language."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from apps.guidance.forms import ComplaintLetterForm, PlanLetterForm
from tests.markup import field_errors

pytestmark = pytest.mark.django_db

BLANK = "____"


def _letters(html: str) -> dict[str, str]:
    """Language -> the letter text in its read-only box."""
    found = re.findall(
        r'<textarea id="letter-([\w-]+)"[^>]*readonly[^>]*>(.*?)</textarea>', html, re.S
    )
    return {language: unescape(text) for language, text in found}


def test_letter_forms_never_ask_for_a_name_phone_or_id_number():
    assert set(PlanLetterForm.base_fields) == {
        "owed",
        "overdue_part",
        "not_due_part",
        "per_month",
        "start",
    }
    assert set(ComplaintLetterForm.base_fields) == {"broken"}


def test_statement_letter_is_ready_to_copy_with_blanks_for_the_borrower(zh):
    html = zh.get(reverse("guidance:letter_statement")).content.decode()
    letters = _letters(html)
    assert list(letters) == ["zh-hans"]
    assert "明细账单" in letters["zh-hans"] and BLANK in letters["zh-hans"]
    assert 'class="letter__print print-only"' in html


def test_an_english_reader_gets_the_letter_in_chinese_to_send_and_in_english_to_read(en):
    letters = _letters(en.get(reverse("guidance:letter_statement")).content.decode())
    assert list(letters) == ["zh-hans", "en"]
    assert "明细账单" in letters["zh-hans"]
    assert "itemised statement" in letters["en"]


def test_plan_letter_is_filled_with_the_numbers_as_typed(en):
    query = {"owed": "1.5万", "per_month": "８００元", "start": "2026-12-15"}
    letters = _letters(en.get(reverse("guidance:letter_plan"), query).content.decode())
    assert "I owe 15,000.00 yuan" in letters["en"]
    assert "pay 800.00 yuan every month, starting on 2026-12-15" in letters["en"]
    assert "15,000.00" in letters["zh-hans"] and "2026-12-15" in letters["zh-hans"]


def test_plan_letter_with_bad_input_says_why_beside_the_field_and_keeps_what_was_typed(zh):
    query = {"owed": "很多", "per_month": "800", "start": "2026-12-15"}
    html = zh.get(reverse("guidance:letter_plan"), query).content.decode()
    assert _letters(html) == {}
    assert 'value="很多"' in html
    assert 'aria-describedby="id_owed_helptext id_owed_error"' in html
    error = field_errors(html)["owed"]
    assert re.search(r"[\u4e00-\u9fff]", error)


def test_plan_letter_refuses_a_monthly_payment_above_the_debt(en):
    query = {"owed": "500", "per_month": "800", "start": "2026-12-15"}
    html = en.get(reverse("guidance:letter_plan"), query).content.decode()
    assert "That is more than you owe." in html
    assert _letters(html) == {}


def test_plan_letter_refuses_a_start_date_years_away(en):
    query = {"owed": "5000", "per_month": "800", "start": "2062-12-15"}
    html = en.get(reverse("guidance:letter_plan"), query).content.decode()
    assert "Check the year of this date." in html


def test_complaint_letter_names_each_broken_rule_and_its_source(en):
    query = {"broken": ["hours", "officials"]}
    letters = _letters(en.get(reverse("guidance:letter_complaint"), query).content.decode())
    assert "1. No collection between 22:00 and 08:00, unless you agreed" in letters["en"]
    assert "2. Collectors for banks and consumer-finance companies may not pretend" in letters["en"]
    assert "CBIRC measures on consumer protection" in letters["en"]
    assert "晚上22:00到早上8:00之间不得催收" in letters["zh-hans"]
    assert "12378" in letters["en"] and BLANK in letters["en"]


@pytest.mark.parametrize("query", [{"broken": "no-such-rule"}, {"broken": ""}])
def test_complaint_letter_without_a_real_rule_asks_again(en, query):
    response = en.get(reverse("guidance:letter_complaint"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_broken_error"' in html
    assert _letters(html) == {}


def test_letter_pages_load_the_copy_script_and_keep_the_button_hidden_without_it(en):
    html = en.get(reverse("guidance:letter_statement")).content.decode()
    assert re.search(r'<script src="/static/js/copy\.[0-9a-f]+\.js" defer>', html)
    assert re.search(r'<button type="button" class="[^"]*js-copy"[^>]*hidden>', html)


def test_plan_letter_says_how_what_is_owed_was_worked_out(en):
    query = {
        "owed": "9261.52",
        "overdue_part": "906.26",
        "not_due_part": "8355.26",
        "per_month": "800",
        "start": "2026-12-15",
    }
    letters = _letters(en.get(reverse("guidance:letter_plan"), query).content.decode())
    assert "By my records I owe 9,261.52 yuan." in letters["en"]
    assert "That is 906.26 yuan overdue now" in letters["en"]
    assert "8,355.26 yuan of the loan that is not yet due" in letters["en"]
    assert "9,261.52" in letters["zh-hans"] and "8,355.26" in letters["zh-hans"]
