"""The rate lines and the guidance, put back if a test that flushes the database (a browser test,
with its transactional database) ran before."""

from __future__ import annotations

from django.core.management import call_command


def ensure_seeded() -> None:
    from apps.core.models import RateLine, Topic

    # Every row comes from content/ (load_content), the rate lines' first values included: without
    # them the rows are gone (a flush) or are the snapshot serialized when the test database was
    # migrated, before load_content ran.
    if Topic.objects.exists() and RateLine.objects.exists():
        return
    call_command("load_content", verbosity=0)
