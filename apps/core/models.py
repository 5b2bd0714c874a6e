"""The one model layer of the site: sourced facts, the dated rate lines, saved results.

Text shown to borrowers that lives in the database is stored in both languages (`*_zh`, `*_en`);
templates pick one with the `tr` filter. Figures that change (the LPR, caps) are rows here that an
administrator updates, each with its source and "as of" date, never constants in code.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    HIGH = "H", _("High: a primary source, or several sources agree")
    MEDIUM = "M", _("Medium: one good secondary source")
    UNVERIFIED = "U", _("Unverified: never shown to borrowers")


class Source(models.Model):
    """A public source a fact on the site rests on, with when we last checked it."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    summary_zh = models.TextField(_("what it says, in one sentence (Chinese)"))
    summary_en = models.TextField(_("what it says, in one sentence (English)"))
    url = models.URLField(_("link"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=1, choices=Confidence.choices)
    last_checked = models.DateField(_("last checked"))
    sort_order = models.PositiveIntegerField(_("order on the sources page"), default=100)

    class Meta:
        ordering = ["sort_order", "key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title_en


class RateLine(models.Model):
    """A dated rate line a loan's true cost is compared against (LPR, 4 x LPR, 24%, 36%)."""

    class Code(models.TextChoices):
        LPR_1Y = "lpr_1y", _("One-year loan prime rate (LPR)")
        LPR_4X = "lpr_4x", _("Four times the one-year LPR (court protection cap)")
        LINE_24 = "line_24", _("24% a year")
        LINE_36 = "line_36", _("36% a year")

    code = models.CharField(_("line"), max_length=20, choices=Code.choices, unique=True)
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
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("rate line")
        verbose_name_plural = _("rate lines")

    def __str__(self) -> str:
        return f"{self.get_code_display()} = {self.value}"


class SavedResult(models.Model):
    """An anonymous saved assessment: only the loan and budget figures, never who it belongs to.

    The link's token is never stored, only its SHA-256, so a database leak does not reveal links.
    """

    class Kind(models.TextChoices):
        CHECK = "check", _("loan check")
        COMPARE = "compare", _("comparison")

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
