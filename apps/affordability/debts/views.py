"""My debts: every loan on one page, which to pay first, a plan, a letter to each lender.

The form posts to itself (/debts/); a valid POST answers with the plan at once. From the plan,
everything that needs its figures (the language switch, each lender's letter, the pack to print,
the CSV, changing the figures, saving) posts them again from one form of hidden fields
(`debts-figures`), so a plan of any size survives and no figure goes into a URL or a server's
log. GET links with the figures
(/debts/plan/?..., /debts/letter/2/?...) still work, for an adviser who chooses to share one.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.affordability import charts
from apps.affordability.csvs import csv_download
from apps.affordability.debts import plan as plans
from apps.core.facts import help_lines, safety_lines
from apps.core.letters import letters_for
from apps.core.models import SavedResult
from apps.core.pagecache import cached_content, shared_page
from apps.core.templatetags.repayable import percent
from apps.finance.budget import DEFAULT_PENALTY_MULTIPLIER
from apps.finance.debts import NEW_LOAN_RATE_BAND
from apps.loans.forms.base import FormData, bounded
from apps.loans.forms.debts import DEBT_BOXES_OPEN, DEBT_PREFIX, TAMPERED_MESSAGE


def _figures(request: HttpRequest) -> FormData:
    """The figures a page was asked with: the POST's fields, or a link's query string."""
    return request.POST if request.method == "POST" else request.GET


def _switch_language(request: HttpRequest) -> str | None:
    """A POST from the plan's own language switch carries `language`: answer in it, and keep it
    for the pages after (the cookie Django's set_language view sets). None when it carries none
    (or one this site does not speak)."""
    code = request.POST.get("language") if request.method == "POST" else None
    if code not in dict(settings.LANGUAGES):
        return None
    translation.activate(code)
    request.LANGUAGE_CODE = code
    return code


def _remember_language(response: HttpResponse, code: str | None) -> HttpResponse:
    if code:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


def _help_html() -> tuple[SafeString, SafeString]:
    """The free help lines and "Safety first", the same on every plan: rendered once per
    language and content version (cached_content, one lookup for both), not on every answer."""

    def render_both() -> tuple[str, str]:
        return (
            str(
                render_to_string("guidance/includes/help_lines.html", {"help_lines": help_lines()})
            ),
            str(
                render_to_string("guidance/includes/safety.html", {"safety_lines": safety_lines()})
            ),
        )

    lines_html, safety_html = cached_content(f"debts-help-{get_language()}", render_both)
    # Our own templates' output, escaped when it was rendered.
    return mark_safe(lines_html), mark_safe(safety_html)


def render_debts_form(request: HttpRequest, forms: plans.DebtForms) -> HttpResponse:
    loans = forms.loans
    folded = loans.forms[DEBT_BOXES_OPEN:]
    if forms.problem:
        box_errors = [TAMPERED_MESSAGE]
    else:
        box_errors = loans.non_form_errors() if loans.is_bound else []
    context = {
        "budget_form": forms.budget,
        "loans": loans,
        "open_boxes": DEBT_BOXES_OPEN,
        "more_open": any(box.initial or (box.is_bound and box.has_changed()) for box in folded),
        "forms": [forms.budget, *loans.forms],
        "box_errors": box_errors,
        "box_errors_target": f"id_{DEBT_PREFIX}-0-owed",
        "has_errors": bool(forms.problem)
        or (forms.budget.is_bound and bool(forms.budget.errors))
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
    pack: bool = False,
) -> HttpResponse:
    """The plan; with `pack`, the pack to print: the plan, then each lender's letter on a page
    of its own (rendered only then: the letters are a tenth of the plan's cost)."""
    plan = forms.plan
    assert plan is not None
    picture = plan.picture
    sources = plan.sources
    help_html, safety_html = _help_html()
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
            months=[(month.plan, month.spiral) for month in plan.spiral.months],
        )
        if plan.spiral
        else None,
        "rate_band": NEW_LOAN_RATE_BAND,
        "sources": sources,
        "order": [(priority, line, sources[priority.reason]) for priority, line in plan.order],
        "delay_multiplier": DEFAULT_PENALTY_MULTIPLIER,
        "help_lines_html": help_html,
        # As on the guide's stage pages: from the second week late, and in court.
        "safety_html": safety_html
        if any(
            (line.stage and line.stage.shows_safety_first) or line.debt.in_court
            for line in plan.lines
        )
        else "",
        "pack": pack,
        "printed_letters": [
            (line, letters_for("affordability/debts/letter.txt", plans.letter_context(plan, line)))
            for line in plan.letters
        ]
        if pack
        else [],
        # Where the language switch posts the figures: back to this page, in the other language.
        "figures_action": reverse("debts:pack" if pack else "debts:plan"),
        # A saved plan is switched by Django's own view, back to its private link; any other by
        # posting its figures to the plan (the figures form).
        "language_next": reverse("affordability:saved", args=[token]) if token else "",
        "csv_url": reverse("affordability:saved_debts_csv", args=[token]) if token else "",
        "inputs": figures,
        "kind": SavedResult.Kind.DEBTS,
        "saved": saved,
        "token": token,
        "saved_days": settings.REPAYABLE_SAVED_RESULT_DAYS,
        "today": timezone.localdate(),
    }
    return render(request, "affordability/debts/result.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@shared_page
def form(request: HttpRequest) -> HttpResponse:
    """The form, blank or pre-filled by a link, by the plan's "Change the figures" (a POST with
    `change`) or by its own language switch (a POST with `language`: what is typed comes back in
    the other language); a POST answers with the plan."""
    language = _switch_language(request)
    if request.method == "POST" and not (request.POST.get("change") or language):
        forms = plans.run_debts(request.POST)
        if forms.plan is None:
            return render_debts_form(request, forms)
        return render_debts_result(request, forms, plans.debt_inputs(request.POST))
    typed = plans.debt_inputs(request.POST) if request.method == "POST" else request.GET.dict()
    response = render_debts_form(request, plans.run_debts(None, initial=bounded(typed)))
    return _remember_language(response, language)


@require_http_methods(["GET", "HEAD", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    """The plan rebuilt from its figures: posted by the plan's own language switch and a
    letter's way back, or in a link an adviser shares."""
    language = _switch_language(request)
    data = _figures(request)
    forms = plans.run_debts(data)
    if forms.plan is None:
        return _remember_language(render_debts_form(request, forms), language)
    response = render_debts_result(request, forms, plans.debt_inputs(data))
    return _remember_language(response, language)


@require_http_methods(["GET", "HEAD", "POST"])
def pack(request: HttpRequest) -> HttpResponse:
    """The pack to print for an adviser: the plan, then each lender's letter on a page of its
    own; posted from the plan ("Print the whole pack"), or a link's figures."""
    language = _switch_language(request)
    data = _figures(request)
    forms = plans.run_debts(data)
    if forms.plan is None:
        return _remember_language(render_debts_form(request, forms), language)
    response = render_debts_result(request, forms, plans.debt_inputs(data), pack=True)
    return _remember_language(response, language)


@require_http_methods(["GET", "HEAD", "POST"])
def letter(request: HttpRequest, number: int) -> HttpResponse:
    """The letter to one lender, with its figures from the plan and blanks for the rest. Only
    lenders the plan offers less than is due, or less than the interest, get one."""
    language = _switch_language(request)
    data = _figures(request)
    plan = plans.run_debts(data).plan
    line = plan.line(number) if plan is not None else None
    if plan is None or line is None or line not in plan.letters:
        raise Http404
    context = {
        "line": line,
        "plan": plan,
        "letters": letters_for("affordability/debts/letter.txt", plans.letter_context(plan, line)),
        "inputs": plans.debt_inputs(data),
    }
    return _remember_language(render(request, "affordability/debts/letter.html", context), language)


def debts_csv_response(forms: plans.DebtForms) -> HttpResponse:
    """The plan as CSV: a row per loan, in the order to pay them, with the plan's figures."""
    plan = forms.plan
    assert plan is not None
    header = [
        _("Order"),
        _("Loan"),
        _("Owed now"),
        _("Payment due each month"),
        _("Days late"),
        _("Yearly rate"),
        _("Monthly offer"),
        _("Months to clear at that pace"),
        _("Interest this month"),
        _("Short of the payment due"),
    ]
    rows = []
    for place, (_priority, line) in enumerate(plan.order, start=1):
        outlook = line.outlook
        rows.append(
            [
                place,
                line.title,
                line.debt.owed,
                line.debt.payment,
                line.debt.days_late,
                percent(line.debt.yearly_rate),
                outlook.offer,
                outlook.months_without_interest if plan.shared else "",
                outlook.interest,
                outlook.short,
            ]
        )
    return csv_download([header, *rows], "debt-plan.csv")


@require_http_methods(["GET", "HEAD", "POST"])
def plan_csv(request: HttpRequest) -> HttpResponse:
    forms = plans.run_debts(_figures(request))
    if forms.plan is None:
        raise Http404
    return debts_csv_response(forms)
