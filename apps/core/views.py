"""Site-wide pages: the home page, the health check, and the friendly error pages."""

from __future__ import annotations

from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from apps.core.errors import error_page
from apps.core.failopen import cache_answers
from apps.core.pagecache import shared_page


@require_safe
@shared_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    # Saved results are private links: keep crawlers off them. Also the cheapest view there is,
    # so the load benchmark uses it as the ceiling.
    return HttpResponse("User-agent: *\nDisallow: /result/s/\n", content_type="text/plain")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers, each part by name: 503 when the database does not answer (no page can
    be made); 200 otherwise, "degraded" while the cache is away (pages are served without it)."""
    parts = {
        "database": "ok" if _database_answers() else "unavailable",
        "cache": "ok" if cache_answers() else "degraded",
    }
    if parts["database"] != "ok":
        return JsonResponse({"status": "error", **parts}, status=503)
    return JsonResponse({"status": "ok" if parts["cache"] == "ok" else "degraded", **parts})


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return False
    return True


# Why a request was refused, in words the reader can act on, by the exception that refused it;
# any other 400 says the general text of the bad_request page (apps/core/errors.py).
BAD_REQUEST_REASONS = {
    RequestDataTooBig: _(
        "What was sent is larger than any form on this site needs. Check that nothing was pasted "
        "into a box by mistake, then send the form again."
    ),
    TooManyFieldsSent: _(
        "What was sent has more boxes than any form on this site. Open the form from the site "
        "itself and send it again."
    ),
    TooManyFilesSent: _(
        "This site takes no files: type the figures into the form instead. Nothing was uploaded "
        "or kept."
    ),
    DisallowedHost: _(
        "This site does not answer to the address in the link. Check the link, or go to the "
        "site's own address."
    ),
}


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = next(
        (text for kind, text in BAD_REQUEST_REASONS.items() if isinstance(exception, kind)), None
    )
    return error_page(request, "bad_request", status=400, message=reason)


def method_not_allowed(request: HttpRequest, allowed: str) -> HttpResponse:
    """Django's bare 405 (a form sent to a page that only shows, a link to a page that only
    takes a form) as the site's page, with the methods the page does take."""
    response = error_page(request, "method", status=405)
    response["Allow"] = allowed
    return response


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, "forbidden", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The reason names Django internals; the reader only needs to know to try again.
    return error_page(request, "csrf", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, "not_found", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # A plain template with no context processors, so that it renders even when the error came
    # from a template or the database.
    return render(request, "errors/500.html", status=500, using=None)
