from __future__ import annotations

from django.urls import path

from apps.affordability import views

app_name = "affordability"

urlpatterns = [
    path("how-we-assess/", views.how_we_assess, name="how_we_assess"),
]
