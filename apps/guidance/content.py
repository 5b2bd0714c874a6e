"""Reading the guidance content: stages with their sections and checklists, and where each source
is used. Queries only; the text itself lives in the database (apps.core models)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.models import (
    ChecklistItem,
    CollectionRule,
    Confidence,
    HelpLine,
    ScamWarning,
    Source,
    Stage,
    StageSection,
)
from apps.core.templatetags.repayable import tr

# Unverified facts never reach a page, even if an editor cites one by mistake.
_SHOWN_SOURCES = Source.objects.exclude(confidence=Confidence.UNVERIFIED)


def _with_sources(model: type) -> QuerySet:
    return model.objects.prefetch_related(Prefetch("sources", queryset=_SHOWN_SOURCES))


def stages() -> QuerySet[Stage]:
    """Every stage, in order, with its sections and checklist (and their sources) loaded."""
    return Stage.objects.prefetch_related(
        Prefetch("sections", queryset=_with_sources(StageSection)),
        Prefetch("checklist", queryset=_with_sources(ChecklistItem)),
    )


def rules() -> QuerySet[CollectionRule]:
    return _with_sources(CollectionRule)


def scams() -> QuerySet[ScamWarning]:
    return _with_sources(ScamWarning)


def help_lines() -> QuerySet[HelpLine]:
    return _with_sources(HelpLine)


def stage_for_days(days: int) -> Stage | None:
    """The stage a payment `days` days overdue is in: 0 means not yet late."""
    if days <= 0:
        return stages().filter(phase=Stage.Phase.BEFORE).first()
    overdue = stages().filter(phase=Stage.Phase.OVERDUE, first_day__lte=days)
    return (
        overdue.filter(last_day__gte=days).first() or overdue.filter(last_day__isnull=True).first()
    )


@dataclass(frozen=True)
class Use:
    """One place on the guidance pages where a source is cited."""

    label: str
    url: str


def source_uses() -> dict[int, list[Use]]:
    """Source id -> every guidance text that cites it, labelled in the reader's language."""
    uses: dict[int, list[Use]] = defaultdict(list)
    for stage in stages():
        url = reverse("guidance:stage", args=[stage.slug])
        for section in stage.ordered_sections:
            for source in section.sources.all():
                uses[source.id].append(
                    Use(
                        f"{tr(stage, 'title')}: {section.get_kind_display()}",
                        f"{url}#{stage.slug}-{section.kind}",
                    )
                )
        cited = {source.id for item in stage.checklist.all() for source in item.sources.all()}
        for source_id in cited:
            uses[source_id].append(
                Use(f"{tr(stage, 'title')}: {_('What to do now')}", f"{url}#{stage.slug}-todo")
            )
    rights = reverse("guidance:rights")
    for rule in rules():
        for source in rule.sources.all():
            uses[source.id].append(Use(tr(rule, "rule"), f"{rights}#rule-{rule.code}"))
    for line in help_lines():
        for source in line.sources.all():
            uses[source.id].append(Use(f"{line.number} {tr(line, 'name')}", f"{rights}#help"))
    scam_page = reverse("guidance:scams")
    for scam in scams():
        for source in scam.sources.all():
            uses[source.id].append(Use(tr(scam, "title"), f"{scam_page}#scam-{scam.code}"))
    return uses
