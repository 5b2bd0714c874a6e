from __future__ import annotations

from django.urls import path

from apps.guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("sources/", views.sources, name="sources"),
]
