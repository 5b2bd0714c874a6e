"""The guidance files under content/ and the loader that reads them into the database: the files
are complete, a broken file is refused before anything is written, and loading is idempotent and
authoritative (the database ends up holding exactly what the files hold)."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from apps.core.content_files import (
    CONTENT_DIR,
    ContentError,
    load_content,
    read_content,
)
from apps.core.models import (
    ChecklistItem,
    Confidence,
    HelpLine,
    RateLine,
    Source,
    Stage,
    StageSection,
    Topic,
    TopicSection,
)

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


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of content/ to break on purpose."""
    return Path(shutil.copytree(CONTENT_DIR, tmp_path / "content"))


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_content_files_are_complete_and_consistent():
    content = read_content()
    assert [s.slug for s in content.stages][0] == "before-due"
    assert len(content.topics) == 6
    keys = {s.key for s in content.sources}
    assert keys >= SOURCES_THE_CODE_CITES
    for key in content.cited_keys():
        source = next(s for s in content.sources if s.key == key)
        assert source.confidence in (Confidence.HIGH, Confidence.MEDIUM), key


def test_every_source_has_both_languages_and_a_date_it_was_last_checked():
    for source in read_content().sources:
        assert source.title.zh and source.title.en and source.summary.zh and source.summary.en
        assert source.last_checked.year >= 2025, source.key


@pytest.mark.parametrize(
    ("filename", "change", "message"),
    [
        (
            "stages/02-days-1-7.yaml",
            lambda d: d["sections"]["happens"]["points"][0].update(en=""),
            "English text (en) is empty",
        ),
        (
            "stages/02-days-1-7.yaml",
            lambda d: d["sections"]["costs"]["points"][1].update(zh="Only English here"),
            "Chinese text (zh) is empty",
        ),
        (
            "stages/02-days-1-7.yaml",
            lambda d: d["checklist"][0].update(sources=[]),
            "needs at least one source",
        ),
        (
            "stages/02-days-1-7.yaml",
            lambda d: d["checklist"][0].update(sources=["no-such-source"]),
            "cites no-such-source, which is not in content/sources.yaml",
        ),
        ("stages/02-days-1-7.yaml", lambda d: d.pop("reviewed"), "missing reviewed"),
        ("stages/02-days-1-7.yaml", lambda d: d.update(reviewed="soon"), "expected a date"),
        (
            "stages/02-days-1-7.yaml",
            lambda d: d["sections"].pop("may_not"),
            "missing may_not",
        ),
        ("stages/02-days-1-7.yaml", lambda d: d.update(titel=d["title"]), "unknown titel"),
        ("stages/03-days-8-30.yaml", lambda d: d.update(first_day=9), "every day late"),
        ("stages/03-days-8-30.yaml", lambda d: d.update(first_day=7), "every day late"),
        ("stages/03-days-8-30.yaml", lambda d: d.pop("last_day"), "only the last overdue"),
        ("stages/06-over-6-months.yaml", lambda d: d.update(last_day=400), "open-ended"),
        ("stages/07-court.yaml", lambda d: d.update(first_day=500), "only overdue stages"),
        (
            "topics/01-talk-to-your-lender.yaml",
            lambda d: d["sections"][0].update(style="poem"),
            "style must be one of",
        ),
        (
            "help_lines.yaml",
            lambda d: d["help_lines"].append(d["help_lines"][0]),
            "appears twice",
        ),
    ],
)
def test_a_broken_file_is_refused_and_named(content_copy, filename, change, message):
    _edit(content_copy / filename, change)
    with pytest.raises(ContentError, match=re.escape(message)) as error:
        read_content(content_copy)
    assert filename.split("/")[-1] in str(error.value) or "content/stages" in str(error.value)


def test_a_text_citing_an_unverified_source_is_refused(content_copy):
    def unverify(data):
        for source in data["sources"]:
            if source["key"] == "civil-code-546":
                source["confidence"] = "U"

    _edit(content_copy / "sources.yaml", unverify)
    with pytest.raises(ContentError, match="cites civil-code-546, an unverified source"):
        read_content(content_copy)


def test_a_gap_left_by_a_removed_stage_is_refused(content_copy):
    (content_copy / "stages" / "04-months-1-3.yaml").unlink()
    with pytest.raises(ContentError, match="first_day is 91"):
        read_content(content_copy)


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    def snapshot() -> list:
        return [
            list(model.objects.order_by("pk").values())
            for model in (Source, Stage, StageSection, ChecklistItem, Topic, TopicSection)
        ] + [sorted(StageSection.sources.through.objects.values_list("pk", flat=True))]

    load_content(read_content())
    before = snapshot()
    load_content(read_content())
    assert snapshot() == before


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
    load_content(read_content(content_copy))
    assert Stage.objects.get(slug="days-1-7").title_en == "Days 1 to 7 late"
    assert not HelpLine.objects.filter(pk=stray.pk).exists()
    assert not Topic.objects.filter(slug="evidence").exists()
    assert Stage.objects.get(slug="court").content_file == "content/stages/07-court.yaml"


@pytest.mark.django_db
def test_a_source_a_rate_line_cites_cannot_be_removed_from_the_files(content_copy):
    cited = RateLine.objects.get(code="lpr_1y").source.key
    _edit(
        content_copy / "sources.yaml",
        lambda d: d.update(sources=[s for s in d["sources"] if s["key"] != cited]),
    )
    with pytest.raises(ContentError, match="still cited by"):
        load_content(read_content(content_copy))
    assert Source.objects.filter(key=cited).exists()


@pytest.mark.django_db
def test_the_command_loads_and_reports_and_refuses_broken_files(content_copy):
    out = StringIO()
    call_command("load_content", stdout=out)
    assert "8 stages, 6 topics" in out.getvalue()
    _edit(content_copy / "rules.yaml", lambda d: d.pop("reviewed"))
    with pytest.raises(CommandError, match="rules.yaml: file: missing reviewed"):
        call_command("load_content", "--dir", str(content_copy), stdout=StringIO())
