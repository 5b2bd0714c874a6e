"""Reading the guidance content: stages with their sections and checklists, help topics, and where
each source is used. Queries only; the text comes from the files under content/, which
`manage.py load_content` reads into the database (apps.core.content_files)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.content_files import WHO_RULES_BIND
from apps.core.facts import help_lines, shown_sources
from apps.core.models import (
    ChecklistItem,
    CollectionRule,
    ScamWarning,
    Stage,
    StageSection,
    Topic,
    TopicSection,
)
from apps.core.templatetags.repayable import tr


def _with_sources(model: type) -> QuerySet:
    # Unverified facts never reach a page, even if an editor cites one by mistake.
    return model.objects.prefetch_related(Prefetch("sources", queryset=shown_sources()))


def stages() -> QuerySet[Stage]:
    """Every stage, in order, with its sections, checklist (and their sources) and help topics
    loaded."""
    return Stage.objects.prefetch_related(
        Prefetch("sections", queryset=_with_sources(StageSection)),
        Prefetch("checklist", queryset=_with_sources(ChecklistItem)),
        "topics",
    )


def rules() -> QuerySet[CollectionRule]:
    return _with_sources(CollectionRule)


def scams() -> QuerySet[ScamWarning]:
    return _with_sources(ScamWarning)


def topics() -> QuerySet[Topic]:
    """Every help topic, in order, with its sections (and their sources) loaded."""
    return Topic.objects.prefetch_related(
        Prefetch("sections", queryset=_with_sources(TopicSection))
    )


def who_rules_bind() -> Topic | None:
    """The topic every page with collection rules shows in brief: an association's rules bind
    its members, the law binds every collector (content/topics/, WHO_RULES_BIND)."""
    return topics().filter(slug=WHO_RULES_BIND).first()


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
