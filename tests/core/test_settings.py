"""Settings read the environment strictly and refuse unsafe production runs."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("word", ["true", "True", "1", "yes", "on"])
def test_env_bool_accepts_true_words(monkeypatch, word):
    monkeypatch.setenv("X_FLAG", word)
    assert env_bool("X_FLAG", False) is True


@pytest.mark.parametrize("word", ["false", "0", "no", "off"])
def test_env_bool_accepts_false_words(monkeypatch, word):
    monkeypatch.setenv("X_FLAG", word)
    assert env_bool("X_FLAG", True) is False


@pytest.mark.parametrize("word", ["ture", "enabled", "2", "y es"])
def test_env_bool_rejects_anything_else_instead_of_guessing(monkeypatch, word):
    monkeypatch.setenv("X_FLAG", word)
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", False)


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("X_FLAG", raising=False)
    assert env_bool("X_FLAG", True) is True


def test_env_int_rejects_words(monkeypatch):
    monkeypatch.setenv("X_NUM", "four")
    with pytest.raises(ImproperlyConfigured, match="X_NUM"):
        env_int("X_NUM", 1)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("X_LIST", " a.example, b.example ,,")
    assert env_list("X_LIST", "") == ["a.example", "b.example"]


def test_production_run_without_a_secret_key_refuses_to_start_and_says_what_to_set():
    result = _manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_debug_is_off_unless_asked():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
        "from django.conf import settings; print(settings.DEBUG)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SECRET_KEY": secrets.token_urlsafe(50)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_deploy_check_is_clean_in_the_production_configuration():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="example.org",
        DJANGO_HTTPS="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _caches(**env: str) -> dict[str, dict[str, object]]:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CACHES))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "true", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_redis_url_switches_the_cache_to_redis_for_every_server_with_short_timeouts():
    caches = _caches(REDIS_URL="redis://127.0.0.1:6379/0")
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    options = caches["default"]["OPTIONS"]
    assert 0 < options["socket_connect_timeout"] <= 0.5
    assert 0 < options["socket_timeout"] <= 0.5
    # Where the rate limits are counted while Redis is away.
    assert caches["database"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_without_redis_the_cache_is_a_database_table_that_every_worker_shares():
    caches = _caches()
    assert list(caches) == ["default", "pages"]
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    # Only rendered pages are kept per process; their keys carry the shared content version.
    assert caches["pages"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_make_migrate_creates_the_cache_table():
    makefile = (ROOT / "Makefile").read_text()
    migrate = makefile.split("\nmigrate:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py createcachetable" in migrate


def test_the_sqlite_database_writes_ahead_and_commits_without_waiting_for_the_disk(tmp_path):
    # Every request that computes commits its rate-limit count: in SQLite's default rollback
    # journal each commit waits for the disk, which was most of a loan check's time.
    probe = (
        "import django; django.setup(); from django.db import connection; "
        "cursor = connection.cursor(); "
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0], "
        "cursor.execute('PRAGMA synchronous').fetchone()[0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "true",
            "DJANGO_DATA_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # wal, and synchronous NORMAL (1) rather than FULL (2).
    assert done.stdout.split() == ["wal", "1"]
