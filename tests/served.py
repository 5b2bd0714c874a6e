"""The app served as production serves it, on free loopback ports: gunicorn alone, or `make
serve` (nginx in front of gunicorn). The fault tests (tests/core/test_faults.py), the serving
tests (tests/core/test_serving.py) and the benchmarks (bench/) start and stop them here."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from apps.core.serving import answers, free_port

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"


@dataclass(frozen=True)
class Server:
    base: str
    process: subprocess.Popen
    log: Path | None = None

    def worker_pids(self) -> list[int]:
        """The gunicorn master's worker processes, as they are now."""
        return children(self.process.pid)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (a gunicorn master's workers), as they are now."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[1]) == pid:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def _wait_until_up(
    process: subprocess.Popen, base: str, what: str, log: object, *, seconds: int
) -> None:
    """Wait until `base`/healthz answers; raise if the process exits or `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while not answers(base + "/healthz"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start (exit {process.poll()}); see {log}")
        time.sleep(0.1)


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
        _wait_until_up(process, server.base, "gunicorn", log, seconds=60)
        yield server
    finally:
        _stop_group(process, signal.SIGTERM, within=15)
        if output:
            output.close()


def _stop_group(process: subprocess.Popen, how: signal.Signals, *, within: float) -> None:
    """Stop a process started in a session of its own, and everything in it (a test may have
    killed it already)."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, how)
    try:
        process.wait(timeout=within)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@dataclass(frozen=True)
class Stack:
    """`make serve` running: nginx at `base`, `manage.py serve` as `process`, its files (pid
    files, the configuration, the error pages) in `folder`, everything it logged in `log`."""

    base: str
    process: subprocess.Popen
    folder: Path
    log: Path

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    def gunicorn_pid(self) -> int:
        """The master of the gunicorn `manage.py serve` started (none with app_servers)."""
        return int((self.folder / "gunicorn.pid").read_text())

    def log_lines(self) -> list[str]:
        return self.log.read_text(errors="replace").splitlines()


@contextmanager
def serve(
    env: dict[str, str], *, log: Path, app_servers: list[str] | None = None
) -> Iterator[Stack]:
    """`manage.py serve` (what `make serve` runs after its build steps) with `env`: nginx on a
    free loopback port in front of a gunicorn of its own, or of `app_servers` (host:port) when
    given. Its output goes to `log`. Stopped with SIGTERM afterwards, as a process manager stops
    it, unless the test stopped it already."""
    port = free_port()
    if app_servers:
        env = {**env, "REPAYABLE_APP_SERVERS": ",".join(app_servers)}
    folder = Path(env["REPAYABLE_DATA_DIR"]) / "nginx"
    output = log.open("ab")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=output,
        start_new_session=True,
    )
    stack = Stack(f"http://127.0.0.1:{port}", process, folder, log)
    try:
        _wait_until_up(process, stack.base, "make serve", log, seconds=90)
        yield stack
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        # Whatever it left running (it was killed, or failed to stop them): by their pid files.
        for name in ("nginx.pid", "gunicorn.pid"):
            with suppress(OSError, ValueError):
                os.killpg(int((folder / name).read_text()), signal.SIGKILL)
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
        "REPAYABLE_DATA_DIR": str(folder),
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_LOG_LEVEL": log_level,
        "REPAYABLE_POST_LIMIT": str(post_limit),
    }
    if workers is not None:
        env["REPAYABLE_GUNICORN_WORKERS"] = str(workers)
    return env


@contextmanager
def fresh_database(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """A database of its own for a server started with `env`, made as `make migrate` makes one
    (migrated, the cache table, the content loaded): on SQLite a file in env's REPAYABLE_DATA_DIR;
    when this run's DATABASE_URL is PostgreSQL, a new database on the same server, dropped
    afterwards. Yields the environment entries that point the server at it.

    Made by the app's own commands in other processes, apart from pytest-django's test database,
    so that a test using the server needs no database of its own."""
    extra: dict[str, str] = {}
    url = os.environ.get("DATABASE_URL", "")
    admin = None
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        # One name per call, not per process: a test worker can hold two servers at once (the
        # browser tests' app server for the whole session and a make serve stack of its own).
        name = f"repayable_served_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        parts = urllib.parse.urlsplit(url)
        admin = psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)
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
