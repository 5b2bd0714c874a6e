"""Scoring pages: the verdict, its schedule, the printable summary, save/share/delete."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def how_we_assess(request: HttpRequest) -> HttpResponse:
    return render(request, "affordability/how_we_assess.html")
