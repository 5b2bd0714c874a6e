"""Overdue guidance: the stages, the days-overdue calculator, printable guides, letters."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.core.models import Confidence, RateLine, Source


@require_GET
def timeline(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/timeline.html")


@require_GET
def sources(request: HttpRequest) -> HttpResponse:
    # Unverified facts never reach a page.
    context = {
        "sources": Source.objects.exclude(confidence=Confidence.UNVERIFIED),
        "rate_lines": RateLine.objects.select_related("source"),
    }
    return render(request, "guidance/sources.html", context)
