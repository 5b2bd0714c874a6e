"""The rate lines and the guidance, put back if a test that flushes the database (a browser test,
with its transactional database) ran before."""

from __future__ import annotations

import importlib

from django.core.management import call_command

# The data migrations that seed rate lines and the sources they cite; their seed() functions are
# idempotent (update_or_create). The guidance itself comes from content/ (load_content).
SEED_MIGRATIONS = (
    "0002_seed_sources_and_rate_lines",
    "0005_seed_working_days_source",
    "0006_rate_lines_by_lender",
)


def ensure_seeded() -> None:
    from django.apps import apps as django_apps

    from apps.core.models import RateLine, Topic

    # Topics come only from content/: without them the rows are gone (a flush) or are the
    # snapshot serialized when the test database was migrated, before load_content ran.
    if Topic.objects.exists() and RateLine.objects.exists():
        return
    for name in SEED_MIGRATIONS:
        importlib.import_module(f"apps.core.migrations.{name}").seed(django_apps, None)
    call_command("load_content", verbosity=0)
