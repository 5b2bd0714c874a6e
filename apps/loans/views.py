"""Loan input: the offer and budget form, and the comparison of two to four offers.

A valid POST answers with the result at once (one form, one click); its figures go into a GET
link (/result/?...) for the language switcher, the CSV download and "change the figures".
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from apps.affordability.assess import (
    COMPARE_PREFIXES,
    CheckForms,
    CompareForms,
    run_check,
    run_compare,
)
from apps.affordability.views import render_check_result, render_compare_result
from apps.core.pagecache import shared_page
from apps.loans.forms import BudgetForm, OfferForm


def _prefill(request: HttpRequest) -> dict[str, str]:
    # Adviser links pre-fill the form with the documented field names; nothing is judged yet.
    return {key: value[:80] for key, value in request.GET.items()}


def render_check_form(request: HttpRequest, forms: CheckForms, status: int = 200) -> HttpResponse:
    context = {
        "offer_form": forms.offer,
        "budget_form": forms.budget,
        "forms": forms.forms,
        "has_errors": any(f.is_bound and f.errors for f in forms.forms),
    }
    return render(request, "loans/check.html", context, status=status)


@require_http_methods(["GET", "POST"])
@shared_page
def check(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        forms = run_check(request.POST)
        if forms.assessment is not None:
            return render_check_result(request, forms)
        return render_check_form(request, forms)
    initial = _prefill(request)
    return render_check_form(
        request, CheckForms(OfferForm(initial=initial), BudgetForm(initial=initial))
    )


def render_compare_form(request: HttpRequest, forms: CompareForms) -> HttpResponse:
    context = {
        "compare": forms,
        "offer_forms": list(enumerate(forms.offers, start=1)),
        "budget_form": forms.budget,
        "forms": [*forms.offers, forms.budget],
        "has_errors": forms.too_few
        or any(f.is_bound and f.errors for f in forms.offers)
        or (forms.budget.is_bound and bool(forms.budget.errors)),
    }
    return render(request, "loans/compare.html", context)


@require_http_methods(["GET", "POST"])
@shared_page
def compare(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        forms = run_compare(request.POST)
        if forms.complete:
            return render_compare_result(request, forms)
        return render_compare_form(request, forms)
    initial = _prefill(request)
    offers = [
        OfferForm(
            initial={
                k.removeprefix(f"{p}-"): v for k, v in initial.items() if k.startswith(f"{p}-")
            },
            prefix=p,
        )
        for p in COMPARE_PREFIXES
    ]
    return render_compare_form(
        request, CompareForms(offers, BudgetForm(initial=initial), [None] * len(offers))
    )
