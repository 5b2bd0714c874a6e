"""The site layout (templates/base.html) on every kind of page: landmarks, the skip link, the
language switcher, static files from this host only."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


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


def test_pages_link_only_to_static_files_served_by_the_app(en):
    html = en.get("/").content.decode()
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    assert "/static/vendor/bootstrap/bootstrap.min." in html  # hashed, cache-busted name
