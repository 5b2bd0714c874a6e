"""My debts (/debts/): the form's names, the picture, the order with its reasons, the plan (clear
or share) and what it costs, the three things to do tomorrow, the spiral, the letters, the CSV,
saving, the language switch at any size, tampered forms, and input people really type."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apps.core.models import SavedResult, Stage
from apps.finance import debts as engine
from apps.finance.rates import MAX_ANNUAL_RATE
from tests.fuzz import examples
from tests.loans.helpers import NEVER_CLEARS, four_loans

pytestmark = pytest.mark.django_db

# The issue's other example: three loans owing 16,000, 3,300 due, 500 left for them.
THREE_LOANS = {
    "income": "5000",
    "essentials": "4500",
    "loan-0-owed": "8000",
    "loan-0-payment": "1500",
    "loan-0-rate": "24",
    "loan-0-rate_period": "year",
    "loan-1-owed": "5000",
    "loan-1-payment": "1100",
    "loan-1-rate": "日息万五",
    "loan-2-owed": "3000",
    "loan-2-payment": "700",
    "loan-2-rate": "2",
    "loan-2-rate_period": "month",
}
# The page's own management fields, as its POST sends them.
MANAGEMENT = {
    "loan-TOTAL_FORMS": "10",
    "loan-INITIAL_FORMS": "0",
    "loan-MIN_NUM_FORMS": "0",
    "loan-MAX_NUM_FORMS": "10",
}


def ten_loans() -> dict[str, str]:
    """Ten loans with the longest labels a box takes, in Chinese: a link carrying them is far
    over the 2,048 characters Django's language switch follows."""
    data = {"income": "8000", "essentials": "3000"}
    for n in range(engine.MAX_DEBTS):
        data |= {
            f"loan-{n}-label": f"第{n + 1}个借款平台的名字写得很长很长的一笔贷款"[:20],
            f"loan-{n}-owed": f"{(n + 1) * 1000:,}",
            f"loan-{n}-payment": str(300 + 10 * n),
            f"loan-{n}-days_late": str(n * 7),
            f"loan-{n}-rate": "0.05",
            f"loan-{n}-rate_period": "day",
            f"loan-{n}-lender": "platform",
        }
    return data


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
    response = en.post("/debts/", {**four_loans(), **MANAGEMENT})
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


@pytest.mark.parametrize(
    ("extra", "shown"),
    [
        ({"loan-1-days_late": "40"}, True),
        ({"loan-1-days_late": "8"}, True),
        ({"loan-1-days_late": "7"}, False),
        ({"loan-1-days_late": "0"}, False),
        ({"loan-1-days_late": "0", "loan-2-court": "on"}, True),
    ],
)
def test_safety_first_shows_once_a_loan_is_a_week_late_or_in_court(en, extra, shown):
    # As on the guide's stage pages: from day 8 (the second week late) on, and in court, the
    # numbers for danger, distress and legal help, and that the page is not legal advice.
    _response, page = _plan(en, **extra)
    assert ('class="safety"' in page) is shown
    if shown:
        box = page[
            page.index('class="safety"') : page.index("</aside>", page.index('class="safety"'))
        ]
        for number in ("110", "120", "12356", "12348"):
            assert f'href="tel:{number}"' in box
        assert "not legal advice" in box
    assert 'href="tel:12356"' in page  # among the help lines either way


def _topic_links(page: str) -> list[str]:
    if 'id="topics-title"' not in page:
        return []
    topics = page[page.index('id="topics-title"') :]
    topics = topics[: topics.index("</ul>")]
    return re.findall(r'href="/late/help/([^/"]+)/"', topics)


def test_the_plan_points_to_the_questions_its_loans_raise_next(en):
    # Four loans, one 40 days late, all paid below their due: asking a lender yourself and
    # essentials first always; the topics of the stages they are in or enter.
    _response, page = _plan(en)
    links = _topic_links(page)
    assert {"talk-to-your-lender", "essentials-first"} <= set(links)
    late = Stage.objects.filter(phase=Stage.Phase.OVERDUE, first_day__lte=40).order_by("-first_day")
    assert set(late.first().topics.values_list("slug", flat=True)) <= set(links)
    assert "court-letter" not in links  # no loan is in court


def test_illegal_lenders_is_pointed_to_for_a_loan_dearer_than_every_line(en):
    # No loan late and all of them at most 24% a year: the topic does not come up...
    quiet = {"income": "30000", "loan-1-days_late": "0"}
    _response, page = _plan(en, **quiet)
    assert "illegal-lenders" not in _topic_links(page)
    # ...until one costs 60% a year, above every line China has used, or its lender is private.
    _response, page = _plan(en, **quiet, **{"loan-3-rate": "5", "loan-3-rate_period": "month"})
    assert "illegal-lenders" in _topic_links(page)
    _response, page = _plan(en, **quiet, **{"loan-0-lender": "private"})
    assert "illegal-lenders" in _topic_links(page)


def test_a_loan_in_court_points_to_the_court_stages_topics(en):
    _response, page = _plan(en, **{"loan-2-court": "on"})
    court = Stage.objects.get(phase=Stage.Phase.COURT)
    assert set(court.topics.values_list("slug", flat=True)) <= set(_topic_links(page))


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


def _letter_buttons(page: str) -> list[str]:
    return re.findall(r'form="debts-figures" formaction="(/debts/letter/\d+/)"', page)


def test_a_letter_carries_that_lenders_figures_posted_from_the_plan(en):
    _response, page = _plan(en)
    buttons = _letter_buttons(page)
    # One per lender, in the order to call them: the late loan first.
    assert buttons == [
        "/debts/letter/2/",
        "/debts/letter/1/",
        "/debts/letter/3/",
        "/debts/letter/4/",
    ]
    offers = _offers(page)
    letter = en.post(buttons[0], four_loans())
    text = letter.content.decode()
    assert letter.status_code == 200
    assert "5,000.00" in text and "40 days late" in text
    assert f"{offers[1]:,.2f}" in text
    # Chinese first (it goes to the lender), English beside it for an English reader.
    assert 'lang="zh-hans"' in text and 'lang="en"' in text
    # The way back posts the same figures to the plan.
    assert 'id="debts-figures" method="post" action="/debts/plan/"' in text
    assert 'name="loan-1-owed" value="5000"' in text


def test_the_letter_is_worded_as_an_adviser_would_and_only_asks(zh):
    text = zh.post("/debts/letter/2/", four_loans()).content.decode()
    assert "关于协商分期还款并暂停计收罚息的申请" in text
    assert "请贵司：" in text and "我欠贵司" in text
    # One way of addressing the lender, and no card-only term on an ordinary loan.
    assert "贵方" not in text and "你们" not in text and "个性化分期" not in text
    assert "必须答复" not in text and "must answer" not in text


def test_no_letter_for_a_loan_that_is_not_there(en):
    figures = four_loans()
    assert en.get("/debts/letter/9/", figures).status_code == 404
    assert en.post("/debts/letter/9/", figures).status_code == 404
    assert en.get("/debts/letter/1/", {**figures, "income": "30000"}).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_csv_lists_the_loans_in_order_with_the_offers(en, method):
    response = getattr(en, method)("/debts/plan.csv", four_loans())
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Order"
    assert rows[1][1] == "Loan 2 · B"
    assert sum(Decimal(row[6]) for row in rows[1:]) == Decimal("2500.00")
    # Each is short of its payment due by what the plan does not pay.
    assert [Decimal(row[9]) for row in rows[1:]] == [
        Decimal(row[3].replace(",", "")) - Decimal(row[6]) for row in rows[1:]
    ]


def test_the_plan_page_posts_its_figures_and_carries_none_in_a_link(en):
    _response, page = _plan(en)
    assert 'id="debts-figures" method="post" action="/result/save/"' in page
    links = re.findall(r'(?:href|action|formaction)="([^"]*)"', page)
    assert not [link for link in links if "loan-" in link or "income=" in link]
    for action in ("/debts/plan/", "/debts/plan.csv", "/debts/"):
        assert f'form="debts-figures" formaction="{action}"' in page


def test_changing_the_figures_posts_them_back_to_the_form(en):
    page = en.post("/debts/", {**four_loans(), "change": "1"}).content.decode()
    assert 'name="loan-0-owed"' in page and 'value="12,000"' in page
    assert "error-summary" not in page and 'data-plan="' not in page


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
    assert "明天先做这三件事" in page


def _steps(page: str) -> list[str]:
    return re.findall(r'<li data-step="(\w+)">', page)


def test_three_things_to_do_tomorrow_come_first_built_from_the_borrowers_figures(en):
    _response, page = _plan(en)
    assert _steps(page) == ["essentials", "call_first", "letters"]
    steps = page[
        page.index('id="steps-title"') : page.index("</ol>", page.index('id="steps-title"'))
    ]
    assert "Three things to do tomorrow" in steps
    assert "Keep 3,500.00 yuan for essentials" in steps
    assert "Call the lender of Loan 2 · B first: it is 40 days late" in steps
    assert "(below, 4 in all)" in steps
    # On the first screen: after the headline, before the list of loans.
    assert (
        page.index('id="headline"')
        < page.index('id="steps-title"')
        < page.index('id="picture-title"')
    )


@pytest.mark.parametrize(
    ("figures", "steps"),
    [
        (four_loans(income="30000"), ["essentials", "call_first", "no_new_loans"]),
        (
            four_loans(income="30000", **{"loan-1-days_late": "0"}),
            ["essentials", "pay_all", "no_new_loans"],
        ),
        (four_loans(essentials="6000"), ["nothing_left", "call_first", "free_advice"]),
        (four_loans(**{"loan-0-court": "on"}), ["essentials", "call_first", "letters"]),
        (NEVER_CLEARS, ["essentials", "call_first", "letters"]),
    ],
    ids=["covers, one late", "covers, none late", "nothing left", "court papers", "never clears"],
)
def test_the_three_steps_follow_the_borrowers_situation(en, figures, steps):
    _response, page = _plan(en, figures)
    assert _steps(page) == steps


def test_the_pay_all_step_names_the_dearest_loan(en):
    _response, page = _plan(en, four_loans(income="30000", **{"loan-1-days_late": "0"}))
    assert "on Loan 1 · 借呗 first" in page


def test_court_papers_are_the_first_thing_to_deal_with(en):
    _response, page = _plan(en, four_loans(**{"loan-0-court": "on"}))
    assert "Deal with Loan 1 · 借呗 first: you have court papers for it" in page


def test_what_the_plan_costs_names_each_loan_it_pays_below_its_due_on_the_first_screen(en):
    _response, page = _plan(en)
    costs = page[page.index('id="costs-title"') : page.index('id="picture-title"')]
    assert page.index('id="steps-title"') < page.index('id="costs-title"')
    assert re.findall(r'data-overdue-loan="(\d+)"', costs) == ["2", "1", "3", "4"]
    assert "Loan 2 · B</strong>, <strong>Loan 1 · 借呗</strong>" in costs
    first = Stage.objects.get(phase=Stage.Phase.OVERDUE, first_day=1)
    today = timezone.localdate()
    # A loan not yet late: overdue from its next due date, in the first stage, linked.
    assert f'href="/late/stages/{first.slug}/"' in costs
    assert "Overdue from its next due date" in costs
    # The late one: overdue since the day it went late, and the harsher stage ahead.
    since = (today - timedelta(days=40)).isoformat()
    assert f"Overdue since {since}" in costs and "in 51 days" in costs
    # The penalty it starts on the 136.35 the plan leaves unpaid, 30 days: its 24% a year x 1.5
    # is 36%, capped at 24%, the highest court line that may bind a lender not named (the
    # loan check's rule): 136.35 x 0.24 x 30 / 365 = 2.69.
    assert "Penalty interest of about 2.69 yuan in the first month" in costs
    assert "credit record (征信)" in costs and "accept the lower amount" in costs
    assert "Sources:" in costs


def test_a_plan_that_pays_every_payment_costs_nothing_to_show(en):
    _response, page = _plan(en, four_loans(income="30000"))
    assert 'id="costs-title"' not in page


def test_the_loan_that_never_clears_is_answered_first_with_what_would_clear_it(en):
    _response, page = _plan(en, NEVER_CLEARS)
    assert 'data-plan="clear"' in page
    assert "but the debts never clear" in page
    order = re.findall(r'data-loan="(\d+)" data-reason="(\w+)"', page)
    assert order == [("1", "grows")]
    # Paid in full it grows by 1,500 a month: the issue's own words, first thing tomorrow.
    assert "at 500.00 yuan a month it never clears, it grows by 1,500.00 yuan a month" in page
    # The 500 left over goes on it too, and still does not beat its 2,000 of interest.
    assert "At 1,000.00 yuan a month it never clears" in page
    assert "so it grows by 1,000.00 yuan a month" in page
    assert "then 1,000.00 yuan a month clears it in 20 months" in page
    assert _letter_buttons(page) == ["/debts/letter/1/"]
    letter = en.post("/debts/letter/1/", NEVER_CLEARS).content.decode()
    assert "the interest is 2,000.00 yuan a month, and I can pay 1,000.00 yuan" in letter
    assert "stop adding interest, penalty interest and fees" in letter
    assert "20 months if no more interest or fees are added" in letter


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_issues_500_is_gone_by_link_post_and_save(client, method):
    response = getattr(client, method)("/debts/plan/", NEVER_CLEARS)
    assert response.status_code == 200
    assert client.post("/debts/", NEVER_CLEARS).status_code == 200
    saved = client.post("/result/save/", {**NEVER_CLEARS, "kind": "debts"})
    assert saved.status_code == 302
    assert client.get(saved["Location"]).status_code == 200


PERIOD_LIMITS = {
    "day": MAX_ANNUAL_RATE / 365,
    "month": MAX_ANNUAL_RATE / 12,
    "year": MAX_ANNUAL_RATE,
}


@settings(
    max_examples=examples(200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    owed=st.decimals(min_value="0.01", max_value=10_000_000, places=2),
    payment=st.decimals(min_value="0.01", max_value=10_000_000, places=2),
    period=st.sampled_from(sorted(PERIOD_LIMITS)),
    share=st.decimals(min_value=0, max_value=1, places=6),
    income=st.decimals(min_value=1, max_value=1_000_000, places=2),
)
@example(
    owed=Decimal(20000),
    payment=Decimal(500),
    period="month",
    share=Decimal("0.12"),
    income=Decimal(4000),
)
def test_no_loan_the_form_accepts_answers_500_by_link_post_or_save(
    client, owed, payment, period, share, income
):
    # Rates up to 1,000% a year in any period, typed in percent.
    rate = (PERIOD_LIMITS[period] * share * 100).quantize(Decimal("0.0001"))
    figures = {
        "income": str(income),
        "essentials": str((income / 2).quantize(Decimal("0.01"))),
        "loan-0-owed": str(owed),
        "loan-0-payment": str(payment),
        "loan-0-rate": str(rate),
        "loan-0-rate_period": period,
        **{k.replace("loan-0", "loan-1"): v for k, v in four_loans().items() if "loan-0" in k},
    }
    assert client.get("/debts/plan/", figures).status_code == 200
    assert client.post("/debts/", figures).status_code == 200
    assert client.post("/debts/letter/1/", figures).status_code in (200, 404)
    saved = client.post("/result/save/", {**figures, "kind": "debts"})
    assert saved.status_code == 302
    assert client.get(saved["Location"]).status_code == 200


def test_borrowing_to_pay_three_loans_with_500_of_3300_owes_more_than_today(en):
    _response, page = _plan(en, THREE_LOANS)
    plan = [Decimal(v) for v in re.findall(r'data-plan-owed="([\d.]+)"', page)]
    spiral = [Decimal(v) for v in re.findall(r'data-spiral-owed="([\d.]+)"', page)]
    due = [Decimal(v) for v in re.findall(r'data-spiral-due="([\d.]+)"', page)]
    assert all(s > p for p, s in zip(plan, spiral, strict=True))
    assert spiral[-1] > Decimal(16000) > plan[-1]
    assert due[-1] > 2 * Decimal(3300)
    assert "That is more than you owe today." in page


def test_the_spiral_states_its_assumptions_beside_the_chart_in_both_languages(client):
    pages = {
        language: client.get(
            "/debts/plan/", THREE_LOANS, HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        for language in ("en", "zh-hans")
    }
    chart = pages["en"].index('id="chart-spiral-title"')
    assumptions = pages["en"][pages["en"].index('id="spiral-assumptions"') :]
    assert chart < pages["en"].index('id="spiral-assumptions"')
    assert "We assume a new app lends at 36.00% a year" in assumptions
    assert "the top of the 24% to 36% band" in assumptions
    assert "takes 3% of each loan as a fee" in assumptions
    assert "in 3 equal monthly payments from the next month" in assumptions
    assert "a true yearly cost (APR) of 55.2%" in assumptions
    assumptions = pages["zh-hans"][pages["zh-hans"].index('id="spiral-assumptions"') :]
    assert "年利率是 36.00%" in assumptions and "手续费" in assumptions
    assert "真实年化成本（APR）是 55.2%" in assumptions


def test_the_borrowers_own_dearer_rate_prices_the_new_loans(en):
    _response, page = _plan(en, four_loans(**{"loan-1-rate": "5"}))  # 5% a month: 60% a year
    assert "We assume a new app lends at 60.00% a year" in page


@pytest.mark.parametrize(
    ("language", "word"), [("en", "Three things to do tomorrow"), ("zh-hans", "明天先做这三件事")]
)
def test_a_ten_loan_plan_survives_a_language_switch(client, language, word):
    figures = ten_loans()
    # Far too long for a link: Django's switch drops a "next" over 2,048 characters.
    assert len(f"/debts/plan/?{urlencode(figures)}") > 2048
    page = client.post("/debts/", figures).content.decode()
    assert 'formaction="/debts/plan/"' in page and 'name="language"' in page
    response = client.post("/debts/plan/", {**figures, "language": language})
    switched = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in switched and word in switched
    assert len(re.findall(r'data-loan="\d+"', switched)) == engine.MAX_DEBTS
    assert response.cookies["django_language"].value == language
    # The pages after it stay in that language.
    assert f'<html lang="{language}">' in client.get("/debts/").content.decode()


def test_a_letter_switches_language_with_its_figures(client):
    response = client.post("/debts/letter/2/", {**four_loans(), "language": "en"})
    page = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in page
    assert 'formaction="/debts/letter/2/"' in page


def test_a_language_the_site_does_not_speak_changes_nothing(en):
    response = en.post("/debts/plan/", {**four_loans(), "language": "fr"})
    assert response.status_code == 200 and "django_language" not in response.cookies


@pytest.mark.parametrize(
    "changed",
    [
        {"loan-TOTAL_FORMS": "abc"},
        {"loan-TOTAL_FORMS": "-1"},
        {"loan-TOTAL_FORMS": "1000"},
        {"loan-INITIAL_FORMS": "x"},
        {"loan-MAX_NUM_FORMS": "99999999999999999999"},
        {"loan-10-owed": "9000"},
        {"loan-12-payment": "1"},
    ],
    ids=["count not a number", "negative", "too many", "initial", "max", "eleventh", "thirteenth"],
)
@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The loan boxes did not arrive as this page sends them"), ("zh-hans", "贷款框")],
)
def test_a_tampered_form_gets_the_pages_own_message_with_what_was_typed_kept(
    client, changed, language, message
):
    data = {**four_loans(), **MANAGEMENT, **changed}
    response = client.post("/debts/", data, HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page and message in page
    assert "ManagementForm" not in page and "tampered" not in page
    assert 'value="12,000"' in page and 'value="借呗"' in page
    assert 'data-plan="' not in page


def test_a_post_without_the_counts_is_read_box_by_box(en):
    page = en.post("/debts/", four_loans()).content.decode()
    assert 'data-plan="share"' in page
    # A count lower than the boxes used loses nothing either.
    page = en.post(
        "/debts/", {**four_loans(), **MANAGEMENT, "loan-TOTAL_FORMS": "2"}
    ).content.decode()
    assert len(re.findall(r'data-loan="\d+"', page)) == 4


def test_the_pack_to_print_has_every_letter_and_the_plan_has_none(en):
    _response, page = _plan(en)
    assert 'class="print-only page-break-before rp-printed-letter"' not in page
    assert 'form="debts-figures" formaction="/debts/pack/"' in page
    pack = en.post("/debts/pack/", four_loans()).content.decode()
    assert pack.count('class="print-only page-break-before rp-printed-letter"') == 4
    assert "This is the pack to print" in pack and 'data-plan="share"' in pack
    # Chinese to send, English beside it for an English reader; the first to call comes first.
    assert pack.index("Letter for Loan 2 · B") < pack.index("Letter for Loan 1 · 借呗")
    assert "关于协商分期还款并暂停计收罚息的申请" in pack
    # Its language switch posts the figures back to the pack.
    assert 'formaction="/debts/pack/"' in pack and 'name="language"' in pack


def test_the_forms_own_language_switch_keeps_what_was_typed(client):
    page = client.get("/debts/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'form="debts-form" formaction="/debts/"' in page and 'id="debts-form"' in page
    typed = {**ten_loans(), "loan-3-owed": "五千多"}  # even a figure that does not pass
    response = client.post("/debts/", {**typed, **MANAGEMENT, "language": "en"})
    page = response.content.decode()
    assert '<html lang="en">' in page and "See my plan" in page
    assert 'value="五千多"' in page and 'value="10,000"' in page
    assert "error-summary" not in page
    assert response.cookies["django_language"].value == "en"


def test_the_spiral_is_quoted_where_it_owes_most_beyond_the_plan(en):
    # Four loans with 2,500 of 2,800: both ways are clear within the year, so the words quote
    # half a year, where borrowing to pay still owes more, never "0.00 instead of 0.00".
    _response, page = _plan(en)
    assert "yet after 6 months you would owe" in page
    assert "you would owe 0.00 yuan instead of 0.00 yuan" not in page
    _response, page = _plan(en, THREE_LOANS)
    assert "yet after 12 months you would owe" in page
    assert "In 12 months the new apps would take" in page and "up to " in page


def test_the_penalty_assumed_is_capped_by_the_line_for_the_lender_named(en):
    # A private lender: a court supports at most 4 x the LPR (12%), so the 136.35 left unpaid
    # costs 136.35 x 0.12 x 30 / 365 = 1.34 in the first month, not the 24% line's 2.69.
    _response, page = _plan(en, four_loans(**{"loan-0-lender": "private"}))
    costs = page[page.index('id="costs-title"') : page.index('id="picture-title"')]
    assert "Penalty interest of about 1.34 yuan in the first month" in costs


ONE_FEE_LOAN = {
    "income": "6000",
    "essentials": "3500",
    "loan-0-owed": "5000",
    "loan-0-payment": "500",
}


def _loan_figures(page: str) -> str:
    return page[page.index('class="rp-debt"') : page.index("</dl>", page.index('class="rp-debt"'))]


def test_a_fee_rate_is_read_as_a_fee_on_the_amount_first_borrowed(zh):
    # 月费率0.6% on the 10,000 first borrowed: 60.00 a month however much is repaid, so 14.40%
    # a year of the 5,000 owed now, not the 7.20% a rate on the balance would say.
    data = {**ONE_FEE_LOAN, "loan-0-rate": "月费率0.6%", "loan-0-original": "10,000"}
    _response, page = _plan(zh, data)
    figures = _loan_figures(page)
    assert "你填写的：月费率0.6% → 每月0.6%，每月按全部借款本金收费" in figures
    assert "按最初借的 10,000.00 元收费：只要还欠着钱，每月 60.00 元。" in figures
    assert "至少 14.40%" in figures and "7.20%" not in figures


def test_a_fee_rate_without_the_amount_first_borrowed_is_never_shown_as_its_full_cost(en):
    # Charged on what is owed now, the least it can be, and said so.
    _response, page = _plan(en, {**ONE_FEE_LOAN, "loan-0-rate": "月费率0.6%"})
    figures = _loan_figures(page)
    assert "a fee on the full amount borrowed every month" in figures
    assert "the true cost is higher than shown" in figures
    # 0.6% a month of what is owed now is the least it costs a year, never its true APR.
    assert "at least 7.20%" in figures


@pytest.mark.parametrize(
    ("rate", "fee"),
    [("0.6", True), ("手续费率0.6%", True), ("月息0.6%", False), ("利率0.6%", False)],
)
def test_an_amount_first_borrowed_makes_a_rate_a_fee_rate_unless_its_words_say_interest(
    en, rate, fee
):
    data = {**ONE_FEE_LOAN, "loan-0-rate": rate, "loan-0-original": "10000"}
    _response, page = _plan(en, data)
    figures = _loan_figures(page)
    assert ("Charged on the 10,000.00 yuan first borrowed" in figures) is fee
    assert ("interest on what is still owed" in figures) is not fee


def test_a_monthly_rate_too_small_for_a_loan_is_read_a_day_and_the_page_says_so(en):
    # 0.05 "a month" is below any loan: read as 0.05% a day (18.25% a year), the dearer reading,
    # with the way to say otherwise.
    data = {**ONE_FEE_LOAN, "loan-0-rate": "0.05", "loan-0-rate_period": "month"}
    _response, page = _plan(en, data)
    figures = _loan_figures(page)
    assert "You typed: 0.05 → 0.05% a day" in figures and "18.25%" in figures
    assert "type the rate with its period" in figures
