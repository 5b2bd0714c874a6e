"""Django's cache, failing open: when Redis (or the database behind the default cache) is away,
pages are rendered without the cache and rate limits are counted elsewhere, never a 500.

Every use of the cache goes through `use_cache`, which raises CacheUnavailable when the cache
does not answer; each caller says what it does without it (pagecache.py, ratelimit.py). Redis is
given short timeouts (settings.CACHES), and after a failure this process leaves the cache alone
for RETRY_AFTER_SECONDS, so that a stopped or hung Redis costs one timeout per pause rather than
one per request. The outage is logged once a minute per process, as one line without a traceback;
/healthz probes the cache on every call and says "degraded" while it is away.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.db import DatabaseError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a cache backend raises when its server is away: Redis's errors (refused, timed out,
# reset), the database cache's, and a socket's.
CACHE_ERRORS = (RedisError, DatabaseError, OSError)
# After a failure, how long this process serves without the cache before trying it again.
RETRY_AFTER_SECONDS = 5.0
# However many requests meet an outage, each process says so at most this often.
WARN_EVERY_SECONDS = 60.0

T = TypeVar("T")


class CacheUnavailable(Exception):
    """The cache did not answer, or failed a moment ago: go on without it."""


@dataclass
class Breaker:
    """One cache alias's state in this process."""

    retry_at: float = 0.0
    down: bool = False


# Per process, per cache alias. Tests clear it so that one test's outage is not the next one's.
breakers: dict[str, Breaker] = {}
# When each warning topic was last logged in this process.
warned_at: dict[str, float] = {}


def warn_now_and_then(topic: str, message: str, *args: object) -> None:
    """Log a warning at most once a WARN_EVERY_SECONDS per topic in this process."""
    now = time.monotonic()
    last = warned_at.get(topic)
    if last is not None and now - last < WARN_EVERY_SECONDS:
        return
    warned_at[topic] = now
    logger.warning(message, *args)


def _failed(alias: str, breaker: Breaker, error: Exception) -> CacheUnavailable:
    breaker.down = True
    breaker.retry_at = time.monotonic() + RETRY_AFTER_SECONDS
    warn_now_and_then(
        f"cache:{alias}",
        "The cache %r does not answer (%s); serving without it, trying again every %ss.",
        alias,
        type(error).__name__,
        int(RETRY_AFTER_SECONDS),
    )
    return CacheUnavailable(alias)


def _answered(alias: str, breaker: Breaker) -> None:
    if breaker.down:
        breaker.down = False
        warn_now_and_then(f"cache-back:{alias}", "The cache %r answers again.", alias)


def use_cache(operation: Callable[[BaseCache], T], *, alias: str = "default") -> T:
    """`operation(cache)`, or CacheUnavailable if the cache does not answer or failed within
    the last RETRY_AFTER_SECONDS."""
    breaker = breakers.setdefault(alias, Breaker())
    if breaker.down and time.monotonic() < breaker.retry_at:
        raise CacheUnavailable(alias)
    try:
        result = operation(caches[alias])
    except CACHE_ERRORS as error:
        raise _failed(alias, breaker, error) from None
    _answered(alias, breaker)
    return result


def cache_answers(alias: str = "default") -> bool:
    """Ask the cache now, whatever happened a moment ago (the health check)."""
    breaker = breakers.setdefault(alias, Breaker())
    try:
        caches[alias].get("healthz:probe")
    except CACHE_ERRORS as error:
        _failed(alias, breaker, error)
        return False
    _answered(alias, breaker)
    return True
