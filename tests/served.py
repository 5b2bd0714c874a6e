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
