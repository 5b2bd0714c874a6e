"""Every POST is rate-limited per client address, with a friendly page over the limit."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.core.models import SavedResult
from apps.core.ratelimit import hit

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_limits(settings):
    cache.clear()
    settings.RATE_LIMITS = {"post": (3, 60), "admin_login": (2, 300)}
    yield
    cache.clear()


def _switch(client):
    return client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_posts_within_the_limit_go_through(en, tight_limits):
    assert [_switch(en).status_code for _ in range(3)] == [302, 302, 302]


@pytest.mark.parametrize(
    ("client_fixture", "words"), [("en", "Too many tries"), ("zh", "尝试次数太多")]
)
def test_posts_over_the_limit_get_a_friendly_429_in_the_readers_language(
    request, tight_limits, client_fixture, words
):
    client = request.getfixturevalue(client_fixture)
    for _ in range(3):
        client.post(reverse("set_language"), {"language": "", "next": "/"})
    response = client.post(reverse("set_language"), {"language": "", "next": "/"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert words in response.content.decode()


def test_get_requests_are_not_limited(en, tight_limits):
    for _ in range(3):
        _switch(en)
    assert en.get("/").status_code == 200


def test_another_address_has_its_own_count(client, tight_limits):
    for _ in range(4):
        client.post(reverse("set_language"), {"language": "en"}, REMOTE_ADDR="10.0.0.1")
    response = client.post(reverse("set_language"), {"language": "en"}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_admin_login_has_a_tighter_limit_of_its_own(client, settings, tight_limits):
    url = f"/{settings.ADMIN_PATH}/login/"
    codes = [client.post(url, {"username": "x", "password": "y"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_the_window_resets(settings, tight_limits):
    results = [hit(bucket="post", address="1.2.3.4", now=1000.0) for _ in range(4)]
    assert results == [True, True, True, False]
    assert hit(bucket="post", address="1.2.3.4", now=1061.0) is True


def test_purge_expired_deletes_only_expired_results_and_says_how_many(capsys):
    now = timezone.now()
    SavedResult.objects.create(
        token_hash="a" * 64, inputs={}, expires_at=now - timezone.timedelta(seconds=1)
    )
    SavedResult.objects.create(
        token_hash="b" * 64, inputs={}, expires_at=now + timezone.timedelta(days=1)
    )
    call_command("purge_expired")
    assert "Deleted 1 expired saved result" in capsys.readouterr().out
    remaining = SavedResult.objects.filter(token_hash__in=["a" * 64, "b" * 64])
    assert list(remaining.values_list("token_hash", flat=True)) == ["b" * 64]


def test_robots_txt_keeps_crawlers_off_saved_results(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /result/s/" in response.content.decode()
