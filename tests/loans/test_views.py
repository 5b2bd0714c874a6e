"""The loan form: what a borrower types, in both languages, and what comes back."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.loans.helpers import BUDGET, PLAN, check
from tests.markup import field_errors

pytestmark = pytest.mark.django_db


def test_the_form_page_has_both_ways_of_entering_an_offer_and_the_budget(en):
    response = en.get("/check/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "mode",
        "amount",
        "rate",
        "rate_period",
        "term",
        "term_unit",
        "method",
        "fee_upfront",
        "fee_per_period",
        "received",
        "payment",
        "count",
        "every",
        "first_payment",
        "last_payment",
        "start_date",
        "first_due",
        "income",
        "essentials",
        "debt_payments",
        "other_platforms",
        "savings",
        "purpose",
    ):
        assert f'name="{name}"' in html, name
    assert 'type="radio"' in html
    assert "The amount the app actually paid into your account, after any fees." in html
    assert "required" not in html.split("<form")[1].split("</form>")[0].replace(
        "aria-required", ""
    ).replace('required"', "")


def test_every_field_has_help_text_in_both_languages(zh):
    from apps.loans.forms.budget import BudgetForm
    from apps.loans.forms.offer import PlanForm, TermsForm

    for form in (TermsForm(), PlanForm(), BudgetForm()):
        for name, field in form.fields.items():
            # A hidden field (the rate confirmed from the result's link) is not on the form.
            assert str(field.help_text) or field.widget.is_hidden, name
    html = zh.get("/check/").content.decode()
    assert "实际打到你账户" in html


def test_a_get_link_pre_fills_the_form_for_advisers(en):
    response = en.get("/check/", {"amount": "1.5万", "rate": "0.05", "rate_period": "day"})
    html = response.content.decode()
    assert 'value="1.5万"' in html
    assert '<option value="day" selected>' in html
    assert "Please check these figures" not in html


def test_quoted_terms_with_a_fee_at_payout_give_a_true_apr_of_32_50_percent(en):
    response = en.post("/result/", check())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="true-apr">32.50%<' in html
    assert "37.81%" in html  # effective yearly rate


def test_the_plan_the_app_shows_gives_the_same_true_apr(en):
    response = en.post("/result/", {**PLAN, **BUDGET})
    assert 'id="true-apr">32.50%<' in response.content.decode()


def test_the_post_honours_the_mode_and_ignores_the_other_modes_boxes(en):
    # Junk left in the quoted-terms boxes does not block a plan.
    response = en.post("/result/", {**PLAN, **BUDGET, "amount": "lots", "rate": "??"})
    assert 'id="true-apr">32.50%<' in response.content.decode()
    # And the plan's boxes are not required when the mode is terms.
    response = en.post("/result/", check(received="", payment="x"))
    assert 'id="true-apr">32.50%<' in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "apr"),
    [
        ("10000", "32.50%"),
        ("10 000", "32.50%"),
        ("１０，０００", "32.50%"),
        ("1万", "32.50%"),
        ("10k", "32.50%"),
        ("10000元", "32.50%"),
        ("¥10,000", "32.50%"),
    ],
)
def test_the_amount_accepts_what_people_type(en, typed, apr):
    response = en.post("/result/", check(amount=typed))
    assert f'id="true-apr">{apr}<' in response.content.decode()


@pytest.mark.parametrize("typed", ["1", "1%", "１％", " 1 "])
def test_the_rate_accepts_a_percent_sign_and_full_width_digits(en, typed):
    response = en.post("/result/", check(rate=typed))
    assert 'id="true-apr">32.50%<' in response.content.decode()


def test_a_fee_at_payout_may_be_a_percentage_of_the_amount(en):
    response = en.post("/result/", check(fee_upfront="10%"))
    assert 'id="true-apr">32.50%<' in response.content.decode()


# field, typed, English message, Chinese message
ERRORS = [
    ("amount", "lots", "Type a number, such as 10000, 10,000, 1.5万 or 10k.", "请输入数字"),
    ("amount", "1e5", "Type a number, such as 10000, 10,000, 1.5万 or 10k.", "请输入数字"),
    ("amount", "NaN", "Type a number, such as 10000, 10,000, 1.5万 or 10k.", "请输入数字"),
    ("amount", "-5", "This cannot be below zero.", "不能小于零"),
    ("amount", "0", "This must be more than 0.", "必须大于 0"),
    ("amount", "10000001", "This must be at most 10,000,000. Check the number.", "10,000,000"),
    ("amount", "", "Please fill this in.", "请填写"),
    ("amount", "1.001", "Use at most 2 digits after the decimal point.", "2 位"),
    ("rate", "abc", "Type the rate as a number, such as 0.05, 1.5 or 18%", "请把利率写成数字"),
    ("rate", "100", "That is more than 1,000% a year.", "1,000%"),
    ("term", "1.5", "Type a whole number, such as 12.", "请输入整数"),
    ("term", "0", "This must be at least 1.", "不能少于 1"),
    ("term", "361", "A loan term can be at most 30 years.", "30 年"),
    (
        "fee_upfront",
        "10000",
        "The fees taken at payout are as much as the loan itself.",
        "放款时扣除的费用",
    ),
    ("fee_upfront", "120%", "This must be at most 100%.", "100%"),
    (
        "first_due",
        "2026-01-01",
        "The first payment must fall after the day the money arrives.",
        "第一期还款日",
    ),
    ("start_date", "2026-13-45", "Type a date such as 2026-12-31, or pick one.", "请输入日期"),
    (
        "income",
        "",
        "Please type your monthly income: we need it for the verdict.",
        "请填写你的月收入",
    ),
    ("income", "-1", "This cannot be below zero.", "不能小于零"),
    ("other_platforms", "2.5", "Type a whole number, such as 12.", "请输入整数"),
    ("other_platforms", "100", "This must be at most 99.", "99"),
    ("savings", "5%", "Type an amount in yuan here, not a percentage.", "金额"),
]


@pytest.mark.parametrize(("field", "typed", "english", "chinese"), ERRORS)
def test_each_mistake_gets_a_message_beside_its_field_in_both_languages(
    client, field, typed, english, chinese
):
    data = check(**{field: typed})
    for language, message in (("en", english), ("zh-hans", chinese)):
        response = client.post("/result/", data, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'id="id_{field}_error"' in html
        error = field_errors(html)[field]
        assert message in error
        # What was typed is kept, and the field says it is invalid and why.
        assert 'aria-invalid="true"' in html
        assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in html
        assert 'href="#id_' + field + '"' in html  # the summary at the top links to it
        if typed:
            assert f'value="{typed}"' in html


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("received", "0"),
        ("payment", "junk"),
        ("count", "0"),
        ("count", "1.5"),
        ("first_payment", "-1"),
        ("contract_amount", "100"),
    ],
)
def test_plan_mistakes_are_shown_beside_their_field(en, field, typed):
    response = en.post("/result/", {**PLAN, **BUDGET, field: typed})
    assert f'id="id_{field}_error"' in response.content.decode()


def test_a_plan_needs_the_money_received_the_payment_and_the_count(en):
    response = en.post("/result/", {"mode": "plan", **BUDGET})
    html = response.content.decode()
    for field in ("received", "payment", "count"):
        assert f'id="id_{field}_error"' in html
    # djLint lays the title block out over lines: the reader's browser folds that white space.
    assert re.search(r"<title>\s*Error:", html)


def test_the_terms_boxes_need_the_amount_the_rate_and_the_term(en):
    response = en.post("/result/", {"mode": "terms", **BUDGET})
    html = response.content.decode()
    for field in ("amount", "rate", "term"):
        assert f'id="id_{field}_error"' in html


def test_unknown_choices_are_rejected_without_a_500(en):
    for field in ("mode", "rate_period", "term_unit", "method", "purpose"):
        response = en.post("/result/", check(**{field: "nonsense"}))
        assert response.status_code == 200
        assert f'id="id_{field}_error"' in response.content.decode()
    response = en.post("/result/", {**PLAN, **BUDGET, "every": "fortnightly"})
    assert 'id="id_every_error"' in response.content.decode()


def test_the_engine_limits_show_as_messages(en):
    # 1,000 weeks is within 30 years but beyond what the engine prices as weekly payments.
    response = en.post("/result/", check(term="1000", term_unit="week"))
    html = response.content.decode()
    assert 'id="id_term_error"' in html


def test_terms_in_days_weeks_and_other_methods_all_price(en):
    for overrides in (
        {
            "term": "30",
            "term_unit": "day",
            "rate": "0.05",
            "rate_period": "day",
            "method": "one_time",
            "fee_upfront": "",
        },
        {"term": "26", "term_unit": "week", "method": "equal_principal"},
        {"term": "12", "method": "interest_first"},
        {"term": "12", "method": "flat_fee", "rate": "0.6", "fee_upfront": ""},
        {"rate": "18", "rate_period": "year", "fee_per_period": "50"},
    ):
        response = en.post("/result/", check(**overrides))
        assert 'id="true-apr">' in response.content.decode(), overrides


def _compressed_size(url_path: str) -> int:
    data = (Path(settings.STATIC_ROOT) / url_path).read_bytes()
    return len(gzip.compress(data, compresslevel=6))


def test_the_loan_check_page_weighs_under_150_kb_compressed(client):
    html = client.get("/check/").content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert assets, "no stylesheets found: the weight would be meaningless"
    total = len(gzip.compress(html, compresslevel=6)) + sum(
        _compressed_size(a.decode()) for a in assets
    )
    assert total < 150 * 1024, f"{total / 1024:.1f} KB"
