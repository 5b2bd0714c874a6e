from __future__ import annotations

from django.contrib import admin
from django.db import models

from apps.core.models import RateLine, Source
from apps.core.pagecache import bump_content_version


class ContentAdmin(admin.ModelAdmin):
    """Admin for anything a page shows: every change retires the cached pages (pagecache.py)."""

    # A link typed without a scheme means https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        bump_content_version()

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        bump_content_version()

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        super().delete_model(request, obj)
        bump_content_version()

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        super().delete_queryset(request, queryset)
        bump_content_version()


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["key", "title_en", "confidence", "last_checked", "sort_order"]
    list_filter = ["confidence"]
    search_fields = ["key", "title_en", "title_zh", "summary_en", "summary_zh"]


@admin.register(RateLine)
class RateLineAdmin(ContentAdmin):
    list_display = ["code", "value", "as_of", "source"]
    list_select_related = ["source"]


# --- Overdue guidance (issue 5): a stage is edited on one page, its sections and checklist inline.
from apps.core.models import (  # noqa: E402 - kept with the guidance admin it serves
    ChecklistItem,
    CollectionRule,
    HelpLine,
    ScamWarning,
    Stage,
    StageSection,
)


class StageSectionInline(admin.StackedInline):
    model = StageSection
    extra = 0
    filter_horizontal = ["sources"]
    fields = ["kind", "body_zh", "body_en", "sources", "last_reviewed"]


class ChecklistItemInline(admin.StackedInline):
    model = ChecklistItem
    extra = 0
    filter_horizontal = ["sources"]
    fields = ["sort_order", "text_zh", "text_en", "sources", "last_reviewed"]


@admin.register(Stage)
class StageAdmin(ContentAdmin):
    list_display = ["title_en", "title_zh", "phase", "first_day", "last_day", "last_reviewed"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [StageSectionInline, ChecklistItemInline]


@admin.register(CollectionRule)
class CollectionRuleAdmin(ContentAdmin):
    list_display = ["rule_en", "code", "last_reviewed", "sort_order"]
    filter_horizontal = ["sources"]


@admin.register(ScamWarning)
class ScamWarningAdmin(ContentAdmin):
    list_display = ["title_en", "code", "last_reviewed", "sort_order"]
    filter_horizontal = ["sources"]


@admin.register(HelpLine)
class HelpLineAdmin(ContentAdmin):
    list_display = ["number", "name_en", "last_reviewed", "sort_order"]
    filter_horizontal = ["sources"]
