"""Loan input: the offer and budget form, and the form comparing two to four offers.

Both forms post straight to their answer in the affordability app (/result/ and
/result/compare/), which shows figures that do not pass again in these same templates
(apps.loans.forms.check: CHECK_TEMPLATE, COMPARE_TEMPLATE).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from apps.core.pagecache import shared_page
from apps.loans.forms.base import bounded
from apps.loans.forms.budget import BudgetForm
from apps.loans.forms.check import CHECK_TEMPLATE, COMPARE_TEMPLATE
from apps.loans.forms.offer import COMPARE_PREFIXES, offer_input


def _prefill(request: HttpRequest) -> dict[str, str]:
    # Adviser links pre-fill the form with the documented field names; nothing is judged yet.
    return bounded(request.GET.dict())


@require_safe
@shared_page
def check(request: HttpRequest) -> HttpResponse:
    initial = _prefill(request)
    offer, budget = offer_input(initial=initial), BudgetForm(initial=initial)
    context = {"offer": offer, "budget_form": budget, "forms": [offer.form, budget]}
    return render(request, CHECK_TEMPLATE, context)


@require_safe
@shared_page
def compare(request: HttpRequest) -> HttpResponse:
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
    budget = BudgetForm(initial=initial)
    context = {
        "offers": list(enumerate(offers, start=1)),
        "budget_form": budget,
        "forms": [*(offer.form for offer in offers), budget],
    }
    return render(request, COMPARE_TEMPLATE, context)
