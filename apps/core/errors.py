"""The site's own answers to a refused request (400, 403, 404, 405, 429, and a form that could not
be sent safely): one template, errors/page.html, given the heading and what to do for each, in the
reader's language. The 500 page keeps a template of its own (errors/500.html), since it must render
when a template or the database is what failed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The page's heading (also its title), then what happened and what to do.
ERROR_PAGES: dict[str, tuple[Promise, Promise]] = {
    "bad_request": (
        _("This request could not be understood"),
        _(
            "Something in the request was not what the site expected. Go back and try again; "
            "nothing you typed was saved."
        ),
    ),
    "forbidden": (
        _("You cannot open this page"),
        _("This page is not available to you. If you followed a link, it may be out of date."),
    ),
    "csrf": (
        _("Please send the form again"),
        _(
            "The form had been open for a long time, or your browser blocks cookies, so it could "
            "not be sent safely. Go back, reload the page and send it again. Nothing you typed "
            "was saved."
        ),
    ),
    "not_found": (
        _("We could not find this page"),
        _(
            "The link may be mistyped, or the page was removed. A saved result that has expired "
            "or been deleted also ends here."
        ),
    ),
    "method": (
        _("This page cannot be opened this way"),
        _(
            "The page was asked for in a way it does not answer: a form sent to a page that only "
            "shows, or a link to a page that only takes a form. Go back and use the page's own "
            "buttons and links; nothing you typed was saved."
        ),
    ),
    "too_many": (
        _("Too many tries in a short time"),
        _(
            "To keep the site working for everyone, we limit how many answers one network can "
            "ask for in a short time. Please wait a minute, then go back and try again. Your "
            "figures are still there when you go back."
        ),
    ),
}


def error_page(
    request: HttpRequest, page: str, *, status: int, message: Promise | str | None = None
) -> HttpResponse:
    """ERROR_PAGES[page] as the site's page with `status`; `message`, when given, says more
    exactly than the page's own text what refused the request."""
    heading, text = ERROR_PAGES[page]
    context = {"heading": heading, "message": message or text}
    return render(request, "errors/page.html", context, status=status)
