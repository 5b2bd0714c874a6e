"""Every POST, and every GET that computes from the figures in its link, is rate-limited per
client address, with a friendly page over the limit."""

from __future__ import annotations

from types import SimpleNamespace
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from apps.core import ratelimit
from apps.core.models import SavedResult
from apps.core.ratelimit import COMPUTING_GETS, hit
from apps.core.saved import save_result
from tests.loans.helpers import COMPARE, PLAN_CHECK, four_loans

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_limits(settings):
    cache.clear()
    settings.REPAYABLE_RATE_LIMITS = {"post": (3, 60), "admin_login": (2, 300)}
    # The windows are fixed, so a test's requests must not straddle one's end: the limiter's
    # clock stands still in the middle of a window (three admin logins, each hashing a password,
    # take seconds on a busy machine).
    with mock.patch.object(ratelimit, "time", SimpleNamespace(time=lambda: 1030.0)):
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
    url = f"/{settings.REPAYABLE_ADMIN_PATH}/login/"
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


def _figures_links() -> dict[str, str]:
    """A link with figures to each page that computes from them (COMPUTING_GETS)."""
    check, compare, debts = urlencode(PLAN_CHECK), urlencode(COMPARE), urlencode(four_loans())
    return {
        "affordability:result": f"/result/?{check}",
        "affordability:schedule_csv": f"/result/schedule.csv?{check}",
        "affordability:compare": f"/result/compare/?{compare}",
        "affordability:compare_csv": f"/result/compare.csv?{compare}",
        "debts:plan": f"/debts/plan/?{debts}",
        "debts:csv": f"/debts/plan.csv?{debts}",
        "debts:pack": f"/debts/pack/?{debts}",
        "debts:letter": f"/debts/letter/1/?{debts}",
        "guidance:calculator": "/late/calculator/?days=40&overdue=900",
    }


def test_every_page_that_computes_has_a_link_here():
    assert set(_figures_links()) == COMPUTING_GETS


@pytest.mark.parametrize("name", sorted(COMPUTING_GETS))
def test_a_get_that_computes_from_figures_counts_like_a_post(en, tight_limits, name):
    link = _figures_links()[name]
    assert resolve(link.split("?")[0]).view_name == name
    codes = [en.get(link).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429], codes
    assert "Too many tries" in en.get(link).content.decode()


def test_gets_with_figures_and_posts_share_one_count(en, tight_limits):
    links = _figures_links()
    en.post("/result/", PLAN_CHECK)
    en.get(links["debts:plan"])
    en.head(links["affordability:result"])
    assert en.post("/result/", PLAN_CHECK).status_code == 429
    assert en.get(links["guidance:calculator"]).status_code == 429


def test_pages_without_figures_and_saved_results_stay_unlimited(en, tight_limits):
    token, _saved = save_result(kind="check", inputs=PLAN_CHECK)
    for _ in range(4):
        en.post("/result/", PLAN_CHECK)
    for url in (
        "/",
        "/check/",
        f"/check/?{urlencode(PLAN_CHECK)}",  # the form filled in again: nothing computed
        f"/debts/?{urlencode(four_loans())}",
        "/late/calculator/",
        "/late/stages/months-1-3/",
        f"/result/s/{token}/",
        f"/result/s/{token}/schedule.csv",
    ):
        assert en.get(url).status_code == 200, url
    assert en.get("/result/").status_code == 302  # no figures: back to the form


def _url_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


# The named pages that compute nothing from a link's figures: forms (filled in again from a
# link, but not worked out), shared pages, saved results (opened by their own link), POST-only
# pages (counted as POSTs) and the guidance letters, which only fill their words in.
NOT_COMPUTING = {
    "home",
    "healthz",
    "robots_txt",
    "set_language",
    "loans:check",
    "loans:compare",
    "affordability:save",
    "affordability:saved",
    "affordability:saved_csv",
    "affordability:saved_compare_csv",
    "affordability:saved_debts_csv",
    "affordability:delete",
    "affordability:how_we_assess",
    "debts:form",
    "guidance:timeline",
    "guidance:stage",
    "guidance:topic",
    "guidance:guide",
    "guidance:rights",
    "guidance:letters",
    "guidance:letter_statement",
    "guidance:letter_plan",
    "guidance:letter_complaint",
    "guidance:scams",
    "guidance:sources",
}


def test_every_named_page_is_known_to_compute_or_not():
    site = {
        name for name in _url_names(get_resolver().url_patterns) if not name.startswith("admin:")
    }
    assert site - COMPUTING_GETS - NOT_COMPUTING == set(), "a new page: does it compute?"
    assert site >= COMPUTING_GETS, "a page in COMPUTING_GETS no longer exists (renamed?)"
