"""Site-wide pages: the home page, the health check, and the friendly error pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The reason names Django internals; the reader only needs to know to try again.
    return render(request, "errors/403_csrf.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # A plain template with no context processors, so that it renders even when the error came
    # from a template or the database.
    return render(request, "errors/500.html", status=500, using=None)
