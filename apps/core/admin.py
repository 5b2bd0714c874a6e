from __future__ import annotations

from django.contrib import admin

from apps.core.models import RateLine, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["key", "title_en", "confidence", "last_checked", "sort_order"]
    list_filter = ["confidence"]
    search_fields = ["key", "title_en", "title_zh", "summary_en", "summary_zh"]


@admin.register(RateLine)
class RateLineAdmin(admin.ModelAdmin):
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
class StageAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_zh", "phase", "first_day", "last_day", "last_reviewed"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [StageSectionInline, ChecklistItemInline]


@admin.register(CollectionRule)
class CollectionRuleAdmin(admin.ModelAdmin):
    list_display = ["rule_en", "code", "last_reviewed", "sort_order"]
    filter_horizontal = ["sources"]


@admin.register(ScamWarning)
class ScamWarningAdmin(admin.ModelAdmin):
    list_display = ["title_en", "code", "last_reviewed", "sort_order"]
    filter_horizontal = ["sources"]


@admin.register(HelpLine)
class HelpLineAdmin(admin.ModelAdmin):
    list_display = ["number", "name_en", "last_reviewed", "sort_order"]
    filter_horizontal = ["sources"]
