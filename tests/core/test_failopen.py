"""The cache fails open (apps/core/failopen.py): with Redis refused or hung, every page still
answers, quickly, the rate limit counts in the database cache, /healthz says "degraded", and the
log says so once, not with a traceback per request.

The Redis here is a real RedisCache with the settings' own options, pointed at a port where
nothing listens (refused) or where nothing ever answers (hung). tests/core/test_faults.py stops
and restarts a real redis-server under a real gunicorn.
"""

from __future__ import annotations

import logging
import os
import runpy
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client, override_settings

from apps.core import failopen
from apps.core.saved import save_result
from tests.admin_forms import rate_line_change
from tests.loans.helpers import PLAN_CHECK

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _redis_options() -> dict[str, object]:
    """The cache options config/settings.py gives Redis when REDIS_URL is set."""
    with mock.patch.dict(os.environ, {"REDIS_URL": "redis://127.0.0.1:1/0"}):
        computed = runpy.run_path(str(ROOT / "config" / "settings.py"))
    return computed["CACHES"]["default"]["OPTIONS"]


def _redis_at(port: int) -> dict[str, dict[str, object]]:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": _redis_options(),
        },
        # The database cache of the real settings, in memory here.
        "database": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": settings.REPAYABLE_PAGES_CACHE,
    }


@pytest.fixture
def refused() -> Iterator[None]:
    """Redis configured on a port where nothing listens: every call is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with override_settings(CACHES=_redis_at(port)):
        yield


@pytest.fixture
def hung() -> Iterator[None]:
    """Redis configured on a port that accepts connections and never answers, like a Redis that
    is stopped (SIGSTOP) or swapping."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        with override_settings(CACHES=_redis_at(server.getsockname()[1])):
            yield


@pytest.fixture
def logged(caplog) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="apps.core")
    return caplog


def _every_kind_of_page(client: Client) -> list[tuple[str, int]]:
    token, _saved = save_result(kind="check", inputs={**PLAN_CHECK, "start_date": "2026-01-01"})
    return [
        ("/", client.get("/").status_code),
        ("/late/", client.get("/late/").status_code),
        ("/check/", client.get("/check/").status_code),
        ("POST /result/", client.post("/result/", PLAN_CHECK).status_code),
        ("/result/?...", client.get("/result/", PLAN_CHECK).status_code),
        ("saved", client.get(f"/result/s/{token}/").status_code),
        ("calculator", client.get("/late/calculator/?days=40&overdue=900").status_code),
    ]


def test_with_redis_refused_every_page_answers_and_the_log_says_so_once(en, refused, logged):
    statuses = _every_kind_of_page(en) + _every_kind_of_page(en)
    assert all(status == 200 for _name, status in statuses), statuses
    outage = [r for r in logged.records if "does not answer" in r.getMessage()]
    assert len(outage) == 1, [r.getMessage() for r in logged.records]
    assert outage[0].levelno == logging.WARNING and outage[0].exc_info is None


def test_with_redis_hung_pages_answer_without_waiting_for_it(en, hung):
    started = time.monotonic()
    assert en.get("/late/").status_code == 200
    assert en.post("/result/", PLAN_CHECK).status_code == 200
    # One read timeout (about 0.2 s, not redis-py's 5 s), then the cache is left alone a while.
    assert time.monotonic() - started < 2.5
    started = time.monotonic()
    for _ in range(5):
        assert en.get("/").status_code == 200
    assert time.monotonic() - started < 2.5


def test_health_check_says_degraded_while_the_cache_is_away(client, refused):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}


def test_after_a_failure_the_cache_is_left_alone_for_a_while_then_tried_again(en):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        server.setblocking(False)

        def connections() -> int:
            # Each try opens a new connection (redis-py drops one that timed out).
            count = 0
            while True:
                try:
                    server.accept()[0].close()
                except BlockingIOError:
                    return count
                count += 1

        with override_settings(CACHES=_redis_at(server.getsockname()[1])):
            for _ in range(3):
                assert en.get("/late/").status_code == 200
            assert connections() == 1
            failopen.breakers["default"].retry_at = 0.0  # the pause is over
            assert en.get("/late/").status_code == 200
            assert connections() == 1


def test_while_redis_is_away_the_rate_limit_counts_in_the_database_cache(
    en, refused, settings, logged
):
    settings.REPAYABLE_RATE_LIMITS = {"post": (3, 60), "admin_login": (2, 300)}
    codes = [en.post("/i18n/setlang/", {"language": "en"}).status_code for _ in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    said = [r.getMessage() for r in logged.records]
    assert sum("counted in the database cache" in m for m in said) == 1, said


def test_with_no_cache_answering_posts_go_through_and_the_log_says_so(en, settings, logged):
    settings.REPAYABLE_RATE_LIMITS = {"post": (1, 60), "admin_login": (1, 300)}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    caches = _redis_at(port)
    del caches["database"]
    with override_settings(CACHES=caches):
        codes = [en.post("/i18n/setlang/", {"language": "en"}).status_code for _ in range(3)]
    assert codes == [302, 302, 302]
    assert sum("not counted" in r.getMessage() for r in logged.records) == 1


def test_an_admin_edit_while_the_cache_is_away_is_saved(admin_client, refused):
    from apps.core.models import RateLine

    line = RateLine.objects.get(code="lpr_1y")
    response = admin_client.post(
        f"/admin/core/rateline/{line.pk}/change/",
        rate_line_change(line, value="0.0295", as_of="2026-11-20"),
    )
    assert response.status_code == 302
    assert str(RateLine.objects.get(pk=line.pk).as_of) == "2026-11-20"
