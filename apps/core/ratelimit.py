"""Rate limits on every way to ask for a computation, counted in the shared cache so that all
servers see one count.

A fixed window per client address and bucket: the admin login has its own, tighter bucket; every
other POST shares one, and so does every GET that computes from the figures in its link (the
pages named in COMPUTING_GETS). Pages every reader sees alike, and saved results opened by their
link, are never counted. Over the limit, the reader gets a friendly 429 page in their language.
Limits are a setting (REPAYABLE_RATE_LIMITS) so that an operator, the tests and the benchmarks
can change them.

The count lives in Django's default cache (the database, or Redis when REDIS_URL is set). While
Redis is away it is kept in the database cache instead (FALLBACK_CACHE), shared by every worker
and every server on that database; if that fails too, requests go through uncounted. Either way
the log says so, once a minute (failopen.py).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest, HttpResponse

from apps.core.errors import error_page
from apps.core.failopen import CacheUnavailable, use_cache, warn_now_and_then

ADMIN_LOGIN = "admin_login"
POST = "post"
# The pages (URL names) that work out an answer from the figures in their link: a loan check, a
# comparison, My debts' plan, their CSVs and letters, the days-late calculator. A GET of one with
# a query string counts as a POST does; the same page without figures (a form, a redirect) and
# every other GET do not. One list for the whole site: a view moved to another module keeps its
# URL name, and a new computing page is one line here (tests/core/test_ratelimit.py fails for a
# URL name that is in neither this list nor its list of pages known not to compute).
COMPUTING_GETS = frozenset(
    {
        "affordability:result",
        "affordability:schedule_csv",
        "affordability:compare",
        "affordability:compare_csv",
        "debts:plan",
        "debts:csv",
        "debts:pack",
        "debts:letter",
        "guidance:calculator",
    }
)
# The cache alias that counts while the default cache (Redis) is away (settings.CACHES).
FALLBACK_CACHE = "database"


def client_address(request: HttpRequest) -> str:
    """The client's address; behind a trusted proxy, the last hop it added to X-Forwarded-For."""
    if settings.REPAYABLE_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def _bucket(request: HttpRequest) -> str:
    admin_login = f"/{settings.REPAYABLE_ADMIN_PATH}/login/"
    return ADMIN_LOGIN if request.path == admin_login else POST


def hit(*, bucket: str, address: str, now: float | None = None) -> bool:
    """Count one request; True while the address is within its limit for this window."""
    limit, window = settings.REPAYABLE_RATE_LIMITS[bucket]
    if limit <= 0:
        return True
    window_start = int((now if now is not None else time.time()) // window)
    # Addresses are hashed so the cache holds no raw IP addresses.
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    key = f"rl:{bucket}:{window_start}:{digest}"

    def count(cache: BaseCache) -> int:
        # add() sets the expiry and is atomic; incr() is atomic in Redis, and in the database
        # close enough for a limit (two requests at the same instant may count as one).
        if cache.add(key, 1, timeout=window + 1):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window + 1)
            return 1

    fallback = [FALLBACK_CACHE] if FALLBACK_CACHE in settings.CACHES else []
    for alias in ("default", *fallback):
        try:
            counted = use_cache(count, alias=alias)
        except CacheUnavailable:
            continue
        if alias == FALLBACK_CACHE:
            warn_now_and_then(
                "ratelimit:fallback",
                "Rate limits are counted in the database cache while the cache is away.",
            )
        return counted <= limit
    warn_now_and_then(
        "ratelimit:off", "Rate limits are not counted: no cache answers. Requests go through."
    )
    return True


def _too_many(request: HttpRequest, bucket: str) -> HttpResponse:
    _, window = settings.REPAYABLE_RATE_LIMITS[bucket]
    response = error_page(request, "too_many", status=429)
    response["Retry-After"] = str(window)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # POSTs are counted before anything reads their body.
        if request.method == "POST":
            bucket = _bucket(request)
            if not hit(bucket=bucket, address=client_address(request)):
                return _too_many(request, bucket)
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: object, kwargs: object
    ) -> HttpResponse | None:
        """A GET that computes: known once the URL is resolved, before the view runs."""
        if request.method not in ("GET", "HEAD") or not request.GET:
            return None
        match = request.resolver_match
        if match is None or match.view_name not in COMPUTING_GETS:
            return None
        if not hit(bucket=POST, address=client_address(request)):
            return _too_many(request, POST)
        return None
