"""The core migrations hold the schema and no content: a fresh database gets its rows from
content/ (load_content), and a database that applied the old 0001-0008 sees their squash as
applied and migrates on."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython
from django.db.migrations.recorder import MigrationRecorder

SQUASH = ("core", "0001_squashed_0008_guidance_from_content_files")
OLD = [
    "0001_initial",
    "0002_seed_sources_and_rate_lines",
    "0003_guidance",
    "0004_seed_guidance",
    "0005_seed_working_days_source",
    "0006_rate_lines_by_lender",
    "0007_my_debts",
    "0008_guidance_from_content_files",
]


def test_the_squash_replaces_the_old_migrations_and_seeds_nothing():
    migrations = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    squash = migrations[SQUASH]
    assert squash.replaces == [("core", name) for name in OLD]
    assert not any(isinstance(op, RunPython) for op in squash.operations)
    # The one RunPython left corrects a rate line's wording where it still reads as seeded.
    runs = [
        (key, op.code.__name__)
        for key, migration in migrations.items()
        if key[0] == "core"
        for op in migration.operations
        if isinstance(op, RunPython)
    ]
    assert runs == [(("core", "0009_rule_binds_stage_topics_safety"), "correct_help_lending_label")]


@pytest.mark.django_db
def test_a_database_that_applied_the_old_migrations_sees_the_squash_as_applied():
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="core", name=SQUASH[1]).delete()
    for name in OLD:
        recorder.record_applied("core", name)
    executor = MigrationExecutor(connection)
    assert SQUASH in executor.loader.applied_migrations
    targets = executor.loader.graph.leaf_nodes()
    assert executor.migration_plan(targets) == []


def test_a_fresh_database_gets_its_rows_from_content_alone(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_DEBUG": "true",
        "REPAYABLE_DATA_DIR": str(tmp_path),
    }

    def manage(*args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args, "--verbosity", "0"],
            cwd=Path(settings.BASE_DIR),
            env=env,
            check=True,
        )

    def count(table: str) -> int:
        with sqlite3.connect(tmp_path / "db.sqlite3") as db:
            return db.execute(f"select count(*) from {table}").fetchone()[0]

    manage("migrate", "--noinput")
    tables = ("core_source", "core_rateline", "core_stage", "core_topic", "core_helpline")
    assert [count(t) for t in tables] == [0, 0, 0, 0, 0]
    manage("load_content")
    assert all(count(t) for t in tables)
    assert count("core_rateline") == 6
