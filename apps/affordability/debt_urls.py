from __future__ import annotations

from django.urls import path

from apps.affordability import debt_views

app_name = "debts"

urlpatterns = [
    path("", debt_views.form, name="form"),
    path("plan/", debt_views.plan, name="plan"),
    path("plan.csv", debt_views.plan_csv, name="csv"),
    path("letter/<int:number>/", debt_views.letter, name="letter"),
]
