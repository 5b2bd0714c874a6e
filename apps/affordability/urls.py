from __future__ import annotations

from django.urls import path

from apps.affordability import views

app_name = "affordability"

urlpatterns = [
    path("", views.result, name="result"),
    path("schedule.csv", views.schedule_csv, name="schedule_csv"),
    path("compare/", views.compare, name="compare"),
    path("compare.csv", views.compare_csv, name="compare_csv"),
    path("save/", views.save, name="save"),
    path("s/<str:token>/", views.saved, name="saved"),
    path("s/<str:token>/schedule.csv", views.saved_csv, name="saved_csv"),
    path("s/<str:token>/compare.csv", views.saved_compare_csv, name="saved_compare_csv"),
    path("s/<str:token>/debts.csv", views.saved_debts_csv, name="saved_debts_csv"),
    path("s/<str:token>/delete/", views.delete, name="delete"),
    path("how-we-assess/", views.how_we_assess, name="how_we_assess"),
]
