"""Settings read the environment strictly and refuse unsafe production runs."""

from __future__ import annotations

import ast
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "REPAYABLE_", "DATABASE_URL"))
    }
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
        REPAYABLE_HTTPS="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _caches(**env: str) -> dict[str, dict[str, object]]:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CACHES))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "REPAYABLE_", "REDIS_URL"))
    }
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


# Settings and environment variables of our own carry one prefix, so that a reader tells them
# from Django's and the libraries' at a glance; the README's configuration tables list each.
OWN = "REPAYABLE_"
# Settings that belong to Django (its project layout; ROOT_URLCONF has no default) or to a
# library (django-csp, crispy-forms, django-permissions-policy), not to us.
THEIR_SETTINGS = {
    "BASE_DIR",
    "ROOT_URLCONF",
    "CONTENT_SECURITY_POLICY",
    "CRISPY_ALLOWED_TEMPLATE_PACKS",
    "CRISPY_TEMPLATE_PACK",
    "PERMISSIONS_POLICY",
}
# Variables that keep the names deployments already use: the DJANGO_ ones set Django's own
# settings (DEBUG, SECRET_KEY, ALLOWED_HOSTS...; DJANGO_LOG_LEVEL as Django's logging docs name
# it), DATABASE_URL is dj-database-url's, REDIS_URL the usual one, CI every CI's.
STANDARD_VARIABLES = {
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DJANGO_DB_CONN_MAX_AGE",
    "DJANGO_DEBUG",
    "DJANGO_HSTS_SECONDS",
    "DJANGO_LOG_LEVEL",
    "DJANGO_SECRET_KEY",
    "DJANGO_STATIC_ROOT",
    "DJANGO_TIME_ZONE",
    "DATABASE_URL",
    "REDIS_URL",
    "CI",
}
_READS_VARIABLE = re.compile(r"""(?:env_\w+|environ\.get|getenv)\(\s*["']([A-Z][A-Z0-9_]*)["']""")


def _readme_table_names() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"(?m)^\| `([A-Z][A-Z0-9_]*)` \|", readme))


def _variables_read() -> set[str]:
    sources = [*ROOT.glob("config/*.py"), *ROOT.glob("apps/**/*.py"), *ROOT.glob("tests/**/*.py")]
    return {name for path in sources for name in _READS_VARIABLE.findall(path.read_text())}


def _our_settings() -> set[str]:
    """The settings config/settings.py assigns (not what it imports; `_private` helpers aside)
    that Django does not define."""
    from django.conf import global_settings

    tree = ast.parse((ROOT / "config" / "settings.py").read_text(encoding="utf-8"))
    assigned = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    return {
        name
        for name in assigned
        if name.isupper()
        and not name.startswith("_")
        and not hasattr(global_settings, name)
        and name not in THEIR_SETTINGS
    }


def test_our_settings_carry_the_prefix_and_the_readme_lists_each():
    settings = _our_settings()
    assert {name for name in settings if not name.startswith(OWN)} == set()
    assert "REPAYABLE_RATE_LIMITS" in settings
    assert settings - _readme_table_names() == set()


def test_our_environment_variables_carry_the_prefix_and_the_readme_lists_each():
    # This file's own examples, and the shell's PATH (where nginx is looked for).
    variables = _variables_read() - {"X_FLAG", "X_NUM", "X_LIST", "PATH"}
    assert {"DJANGO_SECRET_KEY", "REPAYABLE_HTTPS", "REPAYABLE_GUNICORN_WORKERS"} <= variables
    assert {name for name in variables if not name.startswith(OWN)} - STANDARD_VARIABLES == set()
    assert variables - _readme_table_names() == set()


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
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("DJANGO_", "REPAYABLE_", "DATABASE_"))
            },
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "true",
            "REPAYABLE_DATA_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # wal, and synchronous NORMAL (1) rather than FULL (2).
    assert done.stdout.split() == ["wal", "1"]
