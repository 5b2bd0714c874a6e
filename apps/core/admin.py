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
