"""The page cache serves shared pages without re-rendering, yet never mixes readers' tokens,
languages or stale content, and never serves a deleted saved result."""

from __future__ import annotations

import re

import pytest

# The module, not its lazy staticfiles_storage: pytest's collection would set that up early.
from django.contrib.staticfiles import storage as static_storage
from django.core.cache import cache, caches
from django.test import Client

from apps.core.content_files import load_content, read_content
from apps.core.models import RateLine, Stage
from apps.core.pagecache import PAGES, bump_content_version, cached_content, release
from apps.core.saved import save_result
from tests.admin_forms import rate_line_change

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _rename_first_stage_behind_the_admins_back(title: str) -> Stage:
    # A direct update, not through the admin: the cached page must not notice it.
    stage = Stage.objects.order_by("first_day").first()
    Stage.objects.filter(pk=stage.pk).update(title_en=title)
    return stage


def _without_tokens(html: str) -> str:
    return TOKEN.sub("", html)


@pytest.fixture
def stored(monkeypatch) -> dict[str, object]:
    """Every key and value the page cache stores during the test, in the shared cache or this
    process's page store, seen through each cache's public set()."""
    seen: dict[str, object] = {}
    for alias in ("default", PAGES):
        backend = caches[alias]

        def recording_set(key, value, *args, real_set=backend.set, **kwargs):
            seen[key] = value
            return real_set(key, value, *args, **kwargs)

        monkeypatch.setattr(backend, "set", recording_set)
    return seen


@pytest.fixture
def fresh_release(settings):
    """Each test names its own release; the next test computes the real one again."""
    release.cache_clear()
    yield settings
    release.cache_clear()


def test_a_shared_page_is_served_from_the_cache_until_content_changes_in_the_admin(en):
    before = en.get("/late/").content.decode()
    _rename_first_stage_behind_the_admins_back("Renamed stage")
    assert _without_tokens(en.get("/late/").content.decode()) == _without_tokens(before)
    bump_content_version()
    assert "Renamed stage" in en.get("/late/").content.decode()


def test_an_admin_edit_shows_at_once(en, admin_client, django_capture_on_commit_callbacks):
    en.get("/late/sources/")
    line = RateLine.objects.get(code="lpr_1y")
    # The admin saves in a transaction and bumps the version once it commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/core/rateline/{line.pk}/change/",
            rate_line_change(line, value="0.0295", as_of="2026-11-20"),
        )
    assert response.status_code == 302
    assert "2026-11-20" in en.get("/late/sources/").content.decode()


def test_loading_the_content_files_shows_at_once(en, django_capture_on_commit_callbacks):
    assert "Before the due date" in en.get("/late/").content.decode()
    content = read_content()
    first = content.stages[0]
    title = first.title.model_copy(update={"en": "Before your due date"})
    content.stages[0] = first.model_copy(update={"title": title})
    with django_capture_on_commit_callbacks(execute=True):
        load_content(content)
    assert "Before your due date" in en.get("/late/").content.decode()


def test_each_language_has_its_own_copy():
    en, zh = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert '<html lang="en">' in en.get("/").content.decode()
    assert '<html lang="zh-hans">' in zh.get("/").content.decode()
    assert '<html lang="en">' in en.get("/").content.decode()


def test_every_reader_gets_their_own_csrf_token_and_it_works():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get("/check/").content.decode()
    page_two = second.get("/check/").content.decode()  # from the cache
    token_one, token_two = TOKEN.findall(page_one)[0], TOKEN.findall(page_two)[0]
    assert token_one != token_two
    assert "\x00" not in page_two
    response = second.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token_two}
    )
    assert response.status_code == 302


def test_pages_with_a_query_string_are_never_cached(en, stored):
    en.get("/late/calculator/?days=3")
    assert not [k for k in stored if k.startswith("page:")]
    en.get("/late/calculator/")
    assert [k for k in stored if k.startswith("page:")]


def test_a_new_release_never_serves_a_page_cached_by_the_last(en, fresh_release):
    fresh_release.REPAYABLE_RELEASE = "release-1"
    before = en.get("/late/").content.decode()
    _rename_first_stage_behind_the_admins_back("Renamed stage")
    assert "Renamed stage" not in en.get("/late/").content.decode()  # cached
    fresh_release.REPAYABLE_RELEASE = "release-2"
    release.cache_clear()
    after = en.get("/late/").content.decode()
    assert "Renamed stage" in after and "Renamed stage" not in before


def test_the_release_follows_the_static_files_when_the_deploy_does_not_name_it(
    fresh_release, monkeypatch
):
    fresh_release.REPAYABLE_RELEASE = ""
    computed = release()
    assert len(computed) == 16 and computed == release()
    # Another set of static files (a deploy that changed a stylesheet) is another release.
    monkeypatch.setattr(
        static_storage.staticfiles_storage, "read_manifest", lambda: '{"paths": {}}'
    )
    release.cache_clear()
    assert release() != computed
    fresh_release.REPAYABLE_RELEASE = "v42"
    release.cache_clear()
    assert release() == "v42"


def test_a_deleted_saved_result_is_never_served_from_the_cache(en, stored):
    token, saved = save_result(
        kind="check",
        inputs={
            "mode": "plan",
            "received": "9000",
            "payment": "888.49",
            "count": "12",
            "every": "month",
            "start_date": "2026-01-01",
            "income": "8000",
        },
    )
    url = f"/result/s/{token}/"
    assert en.get(url).status_code == 200
    assert en.get(url).status_code == 200  # now cached
    cached = [str(v) for k, v in stored.items() if k.startswith("page:")]
    assert cached and all(token not in v for v in cached), "the link is in the cache"
    saved.delete()
    assert en.get(url).status_code == 404


def test_rows_kept_in_this_process_follow_the_shared_content_version():
    calls = []

    def build() -> int:
        calls.append(1)
        return len(calls)

    assert cached_content("test-rows", build) == 1
    assert cached_content("test-rows", build) == 1  # kept: neither the DB nor the cache is read
    bump_content_version()
    assert cached_content("test-rows", build) == 2
    cache.clear()  # a cleared (or restarted) shared cache starts a new version, too
    assert cached_content("test-rows", build) == 3


def test_pages_are_kept_in_this_process_and_only_the_content_version_is_shared(en, stored):
    en.get("/late/")
    pages = [k for k in stored if k.startswith("page:")]
    assert pages and all(caches[PAGES].get(k) for k in pages)
    assert not [k for k in pages if caches["default"].get(k) is not None]
    # Another process's page store is empty, yet the shared version it reads is this one.
    caches[PAGES].clear()
    _rename_first_stage_behind_the_admins_back("Renamed stage")
    assert "Renamed stage" in en.get("/late/").content.decode()
