"""Gunicorn serving the app on a free loopback port, as production runs it: the fault tests
(tests/core/test_faults.py) and the benchmarks (bench/) start and stop it here."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    base: str
    process: subprocess.Popen
    log: Path | None = None

    def worker_pids(self) -> list[int]:
        """The gunicorn master's worker processes, as they are now."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # gone meanwhile
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2)
    except urllib.error.HTTPError:
        return True  # an answer all the same (a 503 while the database is down)
    except OSError:
        return False
    return True


@contextmanager
def gunicorn(env: dict[str, str], *, log: Path | None = None) -> Iterator[Server]:
    """Serve the app with config/gunicorn.conf.py and `env`. With `log`, gunicorn's access and
    error logs go to that file; without, the access log is dropped. Stops it afterwards."""
    port = free_port()
    command = [str(GUNICORN), "--config", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    if log is None:
        command += ["--access-logfile", "/dev/null"]
    output = log.open("ab") if log else None
    process = subprocess.Popen(
        [*command, "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=output,
        start_new_session=True,
    )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + 60
        while not _answers(server.base + "/healthz"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start (exit {process.poll()}); see {log}")
            time.sleep(0.1)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if output:
            output.close()


def production_env(
    folder: Path, *, static_root: str, post_limit: int, workers: int, log_level: str = "WARNING"
) -> dict[str, str]:
    """The environment of a production gunicorn whose data (the SQLite file) is in `folder`:
    DEBUG off, this machine's own variables but none of the app's, so the test run's settings do
    not leak into the server."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REPAYABLE_"))}
    keep.pop("DATABASE_URL", None)
    keep.pop("REDIS_URL", None)
    return {
        **keep,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "served-by-the-tests-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_DATA_DIR": str(folder),
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_LOG_LEVEL": log_level,
        "REPAYABLE_POST_LIMIT": str(post_limit),
        "GUNICORN_WORKERS": str(workers),
    }


@contextmanager
def database_copy(folder: Path) -> Iterator[dict[str, str]]:
    """A copy of this test run's database, seeded and with the cache table, for a server in
    another process: on SQLite a file in `folder` (the test database is in memory), on PostgreSQL
    a database made from it as a template and dropped afterwards. Yields the environment entries
    that point a server at it. Call with database access, outside any transaction."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from tests.seed import ensure_seeded

    ensure_seeded()
    # The test database was made with the tests' memory cache: make the real cache table.
    with override_settings(CACHES={"default": settings.DATABASE_CACHE}):
        call_command("createcachetable")
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        with sqlite3.connect(folder / "db.sqlite3") as copy:
            connection.connection.backup(copy)
        yield {}
        return
    import psycopg

    db = connection.settings_dict
    copy_name = f"{db['NAME']}_served"
    server = {"host": db["HOST"] or "localhost", "port": db["PORT"] or 5432}
    login = {"user": db["USER"], "password": db["PASSWORD"], **server}
    connection.close()  # a template database must have no one connected
    with psycopg.connect(dbname="postgres", autocommit=True, **login) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
        admin.execute(f'CREATE DATABASE "{copy_name}" TEMPLATE "{db["NAME"]}"')
    user = urllib.parse.quote(db["USER"], safe="")
    password = urllib.parse.quote(db["PASSWORD"], safe="")
    try:
        yield {
            "DATABASE_URL": f"postgres://{user}:{password}@{server['host']}:{server['port']}"
            f"/{copy_name}"
        }
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **login) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy_name}" WITH (FORCE)')
