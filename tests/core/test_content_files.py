"""The guidance files under content/ and the loader that reads them into the database: the files
are complete, a broken folder is refused with one line per problem before anything is written,
and loading is idempotent and authoritative (the database ends up holding exactly what the files
hold), except for the rate lines, which it only adds where missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction

from apps.core.content_files import (
    CONTENT_DIR,
    TOPICS_THE_CODE_NAMES,
    ContentError,
    load_content,
    read_content,
)
from apps.core.models import (
    ChecklistItem,
    CollectionRule,
    Confidence,
    HelpLine,
    RateLine,
    Source,
    Stage,
    StageSection,
    Topic,
    TopicSection,
)
from apps.core.pagecache import content_version

# Every source key the code names (apps/affordability/assess.py) must stay in the files.
SOURCES_THE_CODE_CITES = {
    "fannie-mae-dti",
    "fca-conc-5-2a",
    "emergency-buffer",
    "cash-loan-notice-2017",
    "bank-internet-loans-2020",
    "civil-code-670",
    "pboc-2021-3",
    "mohrss-2008-3",
}
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of content/ to break on purpose."""
    return Path(shutil.copytree(CONTENT_DIR, tmp_path / "content"))


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        read_content(folder)
    return error.value.problems


def test_the_content_files_are_complete_and_consistent():
    content = read_content()
    assert [s.slug for s in content.stages][0] == "before-due"
    assert {t.slug for t in content.topics} >= set(TOPICS_THE_CODE_NAMES)
    keys = {s.key for s in content.sources}
    assert keys >= SOURCES_THE_CODE_CITES
    for key in content.cited_keys():
        source = next(s for s in content.sources if s.key == key)
        assert source.confidence in (Confidence.HIGH, Confidence.MEDIUM), key
    assert {row.code for row in content.rate_lines.rate_lines} == set(RateLine.Code.values)


def test_every_source_has_both_languages_and_a_date_it_was_last_checked():
    for source in read_content().sources:
        assert source.title.zh and source.title.en and source.summary.zh and source.summary.en
        assert source.last_checked.year >= 2025, source.key


# The broken folders issue 20 names, each refused with a line naming the file and the field.
@pytest.mark.parametrize(
    ("filename", "old", "new", "expected"),
    [
        (
            "stages/02-days-1-7.yaml",
            "slug: days-1-7",
            "slug: days 1 7",
            "stages/02-days-1-7.yaml: slug: 'days 1 7' is not a URL slug",
        ),
        (
            "stages/02-days-1-7.yaml",
            "slug: days-1-7",
            "slug: " + "d" * 300,
            "stages/02-days-1-7.yaml: slug: 300 characters long; the database holds at most 40",
        ),
        (
            "stages/04-months-1-3.yaml",
            "first_day: 31",
            "first_day: eight",
            "stages/04-months-1-3.yaml: first_day: expected a whole number of days such as 8, "
            "not 'eight'",
        ),
        (
            "stages/02-days-1-7.yaml",
            "reviewed: 2026-12-04",
            "reviewed: 2026-13-45",
            "stages/02-days-1-7.yaml: reviewed: '2026-13-45' is not a real date",
        ),
        (
            "rules.yaml",
            "reviewed: 2026-12-04",
            "reviewed: soon",
            "rules.yaml: reviewed: expected a date such as 2026-12-01, not 'soon'",
        ),
        (
            "topics/05-evidence.yaml",
            "    sources: [hotline-12378, cba-collection-2026]",
            "    sources: []",
            "topics/05-evidence.yaml: sections[1].sources: must not be empty",
        ),
    ],
)
def test_each_broken_case_is_named_on_a_line_of_its_own(content_copy, filename, old, new, expected):
    _replace(content_copy / filename, old, new)
    problems = _problems(content_copy)
    assert any(line.startswith("content/" + expected) for line in problems), problems


def test_a_missing_file_and_a_file_that_is_not_utf8_are_named(content_copy):
    (content_copy / "rules.yaml").unlink()
    with (content_copy / "help_lines.yaml").open("ab") as file:
        file.write("# 中文".encode("gb18030"))
    problems = _problems(content_copy)
    assert "content/rules.yaml: file: missing (every content folder needs it)" in problems
    assert any(
        p.startswith("content/help_lines.yaml: file: not UTF-8 (byte 0x") for p in problems
    ), problems


@pytest.mark.parametrize(
    ("filename", "change", "message"),
    [
        (
            "stages/02-days-1-7.yaml",
            lambda d: d["sections"]["happens"]["points"][0].update(en=""),
            "sections.happens.points[1].en: the English text (en) is empty",
        ),
        (
            "stages/02-days-1-7.yaml",
            lambda d: d["sections"]["costs"]["points"][1].update(zh="Only English here"),
            "sections.costs.points[2].zh: the Chinese text (zh) is empty",
        ),
        (
            "stages/02-days-1-7.yaml",
            lambda d: d["checklist"][0].update(sources=["no-such-source"]),
            "checklist[1].sources: cites no-such-source, which is not in content/sources.yaml",
        ),
        ("stages/02-days-1-7.yaml", lambda d: d.pop("reviewed"), "reviewed: missing"),
        ("stages/02-days-1-7.yaml", lambda d: d["sections"].pop("may_not"), "may_not: missing"),
        (
            "stages/02-days-1-7.yaml",
            lambda d: d.update(titel=d["title"]),
            "titel: unknown field (a typo?)",
        ),
        (
            "stages/02-days-1-7.yaml",
            lambda d: d["title"].update(en="Late " * 30),
            "title: en is 149 characters long; the database holds at most 100",
        ),
        ("stages/03-days-8-30.yaml", lambda d: d.update(first_day=9), "every day late"),
        ("stages/03-days-8-30.yaml", lambda d: d.update(first_day=7), "every day late"),
        ("stages/03-days-8-30.yaml", lambda d: d.update(last_day=5), "is before first_day"),
        ("stages/03-days-8-30.yaml", lambda d: d.pop("last_day"), "only the last overdue"),
        ("stages/06-over-6-months.yaml", lambda d: d.update(last_day=400), "open-ended"),
        ("stages/07-court.yaml", lambda d: d.update(first_day=500), "only overdue stages"),
        (
            "stages/01-before-due.yaml",
            lambda d: d["topics"].append("no-such-topic"),
            "topics[6]: no topic no-such-topic",
        ),
        (
            "topics/01-talk-to-your-lender.yaml",
            lambda d: d["sections"][0].update(style="poem"),
            "sections[1].style: must be one of points, steps, script, not 'poem'",
        ),
        (
            "scams.yaml",
            lambda d: d["scams"][0].update(points=[]),
            "scams[1].points: must not be empty",
        ),
        (
            "help_lines.yaml",
            lambda d: d["help_lines"].append(d["help_lines"][-1]),
            "help_lines: number 96110 appears twice",
        ),
        (
            "rate_lines.yaml",
            lambda d: d["rate_lines"][0].update(value="0.03%"),
            "rate_lines[1].value: expected a fraction such as 0.12",
        ),
        (
            "rate_lines.yaml",
            lambda d: d["rate_lines"][0].update(lenders=["everyone"]),
            "rate_lines[1].lenders[1]: must be one of bank",
        ),
        (
            "sources.yaml",
            lambda d: d["sources"][0].update(url="example.org"),
            "sources[1].url: expected an address starting with https://",
        ),
    ],
)
def test_a_broken_file_is_refused_and_named(content_copy, filename, change, message):
    _edit(content_copy / filename, change)
    problems = _problems(content_copy)
    assert any(message in p for p in problems), problems
    assert all(p.startswith("content/") for p in problems), problems


def test_every_problem_in_a_folder_is_reported_at_once(content_copy):
    _replace(content_copy / "stages/02-days-1-7.yaml", "slug: days-1-7", "slug: Days_1")
    _replace(content_copy / "topics/05-evidence.yaml", "slug: evidence", "slug: evidence!")
    (content_copy / "scams.yaml").unlink()
    problems = _problems(content_copy)
    assert len(problems) == 3, problems
    assert [p.split(":")[0] for p in problems] == [
        "content/stages/02-days-1-7.yaml",
        "content/topics/05-evidence.yaml",
        "content/scams.yaml",
    ]


def test_a_text_citing_an_unverified_source_is_refused(content_copy):
    def unverify(data):
        for source in data["sources"]:
            if source["key"] == "civil-code-546":
                source["confidence"] = "U"

    _edit(content_copy / "sources.yaml", unverify)
    problems = _problems(content_copy)
    assert any("cites civil-code-546, an unverified source" in p for p in problems), problems


def test_a_gap_left_by_a_removed_stage_is_refused(content_copy):
    (content_copy / "stages" / "04-months-1-3.yaml").unlink()
    problems = _problems(content_copy)
    assert any("first_day: 91" in p for p in problems), problems


def test_a_topic_the_site_links_to_cannot_be_removed(content_copy):
    (content_copy / "topics" / "07-who-rules-bind.yaml").unlink()
    assert "content/topics: slug: the site links to a topic who-rules-bind; keep it" in (
        _problems(content_copy)
    )


def _snapshot() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Source,
            Stage,
            StageSection,
            ChecklistItem,
            Topic,
            TopicSection,
            CollectionRule,
            HelpLine,
            RateLine,
        )
    ] + [
        sorted(StageSection.sources.through.objects.values_list("pk", flat=True)),
        sorted(Stage.topics.through.objects.values_list("pk", flat=True)),
    ]


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load_content(read_content())
    before = _snapshot()
    load_content(read_content())
    assert _snapshot() == before


@pytest.mark.django_db
def test_the_database_holds_what_the_files_hold_and_nothing_else(content_copy):
    Stage.objects.filter(slug="days-1-7").update(title_en="Edited behind the files' back")
    stray = HelpLine.objects.create(
        number="999",
        name_zh="旧",
        name_en="Old",
        when_zh="旧",
        when_en="Old",
        last_reviewed="2020-01-01",
    )
    (content_copy / "topics" / "05-evidence.yaml").unlink()
    for stage in (content_copy / "stages").glob("*.yaml"):
        _edit(stage, lambda d: d.update(topics=[t for t in d["topics"] if t != "evidence"]))
    load_content(read_content(content_copy))
    assert Stage.objects.get(slug="days-1-7").title_en == "Days 1 to 7 late"
    assert not HelpLine.objects.filter(pk=stray.pk).exists()
    assert not Topic.objects.filter(slug="evidence").exists()
    assert Stage.objects.get(slug="court").content_file == "content/stages/07-court.yaml"
    court = Stage.objects.get(slug="court")
    assert list(court.topics.values_list("slug", flat=True)) == [
        "safety-first",
        "is-it-a-crime",
        "family-owes",
        "court-letter",
        "enforcement-limits",
    ]


@pytest.mark.django_db
def test_rate_lines_are_added_where_missing_and_an_administrators_value_is_kept():
    RateLine.objects.filter(code="lpr_1y").update(value="0.029", as_of="2026-06-22")
    RateLine.objects.filter(code="line_36").delete()
    loaded = load_content(read_content())
    assert loaded.new_rate_lines == 1
    assert str(RateLine.objects.get(code="lpr_1y").value) == "0.029000"
    line = RateLine.objects.get(code="line_36")
    assert line.source.key == "cash-loan-notice-2017" and line.lenders.endswith("unknown")


@pytest.mark.django_db
def test_a_source_a_rate_line_cites_cannot_be_removed_from_the_files(content_copy):
    cited = RateLine.objects.get(code="lpr_1y").source.key
    _edit(
        content_copy / "sources.yaml",
        lambda d: d.update(sources=[s for s in d["sources"] if s["key"] != cited]),
    )
    _edit(
        content_copy / "rate_lines.yaml",
        lambda d: [row.update(source="pboc-2021-3") for row in d["rate_lines"]],
    )
    before = _snapshot()
    with pytest.raises(ContentError, match="still cited by"):
        load_content(read_content(content_copy))
    assert _snapshot() == before  # all or nothing


@pytest.mark.django_db
def test_the_command_loads_and_reports(content_copy):
    out = StringIO()
    call_command("load_content", stdout=out)
    assert f"8 stages, {Topic.objects.count()} topics" in out.getvalue()


@pytest.mark.django_db
def test_the_command_refuses_a_broken_folder_and_changes_nothing(content_copy):
    before = _snapshot()
    _replace(content_copy / "stages/02-days-1-7.yaml", "slug: days-1-7", "slug: days 1 7")
    (content_copy / "rules.yaml").unlink()
    err = StringIO()
    with pytest.raises(CommandError, match=r"2 problems in content/: nothing was loaded"):
        call_command("load_content", "--dir", str(content_copy), stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "content/stages/02-days-1-7.yaml: slug: 'days 1 7' is not a URL slug: lower-case "
        "letters and digits joined by single hyphens",
        "content/rules.yaml: file: missing (every content folder needs it)",
    ]
    assert _snapshot() == before


def test_the_command_exits_non_zero_with_no_traceback(content_copy):
    # As an operator runs it: a separate process, its exit status and what it prints.
    _replace(content_copy / "stages/05-months-3-6.yaml", "reviewed: 2026-12-04", "reviewed: x")
    finished = subprocess.run(
        [sys.executable, "manage.py", "load_content", "--dir", str(content_copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_DEBUG": "true",
            "REPAYABLE_DATA_DIR": str(content_copy.parent),
        },
        check=False,
    )
    assert finished.returncode == 1
    assert "Traceback" not in finished.stderr
    assert finished.stderr.splitlines()[0] == (
        "content/stages/05-months-3-6.yaml: reviewed: expected a date such as 2026-12-01, not 'x'"
    )


@pytest.mark.django_db
def test_a_load_that_rolls_back_retires_no_cached_page(django_capture_on_commit_callbacks):
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                load_content(read_content())
                raise RuntimeError("the deploy stopped here")
        except RuntimeError:
            pass
    assert callbacks == [] and content_version() == before
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        load_content(read_content())
    assert len(callbacks) == 1 and content_version() != before


def test_every_yaml_file_is_utf8_and_named_by_its_slug():
    for path in sorted(CONTENT_DIR.rglob("*.yaml")):
        path.read_bytes().decode("utf-8")
    for stage in read_content().stages:
        assert re.fullmatch(r"content/stages/\d\d-[a-z0-9-]+\.yaml", stage.path), stage.path
