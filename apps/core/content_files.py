"""The guidance content, read from the files under content/ into the database.

The files are the source of truth: reviewed like code, each text in Chinese and English side by
side with its sources and the date it was last reviewed. `manage.py load_content` runs
`load_content()` after `migrate` (make run, the tests' database, every deployment); it makes the
database match the files, rows the files no longer hold included, so running it twice changes
nothing. The admin shows these rows read-only, with the path of the file they came from.

`read_content()` only reads and checks the files, against a schema for each kind of file
(pydantic): URL slugs that fit their column, real dates, whole days in order, lists that are not
empty, texts in both languages that fit their column, sources that exist and are not unverified,
UTF-8, every file there. It reports every problem at once, one line each naming the file, the
field and what is wrong, and nothing reaches the database unless there is none.

The rate lines (the LPR among them) are the administrators' to keep up to date in the admin:
content/rate_lines.yaml only gives a database that lacks a line its first value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from django.conf import settings
from django.db import models, transaction
from django.db.models import ProtectedError
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from apps.core.facts import CRISIS_LINE, SAFETY_LINES
from apps.core.models import (
    ChecklistItem,
    CollectionRule,
    Confidence,
    HelpLine,
    LenderKind,
    RateLine,
    ScamWarning,
    Source,
    Stage,
    StageSection,
    Topic,
    TopicSection,
)
from apps.core.pagecache import bump_content_version_on_commit

CONTENT_DIR = settings.BASE_DIR / "content"

# Help topics the code links to by their slug: the folder must hold them.
ASKING_YOUR_LENDER = "talk-to-your-lender"  # My debts' result
WHO_RULES_BIND = "who-rules-bind"  # every page with collection rules
SAFETY_FIRST = "safety-first"  # the "Safety first" box
TOPICS_THE_CODE_NAMES = (ASKING_YOUR_LENDER, WHO_RULES_BIND, SAFETY_FIRST)

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# The longest span of days a stage may name: the engine prices at most ten years late.
_MOST_DAYS = 3660


class ContentError(ValueError):
    """The content folder is incomplete or wrong: one line per problem, each naming the file, the
    field and what is wrong."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# --- The pieces every file is made of -------------------------------------------------------


def _max_length(model: type[models.Model], name: str) -> int:
    """The length of the column a value is stored in (the model field's max_length)."""
    return getattr(model, name).field.max_length


def _slug(model: type[models.Model], name: str) -> AfterValidator:
    """A URL slug (it names a page or an anchor) that fits the column it is stored in."""
    limit = _max_length(model, name)

    def check(value: str) -> str:
        if not _SLUG.fullmatch(value):
            shown = value if len(value) <= 40 else value[:37] + "..."
            raise ValueError(
                f"{shown!r} is not a URL slug: lower-case letters and digits joined by single "
                "hyphens"
            )
        if len(value) > limit:
            raise ValueError(f"{len(value)} characters long; the database holds at most {limit}")
        return value

    return AfterValidator(check)


def _real_day(value: Any) -> Any:
    if isinstance(value, str):
        if not _DAY.fullmatch(value.strip()):
            raise ValueError(f"expected a date such as 2026-12-01, not {value!r}")
        try:
            return date.fromisoformat(value.strip())
        except ValueError as error:
            raise ValueError(f"{value!r} is not a real date ({error})") from None
    return value


def _whole_days(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\d+", value.strip()):
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= _MOST_DAYS:
        raise ValueError(f"expected a whole number of days such as 8, not {value!r}")
    return value


def _choice(allowed: list[str]) -> AfterValidator:
    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}, not {value!r}")
        return value

    return AfterValidator(check)


T = TypeVar("T")


def _not_empty(what: str) -> AfterValidator:
    def check(value: list[T]) -> list[T]:
        if not value:
            raise ValueError(f"must not be empty: {what}")
        return value

    return AfterValidator(check)


Day = Annotated[date, BeforeValidator(_real_day)]
Days = Annotated[int, BeforeValidator(_whole_days)]
SourceKeys = Annotated[
    list[str], _not_empty("every text needs at least one source, a key in sources.yaml")
]


class _Schema(BaseModel):
    """Every mapping in a content file: no key the schema does not know (a typo), no key missing."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _chinese(value: str) -> str:
    if not _CJK.search(value):
        raise ValueError("the Chinese text (zh) is empty or not Chinese")
    if "\n" in value:
        raise ValueError("one point per entry: no line breaks inside a text")
    return value


def _english(value: str) -> str:
    # English may quote a Chinese term (诉前调解), but must be mostly English.
    if len(_LATIN.findall(value)) <= len(_CJK.findall(value)):
        raise ValueError("the English text (en) is empty or not English")
    if "\n" in value:
        raise ValueError("one point per entry: no line breaks inside a text")
    return value


class Text(_Schema):
    """One point in both languages."""

    zh: Annotated[str, AfterValidator(_chinese)]
    en: Annotated[str, AfterValidator(_english)]


def _fits(model: type[models.Model], name: str) -> AfterValidator:
    """A text stored in `name`_zh and `name`_en must fit those columns."""
    limit = _max_length(model, f"{name}_zh")

    def check(text: Text) -> Text:
        for language in ("zh", "en"):
            length = len(getattr(text, language))
            if length > limit:
                raise ValueError(
                    f"{language} is {length} characters long; the database holds at most {limit}"
                )
        return text

    return AfterValidator(check)


Points = Annotated[list[Text], _not_empty("expected a list of points, each with zh and en")]


class Cited(_Schema):
    """Points (one short sentence each) in both languages, with the sources they rest on."""

    sources: SourceKeys
    points: Points

    def body(self, language: str) -> str:
        return "\n".join(getattr(point, language) for point in self.points)


class _File(_Schema):
    path: str  # set by the reader, never written in the file

    def citations(self) -> Iterator[tuple[str, list[str]]]:
        """(where, source keys) for every text of the file that cites sources."""
        return iter(())


# --- sources.yaml ---------------------------------------------------------------------------


def _link(value: str) -> str:
    if value and not re.fullmatch(r"https?://\S+", value):
        raise ValueError(f"expected an address starting with https://, not {value!r}")
    limit = _max_length(Source, "url")
    if len(value) > limit:
        raise ValueError(f"{len(value)} characters long; the database holds at most {limit}")
    return value


class SourceRow(_Schema):
    key: Annotated[str, _slug(Source, "key")]
    confidence: Annotated[str, _choice(Confidence.values)]
    last_checked: Day
    url: Annotated[str, AfterValidator(_link)] = ""
    title: Annotated[Text, _fits(Source, "title")]
    summary: Text


class SourcesFile(_File):
    sources: Annotated[list[SourceRow], _not_empty("the sources every page cites")]


# --- stages/*.yaml --------------------------------------------------------------------------


class StageSections(_Schema):
    happens: Cited
    costs: Cited
    credit: Cited
    may: Cited
    may_not: Cited


class ChecklistEntry(_Schema):
    """One thing to do now, in both languages, with its sources."""

    sources: SourceKeys
    zh: Annotated[
        str, AfterValidator(_chinese), Field(max_length=_max_length(ChecklistItem, "text_zh"))
    ]
    en: Annotated[
        str, AfterValidator(_english), Field(max_length=_max_length(ChecklistItem, "text_en"))
    ]

    @property
    def text(self) -> Text:
        return Text(zh=self.zh, en=self.en)


class StageFile(_File):
    slug: Annotated[str, _slug(Stage, "slug")]
    phase: Annotated[str, _choice(Stage.Phase.values)]
    first_day: Annotated[Days | None, Field(validate_default=True)] = None
    last_day: Annotated[Days | None, Field(validate_default=True)] = None
    reviewed: Day
    title: Annotated[Text, _fits(Stage, "title")]
    headline: Annotated[Text, _fits(Stage, "headline")]
    sections: StageSections
    checklist: Annotated[list[ChecklistEntry], _not_empty("expected a list of things to do")]
    # The help topics people need at this stage (slugs of topics/*.yaml), linked from its page.
    topics: list[Annotated[str, _slug(Topic, "slug")]] = []

    @field_validator("first_day")
    @classmethod
    def _span_only_when_overdue(cls, value: int | None, info: ValidationInfo) -> int | None:
        overdue = info.data.get("phase") == Stage.Phase.OVERDUE
        if overdue and value is None:
            raise ValueError("an overdue stage needs the first day late it covers")
        if not overdue and value is not None and "phase" in info.data:
            raise ValueError("only overdue stages have first_day and last_day")
        return value

    @field_validator("last_day")
    @classmethod
    def _ends_after_it_starts(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is None:
            return value
        if info.data.get("phase") != Stage.Phase.OVERDUE:
            raise ValueError("only overdue stages have first_day and last_day")
        first = info.data.get("first_day")
        if first is not None and value < first:
            raise ValueError(f"last_day {value} is before first_day {first}")
        return value

    def citations(self) -> Iterator[tuple[str, list[str]]]:
        for kind in StageSection.Kind.values:
            yield f"sections.{kind}.sources", getattr(self.sections, kind).sources
        for i, item in enumerate(self.checklist, 1):
            yield f"checklist[{i}].sources", item.sources


# --- topics/*.yaml --------------------------------------------------------------------------


class TopicSectionRow(_Schema):
    heading: Annotated[Text, _fits(TopicSection, "heading")]
    style: Annotated[str, _choice(TopicSection.Style.values)]
    sources: SourceKeys
    points: Points

    def body(self, language: str) -> str:
        return "\n".join(getattr(point, language) for point in self.points)


class TopicFile(_File):
    slug: Annotated[str, _slug(Topic, "slug")]
    reviewed: Day
    title: Annotated[Text, _fits(Topic, "title")]
    summary: Annotated[Text, _fits(Topic, "summary")]
    # Opens with the "Safety first" numbers, as the stages from the second week late do.
    safety_first: bool = False
    sections: Annotated[list[TopicSectionRow], _not_empty("a topic needs at least one section")]

    def citations(self) -> Iterator[tuple[str, list[str]]]:
        for i, section in enumerate(self.sections, 1):
            yield f"sections[{i}].sources", section.sources


# --- rules.yaml, scams.yaml, help_lines.yaml, rate_lines.yaml --------------------------------


class RuleRow(_Schema):
    code: Annotated[str, _slug(CollectionRule, "code")]
    sources: SourceKeys
    rule: Annotated[Text, _fits(CollectionRule, "rule")]
    # An association's rule binds its members (and the agencies they hire); a law, everyone.
    binds: Annotated[Text, _fits(CollectionRule, "binds")]
    breaks: Points


class ScamRow(_Schema):
    code: Annotated[str, _slug(ScamWarning, "code")]
    sources: SourceKeys
    title: Annotated[Text, _fits(ScamWarning, "title")]
    points: Points
    advice: Text


def _phone_number(value: str) -> str:
    if not re.fullmatch(r"\d{3,20}", value):
        raise ValueError(f"expected a number to dial, digits only, not {value!r}")
    return value


class HelpLineRow(_Schema):
    number: Annotated[str, AfterValidator(_phone_number)]
    sources: SourceKeys
    name: Annotated[Text, _fits(HelpLine, "name")]
    when: Text


def _fraction(value: Any) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"expected a fraction such as 0.12 (0 to 1), not {value!r}") from None
    if not number.is_finite() or not 0 < number < 1 or number.as_tuple().exponent < -6:
        raise ValueError(f"expected a fraction such as 0.12 (0 to 1), not {value!r}")
    return number


class RateLineRow(_Schema):
    code: Annotated[str, _choice(RateLine.Code.values)]
    value: Annotated[Decimal, BeforeValidator(_fraction)]
    as_of: Day
    source: str
    # Empty: a reference rate (the LPR), which limits no one.
    lenders: list[Annotated[str, _choice(LenderKind.values)]] = []
    label: Annotated[Text, _fits(RateLine, "label")]
    meaning: Text


class RulesFile(_File):
    reviewed: Day
    rules: Annotated[list[RuleRow], _not_empty("the collection rules")]

    def citations(self) -> Iterator[tuple[str, list[str]]]:
        for i, row in enumerate(self.rules, 1):
            yield f"rules[{i}].sources", row.sources


class ScamsFile(_File):
    reviewed: Day
    scams: Annotated[list[ScamRow], _not_empty("the scam warnings")]

    def citations(self) -> Iterator[tuple[str, list[str]]]:
        for i, row in enumerate(self.scams, 1):
            yield f"scams[{i}].sources", row.sources


class HelpLinesFile(_File):
    reviewed: Day
    help_lines: Annotated[list[HelpLineRow], _not_empty("the numbers to call")]

    def citations(self) -> Iterator[tuple[str, list[str]]]:
        for i, row in enumerate(self.help_lines, 1):
            yield f"help_lines[{i}].sources", row.sources


class RateLinesFile(_File):
    reviewed: Day
    rate_lines: Annotated[list[RateLineRow], _not_empty("every rate line's first value")]

    def citations(self) -> Iterator[tuple[str, list[str]]]:
        for i, row in enumerate(self.rate_lines, 1):
            yield f"rate_lines[{i}].source", [row.source]


# --- Reading a folder -----------------------------------------------------------------------


@dataclass
class Content:
    sources_path: str = "content/sources.yaml"
    sources: list[SourceRow] = field(default_factory=list)
    stages: list[StageFile] = field(default_factory=list)
    topics: list[TopicFile] = field(default_factory=list)
    rules: RulesFile | None = None
    scams: ScamsFile | None = None
    help_lines: HelpLinesFile | None = None
    rate_lines: RateLinesFile | None = None

    def files(self) -> list[_File]:
        lists = [self.rules, self.scams, self.help_lines, self.rate_lines]
        return [*self.stages, *self.topics, *(f for f in lists if f is not None)]

    def cited_keys(self) -> dict[str, set[str]]:
        """Where each source key is cited: key -> the files citing it."""
        cited: dict[str, set[str]] = {}
        for file in self.files():
            for _where, keys in file.citations():
                for key in keys:
                    cited.setdefault(key, set()).add(file.path)
        return cited


def _where(location: tuple[int | str, ...]) -> str:
    """('sections', 'happens', 'points', 0, 'en') -> 'sections.happens.points[1].en'."""
    where = ""
    for part in location:
        where += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if where else str(part)
    return where or "file"


_WORDS = {
    "missing": "missing",
    "extra_forbidden": "unknown field (a typo?)",
    "dict_type": "expected keys and values",
    "model_type": "expected keys and values",
    "list_type": "expected a list",
    "string_type": "expected text",
}


def _what(error: dict[str, Any]) -> str:
    if error["type"] in _WORDS:
        return _WORDS[error["type"]]
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] != "value_error":
        message += f", not {str(error.get('input'))[:40]!r}"
    return message


Schema = TypeVar("Schema", bound=_File)


def _read(path: Path, root: Path, schema: type[Schema], problems: list[str]) -> Schema | None:
    """One file checked against its schema; its problems added to `problems`, one line each."""
    name = f"{root.name}/{path.relative_to(root).as_posix()}"
    if not path.is_file():
        problems.append(f"{name}: file: missing (every content folder needs it)")
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(
            f"{name}: file: not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "save it as UTF-8"
        )
        return None
    try:
        # Every value stays text (BaseLoader), so that the schema, not YAML, decides what a date
        # or a number is: `reviewed: 2026-13-45` is then a problem named, never a crash.
        data = yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        problem = getattr(error, "problem", None) or error
        problems.append(f"{name}: {where}: not valid YAML: {problem}")
        return None
    if not isinstance(data, dict):
        problems.append(f"{name}: file: expected keys and values")
        return None
    try:
        return schema.model_validate({**data, "path": name})
    except ValidationError as error:
        problems.extend(f"{name}: {_where(e['loc'])}: {_what(e)}" for e in error.errors())
        return None


def check_stage_spans(stages: list[StageFile], folder: str = "content/stages") -> list[str]:
    """One stage before the due date (day 0), and overdue stages from day 1 on, each starting
    the day after the last one ends, the last open-ended: every day late has exactly one stage."""
    problems = []
    before = [s for s in stages if s.phase == Stage.Phase.BEFORE]
    if len(before) != 1:
        problems.append(f"{folder}: phase: {len(before)} stages before the due date, not 1")
    overdue = sorted(
        (s for s in stages if s.phase == Stage.Phase.OVERDUE), key=lambda s: s.first_day or 0
    )
    expected = 1
    for i, stage in enumerate(overdue):
        if stage.first_day != expected:
            problems.append(
                f"{stage.path}: first_day: {stage.first_day}, but the stage before it ends on day "
                f"{expected - 1}: every day late needs exactly one stage"
            )
            break
        if stage.last_day is None:
            if i != len(overdue) - 1:
                problems.append(
                    f"{stage.path}: last_day: only the last overdue stage is open-ended"
                )
            return problems
        expected = stage.last_day + 1
    else:
        problems.append(f"{folder}: last_day: the last overdue stage must be open-ended")
    return problems


def _twice(label: str, where: str, keys: list[str]) -> list[str]:
    seen, problems = set(), []
    for key in keys:
        if key in seen:
            problems.append(f"{where}: {label} {key} appears twice")
        seen.add(key)
    return problems


def _check_together(content: Content, root: str, complete: bool) -> list[str]:
    """What no one file can tell: duplicates, the stages' days, the sources and topics cited."""
    problems = _twice("source", content.sources_path, [s.key for s in content.sources])
    problems += _twice("stage", f"{root}/stages", [s.slug for s in content.stages])
    problems += _twice("topic", f"{root}/topics", [t.slug for t in content.topics])
    for listed, rows, key in (
        (content.rules, "rules", "code"),
        (content.scams, "scams", "code"),
        (content.help_lines, "help_lines", "number"),
        (content.rate_lines, "rate_lines", "code"),
    ):
        if listed is not None:
            keys = [getattr(row, key) for row in getattr(listed, rows)]
            problems += _twice(f"{rows}: {key}", listed.path, keys)
    if not complete:
        # A file that could not be read would only show up again below as a gap or a missing
        # source; its own problems are already listed.
        return problems
    problems += check_stage_spans(content.stages, f"{root}/stages")
    confidence = {s.key: s.confidence for s in content.sources}
    for file in content.files():
        for where, keys in file.citations():
            for key in keys:
                if key not in confidence:
                    problems.append(
                        f"{file.path}: {where}: cites {key}, which is not in {content.sources_path}"
                    )
                elif confidence[key] == Confidence.UNVERIFIED:
                    problems.append(
                        f"{file.path}: {where}: cites {key}, an unverified source: never shown"
                    )
    slugs = {t.slug for t in content.topics}
    for stage in content.stages:
        for i, slug in enumerate(stage.topics, 1):
            if slug not in slugs:
                problems.append(f"{stage.path}: topics[{i}]: no topic {slug} in {root}/topics")
    for slug in TOPICS_THE_CODE_NAMES:
        if slug not in slugs:
            problems.append(f"{root}/topics: slug: the site links to a topic {slug}; keep it")
    numbers = {line.number for line in content.help_lines.help_lines}
    for number in (CRISIS_LINE, *SAFETY_LINES):
        if number not in numbers:
            problems.append(f"{content.help_lines.path}: number: the pages show {number}; keep it")
    codes = {row.code for row in content.rate_lines.rate_lines}
    for code in RateLine.Code.values:
        if code not in codes:
            problems.append(f"{content.rate_lines.path}: code: no first value for {code}")
    return problems


def _each(found: list[Schema | None], into: list[Schema]) -> bool:
    into.extend(f for f in found if f is not None)
    return None not in found


def read_content(root: Path = CONTENT_DIR) -> Content:
    """Read and check every content file; raise ContentError listing every problem."""
    problems: list[str] = []
    content = Content(sources_path=f"{root.name}/sources.yaml")

    def read(name: str, schema: type[Schema]) -> Schema | None:
        return _read(root / name, root, schema, problems)

    sources = read("sources.yaml", SourcesFile)
    content.sources = list(sources.sources) if sources else []
    complete = sources is not None
    for folder, schema, into in (
        ("stages", StageFile, content.stages),
        ("topics", TopicFile, content.topics),
    ):
        paths = sorted((root / folder).glob("*.yaml"))
        if not paths:
            problems.append(f"{root.name}/{folder}: file: missing (no .yaml files)")
        complete &= _each([_read(p, root, schema, problems) for p in paths], into) and bool(paths)
    content.rules = read("rules.yaml", RulesFile)
    content.scams = read("scams.yaml", ScamsFile)
    content.help_lines = read("help_lines.yaml", HelpLinesFile)
    content.rate_lines = read("rate_lines.yaml", RateLinesFile)
    complete &= None not in (content.rules, content.scams, content.help_lines, content.rate_lines)
    problems += _check_together(content, root.name, complete)
    if problems:
        raise ContentError(problems)
    return content


# --- Writing it to the database -------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    sources: int
    stages: int
    topics: int
    rules: int
    scams: int
    help_lines: int
    new_rate_lines: int


def _both(text: Text, name: str) -> dict[str, str]:
    return {f"{name}_zh": text.zh, f"{name}_en": text.en}


def _joined(points: list[Text], name: str) -> dict[str, str]:
    return {f"{name}_{lang}": "\n".join(getattr(p, lang) for p in points) for lang in ("zh", "en")}


def _prune(queryset: Any, what: str) -> None:
    """Delete rows the files no longer hold; a source a rate line still cites is kept, loudly."""
    try:
        queryset.delete()
    except ProtectedError as error:
        users = ", ".join(sorted({str(obj) for obj in error.protected_objects}))
        raise ContentError(
            [
                f"{what} removed from the files is still cited by: {users}. Point those rate "
                "lines at another source in the admin first."
            ]
        ) from error


def load_content(content: Content) -> Loaded:
    """Make the database's guidance rows match `content` (from read_content), all or nothing,
    and retire the cached pages once that commits, so that every server shows the new text."""
    with transaction.atomic():
        loaded = _write(content)
        bump_content_version_on_commit()
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

    def cite(row: Any, keys: list[str]) -> None:
        row.sources.set([sources[key] for key in keys])

    topics = _write_topics(content.topics, cite)
    _write_stages(content.stages, topics, cite)
    rules, scams, lines = content.rules, content.scams, content.help_lines
    _write_rows(
        CollectionRule,
        "code",
        rules,
        rules.rules,
        cite,
        lambda row: {
            **_both(row.rule, "rule"),
            **_both(row.binds, "binds"),
            **_joined(row.breaks, "breaks"),
        },
    )
    _write_rows(
        ScamWarning,
        "code",
        scams,
        scams.scams,
        cite,
        lambda row: {
            **_both(row.title, "title"),
            **_joined(row.points, "body"),
            **_both(row.advice, "advice"),
        },
    )
    _write_rows(
        HelpLine,
        "number",
        lines,
        lines.help_lines,
        cite,
        lambda row: {**_both(row.name, "name"), **_both(row.when, "when")},
    )
    new_rate_lines = 0
    for order, row in enumerate(content.rate_lines.rate_lines, 1):
        # A line the database already has is the administrators' (a new LPR, a new cap, and
        # its history: apps.core.models.RateLine).
        if RateLine.objects.filter(code=row.code).exists():
            continue
        RateLine.objects.create(
            code=row.code,
            value=row.value,
            as_of=row.as_of,
            source=sources[row.source],
            lenders=",".join(row.lenders),
            **_both(row.label, "label"),
            **_both(row.meaning, "meaning"),
            sort_order=order * 10,
        )
        new_rate_lines += 1
    return Loaded(
        sources=len(content.sources),
        stages=len(content.stages),
        topics=len(content.topics),
        rules=len(rules.rules),
        scams=len(scams.scams),
        help_lines=len(lines.help_lines),
        new_rate_lines=new_rate_lines,
    )


Cite = Callable[[Any, list[str]], None]


def _write_topics(files: list[TopicFile], cite: Cite) -> dict[str, Topic]:
    topics = {}
    for order, data in enumerate(files, 1):
        topic, _ = Topic.objects.update_or_create(
            slug=data.slug,
            defaults={
                **_both(data.title, "title"),
                **_both(data.summary, "summary"),
                "shows_safety_first": data.safety_first,
                "last_reviewed": data.reviewed,
                "sort_order": order * 10,
                "content_file": data.path,
            },
        )
        topics[data.slug] = topic
        for section_order, section_data in enumerate(data.sections, 1):
            section, _ = TopicSection.objects.update_or_create(
                topic=topic,
                sort_order=section_order * 10,
                defaults={
                    **_both(section_data.heading, "heading"),
                    "style": section_data.style,
                    "body_zh": section_data.body("zh"),
                    "body_en": section_data.body("en"),
                    "last_reviewed": data.reviewed,
                },
            )
            cite(section, section_data.sources)
        topic.sections.exclude(sort_order__lte=len(data.sections) * 10).delete()
    Topic.objects.exclude(slug__in=topics).delete()
    return topics


def _write_stages(files: list[StageFile], topics: dict[str, Topic], cite: Cite) -> None:
    for order, data in enumerate(files, 1):
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
        stage.topics.set([topics[slug] for slug in data.topics])
        for kind in StageSection.Kind.values:
            cited = getattr(data.sections, kind)
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
        for item_order, entry in enumerate(data.checklist, 1):
            item, _ = ChecklistItem.objects.update_or_create(
                stage=stage,
                sort_order=item_order * 10,
                defaults={**_both(entry.text, "text"), "last_reviewed": data.reviewed},
            )
            cite(item, entry.sources)
        stage.checklist.exclude(sort_order__lte=len(data.checklist) * 10).delete()
    Stage.objects.exclude(slug__in=[s.slug for s in files]).delete()


def _write_rows(
    model: type[models.Model],
    key: str,
    listing: _File,
    rows: list[Any],
    cite: Cite,
    texts: Callable[[Any], dict[str, str]],
) -> None:
    """The rows of one list file (rules, scams, help lines), by their key, in the file's order."""
    for order, row in enumerate(rows, 1):
        saved, _ = model.objects.update_or_create(
            **{key: getattr(row, key)},
            defaults={
                **texts(row),
                "sort_order": order * 10,
                "last_reviewed": listing.reviewed,
                "content_file": listing.path,
            },
        )
        cite(saved, row.sources)
    model.objects.exclude(**{f"{key}__in": [getattr(row, key) for row in rows]}).delete()
