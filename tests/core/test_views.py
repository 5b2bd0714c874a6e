"""The site-wide views (apps/core/views.py): the home page, the health check, and friendly error
pages in both languages that leak nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import path, reverse

from config.urls import urlpatterns as site_urls

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SECRET_DETAIL = "db-password-hunter2"


def _explode(request):
    raise RuntimeError(f"internal detail {SECRET_DETAIL}")


urlpatterns = [path("explode/", _explode), *site_urls]
handler500 = "apps.core.views.server_error"
handler400 = "apps.core.views.bad_request"


@pytest.mark.urls("tests.core.test_views")
@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Something went wrong on our side"), ("zh-hans", "我们这边出了问题")],
)
def test_a_crash_gets_a_friendly_500_in_the_readers_language_without_details(language, words):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    response = client.get("/explode/")
    html = response.content.decode()
    assert response.status_code == 500
    assert words in html
    assert SECRET_DETAIL not in html and "Traceback" not in html and "RuntimeError" not in html


@pytest.mark.parametrize(
    ("language", "words"), [("en", "could not be understood"), ("zh-hans", "无法理解")]
)
def test_a_bad_host_gets_a_friendly_400(language, words):
    client = Client(HTTP_ACCEPT_LANGUAGE=language, HTTP_HOST="evil.example")
    response = client.get("/")
    assert response.status_code == 400
    assert words in response.content.decode()


def test_health_check_answers_503_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.OperationalError("database is down")  # type: ignore[attr-defined]

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


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


def test_health_check_reports_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.parametrize(
    ("client_fixture", "words"), [("en", "We could not find this page"), ("zh", "找不到")]
)
def test_unknown_page_gets_a_friendly_404_in_the_readers_language(request, client_fixture, words):
    response = request.getfixturevalue(client_fixture).get("/no-such-page/")
    assert response.status_code == 404
    assert words in response.content.decode()


@pytest.mark.parametrize(
    ("language", "words"), [("en", "cannot be opened this way"), ("zh-hans", "不能这样打开")]
)
def test_a_method_a_page_does_not_take_gets_the_sites_405_page(language, words):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    answers = {
        "a form sent to a page that only shows": client.post("/late/"),
        "a link to a page that only takes a form": client.get("/result/save/"),
        "a verb no page takes": client.generic("PUT", "/check/"),
    }
    for name, response in answers.items():
        assert response.status_code == 405, name
        assert words in response.content.decode(), name
        assert response["Allow"], name
        assert "Content-Security-Policy" in response and "Permissions-Policy" in response, name
    assert answers["a form sent to a page that only shows"]["Allow"] == "GET, HEAD"


@pytest.mark.parametrize(
    ("body", "content_type", "words"),
    [
        ("amount=" + "9" * 200_000, "application/x-www-form-urlencoded", "larger than any form"),
        (
            "&".join(f"f{n}=1" for n in range(500)),
            "application/x-www-form-urlencoded",
            "more boxes",
        ),
    ],
)
def test_a_refused_form_says_why_in_the_readers_language(en, body, content_type, words):
    response = en.post("/result/", body, content_type=content_type)
    assert response.status_code == 400
    page = response.content.decode()
    assert "could not be understood" in page and words in page


def test_a_file_is_refused_with_a_page_that_says_the_site_takes_none(en):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = en.post("/result/", {"statement": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert response.status_code == 400
    assert "takes no files" in response.content.decode()


def test_a_bad_host_is_told_to_check_the_link():
    response = Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_HOST="evil.example").get("/")
    assert "does not answer to the address" in response.content.decode()
