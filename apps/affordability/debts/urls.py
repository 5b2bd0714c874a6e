from __future__ import annotations

from django.urls import path

from apps.affordability.debts import views

app_name = "debts"

urlpatterns = [
    path("", views.form, name="form"),
    path("plan/", views.plan, name="plan"),
    path("plan.csv", views.plan_csv, name="csv"),
    path("pack/", views.pack, name="pack"),
    path("letter/<int:number>/", views.letter, name="letter"),
]
