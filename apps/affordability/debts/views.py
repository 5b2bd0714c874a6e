"""My debts: every loan on one page, which to pay first, a plan, a letter to each lender.

The form posts to itself (/debts/); a valid POST answers with the plan at once. The plan's figures
go into GET links (/debts/plan/?...) for the language switcher, each lender's letter and the CSV,
as the loan check's do.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from apps.affordability import charts
from apps.affordability.csvs import csv_download
from apps.affordability.debts import plan as plans
from apps.core.facts import crisis_line, help_lines
from apps.core.letters import letters_for
from apps.core.models import SavedResult
from apps.core.pagecache import shared_page
from apps.core.templatetags.repayable import percent
from apps.finance.budget import DEFAULT_PENALTY_MULTIPLIER
from apps.loans.forms.base import bounded
from apps.loans.forms.debts import DEBT_BOXES_OPEN, DEBT_PREFIX


def _link(name: str, figures: dict[str, str], **kwargs: object) -> str:
    return f"{reverse(name, kwargs=kwargs or None)}?{urlencode(figures)}"


def render_debts_form(request: HttpRequest, forms: plans.DebtForms) -> HttpResponse:
    loans = forms.loans
    folded = loans.forms[DEBT_BOXES_OPEN:]
    context = {
        "budget_form": forms.budget,
        "loans": loans,
        "open_boxes": DEBT_BOXES_OPEN,
        "more_open": any(box.initial or (box.is_bound and box.has_changed()) for box in folded),
        "forms": [forms.budget, *loans.forms],
        "box_errors": loans.non_form_errors() if loans.is_bound else [],
        "box_errors_target": f"id_{DEBT_PREFIX}-0-owed",
        "has_errors": (forms.budget.is_bound and bool(forms.budget.errors))
        or (loans.is_bound and not loans.is_valid()),
    }
    return render(request, "affordability/debts/form.html", context)


def render_debts_result(
    request: HttpRequest,
    forms: plans.DebtForms,
    figures: dict[str, str],
    *,
    saved: SavedResult | None = None,
    token: str = "",
) -> HttpResponse:
    plan = forms.plan
    assert plan is not None
    picture = plan.picture
    sources = plans.plan_sources()
    context = {
        "plan": plan,
        "picture": picture,
        "budget": forms.budget.cleaned_data,
        "month_chart": charts.debt_month_bars(
            income=forms.budget.cleaned_data["income"],
            essentials=forms.budget.cleaned_data["essentials"],
            due=picture.total_due,
        ),
        "spiral_chart": charts.spiral_bars(
            owed_now=picture.total_owed,
            months=[(month.plan, month.spiral) for month in plan.spiral],
        )
        if plan.spiral
        else None,
        "sources": sources,
        "order": [(priority, line, sources[priority.reason]) for priority, line in plan.order],
        "delay_multiplier": DEFAULT_PENALTY_MULTIPLIER,
        "help_lines": help_lines(),
        # As on the guide's stage pages: once a loan is a month late, the pressure is at its worst.
        "crisis_line": crisis_line()
        if any(line.stage and line.stage.shows_crisis_line for _priority, line in plan.order)
        else None,
        "letters": [
            (share, line, _link("debts:letter", figures, number=line.number))
            for share, line in plan.letters
        ],
        "printed_letters": [
            (line, letters_for("affordability/debts/letter.txt", plans.letter_context(plan, line)))
            for _share, line in plan.letters
        ],
        "language_next": reverse("affordability:saved", args=[token])
        if token
        else _link("debts:plan", figures),
        "csv_url": reverse("affordability:saved_debts_csv", args=[token])
        if token
        else _link("debts:csv", figures),
        "edit_url": _link("debts:form", figures),
        "inputs": figures,
        "kind": SavedResult.Kind.DEBTS,
        "saved": saved,
        "token": token,
        "saved_days": settings.SAVED_RESULT_DAYS,
        "today": timezone.localdate(),
    }
    return render(request, "affordability/debts/result.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@shared_page
def form(request: HttpRequest) -> HttpResponse:
    """The form, blank or pre-filled by a link; a POST answers with the plan."""
    if request.method == "POST":
        forms = plans.run_debts(request.POST)
        if forms.plan is None:
            return render_debts_form(request, forms)
        return render_debts_result(request, forms, plans.debt_inputs(request.POST))
    initial = bounded(request.GET.dict())
    return render_debts_form(request, plans.run_debts(None, initial=initial))


@require_safe
def plan(request: HttpRequest) -> HttpResponse:
    """The plan rebuilt from the figures in a link (the language switch, a letter's way back)."""
    forms = plans.run_debts(request.GET)
    if forms.plan is None:
        return render_debts_form(request, forms)
    return render_debts_result(request, forms, plans.debt_inputs(request.GET))


@require_safe
def letter(request: HttpRequest, number: int) -> HttpResponse:
    """The letter to one lender, with its figures from the plan and blanks for the rest. Only a
    plan that shares the budget has letters, and only to lenders offered something."""
    forms = plans.run_debts(request.GET)
    plan = forms.plan
    line = plan.line(number) if plan is not None else None
    if plan is None or line is None or line not in [shared for _s, shared in plan.letters]:
        raise Http404
    figures = plans.debt_inputs(request.GET)
    context = {
        "line": line,
        "share": plan.share_of(line),
        "letters": letters_for("affordability/debts/letter.txt", plans.letter_context(plan, line)),
        "plan_url": _link("debts:plan", figures),
        "language_next": request.get_full_path(),
    }
    return render(request, "affordability/debts/letter.html", context)


def debts_csv_response(forms: plans.DebtForms) -> HttpResponse:
    """The plan as CSV: a row per loan, in the order to pay them, with the plan's figures."""
    plan = forms.plan
    assert plan is not None
    offers = {share.index: share for share, _line in plan.shares}
    header = [
        _("Order"),
        _("Loan"),
        _("Owed now"),
        _("Payment due each month"),
        _("Days late"),
        _("Yearly rate"),
        _("Monthly offer"),
        _("Months to clear at that pace"),
    ]
    rows = []
    for place, (priority, line) in enumerate(plan.order, start=1):
        share = offers[priority.index]
        rows.append(
            [
                place,
                line.title,
                line.debt.owed,
                line.debt.payment,
                line.debt.days_late,
                percent(line.debt.yearly_rate),
                share.offer if plan.shared else line.debt.payment,
                share.months if plan.shared else "",
            ]
        )
    return csv_download([header, *rows], "debt-plan.csv")


@require_safe
def plan_csv(request: HttpRequest) -> HttpResponse:
    forms = plans.run_debts(request.GET)
    if forms.plan is None:
        raise Http404
    return debts_csv_response(forms)
