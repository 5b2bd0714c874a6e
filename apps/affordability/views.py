"""Scoring pages: the verdict, its schedule as CSV, the comparison, save/open/delete, and
"How we assess a loan"."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.affordability import assess as checks
from apps.affordability import charts
from apps.affordability.csvs import csv_download
from apps.affordability.debts import plan as plans
from apps.affordability.debts.views import debts_csv_response, render_debts_result
from apps.affordability.markup import BAND_WORDS, PRICE_WORDS
from apps.core.facts import rate_lines
from apps.core.models import SavedResult
from apps.core.pagecache import cached_render, shared_page
from apps.core.saved import delete_saved_result, get_saved_result, save_result
from apps.core.templatetags.repayable import percent
from apps.finance import budget as rules
from apps.finance import debts as debt_engine
from apps.finance import price
from apps.loans.forms.budget import BUDGET_FIELDS, EARLY_FIELDS
from apps.loans.forms.offer import COMPARE_PREFIXES, OFFER_FIELDS
from apps.loans.views import render_check_form, render_compare_form


def _link(name: str, query: str) -> str:
    """A link to one of the site's pages carrying a check's figures (an urlencoded query)."""
    return f"{reverse(name)}?{query}"


def _frozen_inputs(data: object, forms: checks.CheckForms) -> dict[str, str]:
    # A link or saved result must show the same schedule tomorrow: pin the start date.
    inputs = checks.check_inputs(data)
    assert forms.assessment is not None
    inputs.setdefault("start_date", forms.assessment.quote.start_date.isoformat())
    return inputs


def render_check_result(
    request: HttpRequest,
    forms: checks.CheckForms,
    *,
    saved: SavedResult | None = None,
    token: str = "",
) -> HttpResponse:
    data = saved.inputs if saved else (request.POST if request.method == "POST" else request.GET)
    inputs = _frozen_inputs(data, forms)
    query = urlencode(inputs)  # once: the links below all carry the same figures
    if token:
        language_next = reverse("affordability:saved", args=[token])
        csv_url = reverse("affordability:saved_csv", args=[token])
        calculator_url = _link("guidance:calculator", urlencode({"saved": token}))
    else:
        language_next = _link("affordability:result", query)
        csv_url = _link("affordability:schedule_csv", query)
        # The calculator reads the loan check's own field names.
        calculator_url = _link("guidance:calculator", query)
    assessment = forms.assessment
    early = checks.early(assessment, data)
    # Without the early-repayment question: what the what-ifs, the rate question and the
    # early-repayment form start from.
    figures = {k: v for k, v in inputs.items() if k not in EARLY_FIELDS}
    question_url = ""
    if assessment.question and assessment.question.likely_period:
        question_url = _link(
            "affordability:result",
            urlencode({**figures, "rate_period": assessment.question.likely_period}),
        )
    context = {
        "a": assessment,
        "rules": rules,
        "price": price,
        "entered": checks.entered_figures(forms),
        "payment_chart": charts.payment_bars(assessment.quote.rows),
        "budget_chart": charts.budget_bars(assessment.budget, assessment.budget_verdict),
        "what_ifs": [
            (scenario, _link("affordability:result", urlencode(scenario.inputs)))
            for scenario in checks.scenarios(assessment, figures)
        ],
        "early": early,
        "early_url": _link(
            "affordability:result",
            urlencode({**figures, "early_after": assessment.quote.payment_count // 2}),
        ),
        "figures": figures,
        "question_url": question_url,
        "compare_url": _link("loans:compare", urlencode(_as_first_offer(figures))),
        "saved_days": settings.SAVED_RESULT_DAYS,
        "kind": SavedResult.Kind.CHECK,
        "inputs": inputs,
        "language_next": language_next,
        "csv_url": csv_url,
        "calculator_url": calculator_url,
        "edit_url": _link("loans:check", query),
        "saved": saved,
        "token": token,
        "today": timezone.localdate(),
    }
    return render(request, "affordability/result.html", context)


def _as_first_offer(figures: dict[str, str]) -> dict[str, str]:
    """A check's figures as the comparison form's offer 1 and its budget."""
    return {
        (f"{COMPARE_PREFIXES[0]}-{name}" if name in OFFER_FIELDS else name): value
        for name, value in figures.items()
        if name in OFFER_FIELDS or name in BUDGET_FIELDS
    }


@require_http_methods(["GET", "HEAD", "POST"])
def result(request: HttpRequest) -> HttpResponse:
    """The loan check's answer: to the form's POST at once (one form, one click), and rebuilt
    from the figures in a link (the language switch, a link shared with an adviser). Figures
    that do not pass go back to the form, with every message beside its field."""
    if request.method != "POST" and not request.GET:
        return redirect("loans:check")
    forms = checks.run_check(request.POST if request.method == "POST" else request.GET)
    if forms.assessment is None:
        return render_check_form(request, forms.offer, forms.budget)
    return render_check_result(request, forms)


def _schedule_csv(assessment: checks.Assessment, filename: str) -> HttpResponse:
    quote = assessment.quote
    header = [
        _("No."),
        _("Due date"),
        _("Payment"),
        _("Principal"),
        _("Interest"),
        _("Fees"),
        _("Still owed"),
    ]
    rows = [
        [r.number, r.due_date.isoformat(), r.payment, r.principal, r.interest, r.fees, r.balance]
        for r in quote.rows
    ]
    total = [_("Total"), "", quote.total_repaid, "", quote.total_interest, "", ""]
    return csv_download([header, *rows, total], filename)


@require_safe
def schedule_csv(request: HttpRequest) -> HttpResponse:
    forms = checks.run_check(request.GET)
    if forms.assessment is None:
        raise Http404
    return _schedule_csv(forms.assessment, "repayment-schedule.csv")


@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the figures behind a new unguessable link, then open it."""
    kind = request.POST.get("kind")
    if kind == SavedResult.Kind.COMPARE:
        forms = checks.run_compare(request.POST)
        if not forms.complete:
            raise Http404
        inputs = _frozen_compare_inputs(request.POST, forms)
    elif kind == SavedResult.Kind.DEBTS:
        if plans.run_debts(request.POST).plan is None:
            raise Http404
        inputs = plans.debt_inputs(request.POST)
    else:
        kind = SavedResult.Kind.CHECK
        check = checks.run_check(request.POST)
        if check.assessment is None:
            raise Http404
        inputs = _frozen_inputs(request.POST, check)
    token, _saved = save_result(kind=kind, inputs=inputs)
    return redirect("affordability:saved", token=token)


def _saved_or_404(token: str) -> SavedResult:
    saved = get_saved_result(token)
    if saved is None:
        raise Http404
    return saved


@require_safe
def saved(request: HttpRequest, token: str) -> HttpResponse:
    saved = _saved_or_404(token)
    # Looked up every time, so a deleted or expired result is never served from the cache.
    return cached_render(
        request, lambda: _render_saved(request, saved, token), extra=saved.token_hash, private=token
    )


def _render_saved(request: HttpRequest, saved: SavedResult, token: str) -> HttpResponse:
    if saved.kind == SavedResult.Kind.DEBTS:
        debts = plans.run_debts(saved.inputs)
        if debts.plan is None:
            raise Http404
        return render_debts_result(request, debts, saved.inputs, saved=saved, token=token)
    if saved.kind == SavedResult.Kind.COMPARE:
        forms = checks.run_compare(saved.inputs)
        if not forms.complete:
            raise Http404
        return render_compare_result(request, forms, saved=saved, token=token)
    check = checks.run_check(saved.inputs)
    if check.assessment is None:
        # Figures saved under older rules that no longer pass: treat as gone, never a 500.
        raise Http404
    return render_check_result(request, check, saved=saved, token=token)


@require_safe
def saved_csv(request: HttpRequest, token: str) -> HttpResponse:
    saved = _saved_or_404(token)
    check = checks.run_check(saved.inputs)
    if saved.kind != SavedResult.Kind.CHECK or check.assessment is None:
        raise Http404
    return _schedule_csv(check.assessment, "repayment-schedule.csv")


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm; POST deletes. Afterwards the link gives the same 404 as any other."""
    saved = _saved_or_404(token)
    if request.method == "POST":
        delete_saved_result(token)
        return render(request, "affordability/deleted.html")
    return render(
        request,
        "affordability/delete_confirm.html",
        {"saved": saved, "token": token, "language_next": request.path},
    )


def render_compare_result(
    request: HttpRequest,
    forms: checks.CompareForms,
    *,
    saved: SavedResult | None = None,
    token: str = "",
) -> HttpResponse:
    data = saved.inputs if saved else (request.POST if request.method == "POST" else request.GET)
    inputs = _frozen_compare_inputs(data, forms)
    query = urlencode(inputs)
    offers, best = _ranked(forms)
    context = {
        "offers": offers,
        "best": best,
        "budget": offers[0][1].budget,
        "inputs": inputs,
        "language_next": reverse("affordability:saved", args=[token])
        if token
        else _link("affordability:compare", query),
        "edit_url": _link("loans:compare", query),
        "csv_url": reverse("affordability:saved_compare_csv", args=[token])
        if token
        else _link("affordability:compare_csv", query),
        "saved": saved,
        "token": token,
        "today": timezone.localdate(),
        "rules": rules,
        "saved_days": settings.SAVED_RESULT_DAYS,
    }
    return render(request, "affordability/compare_result.html", context)


def _ranked(
    forms: checks.CompareForms,
) -> tuple[list[tuple[int, checks.Assessment]], int | None]:
    """The offers cheapest first by true APR, as (offer number, assessment), and the number of
    the one to mark cheapest (None when even the cheapest is too expensive)."""
    used = [(number, assessment) for number, _offer, assessment in forms.used]
    order, best = price.rank_by_price(aprs=[assessment.quote.apr for _n, assessment in used])
    return [used[index] for index in order], None if best is None else used[best][0]


def _frozen_compare_inputs(data: object, forms: checks.CompareForms) -> dict[str, str]:
    inputs = checks.compare_inputs(data)
    for number, _offer, assessment in forms.used:
        if assessment is not None:
            start = assessment.quote.start_date.isoformat()
            inputs.setdefault(f"o{number}-start_date", start)
    return inputs


def _compare_csv(forms: checks.CompareForms) -> HttpResponse:
    """The comparison table as CSV: a row per figure, a column per offer (as on the page)."""
    offers, _best = _ranked(forms)
    rows: list[tuple[str, Callable[[checks.Assessment], object]]] = [
        (_("Verdict"), lambda a: str(BAND_WORDS[a.verdict.band])),
        (_("Price"), lambda a: str(PRICE_WORDS[a.verdict.price.level])),
        (_("True yearly cost (APR)"), lambda a: percent(a.quote.apr)),
        (_("Effective yearly rate (compounded)"), lambda a: percent(a.quote.effective_annual_rate)),
        (
            _("Rate as the app advertises it, a year"),
            lambda a: percent(a.quote.advertised_annual_rate),
        ),
        (_("Money you actually receive"), lambda a: a.quote.net_received),
        (_("You repay in all"), lambda a: a.quote.total_repaid),
        (_("Cost of the loan"), lambda a: a.quote.total_cost),
        (_("Heaviest month's payment"), lambda a: a.budget_verdict.loan_monthly_payment),
        (_("Payments"), lambda a: a.quote.payment_count),
        (_("Debt payments / income"), lambda a: percent(a.budget_verdict.rules[1].value, 1)),
        (_("Warnings"), lambda a: len(a.flags)),
    ]
    header = ["", *(_("Offer %(number)s") % {"number": n} for n, _a in offers)]
    body = [[label, *(value(a) for _n, a in offers)] for label, value in rows]
    return csv_download([header, *body], "loan-comparison.csv")


@require_safe
def compare_csv(request: HttpRequest) -> HttpResponse:
    forms = checks.run_compare(request.GET)
    if not forms.complete:
        raise Http404
    return _compare_csv(forms)


@require_safe
def saved_compare_csv(request: HttpRequest, token: str) -> HttpResponse:
    saved = _saved_or_404(token)
    forms = checks.run_compare(saved.inputs)
    if saved.kind != SavedResult.Kind.COMPARE or not forms.complete:
        raise Http404
    return _compare_csv(forms)


@require_safe
def saved_debts_csv(request: HttpRequest, token: str) -> HttpResponse:
    saved = _saved_or_404(token)
    debts = plans.run_debts(saved.inputs)
    if saved.kind != SavedResult.Kind.DEBTS or debts.plan is None:
        raise Http404
    return debts_csv_response(debts)


@require_http_methods(["GET", "HEAD", "POST"])
def compare(request: HttpRequest) -> HttpResponse:
    """Two to four offers side by side: the answer to the comparison form's POST, and rebuilt
    from a link's figures. Figures that do not pass go back to the form."""
    if request.method != "POST" and not request.GET:
        return redirect("loans:compare")
    forms = checks.run_compare(request.POST if request.method == "POST" else request.GET)
    if not forms.complete:
        return render_compare_form(request, forms.offers, forms.budget, too_few=forms.too_few)
    return render_compare_result(request, forms)


@require_safe
@shared_page
def how_we_assess(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "affordability/how_we_assess.html",
        {
            "rules": rules,
            "price": price,
            "lines": list(rate_lines().values()),
            "saved_days": settings.SAVED_RESULT_DAYS,
            "debts": debt_engine,
            "debt_sources": plans.plan_sources(),
        },
    )
