"""Overdue guidance: the stages, the days-overdue calculator, printable guides, letters."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from apps.core.content_files import WHO_RULES_BIND
from apps.core.facts import help_lines, safety_lines
from apps.core.letters import letters_for
from apps.core.models import Confidence, RateLine, Source
from apps.core.pagecache import shared_page
from apps.guidance import content
from apps.guidance.calculator import run as run_calculator
from apps.guidance.forms import (
    LOOK_AHEAD_DAYS,
    ComplaintLetterForm,
    DaysLateForm,
    PlanLetterForm,
)

# Empty rows in the printed contact log: one A4 page.
LOG_ROWS = 15


@require_safe
@shared_page
def timeline(request: HttpRequest) -> HttpResponse:
    context = {"stages": content.stages(), "topics": content.topics(), "form": DaysLateForm()}
    return render(request, "guidance/timeline.html", context)


@require_safe
@shared_page
def stage(request: HttpRequest, slug: str) -> HttpResponse:
    stages = list(content.stages())
    index = next((i for i, s in enumerate(stages) if s.slug == slug), None)
    if index is None:
        raise Http404("no such stage")
    context = {
        "stage": stages[index],
        "previous": stages[index - 1] if index > 0 else None,
        "next": stages[index + 1] if index + 1 < len(stages) else None,
        "safety_lines": safety_lines() if stages[index].shows_safety_first else None,
        "who_binds": content.who_rules_bind(),
    }
    return render(request, "guidance/stage.html", context)


@require_safe
@shared_page
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = content.topics().filter(slug=slug).first()
    if found is None:
        raise Http404("no such topic")
    context = {
        "topic": found,
        "safety_lines": safety_lines() if found.shows_safety_first else None,
        # The stages this topic matters at, linked back from its page.
        "stages": list(found.stages.all()),
    }
    return render(request, "guidance/topic.html", context)


@require_safe
@shared_page
def guide(request: HttpRequest) -> HttpResponse:
    stages, topics = list(content.stages()), list(content.topics())
    rules, lines, scams = list(content.rules()), help_lines(), list(content.scams())
    # Numbered sections: the contents list names each by its number, and a stage names the
    # topics it needs by theirs, on paper as on screen.
    for number, stage in enumerate(stages, 1):
        stage.number = f"1.{number}"
    for number, topic in enumerate(topics, 1):
        topic.number = f"2.{number}"
    numbered = {topic.slug: topic for topic in topics}
    for stage in stages:
        stage.topic_links = [numbered[t.slug] for t in stage.topics.all() if t.slug in numbered]
    # The booklet ends with every source it cites, so the paper copy stands on its own.
    cited = {
        source.id: source
        for item in [*rules, *lines, *scams]
        + [row for s in stages for row in [*s.ordered_sections, *s.checklist.all()]]
        + [section for t in topics for section in t.sections.all()]
        for source in item.sources.all()
    }
    context = {
        "stages": stages,
        "topics": topics,
        "safety_lines": safety_lines(),
        "who_binds": next((t for t in topics if t.slug == WHO_RULES_BIND), None),
        "rules": rules,
        "help_lines": lines,
        "scams": scams,
        "cited_sources": sorted(cited.values(), key=lambda s: (s.sort_order, s.key)),
        "log_rows": range(LOG_ROWS),
    }
    return render(request, "guidance/guide.html", context)


@require_safe
@shared_page
def rights(request: HttpRequest) -> HttpResponse:
    context = {
        "rules": content.rules(),
        "help_lines": help_lines(),
        "who_binds": content.who_rules_bind(),
        "log_rows": range(LOG_ROWS),
        "complaint_url": reverse("guidance:letter_complaint"),
    }
    return render(request, "guidance/rights.html", context)


@require_safe
@shared_page
def scams(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/scams.html", {"scams": content.scams()})


@require_safe
@shared_page
def letters(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/letters/index.html")


def _error_summary(forms: list) -> dict[str, object]:
    """Context for the shared error summary (templates/includes/error_summary.html)."""
    return {"forms": forms, "has_errors": any(f.is_bound and f.errors for f in forms)}


@require_safe
@shared_page
def letter_statement(request: HttpRequest) -> HttpResponse:
    context = {"letters": letters_for("guidance/letters/statement.txt", {})}
    return render(request, "guidance/letters/statement.html", context)


@require_safe
@shared_page
def letter_plan(request: HttpRequest) -> HttpResponse:
    form = PlanLetterForm(request.GET or None)
    letters = []
    if form.is_valid():
        letters = letters_for("guidance/letters/plan.txt", form.cleaned_data)
    context = {"form": form, "letters": letters, **_error_summary([form])}
    return render(request, "guidance/letters/plan.html", context)


@require_safe
@shared_page
def letter_complaint(request: HttpRequest) -> HttpResponse:
    form = ComplaintLetterForm(request.GET or None)
    letters = []
    if form.is_valid():
        letters = letters_for("guidance/letters/complaint.txt", {"rules": form.broken_rules()})
    context = {
        "form": form,
        "letters": letters,
        "who_binds": content.who_rules_bind(),
        **_error_summary([form]),
    }
    return render(request, "guidance/letters/complaint.html", context)


@require_safe
@shared_page
def calculator(request: HttpRequest) -> HttpResponse:
    calc = run_calculator(request.GET)
    context = {
        "calc": calc,
        "form": calc.form,
        "loan": calc.loan,
        **_error_summary([calc.form, calc.loan.form]),
        "result": calc.result,
        "look_ahead": LOOK_AHEAD_DAYS,
    }
    return render(request, "guidance/calculator.html", context)


@require_safe
@shared_page
def sources(request: HttpRequest) -> HttpResponse:
    # Unverified facts never reach a page.
    shown = list(Source.objects.exclude(confidence=Confidence.UNVERIFIED))
    uses = content.source_uses()
    for source in shown:
        source.uses = uses.get(source.id, [])
    context = {"sources": shown, "rate_lines": RateLine.objects.select_related("source")}
    return render(request, "guidance/sources.html", context)
