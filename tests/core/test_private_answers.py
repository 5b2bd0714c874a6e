"""Answers that carry a reader's figures are never kept by a browser or proxy cache, and saved
results (their own private links) are not indexed."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from apps.core.saved import save_result
from tests.loans.helpers import COMPARE, PLAN_CHECK, four_loans

pytestmark = pytest.mark.django_db


def _private(response) -> bool:
    words = {word.strip() for word in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= words


def test_every_answer_with_typed_figures_is_private_and_never_stored(en):
    check, compare, debts = urlencode(PLAN_CHECK), urlencode(COMPARE), urlencode(four_loans())
    answers = {
        "check (POST)": en.post("/result/", PLAN_CHECK),
        "check link": en.get(f"/result/?{check}"),
        "schedule csv": en.get(f"/result/schedule.csv?{check}"),
        "compare (POST)": en.post("/result/compare/", COMPARE),
        "compare link": en.get(f"/result/compare/?{compare}"),
        "compare csv": en.get(f"/result/compare.csv?{compare}"),
        "save (POST)": en.post("/result/save/", PLAN_CHECK),
        "prefilled form": en.get(f"/check/?{check}"),
        "calculator": en.get("/late/calculator/?days=40&overdue=900&penalty_rate=0.05"),
        "plan letter": en.get("/late/letters/plan/?owed=9500&per_month=800&start=2026-12-15"),
        "figures that do not pass": en.post("/result/", {**PLAN_CHECK, "income": "-1"}),
        "my debts (POST)": en.post("/debts/", four_loans()),
        "my debts prefilled": en.get(f"/debts/?{debts}"),
        "my debts plan link": en.get(f"/debts/plan/?{debts}"),
        "my debts csv": en.get(f"/debts/plan.csv?{debts}"),
        "my debts letter": en.get(f"/debts/letter/1/?{debts}"),
        "my debts that do not pass": en.post("/debts/", four_loans(income="-1")),
    }
    assert {name: r.status_code for name, r in answers.items() if r.status_code >= 400} == {}
    assert [name for name, response in answers.items() if not _private(response)] == []


def test_saved_results_are_private_and_not_indexed(en):
    token, _saved = save_result(kind="check", inputs=PLAN_CHECK)
    compare_token, _saved = save_result(kind="compare", inputs=COMPARE)
    debts_token, _saved = save_result(kind="debts", inputs=four_loans())
    for url in (
        f"/result/s/{token}/",
        f"/result/s/{token}/",  # the second time from the page cache
        f"/result/s/{token}/schedule.csv",
        f"/result/s/{compare_token}/",
        f"/result/s/{compare_token}/compare.csv",
        f"/result/s/{token}/delete/",
        f"/result/s/{debts_token}/",
        f"/result/s/{debts_token}/debts.csv",
    ):
        response = en.get(url)
        assert response.status_code == 200, url
        assert _private(response), url
        assert "noindex" in response["X-Robots-Tag"], url
    deleted = en.post(f"/result/s/{token}/delete/")
    assert _private(deleted) and "noindex" in deleted["X-Robots-Tag"]


def test_shared_pages_without_figures_stay_cacheable(en):
    for url in ("/", "/late/", "/check/", "/late/calculator/", "/result/how-we-assess/"):
        response = en.get(url)
        assert not _private(response), url
        assert "X-Robots-Tag" not in response, url


def test_every_answer_with_figures_or_a_saved_link_is_not_indexed(en):
    token, _saved = save_result(kind="check", inputs=PLAN_CHECK)
    for url in (
        f"/result/?{urlencode(PLAN_CHECK)}",
        f"/debts/plan/?{urlencode(four_loans())}",
        f"/late/calculator/?saved={token}",
        f"/late/calculator/?saved={token}&days=40",
        "/late/calculator/?days=40&overdue=900",
    ):
        response = en.get(url)
        assert response.status_code == 200, url
        assert "noindex" in response["X-Robots-Tag"], url
    assert "noindex" in en.post("/result/", PLAN_CHECK)["X-Robots-Tag"]
