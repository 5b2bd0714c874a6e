"""Friendly error pages in both languages that leak nothing; the health check; Redis settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as site_urls

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SECRET_DETAIL = "db-password-hunter2"


def _explode(request):
    raise RuntimeError(f"internal detail {SECRET_DETAIL}")


urlpatterns = [path("explode/", _explode), *site_urls]
handler500 = "apps.core.views.server_error"
handler400 = "apps.core.views.bad_request"


@pytest.mark.urls("tests.core.test_errors_and_health")
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
    assert b"unavailable" in response.content


def test_redis_url_switches_the_cache_to_redis_for_every_server():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "true",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
