"""Scoring pages: the verdict, its schedule as CSV, the comparison, save/open/delete, and
"How we assess a loan"."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.affordability import assess as checks
from apps.affordability.csvs import csv_download
from apps.affordability.debts import plan as plans
from apps.affordability.debts.views import debts_csv_response, render_debts_result
from apps.affordability.markup import (
    ADVICE_WORDS,
    BAND_WORDS,
    PRICE_WORDS,
    offer_name,
    payments_in_words,
)
from apps.core.facts import rate_lines
from apps.core.models import SavedResult
from apps.core.pagecache import cached_render, shared_page
from apps.core.saved import delete_saved_result, get_saved_result, save_result
from apps.core.templatetags.repayable import percent
from apps.finance import budget as rules
from apps.finance import debts as debt_engine
from apps.finance import price, reading
from apps.loans.forms.check import CHECK_TEMPLATE, COMPARE_TEMPLATE

# `?rows=all` on a result shows every payment of a long schedule.
ALL_ROWS = "all"


@require_http_methods(["GET", "HEAD", "POST"])
def result(request: HttpRequest) -> HttpResponse:
    """The loan check's answer: to the form's POST at once (one form, one click), and rebuilt
    from the figures in a link (the language switch, a link shared with an adviser). Figures
    that do not pass are shown again in the form's own template, each message beside its field."""
    if request.method != "POST" and not request.GET:
        return redirect("loans:check")
    check = checks.run_check(
        request.POST if request.method == "POST" else request.GET,
        all_rows=request.GET.get("rows") == ALL_ROWS,
    )
    if check.assessment is None:
        return render(request, CHECK_TEMPLATE, check.entry.form_context)
    return render(request, "affordability/result.html", check.page)


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
    check = checks.run_check(request.GET)
    if check.assessment is None:
        raise Http404
    return _schedule_csv(check.assessment, "repayment-schedule.csv")


@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the figures behind a new unguessable link, then open it."""
    kind = request.POST.get("kind")
    if kind == SavedResult.Kind.COMPARE:
        compare = checks.run_compare(request.POST)
        if not compare.complete:
            raise Http404
        inputs = compare.inputs
    elif kind == SavedResult.Kind.DEBTS:
        if plans.run_debts(request.POST).plan is None:
            raise Http404
        inputs = plans.debt_inputs(request.POST)
    else:
        kind = SavedResult.Kind.CHECK
        check = checks.run_check(request.POST)
        if check.assessment is None:
            raise Http404
        inputs = check.inputs
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
        compare = checks.run_compare(saved.inputs, token=token)
        if not compare.complete:
            raise Http404
        return render(
            request, "affordability/compare_result.html", {**compare.page, "saved": saved}
        )
    check = checks.run_check(
        saved.inputs, token=token, all_rows=request.GET.get("rows") == ALL_ROWS
    )
    if check.assessment is None:
        # Figures saved under older rules that no longer pass: treat as gone, never a 500.
        raise Http404
    return render(request, "affordability/result.html", {**check.page, "saved": saved})


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


def _compare_csv(compare: checks.Compare) -> HttpResponse:
    """The comparison table as CSV: a row per figure, a column per offer (as on the page)."""
    offers = compare.ranked
    rows: list[tuple[str, Callable[[checks.Assessment], object]]] = [
        (_("Our advice"), lambda a: str(ADVICE_WORDS[a.verdict.advice])),
        (_("Can you repay it?"), lambda a: str(BAND_WORDS[a.verdict.budget.band])),
        (_("Is it worth its price?"), lambda a: str(PRICE_WORDS[a.verdict.price.level])),
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
        (_("Payments"), lambda a: payments_in_words(a.quote)),
        (_("Debt payments / income"), lambda a: percent(a.budget_verdict.rules[1].value, 1)),
        (_("Warnings"), lambda a: len(a.flags)),
    ]
    header = ["", *(offer_name(a.label, n) for n, a in offers)]
    body = [[label, *(value(a) for _n, a in offers)] for label, value in rows]
    return csv_download([header, *body], "loan-comparison.csv")


@require_safe
def compare_csv(request: HttpRequest) -> HttpResponse:
    compare = checks.run_compare(request.GET)
    if not compare.complete:
        raise Http404
    return _compare_csv(compare)


@require_safe
def saved_compare_csv(request: HttpRequest, token: str) -> HttpResponse:
    saved = _saved_or_404(token)
    compare = checks.run_compare(saved.inputs)
    if saved.kind != SavedResult.Kind.COMPARE or not compare.complete:
        raise Http404
    return _compare_csv(compare)


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
    compare = checks.run_compare(request.POST if request.method == "POST" else request.GET)
    if not compare.complete:
        return render(request, COMPARE_TEMPLATE, compare.entry.form_context)
    return render(request, "affordability/compare_result.html", compare.page)


@require_safe
@shared_page
def how_we_assess(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "affordability/how_we_assess.html",
        {
            "rules": rules,
            "price": price,
            "reading": reading,
            "lines": list(rate_lines().values()),
            "saved_days": settings.REPAYABLE_SAVED_RESULT_DAYS,
            "debts": debt_engine,
            "debt_sources": plans.plan_sources(),
        },
    )
