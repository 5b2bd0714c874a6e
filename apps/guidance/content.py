"""Reading the guidance content: stages with their sections and checklists, help topics, and where
each source is used. Queries only; the text comes from the files under content/, which
`manage.py load_content` reads into the database (apps.core.content_files)."""

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
    Topic,
    TopicSection,
)
from apps.core.templatetags.repayable import tr

# The national psychological help line (FACTS.md, "Where to get help").
CRISIS_LINE = "12356"

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


def topics() -> QuerySet[Topic]:
    """Every help topic, in order, with its sections (and their sources) loaded."""
    return Topic.objects.prefetch_related(
        Prefetch("sections", queryset=_with_sources(TopicSection))
    )


def crisis_line() -> HelpLine | None:
    """The psychological help line that stage pages from a month late show (CRISIS_LINE)."""
    return help_lines().filter(number=CRISIS_LINE).first()


def stage_for_days(days: int) -> Stage | None:
    """The stage a payment `days` days overdue is in: 0 means not yet late.

    load_content refuses stage files with a gap or an overlap in their days, and the admin shows
    stages read-only, so every day has exactly one stage. Should the rows ever disagree with
    that, the nearest stage that began on or before that day answers, never an error."""
    rows = list(stages())
    if days <= 0:
        before = [s for s in rows if s.phase == Stage.Phase.BEFORE]
        if before:
            return before[0]
    overdue = sorted(
        (s for s in rows if s.phase == Stage.Phase.OVERDUE), key=lambda s: s.first_day or 0
    )
    started = [s for s in overdue if (s.first_day or 0) <= days]
    holding = [s for s in started if s.last_day is None or s.last_day >= days]
    if holding:
        return holding[0]
    if started:
        return started[-1]
    return overdue[0] if overdue else (rows[0] if rows else None)


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
    for topic in topics():
        url = reverse("guidance:topic", args=[topic.slug])
        for section in topic.sections.all():
            for source in section.sources.all():
                uses[source.id].append(
                    Use(
                        f"{tr(topic, 'title')}: {tr(section, 'heading')}",
                        f"{url}#{topic.slug}-{section.sort_order}",
                    )
                )
    scam_page = reverse("guidance:scams")
    for scam in scams():
        for source in scam.sources.all():
            uses[source.id].append(Use(tr(scam, "title"), f"{scam_page}#scam-{scam.code}"))
    return uses
