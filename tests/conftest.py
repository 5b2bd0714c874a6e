"""Shared test set-up: static files collected once per run, Hypothesis's settings, small helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from hypothesis import settings as hypothesis_settings

# No per-example deadline: two test workers share two cores, and a slow example on a busy
# machine is not a bug. How many examples each test draws: tests/fuzz.py.
hypothesis_settings.register_profile("repayable", deadline=None, print_blob=True)
hypothesis_settings.load_profile("repayable")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as a deployment has it: migrated, then the guidance read from content/
    (the files are the source of truth; the old seed migrations only hold their first version)."""
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _collected_static(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Pages are rendered with the production storage (hashed, compressed names), so collect the
    static files once into a temporary folder (one per test worker), as `make run` does into
    staticfiles/. override_settings tells the static storage, which re-reads STATIC_ROOT."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Tests post many forms from one address; the rate-limit tests set their own limits."""
    settings.RATE_LIMITS = {bucket: (0, 60) for bucket in settings.RATE_LIMITS}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: no page cached by another test's data."""
    cache.clear()


@pytest.fixture
def en(client):
    """A test client that reads the site in English."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def zh(client):
    """A test client that reads the site in Simplified Chinese."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    return client
