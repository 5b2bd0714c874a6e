"""Every page the site links to, in both languages: the headers, the landmarks, nothing foreign.

The pages are found by crawling from the home page, so a new page is covered the day it is
linked.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.crawl import crawl

pytestmark = pytest.mark.django_db

# Attributes that make the browser fetch something.
FETCHING = re.compile(
    r"""<(?:link|script|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)=["']([^"']+)"""
)


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return crawl(Client(HTTP_ACCEPT_LANGUAGE="en")).pages


def test_the_crawl_reaches_every_part_of_the_site(pages):
    assert "/" in pages
    assert "/late/sources/" in pages
    assert any(p.startswith("/check/") for p in pages)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_page_answers_with_the_security_headers_and_landmarks(pages, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        csp = response["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp, path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] in ("same-origin", "no-referrer", "strict-origin"), path
        assert response["X-Frame-Options"] == "DENY", path
        assert "geolocation=()" in response["Permissions-Policy"], path
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, path
        assert '<main id="main"' in html and 'href="#main"' in html, path
        assert 'href="/late/sources/"' in html, path


def test_no_page_fetches_anything_from_another_host_or_uses_inline_script_or_style(pages):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    for path in pages:
        html = client.get(path).content.decode()
        foreign = [url for url in FETCHING.findall(html) if not url.startswith("/")]
        assert foreign == [], path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script on {path}"
        assert not re.search(r"\sstyle=", html), f"inline style attribute on {path}"
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {path}"
