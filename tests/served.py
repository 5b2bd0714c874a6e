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
    folder: Path,
    *,
    static_root: str,
    post_limit: int,
    workers: int | None = None,
    log_level: str = "WARNING",
) -> dict[str, str]:
    """The environment of a production gunicorn whose data (the SQLite file) is in `folder`:
    DEBUG off, this machine's own variables but none of the app's, so the caller's settings do
    not leak into the server. Without `workers`, gunicorn's configured default."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REPAYABLE_"))}
    keep.pop("DATABASE_URL", None)
    keep.pop("REDIS_URL", None)
    env = {
        **keep,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "served-for-tests-and-benchmarks-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_DATA_DIR": str(folder),
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_LOG_LEVEL": log_level,
        "REPAYABLE_POST_LIMIT": str(post_limit),
    }
    if workers is not None:
        env["GUNICORN_WORKERS"] = str(workers)
    return env


@contextmanager
def fresh_database(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """A database of its own for a server started with `env`, made as `make migrate` makes one
    (migrated, the cache table, the content loaded): on SQLite a file in env's DJANGO_DATA_DIR;
    when this run's DATABASE_URL is PostgreSQL, a new database on the same server, dropped
    afterwards. Yields the environment entries that point the server at it.

    Made by the app's own commands in other processes, apart from pytest-django's test database,
    so that a test using the server needs no database of its own."""
    extra: dict[str, str] = {}
    url = os.environ.get("DATABASE_URL", "")
    admin = None
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"repayable_served_{os.getpid()}"
        parts = urllib.parse.urlsplit(url)
        admin = psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        extra = {"DATABASE_URL": parts._replace(path=f"/{name}").geturl()}
    try:
        for command in (["migrate", "--noinput"], ["createcachetable"], ["load_content"]):
            subprocess.run(
                [sys.executable, "manage.py", *command, "--verbosity", "0"],
                cwd=ROOT,
                env={**env, **extra},
                check=True,
            )
        yield extra
    finally:
        if admin is not None:
            with admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
