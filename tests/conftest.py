"""Shared test set-up: static files collected once for their content, a quick cache, Hypothesis's
settings, small helpers."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.test import override_settings
from hypothesis import settings as hypothesis_settings

from apps.core import failopen
from tests.seed import ensure_seeded

# No per-example deadline: two test workers share two cores, and a slow example on a busy
# machine is not a bug. How many examples each test draws: tests/fuzz.py.
hypothesis_settings.register_profile("repayable", deadline=None, print_blob=True)
hypothesis_settings.load_profile("repayable")


def _static_key() -> str:
    """A digest of all that collectstatic's output depends on: every file the finders find, the
    storage, and the versions of the packages that hash and compress them."""
    digest = hashlib.sha256(repr(settings.STORAGES["staticfiles"]).encode())
    for package in ("django", "whitenoise", "brotli"):
        digest.update(f"{package}=={metadata.version(package)}".encode())
    for finder in finders.get_finders():
        for path, storage in sorted(finder.list([]), key=lambda found: found[0]):
            digest.update(path.encode())
            with storage.open(path) as file:
                digest.update(file.read())
    return digest.hexdigest()[:16]


def _load_content_after_migrate(sender, **kwargs) -> None:
    """The test database as a deployment has it: migrated, then the guidance read from content/
    (the files are the source of truth, the rate lines' first values among them).

    On post_migrate, so that it happens before Django serializes the new test database for
    serialized_rollback: a browser test then starts from rows that already hold the content."""
    call_command("load_content", verbosity=0)


post_migrate.connect(_load_content_after_migrate, sender=apps.get_app_config("core"))


@pytest.fixture(scope="session", autouse=True)
def _collected_static() -> Iterator[Path]:
    """Pages are rendered with the production storage (hashed, compressed names), so the static
    files are collected as `make run` does into staticfiles/, and override_settings tells the
    static storage, which re-reads STATIC_ROOT.

    Collecting compresses Django's admin files too (about ten seconds a test worker), so the
    result is kept in the system's temporary folder under a digest of its inputs: the second
    worker, the next run and CI's PostgreSQL run find it there. A new copy is built beside it and
    renamed into place, so a reader never sees half of one."""
    root = Path(tempfile.gettempdir()) / f"repayable-static-{_static_key()}"
    if not (root / "staticfiles.json").exists():
        building = Path(tempfile.mkdtemp(prefix=f"{root.name}.", dir=root.parent))
        with override_settings(STATIC_ROOT=building):
            call_command("collectstatic", interactive=False, verbosity=0)
        try:
            building.rename(root)
        except OSError:  # another worker or run finished first, with the same files
            shutil.rmtree(building, ignore_errors=True)
    with override_settings(STATIC_ROOT=root):
        yield root


# The tests' cache is this process's memory: quick, and emptied before each test. The shared
# default (the database, or Redis) is tried against real servers in tests/core/test_faults.py.
TEST_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": settings.REPAYABLE_PAGES_CACHE,
}


@pytest.fixture(scope="session", autouse=True)
def _quick_cache() -> Iterator[None]:
    with override_settings(CACHES=TEST_CACHES):
        yield


@pytest.fixture(autouse=True)
def _seeded_rows(request) -> None:
    """The rate lines and the guidance, for a database test that runs after a transactional test
    (the fault tests, the content loader's) on the same worker: those flush the database when
    they end, and xdist's work stealing can hand a worker an ordinary test afterwards. Two quick
    queries when the rows are there."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        return
    if marker and marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("db")
    ensure_seeded()


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Tests post many forms from one address; the rate-limit tests set their own limits."""
    settings.REPAYABLE_RATE_LIMITS = {bucket: (0, 60) for bucket in settings.REPAYABLE_RATE_LIMITS}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache that answers: no page cached by another test's
    data, no outage left by another test."""
    failopen.breakers.clear()
    failopen.warned_at.clear()
    for alias in settings.CACHES:
        caches[alias].clear()


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
