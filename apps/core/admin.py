from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.core.facts import shown_sources
from apps.core.models import (
    ChecklistItem,
    CollectionRule,
    HelpLine,
    RateLine,
    ScamWarning,
    Source,
    Stage,
    StageSection,
    Topic,
    TopicSection,
)
from apps.core.pagecache import bump_content_version_on_commit


class ContentAdmin(admin.ModelAdmin):
    """Admin for anything a page shows: every change retires the cached pages (pagecache.py) once
    it commits; the admin saves inside a transaction, and an edit that rolls back retires none."""

    # A link typed without a scheme means https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        bump_content_version_on_commit()

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        bump_content_version_on_commit()

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        super().delete_model(request, obj)
        bump_content_version_on_commit()

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        super().delete_queryset(request, queryset)
        bump_content_version_on_commit()


class ReadOnly:
    """Shown, never added, changed or deleted (a ModelAdmin's or an inline's permissions)."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class FromContentFile(ReadOnly, ContentAdmin):
    """Guidance rows and sources come from the files under content/ (`manage.py load_content`):
    the admin shows them read-only, with the file to edit. An edit here would be undone by the
    next deployment, and could open a gap in the stages' days, so there is none."""

    @admin.display(description=_("Edit in"))
    def edit_in(self, obj: object) -> str:
        path = getattr(obj, "content_file", "") or _("(not from a content file)")
        return format_html(
            "<code>{}</code> — {}",
            path,
            _("change the file, have it reviewed, and deploy: load_content reads it in."),
        )


class ReadOnlyInline(ReadOnly, admin.StackedInline):
    extra = 0


@admin.register(Source)
class SourceAdmin(FromContentFile):
    list_display = ["key", "title_en", "confidence", "last_checked", "content_file"]
    list_filter = ["confidence"]
    search_fields = ["key", "title_en", "title_zh", "summary_en", "summary_zh"]
    readonly_fields = ["edit_in"]


@admin.register(RateLine)
class RateLineAdmin(ContentAdmin):
    """The rate lines (the LPR among them) change between releases: administrators keep them up
    to date here, each with its source (from content/sources.yaml) and "as of" date. A new value
    is a new row from its day, so that loans that started earlier keep theirs (a new LPR: a row
    for lpr_1y and one for lpr_4x, 4 times it, from the same day)."""

    list_display = ["code", "value", "as_of", "source"]
    list_filter = ["code"]
    list_select_related = ["source"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        # A line may cite only a source a page may show: never an unverified one.
        if db_field.name == "source":
            kwargs["queryset"] = shown_sources()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- Overdue guidance: read-only, each row with the content file it came from.
class StageSectionInline(ReadOnlyInline):
    model = StageSection
    fields = ["kind", "body_zh", "body_en", "sources", "last_reviewed"]


class ChecklistItemInline(ReadOnlyInline):
    model = ChecklistItem
    fields = ["sort_order", "text_zh", "text_en", "sources", "last_reviewed"]


class TopicSectionInline(ReadOnlyInline):
    model = TopicSection
    fields = ["heading_zh", "heading_en", "style", "body_zh", "body_en", "sources"]


@admin.register(Stage)
class StageAdmin(FromContentFile):
    list_display = ["title_en", "title_zh", "phase", "first_day", "last_day", "content_file"]
    readonly_fields = ["edit_in"]
    inlines = [StageSectionInline, ChecklistItemInline]


@admin.register(Topic)
class TopicAdmin(FromContentFile):
    list_display = ["title_en", "title_zh", "last_reviewed", "content_file"]
    readonly_fields = ["edit_in"]
    inlines = [TopicSectionInline]


@admin.register(CollectionRule)
class CollectionRuleAdmin(FromContentFile):
    list_display = ["rule_en", "code", "last_reviewed", "content_file"]
    readonly_fields = ["edit_in"]


@admin.register(ScamWarning)
class ScamWarningAdmin(FromContentFile):
    list_display = ["title_en", "code", "last_reviewed", "content_file"]
    readonly_fields = ["edit_in"]


@admin.register(HelpLine)
class HelpLineAdmin(FromContentFile):
    list_display = ["number", "name_en", "last_reviewed", "content_file"]
    readonly_fields = ["edit_in"]
