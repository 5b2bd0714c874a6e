from __future__ import annotations

from django.urls import path

from apps.loans import views

app_name = "loans"

urlpatterns = [
    path("", views.check, name="check"),
    path("compare/", views.compare, name="compare"),
]
