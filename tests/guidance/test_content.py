"""The guidance as the pages read it (apps.guidance.content), loaded from content/: every stage
has every section and a checklist, in both languages, each with a source and a review date; no
unverified fact is cited; every number of days late finds its stage, even if the rows ever
disagreed with the files."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from apps.core.content_files import read_content
from apps.core.facts import CRISIS_LINE, SAFETY_LINES
from apps.core.models import (
    SAFETY_FIRST_FROM_DAY,
    ChecklistItem,
    CollectionRule,
    Confidence,
    HelpLine,
    ScamWarning,
    Stage,
    StageSection,
    Topic,
    TopicSection,
)
from apps.core.pagecache import bump_content_version
from apps.core.stages import stage_for_days
from apps.guidance.forms import MAX_DAYS
from tests.guidance.helpers import STAGE_SLUGS

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
TOPIC_SLUGS = [
    "safety-first",
    "talk-to-your-lender",
    "credit-report",
    "debt-sold",
    "family-and-friends",
    "evidence",
    "complaints",
    "who-rules-bind",
    # What borrowers ask next, in the order an adviser meets it.
    "is-it-a-crime",
    "family-owes",
    "court-letter",
    "enforcement-limits",
    "acceleration",
    "illegal-lenders",
    "other-credit-bureaus",
    "essentials-first",
    "home-visits",
]


def _problems(row: object, fields: tuple[str, ...]) -> list[str]:
    """What is missing on one guidance row: a text in either language, a source, a date."""
    found = []
    for field in fields:
        zh, en = getattr(row, f"{field}_zh"), getattr(row, f"{field}_en")
        if not CJK.search(zh):
            found.append(f"{row}: {field}_zh has no Chinese")
        if not re.search("[A-Za-z]", en):
            found.append(f"{row}: {field}_en is empty or not English")
        if len(zh.splitlines()) != len(en.splitlines()):
            found.append(f"{row}: {field} has a different number of points in each language")
    if not row.sources.exists():
        found.append(f"{row}: no source")
    if row.last_reviewed is None:
        found.append(f"{row}: no review date")
    return found


def test_the_stages_run_from_before_the_due_date_through_court_to_after_settling():
    assert list(Stage.objects.values_list("slug", flat=True)) == STAGE_SLUGS
    assert list(Topic.objects.values_list("slug", flat=True)) == TOPIC_SLUGS


def test_every_stage_has_every_section_in_both_languages_with_a_source_and_a_date():
    problems = []
    for stage in Stage.objects.all():
        kinds = sorted(stage.sections.values_list("kind", flat=True))
        if kinds != sorted(StageSection.Kind.values):
            problems.append(f"{stage.slug}: sections {kinds}")
        for section in stage.sections.all():
            problems += _problems(section, ("body",))
        if not CJK.search(stage.title_zh + stage.headline_zh) or not stage.title_en:
            problems.append(f"{stage.slug}: title or headline missing")
    assert problems == []


def test_every_stage_has_a_checklist_in_both_languages_with_sources_and_dates():
    problems = []
    for stage in Stage.objects.all():
        items = list(stage.checklist.all())
        if not 3 <= len(items) <= 7:
            problems.append(f"{stage.slug}: {len(items)} checklist items; keep it short but real")
        for item in items:
            problems += _problems(item, ("text",))
    assert problems == []


def test_every_topic_rule_scam_warning_and_help_line_is_complete():
    problems = []
    for section in TopicSection.objects.all():
        problems += _problems(section, ("heading", "body"))
    for rule in CollectionRule.objects.all():
        problems += _problems(rule, ("rule", "breaks"))
    for scam in ScamWarning.objects.all():
        problems += _problems(scam, ("title", "body", "advice"))
    for line in HelpLine.objects.all():
        problems += _problems(line, ("name", "when"))
    assert problems == []
    assert {s.code for s in ScamWarning.objects.all()} == {
        "anti-collection-agents",
        "fake-collectors",
        "credit-repair",
        "loans-to-repay-loans",
    }
    assert {"12378", "12345", "12363", "12348", CRISIS_LINE, "110", "120", "96110"} == set(
        HelpLine.objects.values_list("number", flat=True)
    )


def test_no_guidance_text_cites_an_unverified_source():
    cited = []
    for model in (
        StageSection,
        ChecklistItem,
        TopicSection,
        CollectionRule,
        ScamWarning,
        HelpLine,
    ):
        for row in model.objects.prefetch_related("sources"):
            cited += [f"{row}: {s.key}" for s in row.sources.all() if s.confidence == "U"]
    assert cited == []
    assert Confidence.UNVERIFIED == "U"


def test_overdue_stages_cover_every_day_exactly_once():
    spans = Stage.objects.filter(phase=Stage.Phase.OVERDUE).order_by("first_day")
    days = [(s.first_day, s.last_day) for s in spans]
    assert days[0][0] == 1
    assert days[-1][1] is None, "the last stage must be open-ended"
    for (_, last), (first, _) in zip(days, days[1:], strict=False):
        assert first == last + 1


@pytest.mark.parametrize(
    ("days", "slug"),
    [
        (0, "before-due"),
        (1, "days-1-7"),
        (7, "days-1-7"),
        (8, "days-8-30"),
        (30, "days-8-30"),
        (31, "months-1-3"),
        (40, "months-1-3"),
        (90, "months-1-3"),
        (91, "months-3-6"),
        (180, "months-3-6"),
        (181, "over-6-months"),
        (3650, "over-6-months"),
    ],
)
def test_days_late_pick_the_stage_whose_span_holds_them(days, slug):
    assert stage_for_days(days).slug == slug


def test_stage_pages_from_the_second_week_late_and_in_court_open_with_safety_first(en):
    shown = []
    for stage in Stage.objects.all():
        html = en.get(reverse("guidance:stage", args=[stage.slug])).content.decode()
        if 'class="safety"' in html:
            shown.append(stage.slug)
            box = html.split('class="safety"')[1].split("</aside>")[0]
            numbers = [n for n in SAFETY_LINES if f'href="tel:{n}"' in box]
            assert numbers == list(SAFETY_LINES), stage.slug
            assert "not legal advice" in box
    expected = [
        s.slug
        for s in Stage.objects.all()
        if s.phase == Stage.Phase.COURT
        or (s.phase == Stage.Phase.OVERDUE and s.first_day >= SAFETY_FIRST_FROM_DAY)
    ]
    assert shown == expected == ["days-8-30", "months-1-3", "months-3-6", "over-6-months", "court"]


@pytest.mark.parametrize("slug", ["family-and-friends", "family-owes", "home-visits"])
def test_topics_about_danger_at_home_open_with_safety_first(zh, slug):
    html = zh.get(reverse("guidance:topic", args=[slug])).content.decode()
    box = html.split('class="safety"')[1].split("</aside>")[0]
    assert all(f'href="tel:{n}"' in box for n in SAFETY_LINES)
    assert "不是法律意见" in box


def test_every_new_topic_is_linked_from_a_stage_and_links_back():
    content = read_content()
    linked = {slug for stage in content.stages for slug in stage.topics}
    assert set(TOPIC_SLUGS[8:]) | {"safety-first"} <= linked
    for stage in Stage.objects.prefetch_related("topics"):
        for topic in stage.topics.all():
            assert stage in topic.stages.all()


def test_a_gap_in_the_stages_never_breaks_the_calculator(en):
    # The files cannot hold a gap (load_content refuses it) and the admin cannot edit stages,
    # but should the rows ever have one, the nearest earlier stage answers.
    # (Only load_content and the admin change these rows, and both retire the cached copies.)
    Stage.objects.filter(slug="months-1-3").delete()
    bump_content_version()
    assert stage_for_days(40).slug == "days-8-30"
    for days in (0, 1, 31, 40, 90, 91, MAX_DAYS):
        response = en.get(reverse("guidance:calculator"), {"days": days})
        assert response.status_code == 200, days
    Stage.objects.all().delete()
    bump_content_version()
    assert stage_for_days(40) is None
    assert en.get(reverse("guidance:calculator"), {"days": 40}).status_code == 200
