"""Crawl the site through the Django test client: its pages and the forms on them.

Used by the tests that must cover every page and every form without listing them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.test import Client

SKIP_PREFIXES = ("/static/", "/admin/", "/i18n/", "/result/s/")
MAX_PAGES = 80


@dataclass(frozen=True)
class Site:
    # Paths of the HTML pages that answered 200.
    pages: list[str]
    # (method, action) -> (page the form was found on, its fields with their default values)
    forms: dict[tuple[str, str], tuple[str, dict]]


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._form: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea", "button"):
            name = a.get("name")
            if name and name != "csrfmiddlewaretoken":
                self._form["fields"].setdefault(name, a.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def add_forms(forms: dict[tuple[str, str], tuple[str, dict]], html: str, page: str) -> list[str]:
    """Record the forms in `html` (merging the fields of forms that share a method and action)
    and return the page's links."""
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        key = (form["method"], form["action"] or page)
        found_on, fields = forms.setdefault(key, (page, {}))
        for name, value in form["fields"].items():
            fields.setdefault(name, value)
    return parser.links


def crawl(client: Client) -> Site:
    """Every page reachable from the home page by links, and every distinct form on them."""
    seen_pages: set[str] = set()
    queue = ["/"]
    forms: dict[tuple[str, str], tuple[str, dict]] = {}
    html_pages: list[str] = []
    while queue and len(seen_pages) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen_pages:
            continue
        seen_pages.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html_pages.append(path)
        for href in add_forms(forms, response.content.decode(), path):
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/"):
                continue
            if href.startswith(SKIP_PREFIXES) or href in seen_pages:
                continue
            queue.append(parts.path)
    return Site(pages=sorted(html_pages), forms=forms)
