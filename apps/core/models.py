"""The one model layer of the site: sourced facts, the dated rate lines, saved results.

Text shown to borrowers that lives in the database is stored in both languages (`*_zh`, `*_en`);
templates pick one with the `tr` filter. Figures that change (the LPR, caps) are rows here that an
administrator updates, each with its source and "as of" date, never constants in code.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    HIGH = "H", _("High: a primary source, or several sources agree")
    MEDIUM = "M", _("Medium: one good secondary source")
    UNVERIFIED = "U", _("Unverified: never shown to borrowers")


class Source(models.Model):
    """A public source a fact on the site rests on, with when we last checked it.

    Sources live in content/sources.yaml, read into the database by `manage.py load_content`;
    the admin shows them read-only. `content_file` says which file a row came from."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    summary_zh = models.TextField(_("what it says, in one sentence (Chinese)"))
    summary_en = models.TextField(_("what it says, in one sentence (English)"))
    url = models.URLField(_("link"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=1, choices=Confidence.choices)
    last_checked = models.DateField(_("last checked"))
    sort_order = models.PositiveIntegerField(_("order on the sources page"), default=100)
    content_file = models.CharField(_("content file"), max_length=200, blank=True)

    class Meta:
        ordering = ["sort_order", "key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title_en


class LenderKind(models.TextChoices):
    """Who lends: it decides which rate line applies to a loan, and how the page words it. The
    4 x LPR line is the courts' line for private lending; licensed lenders answer to regulators'
    cost rules instead (sources spc-private-lending-2020, spc-2020-27 and
    microloan-cost-guideline-2025)."""

    BANK = "bank", _("A bank")
    CONSUMER_FINANCE = "consumer_finance", _("A consumer-finance company (消费金融公司)")
    MICROLOAN = "microloan", _("A micro-loan company (小额贷款公司)")
    PLATFORM = "platform", _("An app that arranges loans from partners (助贷平台)")
    PRIVATE = "private", _("A person or an unlicensed lender (民间借贷)")
    UNKNOWN = "unknown", _("I don't know")


def _lender_kinds(value: str) -> list[str]:
    return [kind.strip() for kind in value.split(",") if kind.strip()]


def validate_lender_kinds(value: str) -> None:
    unknown = [kind for kind in _lender_kinds(value) if kind not in LenderKind.values]
    if unknown:
        raise ValidationError(
            _("Not a kind of lender: %(kinds)s. Use: %(allowed)s."),
            params={"kinds": ", ".join(unknown), "allowed": ", ".join(LenderKind.values)},
        )


class RateLine(models.Model):
    """A dated rate line a loan's true cost is compared against, and the lenders it applies to.

    A line's meaning depends on whom it binds, so each row is one line for some kinds of lender,
    worded for them: the courts' 4 x LPR line for private lending, the 24% that courts and
    regulators hold licensed lenders to, the 2017 cash-loan notice's 36%.

    A line that changes keeps its history: one row per value, each from its "in force since"
    day. Pages show the newest; a loan is measured against the row in force on the day it
    started, because a court holds a private loan to 4 x the LPR of its contract's day
    (content/sources.yaml: spc-private-lending-2020). When the LPR changes, add a row for
    lpr_1y and one for lpr_4x from the same day.
    """

    class Code(models.TextChoices):
        LPR_1Y = "lpr_1y", _("One-year loan prime rate (LPR)")
        LPR_4X = "lpr_4x", _("Four times the one-year LPR (the courts' line for private lending)")
        LINE_24 = "line_24", _("24% a year (licensed lenders, in court)")
        MICROLOAN_24 = "microloan_24", _("24% a year (micro-loan companies' new loans, 2025)")
        HELP_LENDING = "help_lending", _("Banks' partner platforms: the all-in cost (2025)")
        LINE_36 = "line_36", _("36% a year (the 2017 cash-loan notice)")

    code = models.CharField(_("line"), max_length=20, choices=Code.choices)
    # A fraction: 0.12 means 12% a year.
    value = models.DecimalField(
        _("annual rate (fraction, 0.12 = 12%)"), max_digits=9, decimal_places=6
    )
    as_of = models.DateField(_("in force since / as of"))
    label_zh = models.CharField(_("label (Chinese)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    meaning_zh = models.TextField(_("what crossing it means (Chinese)"))
    meaning_en = models.TextField(_("what crossing it means (English)"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, verbose_name=_("source"))
    lenders = models.CharField(
        _("applies to"),
        max_length=200,
        blank=True,
        validators=[validate_lender_kinds],
        help_text=_(
            "The kinds of lender this line applies to, comma-separated: bank, consumer_finance, "
            "microloan, platform, private, unknown. Empty: a reference rate, never a limit."
        ),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort_order", "code", "-as_of"]
        verbose_name = _("rate line")
        verbose_name_plural = _("rate lines")
        constraints = [
            models.UniqueConstraint(fields=["code", "as_of"], name="one_value_a_day_per_line")
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} = {self.value} ({self.as_of})"

    def clean(self) -> None:
        # The courts' line is 4 x the one-year LPR of the same day: the two rows change together.
        pair = {self.Code.LPR_4X: self.Code.LPR_1Y, self.Code.LPR_1Y: self.Code.LPR_4X}
        if self.code not in pair or self.value is None or self.as_of is None:
            return
        other = RateLine.objects.filter(code=pair[self.code], as_of=self.as_of).first()
        if other is None:
            return
        lpr, four = (
            (self.value, other.value)
            if self.code == self.Code.LPR_1Y
            else (other.value, self.value)
        )
        if four != 4 * lpr:
            raise ValidationError(
                {
                    "value": _(
                        "The courts' line (lpr_4x) must be 4 times the one-year LPR (lpr_1y) of "
                        "the same day: %(lpr)s x 4 = %(four)s."
                    )
                    % {"lpr": lpr, "four": 4 * lpr}
                }
            )

    def applies_to(self, lender: str) -> bool:
        return lender in _lender_kinds(self.lenders)

    def lender_kinds(self) -> list[LenderKind]:
        return [LenderKind(kind) for kind in _lender_kinds(self.lenders)]


class SavedResult(models.Model):
    """An anonymous saved assessment: only the loan and budget figures, never who it belongs to.

    The link's token is never stored, only its SHA-256, so a database leak does not reveal links.
    """

    class Kind(models.TextChoices):
        CHECK = "check", _("loan check")
        COMPARE = "compare", _("comparison")
        DEBTS = "debts", _("my debts")

    token_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHECK)
    inputs = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("saved result")
        verbose_name_plural = _("saved results")

    def __str__(self) -> str:
        return f"{self.kind} saved {self.created_at:%Y-%m-%d}"


# --- Overdue guidance (issue 5) ------------------------------------------------------------
# Every piece of guidance text is a row with both languages, the sources it rests on and the
# date someone last reviewed it. The rows are read from the files under content/ by
# `manage.py load_content` (apps.core.content_files): the files are the source of truth, reviewed
# like code, and the admin shows the rows read-only with the path of their file.


class GuidanceItem(models.Model):
    """What every guidance row carries: its sources and when it was last reviewed."""

    sources = models.ManyToManyField(
        Source,
        # source.stagesection_uses, source.helpline_uses...: "where we use it" on the sources page
        related_name="%(class)s_uses",
        verbose_name=_("sources"),
        help_text=_("The public sources this text rests on. Never cite an unverified fact."),
    )
    last_reviewed = models.DateField(_("last reviewed"))

    class Meta:
        abstract = True


# From this many days late on, and in court, stage pages and My debts open with "Safety first":
# 110, 120, 12356 and 12348 (hotline-12356: the psychological help line from the first weeks
# late).
SAFETY_FIRST_FROM_DAY = 8


class Stage(models.Model):
    """A span of days overdue (or the time before the due date, or after settling)."""

    class Phase(models.TextChoices):
        BEFORE = "before", _("before the due date")
        OVERDUE = "overdue", _("overdue")
        # Court can come at any point once a loan is overdue, so it has no span of days.
        COURT = "court", _("in court")
        SETTLED = "settled", _("after it is settled")

    slug = models.SlugField(_("address (slug)"), max_length=40, unique=True)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    # Only overdue stages have a span; the last one is open-ended (no last day).
    first_day = models.PositiveIntegerField(_("first day overdue"), null=True, blank=True)
    last_day = models.PositiveIntegerField(_("last day overdue"), null=True, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=100)
    title_en = models.CharField(_("title (English)"), max_length=100)
    headline_zh = models.CharField(_("one-line summary (Chinese)"), max_length=200)
    headline_en = models.CharField(_("one-line summary (English)"), max_length=200)
    last_reviewed = models.DateField(_("last reviewed"))
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    content_file = models.CharField(_("content file"), max_length=200, blank=True)
    # The questions people ask at this stage, linked from its page.
    topics = models.ManyToManyField(
        "Topic", blank=True, related_name="stages", verbose_name=_("help topics for this stage")
    )

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("overdue stage")
        verbose_name_plural = _("overdue stages")

    def __str__(self) -> str:
        return self.title_en

    @property
    def shows_safety_first(self) -> bool:
        """From the second week late, and in court, a stage page (and My debts, for a loan in
        it) opens with the numbers for danger, distress and legal help."""
        if self.phase == self.Phase.COURT:
            return True
        return self.phase == self.Phase.OVERDUE and (self.first_day or 0) >= SAFETY_FIRST_FROM_DAY

    @property
    def ordered_sections(self) -> list[StageSection]:
        """The sections in reading order (happens, costs, credit, may, may not)."""
        order = list(StageSection.Kind.values)
        return sorted(self.sections.all(), key=lambda section: order.index(section.kind))


class StageSection(GuidanceItem):
    """One part of a stage's guidance; each stage has one section of every kind."""

    class Kind(models.TextChoices):
        # In the order they appear on a stage page.
        HAPPENS = "happens", _("What typically happens")
        COSTS = "costs", _("What it costs")
        CREDIT = "credit", _("What it does to your credit report")
        MAY = "may", _("What collectors may do")
        MAY_NOT = "may_not", _("What collectors may not do")

    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="sections", verbose_name=_("stage")
    )
    kind = models.CharField(_("section"), max_length=10, choices=Kind.choices)
    body_zh = models.TextField(_("text (Chinese)"), help_text=_("One short point per line."))
    body_en = models.TextField(_("text (English)"), help_text=_("One short point per line."))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stage", "kind"], name="one_section_of_each_kind")
        ]
        verbose_name = _("stage section")
        verbose_name_plural = _("stage sections")

    def __str__(self) -> str:
        return f"{self.stage}: {self.get_kind_display()}"


class ChecklistItem(GuidanceItem):
    """One thing to do now, at this stage; items are rows so they print and can be ticked."""

    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("stage")
    )
    text_zh = models.CharField(_("what to do (Chinese)"), max_length=300)
    text_en = models.CharField(_("what to do (English)"), max_length=300)
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text_en


class CollectionRule(GuidanceItem):
    """A collection rule in plain words, and what breaking it looks like."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    rule_zh = models.CharField(_("the rule (Chinese)"), max_length=300)
    rule_en = models.CharField(_("the rule (English)"), max_length=300)
    # An association's rule binds its members; a law binds every collector.
    binds_zh = models.CharField(_("whom it binds (Chinese)"), max_length=300)
    binds_en = models.CharField(_("whom it binds (English)"), max_length=300)
    breaks_zh = models.TextField(
        _("what breaking it looks like (Chinese)"), help_text=_("One short point per line.")
    )
    breaks_en = models.TextField(
        _("what breaking it looks like (English)"), help_text=_("One short point per line.")
    )
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    content_file = models.CharField(_("content file"), max_length=200, blank=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("collection rule")
        verbose_name_plural = _("collection rules")

    def __str__(self) -> str:
        return self.rule_en


class ScamWarning(GuidanceItem):
    """A scam aimed at people in debt: how it looks and what to do instead."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_zh = models.TextField(
        _("how it looks (Chinese)"), help_text=_("One short point per line.")
    )
    body_en = models.TextField(
        _("how it looks (English)"), help_text=_("One short point per line.")
    )
    advice_zh = models.TextField(_("what to do instead (Chinese)"))
    advice_en = models.TextField(_("what to do instead (English)"))
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    content_file = models.CharField(_("content file"), max_length=200, blank=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("scam warning")
        verbose_name_plural = _("scam warnings")

    def __str__(self) -> str:
        return self.title_en


class HelpLine(GuidanceItem):
    """A number to call for help, and when to call it."""

    number = models.CharField(_("number"), max_length=20)
    name_zh = models.CharField(_("who answers (Chinese)"), max_length=200)
    name_en = models.CharField(_("who answers (English)"), max_length=200)
    when_zh = models.TextField(_("when to call (Chinese)"))
    when_en = models.TextField(_("when to call (English)"))
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    content_file = models.CharField(_("content file"), max_length=200, blank=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("help line")
        verbose_name_plural = _("help lines")

    def __str__(self) -> str:
        return f"{self.number} {self.name_en}"


class Topic(models.Model):
    """A piece of help that belongs to no one stage (talking to the lender, the credit report,
    a sold debt, complaints...): a title, a summary and sections, each with its sources."""

    slug = models.SlugField(_("address (slug)"), max_length=40, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=100)
    title_en = models.CharField(_("title (English)"), max_length=100)
    summary_zh = models.CharField(_("one-line summary (Chinese)"), max_length=200)
    summary_en = models.CharField(_("one-line summary (English)"), max_length=200)
    last_reviewed = models.DateField(_("last reviewed"))
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    content_file = models.CharField(_("content file"), max_length=200, blank=True)
    # Topics about danger at home or to the borrower open with "Safety first", as late stages do.
    shows_safety_first = models.BooleanField(_("opens with “Safety first”"), default=False)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("help topic")
        verbose_name_plural = _("help topics")

    def __str__(self) -> str:
        return self.title_en


class TopicSection(GuidanceItem):
    """One part of a topic: a heading and its points, steps in order, or words to say."""

    class Style(models.TextChoices):
        POINTS = "points", _("points")
        STEPS = "steps", _("steps, in order")
        SCRIPT = "script", _("words to say or send")

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="sections", verbose_name=_("topic")
    )
    heading_zh = models.CharField(_("heading (Chinese)"), max_length=200)
    heading_en = models.CharField(_("heading (English)"), max_length=200)
    style = models.CharField(_("style"), max_length=10, choices=Style.choices)
    body_zh = models.TextField(_("text (Chinese)"), help_text=_("One short point per line."))
    body_en = models.TextField(_("text (English)"), help_text=_("One short point per line."))
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("topic section")
        verbose_name_plural = _("topic sections")

    def __str__(self) -> str:
        return f"{self.topic}: {self.heading_en}"
