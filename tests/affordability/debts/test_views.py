"""My debts (/debts/): the form's names, the picture, the order with its reasons, the plan (clear
or share), the spiral, the letters, the CSV, saving, and input people really type."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest

from apps.core.models import SavedResult, Stage
from apps.finance import debts as engine
from tests.loans.helpers import four_loans

pytestmark = pytest.mark.django_db


def _plan(client, data=None, **extra):
    response = client.get("/debts/plan/", data or four_loans(**extra))
    assert response.status_code == 200
    return response, response.content.decode()


def _offers(page: str) -> list[Decimal]:
    return [Decimal(value) for value in re.findall(r'data-offer="([\d.]+)"', page)]


def test_the_form_names_each_loans_fields_as_the_issue_documents(en):
    page = en.get("/debts/").content.decode()
    for name in ("income", "essentials"):
        assert f'name="{name}"' in page
    for n in range(engine.MAX_DEBTS):
        for field in ("label", "owed", "payment", "days_late", "rate", "rate_period", "lender"):
            assert f'name="loan-{n}-{field}"' in page
    assert 'name="loan-10-owed"' not in page
    assert 'name="loan-TOTAL_FORMS"' in page


def test_a_link_prefills_the_form_without_judging_it(en):
    page = en.get("/debts/", {"income": "5000", "loan-5-owed": "not a number"}).content.decode()
    assert 'value="5000"' in page and 'value="not a number"' in page
    assert "error-summary" not in page
    # A figure in a folded box opens the fold.
    assert re.search(r'<details class="rp-more rp-more-loans" open>', page)


def test_posting_the_page_shows_the_plan_with_the_total_and_the_order(en):
    response = en.post(
        "/debts/", {**four_loans(), "loan-TOTAL_FORMS": "10", "loan-INITIAL_FORMS": "0"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-plan="share"' in page
    assert 'data-total-owed="22000' in page
    # The late loan comes first, then the dearest, and the loan whose rate is unknown last.
    order = re.findall(r'data-loan="(\d+)" data-reason="(\w+)"', page)
    assert order == [("2", "late"), ("1", "cost"), ("3", "cost"), ("4", "no_rate")]


def test_a_loan_about_to_enter_a_harsher_stage_comes_before_one_merely_late(en):
    next_start = min(
        stage.first_day
        for stage in Stage.objects.filter(phase=Stage.Phase.OVERDUE, first_day__gt=40)
    )
    data = four_loans(**{"loan-3-days_late": str(next_start - 10), "loan-2-court": "on"})
    _response, page = _plan(en, data)
    order = re.findall(r'data-loan="(\d+)" data-reason="(\w+)"', page)
    assert order[:3] == [("3", "court"), ("4", "next_stage"), ("2", "late")]
    assert "In 10 days it enters a harsher stage" in page


def test_the_offers_add_up_to_what_is_available_and_follow_the_balances(en):
    _response, page = _plan(en)
    offers = _offers(page)
    assert sum(offers) == Decimal("2500.00")
    owed = [Decimal(12000), Decimal(5000), Decimal(3000), Decimal(2000)]
    for offer, balance in zip(offers, owed, strict=True):
        assert abs(offer - Decimal(2500) * balance / sum(owed)) < Decimal("0.04")


def test_the_spiral_owes_more_than_the_plan_after_6_and_12_months(en):
    _response, page = _plan(en)
    plan = [Decimal(v) for v in re.findall(r'data-plan-owed="([\d.]+)"', page)]
    spiral = [Decimal(v) for v in re.findall(r'data-spiral-owed="([\d.]+)"', page)]
    assert len(plan) == len(spiral) == 2
    assert all(s >= p for p, s in zip(plan, spiral, strict=True))
    assert spiral[0] > plan[0]
    assert "After 6 months" in page and "After 12 months" in page


def test_each_loan_shows_its_stage_linked_and_its_yearly_rate(en):
    _response, page = _plan(en)
    stage = (
        Stage.objects.filter(phase=Stage.Phase.OVERDUE, first_day__lte=40)
        .order_by("-first_day")
        .first()
    )
    assert f'href="/stages/{stage.slug}/"' in page or f"/{stage.slug}/" in page
    assert "18.25%" in page  # 0.05% a day over 365 days
    assert "24.00%" in page and "18.00%" in page and "Not known" in page


@pytest.mark.parametrize(("days_late", "shown"), [("40", True), ("30", False), ("0", False)])
def test_the_crisis_line_shows_once_a_loan_is_a_month_late(en, days_late, shown):
    # As on the guide's stage pages: from day 31 (the months-1-3 stage) on.
    _response, page = _plan(en, **{"loan-1-days_late": days_late})
    assert ('class="crisis"' in page) is shown
    assert 'href="tel:12356"' in page  # among the help lines either way


def test_the_plan_points_to_asking_a_lender_yourself(en):
    _response, page = _plan(en)
    link = re.search(r'href="(/late/help/[a-z-]+/)">Asking a lender yourself', page)
    assert link is not None
    topic = en.get(link.group(1)).content.decode()
    assert "个性化分期" in topic or "instalment" in topic


def test_a_budget_that_covers_every_payment_clears_the_dearest_first(en):
    _response, page = _plan(en, income="30000")
    assert 'data-plan="clear"' in page
    assert "Dearest first saves" in page
    assert "data-offer=" not in page and "/debts/letter/" not in page


def test_a_letter_carries_that_lenders_figures(en):
    _response, page = _plan(en)
    links = re.findall(r'href="(/debts/letter/\d+/\?[^"]+)"', page)
    assert len(links) == 4
    offers = _offers(page)
    letter = en.get(links[1].replace("&amp;", "&"))
    text = letter.content.decode()
    assert letter.status_code == 200
    assert "5,000.00" in text and "40 days late" in text
    assert f"{offers[1]:,.2f}" in text
    assert "个性化分期" in text and "协商还款" in text
    # Chinese first (it goes to the lender), English beside it for an English reader.
    assert 'lang="zh-hans"' in text and 'lang="en"' in text


def test_no_letter_for_a_loan_that_is_not_there(en):
    figures = four_loans()
    assert en.get("/debts/letter/9/", figures).status_code == 404
    assert en.get("/debts/letter/1/", {**figures, "income": "30000"}).status_code == 404


def test_the_csv_lists_the_loans_in_order_with_the_offers(en):
    response = en.get("/debts/plan.csv", four_loans())
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Order"
    assert rows[1][1] == "Loan 2 · B"
    assert sum(Decimal(row[6]) for row in rows[1:]) == Decimal("2500.00")


def test_saving_reopens_in_both_languages_and_deletes(client):
    response = client.post("/result/save/", {**four_loans(), "kind": "debts"})
    assert response.status_code == 302
    location = response["Location"]
    assert SavedResult.objects.get().kind == "debts"
    for language in ("en", "zh-hans"):
        page = client.get(location, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert 'data-plan="share"' in page
    token = location.rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/result/s/{token}/debts.csv").status_code == 200
    client.post(f"/result/s/{token}/delete/")
    assert not SavedResult.objects.exists()
    assert client.get(location).status_code == 404


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type your essential spending"),
        ("-5", "This cannot be below zero."),
        ("abc", "Type a number"),
    ],
)
def test_bad_figures_get_a_message_beside_the_field_and_keep_what_was_typed(en, typed, message):
    response = en.post("/debts/", four_loans(essentials=typed))
    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page
    assert message.lower() in page.lower()
    if typed:
        assert f'value="{typed}"' in page


def test_a_loan_box_error_names_the_loan(en):
    page = en.post("/debts/", four_loans(**{"loan-2-owed": "1.5万万"})).content.decode()
    assert "Loan 3, What you owe now (yuan):" in page


def test_no_loan_at_all_asks_for_one(en):
    page = en.post("/debts/", {"income": "5000", "essentials": "2000"}).content.decode()
    assert "Fill in at least one loan." in page


def test_inputs_people_really_type(en):
    data = four_loans(
        income="０.６万",
        essentials=" 3,500 ",
        **{"loan-0-rate": "年化18%", "loan-2-rate": "日息万五"},
    )
    data.pop("loan-2-rate_period")
    response, page = _plan(en, data)
    assert 'data-plan="share"' in page
    assert "18.25%" in page


def test_chinese_page(zh):
    _response, page = _plan(zh)
    assert "还款计划" in page or "计划" in page
    assert "以贷养贷" in page
