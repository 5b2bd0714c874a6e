from __future__ import annotations

from django.urls import path

from apps.guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("stages/<slug:slug>/", views.stage, name="stage"),
    path("help/<slug:slug>/", views.topic, name="topic"),
    path("guide/", views.guide, name="guide"),
    path("calculator/", views.calculator, name="calculator"),
    path("rights/", views.rights, name="rights"),
    path("letters/", views.letters, name="letters"),
    path("letters/statement/", views.letter_statement, name="letter_statement"),
    path("letters/plan/", views.letter_plan, name="letter_plan"),
    path("letters/complaint/", views.letter_complaint, name="letter_complaint"),
    path("scams/", views.scams, name="scams"),
    path("sources/", views.sources, name="sources"),
]
