"""Loan input: the offer and budget form, and the form comparing two to four offers.

Both forms post to their answer in the affordability app (/result/ and /result/compare/), which
hands figures that do not pass back to `render_check_form` / `render_compare_form` here.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from apps.core.pagecache import shared_page
from apps.loans.forms.base import bounded
from apps.loans.forms.budget import BudgetForm
from apps.loans.forms.offer import COMPARE_PREFIXES, OfferInput, offer_input


def _prefill(request: HttpRequest) -> dict[str, str]:
    # Adviser links pre-fill the form with the documented field names; nothing is judged yet.
    return bounded(request.GET.dict())


def _has_errors(*forms: object) -> bool:
    return any(form.is_bound and form.errors for form in forms)  # type: ignore[attr-defined]


def render_check_form(request: HttpRequest, offer: OfferInput, budget: BudgetForm) -> HttpResponse:
    context = {
        "offer": offer,
        "budget_form": budget,
        "forms": [offer.form, budget],
        "has_errors": _has_errors(offer.form, budget),
    }
    return render(request, "loans/check.html", context)


def render_compare_form(
    request: HttpRequest, offers: list[OfferInput], budget: BudgetForm, *, too_few: bool = False
) -> HttpResponse:
    context = {
        "too_few": too_few,
        "offers": list(enumerate(offers, start=1)),
        "budget_form": budget,
        "forms": [*(offer.form for offer in offers), budget],
        "has_errors": too_few or _has_errors(*(offer.form for offer in offers), budget),
    }
    return render(request, "loans/compare.html", context)


def _moved(name: str) -> HttpResponse:
    # The forms post to their answer's page; a form page loaded before that moved still works
    # (307 keeps the method and the figures).
    return HttpResponseRedirect(reverse(name), status=307)


@require_http_methods(["GET", "HEAD", "POST"])
@shared_page
def check(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _moved("affordability:result")
    initial = _prefill(request)
    return render_check_form(request, offer_input(initial=initial), BudgetForm(initial=initial))


@require_http_methods(["GET", "HEAD", "POST"])
@shared_page
def compare(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _moved("affordability:compare")
    initial = _prefill(request)
    offers = [
        offer_input(
            initial={
                k.removeprefix(f"{p}-"): v for k, v in initial.items() if k.startswith(f"{p}-")
            },
            prefix=p,
        )
        for p in COMPARE_PREFIXES
    ]
    return render_compare_form(request, offers, BudgetForm(initial=initial))
