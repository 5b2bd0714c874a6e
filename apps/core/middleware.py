"""Response headers that Django does not set by itself."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.cache import add_never_cache_headers

from apps.core.views import method_not_allowed


class HeadMiddleware:
    """A HEAD answer carries the headers GET's would, Content-Length included, and no body.

    Django leaves the body in; gunicorn then drops it and logs a warning for every HEAD, which a
    balancer's health check sends every few seconds.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "HEAD" and not response.streaming:
            length = response.get("Content-Length", str(len(response.content)))
            response.content = b""
            response["Content-Length"] = length
        return response


class PrivateAnswersMiddleware:
    """An answer made from what a reader sent (a form's POST, a link's query string: the figures
    they typed, or a saved check's token as the days-late calculator takes it) or opened by a
    private link (a saved result and its CSV and delete pages, by their token) is that reader's
    alone: no browser or proxy cache keeps it (Cache-Control: private, no-store), and no search
    engine indexes it (X-Robots-Tag: noindex), should a link to it ever be published.

    One rule for every view, so that a new page that shows figures is covered the day it is
    written. Shared pages without a query string are left cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = request.resolver_match
        private_link = match is not None and "token" in match.kwargs
        if request.method == "POST" or request.GET or private_link:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class MethodNotAllowedPageMiddleware:
    """Django's 405 (require_http_methods) has no body: the reader gets the site's page in their
    language instead (LocaleMiddleware, further out, has chosen it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed):
            return method_not_allowed(request, response["Allow"])
        return response
