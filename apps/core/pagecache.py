"""A whole-page cache for GET pages that every reader of a language sees alike.

Most pages (the home page, the loan form, every guidance page) are the same for everyone reading
in the same language on the same day, except for the CSRF token in their forms. Rendering them
costs far more than serving them, so the rendered HTML is kept in each process's memory (the
"pages" cache, settings.REPAYABLE_PAGES_CACHE) with the token cut out, and each reader's own
token is put back in. CSRF protection is therefore unchanged.

Kept out of the cache: requests with a query string (adviser links, calculator results), readers
with a session (administrators), and any answer that is not a plain 200.

Content edited in the admin shows at once in every process: once the edit commits, the admin
bumps a content version, kept in the shared default cache (Redis when REDIS_URL is set, otherwise
a database table) and read on every request, that is part of every key.
Every key also names the release (`release()`), so that during and after a deploy no server
hands out a page rendered by another release, naming static files it may not have.

The cache fails open (failopen.py): while it is away, pages are rendered as if nothing were
cached, and rows are read from the database.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Callable
from contextlib import suppress
from functools import cache as once
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from apps.core.failopen import CacheUnavailable, use_cache, warn_now_and_then

VERSION_KEY = "pagecache:content-version"
# The cache alias the rendered pages live in (settings.CACHES).
PAGES = "pages"
# The token as {% csrf_token %} writes it; a NUL never occurs in rendered HTML. Pages are kept
# as the bytes sent, so that serving one neither encodes nor decodes its text (about a tenth of
# the time the 90 KB guide took to serve from the cache).
_CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
_HOLE = b"\x00csrf\x00"
_PRIVATE_HOLE = b"\x00private\x00"

View = Callable[..., HttpResponse]


@once
def release() -> str:
    """This server's release: REPAYABLE_RELEASE if the deploy sets it, otherwise a hash of what
    a page is made of (the static files' manifest, the templates, the compiled catalogue), read
    once per process."""
    if settings.REPAYABLE_RELEASE:
        return settings.REPAYABLE_RELEASE
    digest = hashlib.sha256((staticfiles_storage.read_manifest() or "").encode())
    for folder, pattern in (
        *((Path(d), "**/*.html") for d in settings.TEMPLATES[0]["DIRS"]),
        *((Path(d), "**/*.mo") for d in settings.LOCALE_PATHS),
    ):
        for path in sorted(folder.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def content_version() -> str:
    """The current content version: a random token, so that a cleared cache starts a new one.
    Raises CacheUnavailable."""
    return use_cache(lambda cache: cache.get_or_set(VERSION_KEY, _new_version, timeout=None))


def _new_version() -> str:
    return secrets.token_hex(8)


def bump_content_version_on_commit() -> None:
    """Retire the cached pages once the transaction that changed the content commits (at once
    outside a transaction): the admin's saves and load_content call this inside theirs, so that
    an edit that rolls back retires nothing, and no worker caches the old text again between the
    bump and the commit."""
    transaction.on_commit(bump_content_version)


def bump_content_version() -> None:
    """Retire every cached page now, so no page shows the old text (content changes call
    bump_content_version_on_commit instead)."""
    try:
        use_cache(lambda cache: cache.set(VERSION_KEY, _new_version(), timeout=None))
    except CacheUnavailable:
        # Nothing is served from the cache while it is away, and what it held before expires
        # within REPAYABLE_PAGE_CACHE_SECONDS: the edit shows by then at the latest.
        warn_now_and_then(
            "pagecache:version", "A content change could not retire the cached pages."
        )


# The rows themselves, kept in this process too, under the version they were read at: unpickling
# the rate lines and sources from the cache on every loan check cost a tenth of a millisecond.
# The version is still read from the shared cache each time, so an admin edit is seen at once.
_in_process: dict[str, tuple[str, float, Any]] = {}
_MISSING = object()


def cached_content(name: str, build: Callable[[], Any]) -> Any:
    """Rows many pages read (rate lines, sources), kept in the cache under the content version,
    so an admin edit is seen as soon as the cached pages are."""
    if settings.REPAYABLE_PAGE_CACHE_SECONDS <= 0:
        return build()
    try:
        key = f"content:{release()}:{content_version()}:{name}"
    except CacheUnavailable:
        return build()
    now = time.monotonic()
    kept = _in_process.get(name)
    if kept is not None and kept[0] == key and kept[1] > now:
        return kept[2]
    try:
        value = use_cache(lambda cache: cache.get(key, _MISSING))
    except CacheUnavailable:
        return build()
    if value is _MISSING:
        # Built outside use_cache: a database error while building is not the cache's.
        value = build()
        with suppress(CacheUnavailable):
            use_cache(
                lambda cache: cache.set(key, value, timeout=settings.REPAYABLE_PAGE_CACHE_SECONDS)
            )
    _in_process[name] = (key, now + settings.REPAYABLE_PAGE_CACHE_SECONDS, value)
    return value


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.REPAYABLE_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _key(request: HttpRequest, extra: str) -> str:
    # The date is part of the key because printed pages carry it.
    parts = f"{request.path}|{extra}|{get_language()}|{timezone.localdate().isoformat()}"
    digest = hashlib.sha256(parts.encode()).hexdigest()[:40]
    return f"page:{release()}:{content_version()}:{digest}"


def cached_render(
    request: HttpRequest,
    render: Callable[[], HttpResponse],
    *,
    extra: str = "",
    private: str = "",
) -> HttpResponse:
    """The page `render()` would give, from the cache when possible. `extra` adds to the key
    whatever the page depends on beyond its path and language; `private` is a value (a saved
    result's token) that is cut out of the cached copy like the CSRF token, never stored."""
    if not _cacheable(request):
        return render()
    try:
        key = _key(request, extra)
        entry: tuple[bytes, str] | None = use_cache(lambda cache: cache.get(key), alias=PAGES)
    except CacheUnavailable:
        return render()
    if entry is None:
        response = render()
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        html = _CSRF_VALUE.sub(rb"\g<1>" + _HOLE + rb"\g<3>", response.content)
        if private:
            html = html.replace(private.encode(), _PRIVATE_HOLE)
        entry = (html, response["Content-Type"])
        # Served all the same if the cache is away; the next reader renders it again.
        with suppress(CacheUnavailable):
            use_cache(
                lambda cache: cache.set(key, entry, timeout=settings.REPAYABLE_PAGE_CACHE_SECONDS),
                alias=PAGES,
            )
        return response
    html, content_type = entry  # the tokens are ASCII: the same bytes in any charset
    if _HOLE in html:
        html = html.replace(_HOLE, get_token(request).encode())
    if private:
        html = html.replace(_PRIVATE_HOLE, private.encode())
    return HttpResponse(html, content_type=content_type)


def shared_page(view: View) -> View:
    """Decorate a view whose GET page, without a query string, is the same for every reader."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        extra = "|".join(f"{k}={v}" for k, v in sorted(kwargs.items()))
        return cached_render(request, lambda: view(request, *args, **kwargs), extra=extra)

    return wrapper
