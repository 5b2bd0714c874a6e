"""The guidance content, read from the files under content/ into the database.

The files are the source of truth: reviewed like code, each text in Chinese and English side by
side with its sources and the date it was last reviewed. `manage.py load_content` runs
`load_content()` after `migrate` (make run, the tests' database, every deployment); it makes the
database match the files, rows the files no longer hold included, so running it twice changes
nothing. The admin shows these rows read-only, with the path of the file they came from.

`read_content()` only reads and checks the files; nothing reaches the database unless every file
is complete (both languages, sources that exist and are not unverified, a review date, stage
spans that cover every day from 0 on once). The rate lines and the LPR are not here: they stay
editable in the admin (apps.core.admin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError

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
from apps.core.pagecache import bump_content_version

CONTENT_DIR = settings.BASE_DIR / "content"
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


class ContentError(ValueError):
    """A content file is incomplete or wrong; the message names the file and the place."""


@dataclass(frozen=True)
class Text:
    zh: str
    en: str


@dataclass(frozen=True)
class Cited:
    """Points (one short sentence each) in both languages, with the sources they rest on."""

    points: tuple[Text, ...]
    sources: tuple[str, ...]

    def body(self, language: str) -> str:
        return "\n".join(getattr(point, language) for point in self.points)


@dataclass(frozen=True)
class SourceFile:
    key: str
    confidence: str
    last_checked: date
    url: str
    title: Text
    summary: Text


@dataclass(frozen=True)
class StageFile:
    path: str
    slug: str
    phase: str
    first_day: int | None
    last_day: int | None
    reviewed: date
    title: Text
    headline: Text
    sections: dict[str, Cited]
    checklist: tuple[tuple[Text, tuple[str, ...]], ...]


@dataclass(frozen=True)
class TopicSectionFile:
    heading: Text
    style: str
    cited: Cited


@dataclass(frozen=True)
class TopicFile:
    path: str
    slug: str
    reviewed: date
    title: Text
    summary: Text
    sections: tuple[TopicSectionFile, ...]


@dataclass(frozen=True)
class ListFile:
    """rules.yaml, scams.yaml, help_lines.yaml: a review date and a list of rows."""

    path: str
    reviewed: date
    rows: tuple[dict[str, Any], ...]


@dataclass
class Content:
    sources_path: str = ""
    sources: list[SourceFile] = field(default_factory=list)
    stages: list[StageFile] = field(default_factory=list)
    topics: list[TopicFile] = field(default_factory=list)
    rules: ListFile | None = None
    scams: ListFile | None = None
    help_lines: ListFile | None = None

    def cited_keys(self) -> dict[str, set[str]]:
        """Where each source key is cited: key -> the files citing it."""
        cited: dict[str, set[str]] = {}

        def note(keys: tuple[str, ...], path: str) -> None:
            for key in keys:
                cited.setdefault(key, set()).add(path)

        for stage in self.stages:
            for section in stage.sections.values():
                note(section.sources, stage.path)
            for _, keys in stage.checklist:
                note(keys, stage.path)
        for topic in self.topics:
            for section in topic.sections:
                note(section.cited.sources, topic.path)
        for listed in (self.rules, self.scams, self.help_lines):
            for row in listed.rows if listed else ():
                note(row["sources"], listed.path)
        return cited


class _Reader:
    """Checks one file's data as it reads it, naming the file and the place of every problem."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> ContentError:
        return ContentError(f"{self.path}: {where}: {message}")

    def mapping(self, value: Any, where: str, required: set[str], optional: set[str] = frozenset()):
        if not isinstance(value, dict):
            raise self.fail(where, "expected keys and values")
        missing, unknown = required - value.keys(), value.keys() - required - optional
        if missing:
            raise self.fail(where, f"missing {', '.join(sorted(missing))}")
        if unknown:
            raise self.fail(where, f"unknown {', '.join(sorted(unknown))} (a typo?)")
        return value

    def text(self, value: Any, where: str) -> Text:
        value = self.mapping(value, where, {"zh", "en"})
        zh, en = (str(value[lang] or "").strip() for lang in ("zh", "en"))
        if not _CJK.search(zh):
            raise self.fail(where, "the Chinese text (zh) is empty or not Chinese")
        # English may quote a Chinese term (诉前调解), but must be mostly English.
        if len(_LATIN.findall(en)) <= len(_CJK.findall(en)):
            raise self.fail(where, "the English text (en) is empty or not English")
        if "\n" in zh or "\n" in en:
            raise self.fail(where, "one point per entry: no line breaks inside a text")
        return Text(zh, en)

    def points(self, value: Any, where: str) -> tuple[Text, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, "expected a list of points, each with zh and en")
        return tuple(self.text(point, f"{where}[{i}]") for i, point in enumerate(value, 1))

    def sources(self, value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(k, str) for k in value):
            raise self.fail(where, "every text needs at least one source (a list of keys)")
        return tuple(value)

    def day(self, value: Any, where: str) -> date:
        if not isinstance(value, date):
            raise self.fail(where, "expected a date such as 2026-12-01")
        return value

    def cited(self, value: Any, where: str) -> Cited:
        value = self.mapping(value, where, {"sources", "points"})
        return Cited(
            self.points(value["points"], f"{where}.points"),
            self.sources(value["sources"], f"{where}.sources"),
        )


def _load_yaml(path: Path, root: Path) -> tuple[str, Any]:
    name = path.relative_to(root.parent).as_posix()
    try:
        return name, yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ContentError(f"{name}: not valid YAML: {error}") from error


def _read_sources(root: Path, content: Content) -> None:
    name, data = _load_yaml(root / "sources.yaml", root)
    read = _Reader(name)
    data = read.mapping(data, "file", {"sources"})
    content.sources_path = name
    for i, row in enumerate(data["sources"], 1):
        where = f"sources[{i}]"
        row = read.mapping(
            row, where, {"key", "confidence", "last_checked", "title", "summary"}, {"url"}
        )
        if row["confidence"] not in Confidence.values:
            raise read.fail(where, f"confidence must be one of {', '.join(Confidence.values)}")
        content.sources.append(
            SourceFile(
                key=str(row["key"]),
                confidence=row["confidence"],
                last_checked=read.day(row["last_checked"], f"{where}.last_checked"),
                url=str(row.get("url") or ""),
                title=read.text(row["title"], f"{where}.title"),
                summary=read.text(row["summary"], f"{where}.summary"),
            )
        )


def _read_stage(path: Path, root: Path) -> StageFile:
    name, data = _load_yaml(path, root)
    read = _Reader(name)
    keys = {"slug", "phase", "reviewed", "title", "headline", "sections", "checklist"}
    data = read.mapping(data, "file", keys, {"first_day", "last_day"})
    if data["phase"] not in Stage.Phase.values:
        raise read.fail("phase", f"must be one of {', '.join(Stage.Phase.values)}")
    sections = read.mapping(data["sections"], "sections", set(StageSection.Kind.values))
    checklist = data["checklist"]
    if not isinstance(checklist, list) or not checklist:
        raise read.fail("checklist", "expected a list of things to do")
    items = []
    for i, item in enumerate(checklist, 1):
        item = read.mapping(item, f"checklist[{i}]", {"zh", "en", "sources"})
        text = read.text({"zh": item["zh"], "en": item["en"]}, f"checklist[{i}]")
        items.append((text, read.sources(item["sources"], f"checklist[{i}].sources")))
    return StageFile(
        path=name,
        slug=str(data["slug"]),
        phase=data["phase"],
        first_day=data.get("first_day"),
        last_day=data.get("last_day"),
        reviewed=read.day(data["reviewed"], "reviewed"),
        title=read.text(data["title"], "title"),
        headline=read.text(data["headline"], "headline"),
        sections={kind: read.cited(sections[kind], f"sections.{kind}") for kind in sections},
        checklist=tuple(items),
    )


def _read_topic(path: Path, root: Path) -> TopicFile:
    name, data = _load_yaml(path, root)
    read = _Reader(name)
    data = read.mapping(data, "file", {"slug", "reviewed", "title", "summary", "sections"})
    sections = []
    for i, section in enumerate(data["sections"] or [], 1):
        where = f"sections[{i}]"
        section = read.mapping(section, where, {"heading", "style", "sources", "points"})
        if section["style"] not in TopicSection.Style.values:
            raise read.fail(where, f"style must be one of {', '.join(TopicSection.Style.values)}")
        sections.append(
            TopicSectionFile(
                heading=read.text(section["heading"], f"{where}.heading"),
                style=section["style"],
                cited=read.cited(
                    {"sources": section["sources"], "points": section["points"]}, where
                ),
            )
        )
    if not sections:
        raise read.fail("sections", "a topic needs at least one section")
    return TopicFile(
        path=name,
        slug=str(data["slug"]),
        reviewed=read.day(data["reviewed"], "reviewed"),
        title=read.text(data["title"], "title"),
        summary=read.text(data["summary"], "summary"),
        sections=tuple(sections),
    )


# Each list file: its list's name, the fields every row has (texts and point lists), its key.
_LISTS = {
    "rules": ("rules.yaml", {"rule": "text", "breaks": "points"}, "code"),
    "scams": ("scams.yaml", {"title": "text", "points": "points", "advice": "text"}, "code"),
    "help_lines": ("help_lines.yaml", {"name": "text", "when": "text"}, "number"),
}


def _read_list(root: Path, listing: str) -> ListFile:
    filename, fields, key = _LISTS[listing]
    name, data = _load_yaml(root / filename, root)
    read = _Reader(name)
    data = read.mapping(data, "file", {"reviewed", listing})
    rows, seen = [], set()
    for i, row in enumerate(data[listing], 1):
        where = f"{listing}[{i}]"
        row = read.mapping(row, where, {key, "sources", *fields})
        if str(row[key]) in seen:
            raise read.fail(where, f"{key} {row[key]} appears twice")
        seen.add(str(row[key]))
        parsed: dict[str, Any] = {key: str(row[key])}
        parsed["sources"] = read.sources(row["sources"], f"{where}.sources")
        for name_, kind in fields.items():
            reader = read.text if kind == "text" else read.points
            parsed[name_] = reader(row[name_], f"{where}.{name_}")
        rows.append(parsed)
    return ListFile(name, read.day(data["reviewed"], "reviewed"), tuple(rows))


def check_stage_spans(stages: list[StageFile]) -> None:
    """One stage before the due date (day 0), and overdue stages from day 1 on, each starting
    the day after the last one ends, the last open-ended: every day late has exactly one stage."""
    before = [s for s in stages if s.phase == Stage.Phase.BEFORE]
    if len(before) != 1:
        raise ContentError(f"content/stages: {len(before)} stages before the due date, not 1")
    overdue = sorted(
        (s for s in stages if s.phase == Stage.Phase.OVERDUE), key=lambda s: s.first_day or 0
    )
    for stage in stages:
        has_span = stage.first_day is not None or stage.last_day is not None
        if has_span != (stage.phase == Stage.Phase.OVERDUE):
            raise ContentError(f"{stage.path}: only overdue stages have first_day and last_day")
    expected = 1
    for i, stage in enumerate(overdue):
        if stage.first_day != expected:
            raise ContentError(
                f"{stage.path}: first_day is {stage.first_day}, but the stage before it ends on "
                f"day {expected - 1}: every day late needs exactly one stage"
            )
        if stage.last_day is None:
            if i != len(overdue) - 1:
                raise ContentError(f"{stage.path}: only the last overdue stage is open-ended")
            return
        if stage.last_day < stage.first_day:
            raise ContentError(f"{stage.path}: last_day is before first_day")
        expected = stage.last_day + 1
    raise ContentError("content/stages: the last overdue stage must be open-ended (no last_day)")


def read_content(root: Path = CONTENT_DIR) -> Content:
    """Read and check every content file; raise ContentError at the first problem."""
    content = Content()
    _read_sources(root, content)
    content.stages = [_read_stage(p, root) for p in sorted((root / "stages").glob("*.yaml"))]
    content.topics = [_read_topic(p, root) for p in sorted((root / "topics").glob("*.yaml"))]
    content.rules = _read_list(root, "rules")
    content.scams = _read_list(root, "scams")
    content.help_lines = _read_list(root, "help_lines")

    for label, keys in (
        ("source", [s.key for s in content.sources]),
        ("stage", [s.slug for s in content.stages]),
        ("topic", [t.slug for t in content.topics]),
    ):
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ContentError(f"content: {label} {', '.join(twice)} appears twice")
    check_stage_spans(content.stages)
    confidence = {s.key: s.confidence for s in content.sources}
    for key, paths in sorted(content.cited_keys().items()):
        where = ", ".join(sorted(paths))
        if key not in confidence:
            raise ContentError(f"{where}: cites {key}, which is not in {content.sources_path}")
        if confidence[key] == Confidence.UNVERIFIED:
            raise ContentError(f"{where}: cites {key}, an unverified source: never shown")
    return content


@dataclass(frozen=True)
class Loaded:
    sources: int
    stages: int
    topics: int
    rules: int
    scams: int
    help_lines: int


def _both(text: Text, name: str) -> dict[str, str]:
    return {f"{name}_zh": text.zh, f"{name}_en": text.en}


def _prune(queryset: Any, what: str) -> None:
    """Delete rows the files no longer hold; a source a rate line still cites is kept, loudly."""
    try:
        queryset.delete()
    except ProtectedError as error:
        users = ", ".join(sorted({str(obj) for obj in error.protected_objects}))
        raise ContentError(
            f"{what} removed from the files is still cited by: {users}. Point those rate lines "
            "at another source in the admin first."
        ) from error


def load_content(content: Content) -> Loaded:
    """Make the database's guidance rows match `content` (from read_content), all or nothing,
    then retire the cached pages so that every server shows the new text."""
    with transaction.atomic():
        loaded = _write(content)
    bump_content_version()
    return loaded


def _write(content: Content) -> Loaded:
    sources = {}
    for order, row in enumerate(content.sources, 1):
        sources[row.key], _ = Source.objects.update_or_create(
            key=row.key,
            defaults={
                "confidence": row.confidence,
                "last_checked": row.last_checked,
                "url": row.url,
                **_both(row.title, "title"),
                **_both(row.summary, "summary"),
                "sort_order": order * 10,
                "content_file": content.sources_path,
            },
        )
    _prune(Source.objects.exclude(key__in=sources), "A source")

    def cite(row: Any, keys: tuple[str, ...]) -> None:
        row.sources.set([sources[key] for key in keys])

    for order, data in enumerate(content.stages, 1):
        stage, _ = Stage.objects.update_or_create(
            slug=data.slug,
            defaults={
                "phase": data.phase,
                "first_day": data.first_day,
                "last_day": data.last_day,
                **_both(data.title, "title"),
                **_both(data.headline, "headline"),
                "last_reviewed": data.reviewed,
                "sort_order": order * 10,
                "content_file": data.path,
            },
        )
        for kind, cited in data.sections.items():
            section, _ = StageSection.objects.update_or_create(
                stage=stage,
                kind=kind,
                defaults={
                    "body_zh": cited.body("zh"),
                    "body_en": cited.body("en"),
                    "last_reviewed": data.reviewed,
                },
            )
            cite(section, cited.sources)
        for item_order, (text, keys) in enumerate(data.checklist, 1):
            item, _ = ChecklistItem.objects.update_or_create(
                stage=stage,
                sort_order=item_order * 10,
                defaults={**_both(text, "text"), "last_reviewed": data.reviewed},
            )
            cite(item, keys)
        stage.checklist.exclude(sort_order__lte=len(data.checklist) * 10).delete()
    Stage.objects.exclude(slug__in=[s.slug for s in content.stages]).delete()

    for order, data in enumerate(content.topics, 1):
        topic, _ = Topic.objects.update_or_create(
            slug=data.slug,
            defaults={
                **_both(data.title, "title"),
                **_both(data.summary, "summary"),
                "last_reviewed": data.reviewed,
                "sort_order": order * 10,
                "content_file": data.path,
            },
        )
        for section_order, section_data in enumerate(data.sections, 1):
            section, _ = TopicSection.objects.update_or_create(
                topic=topic,
                sort_order=section_order * 10,
                defaults={
                    **_both(section_data.heading, "heading"),
                    "style": section_data.style,
                    "body_zh": section_data.cited.body("zh"),
                    "body_en": section_data.cited.body("en"),
                    "last_reviewed": data.reviewed,
                },
            )
            cite(section, section_data.cited.sources)
        topic.sections.exclude(sort_order__lte=len(data.sections) * 10).delete()
    Topic.objects.exclude(slug__in=[t.slug for t in content.topics]).delete()

    rules, scams, lines = content.rules, content.scams, content.help_lines
    for order, row in enumerate(rules.rows, 1):
        rule, _ = CollectionRule.objects.update_or_create(
            code=row["code"],
            defaults={
                **_both(row["rule"], "rule"),
                "breaks_zh": "\n".join(p.zh for p in row["breaks"]),
                "breaks_en": "\n".join(p.en for p in row["breaks"]),
                "sort_order": order * 10,
                "last_reviewed": rules.reviewed,
                "content_file": rules.path,
            },
        )
        cite(rule, row["sources"])
    CollectionRule.objects.exclude(code__in=[r["code"] for r in rules.rows]).delete()

    for order, row in enumerate(scams.rows, 1):
        scam, _ = ScamWarning.objects.update_or_create(
            code=row["code"],
            defaults={
                **_both(row["title"], "title"),
                "body_zh": "\n".join(p.zh for p in row["points"]),
                "body_en": "\n".join(p.en for p in row["points"]),
                **_both(row["advice"], "advice"),
                "sort_order": order * 10,
                "last_reviewed": scams.reviewed,
                "content_file": scams.path,
            },
        )
        cite(scam, row["sources"])
    ScamWarning.objects.exclude(code__in=[r["code"] for r in scams.rows]).delete()

    for order, row in enumerate(lines.rows, 1):
        # A number is unique in the file (read_content checks), so it identifies the row.
        line = HelpLine.objects.filter(number=row["number"]).first() or HelpLine(
            number=row["number"]
        )
        line.name_zh, line.name_en = row["name"].zh, row["name"].en
        line.when_zh, line.when_en = row["when"].zh, row["when"].en
        line.sort_order, line.last_reviewed = order * 10, lines.reviewed
        line.content_file = lines.path
        line.save()
        cite(line, row["sources"])
    HelpLine.objects.exclude(number__in=[r["number"] for r in lines.rows]).delete()

    return Loaded(
        sources=len(content.sources),
        stages=len(content.stages),
        topics=len(content.topics),
        rules=len(rules.rows),
        scams=len(scams.rows),
        help_lines=len(lines.rows),
    )
