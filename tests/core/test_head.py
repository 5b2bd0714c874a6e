"""HEAD answers wherever GET does, with the same status and headers and no body: uptime checks
and load balancers send HEAD."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from apps.core.middleware import HeadMiddleware
from apps.core.saved import save_result
from tests.loans.helpers import COMPARE, PLAN_CHECK, four_loans

pytestmark = pytest.mark.django_db

# Views that only take a POST (saving, switching language) or are Django's own (the admin).
NOT_GET = {"affordability:save", "set_language"}


def _url_names(patterns: list, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


@pytest.fixture
def every_get_url() -> list[str]:
    token, _saved = save_result(kind="check", inputs=PLAN_CHECK)
    compare_token, _saved = save_result(kind="compare", inputs=COMPARE)
    debts_token, _saved = save_result(kind="debts", inputs=four_loans())
    debts = urlencode(four_loans())
    return [
        "/",
        "/healthz",
        "/robots.txt",
        "/check/",
        f"/check/?{urlencode(PLAN_CHECK)}",
        "/check/compare/",
        f"/result/?{urlencode(PLAN_CHECK)}",
        f"/result/schedule.csv?{urlencode(PLAN_CHECK)}",
        f"/result/compare/?{urlencode(COMPARE)}",
        f"/result/compare.csv?{urlencode(COMPARE)}",
        f"/result/s/{token}/",
        f"/result/s/{token}/schedule.csv",
        f"/result/s/{compare_token}/compare.csv",
        f"/result/s/{token}/delete/",
        "/result/how-we-assess/",
        "/late/",
        "/late/stages/months-1-3/",
        "/late/stages/court/",
        "/late/help/credit-report/",
        "/late/guide/",
        "/late/calculator/",
        "/late/calculator/?days=40&overdue=900&penalty_rate=0.05",
        "/late/rights/",
        "/late/letters/",
        "/late/letters/statement/",
        "/late/letters/plan/",
        "/late/letters/plan/?owed=9500&per_month=800&start=2026-12-15",
        "/late/letters/complaint/",
        "/late/scams/",
        "/late/sources/",
        "/debts/",
        f"/debts/?{debts}",
        f"/debts/plan/?{debts}",
        f"/debts/plan.csv?{debts}",
        f"/debts/pack/?{debts}",
        f"/debts/letter/1/?{debts}",
        f"/result/s/{debts_token}/",
        f"/result/s/{debts_token}/debts.csv",
    ]


def test_the_list_covers_every_view_that_answers_get(every_get_url):
    covered = set()
    for url in every_get_url:
        match = resolve(url.split("?")[0])
        covered.add(f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name)
    assert covered == _url_names(get_resolver().url_patterns) - NOT_GET


def test_head_answers_wherever_get_does_with_no_body(en, every_get_url):
    # Django runs the GET view for a HEAD: its 200 is the page's.
    for url in every_get_url:
        head = en.head(url)
        assert head.status_code == 200, url
        assert head.content == b"", url
        assert head["Content-Type"].startswith(("text/", "application/json")), url


def test_a_head_answer_leaves_the_app_without_a_body_but_with_its_length():
    body = b"<!doctype html><p>hello</p>"
    middleware = HeadMiddleware(lambda request: HttpResponse(body))
    head = middleware(RequestFactory().head("/"))
    assert head.content == b""
    assert head["Content-Length"] == str(len(body))
    get = middleware(RequestFactory().get("/"))
    assert get.content == body
