"""The home page, the language switcher, the health check and the error pages."""

from __future__ import annotations

import gzip

import pytest
from django.urls import reverse

from tests.loans.helpers import check

pytestmark = pytest.mark.django_db


def test_home_page_is_in_chinese_for_a_chinese_reader(zh):
    response = zh.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "借" in html  # the page speaks of borrowing, in Chinese
    assert "Check a loan" not in html


def test_home_page_is_in_english_for_an_english_reader(en):
    response = en.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Check a loan" in html


def test_home_page_defaults_to_chinese_when_the_browser_states_no_language(client):
    html = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in html


def test_home_page_leads_to_both_jobs(en):
    html = en.get("/").content.decode()
    assert f'href="{reverse("loans:check")}"' in html
    assert f'href="{reverse("guidance:timeline")}"' in html


@pytest.mark.parametrize("path", ["/", "/check/", "/late/", "/late/sources/"])
def test_every_page_has_a_skip_link_a_main_landmark_and_the_sources_link(en, path):
    html = en.get(path).content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert f'href="{reverse("guidance:sources")}"' in html


def test_language_switcher_returns_the_reader_to_the_same_page(en):
    html = en.get("/late/").content.decode()
    assert 'name="next" value="/late/"' in html
    response = en.post(reverse("set_language"), {"language": "zh-hans", "next": "/late/"})
    assert response.status_code == 302
    assert response["Location"] == "/late/"
    # The choice is remembered over the browser's own language.
    assert '<html lang="zh-hans">' in en.get("/late/").content.decode()


def test_language_switcher_keeps_the_query_string(en):
    html = en.get("/late/?days=40").content.decode()
    assert 'name="next" value="/late/?days=40"' in html


def test_language_switcher_will_not_redirect_to_another_site(en):
    response = en.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_sources_page_lists_rate_lines_with_their_dates(en):
    html = en.get(reverse("guidance:sources")).content.decode()
    assert "One-year loan prime rate (LPR)" in html
    assert "3.00%" in html
    assert "2025-05-20" in html
    assert "Last checked" in html


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize(
    ("client_fixture", "words"), [("en", "We could not find this page"), ("zh", "找不到")]
)
def test_unknown_page_gets_a_friendly_404_in_the_readers_language(request, client_fixture, words):
    response = request.getfixturevalue(client_fixture).get("/no-such-page/")
    assert response.status_code == 404
    assert words in response.content.decode()


def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_link_only_to_static_files_served_by_the_app(en):
    html = en.get("/").content.decode()
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    assert "/static/vendor/bootstrap/bootstrap.min." in html  # hashed, cache-busted name


@pytest.mark.parametrize(
    ("label", "bare"),
    [
        ("How many days late are you?", "How many days late are you"),
        ("你逾期几天了？", "你逾期几天了"),
        ("Loan term", "Loan term"),
    ],
)
def test_error_summary_labels_lose_their_question_mark_before_the_colon(label, bare):
    from apps.core.templatetags.repayable import bare_label

    assert bare_label(label) == bare


def test_money_and_percent_write_numbers_wider_than_decimals_default_precision():
    from decimal import Decimal

    from apps.core.templatetags.repayable import money, percent

    # An effective rate of 10^40 % (a fee 89 times the loan, every month) once raised a 500.
    assert percent(Decimal("1.23456e40")) == "1" + ",234,560" + ",000" * 12 + ".00%"
    assert money(Decimal("9" * 30) + Decimal("0.005")) == "1" + ",000" * 10 + ".00"


def test_pages_leave_compressed_for_a_browser_that_accepts_gzip(en):
    plain = en.get("/late/guide/")
    packed = en.get("/late/guide/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    # The whole guide: about a fifth of its size on the wire.
    assert len(packed.content) < len(plain.content) / 3


def test_a_loan_checks_answer_leaves_compressed_too(en):
    response = en.post("/result/", check(), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "rp-verdict" in gzip.decompress(response.content).decode()
