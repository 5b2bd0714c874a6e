"""The seeded sources, rate lines and guidance, put back if a test that flushes the database
(a browser test, with its transactional database) ran before."""

from __future__ import annotations

import importlib

# The data migrations whose seed() functions are idempotent (update_or_create).
SEED_MIGRATIONS = (
    "0002_seed_sources_and_rate_lines",
    "0004_seed_guidance",
    "0005_seed_working_days_source",
    "0006_rate_lines_by_lender",
    "0007_my_debts",
)


def ensure_seeded() -> None:
    from django.apps import apps as django_apps

    from apps.core.models import RateLine, Stage

    if Stage.objects.exists() and RateLine.objects.exists():
        return
    for name in SEED_MIGRATIONS:
        importlib.import_module(f"apps.core.migrations.{name}").seed(django_apps, None)
