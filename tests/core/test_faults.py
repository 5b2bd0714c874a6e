"""Faults against real parts: a real redis-server and PostgreSQL cluster are stopped and started
under a real gunicorn serving the app, and the site keeps answering; `make serve` (nginx in front
of gunicorn) is put under slow clients, load and lost app servers.

- Redis: pages answer 200 while it is stopped or hung, /healthz says "degraded", rate limits are
  counted in the database, the log says so once; when it is back, the cache is used again.
- Without Redis, the rate limit is one count for all of gunicorn's workers.
- PostgreSQL (when DATABASE_URL points at it and REPAYABLE_FAULT_PG_CLUSTER names the cluster,
  as in .ci/run): /healthz answers 503 and pages the friendly error page while it is stopped,
  and the same gunicorn recovers when it starts again. It stops the cluster, so it runs alone:
  `make test-faults`.
- make serve, on PostgreSQL and Redis (the same run): 140 slow clients leave a normal GET under
  2 s and are timed out; one of two app servers killed or stopped under load costs no GET, and a
  POST it held gets the 502 page; SIGTERM to make serve finishes every request it took; a rolling
  restart (SIGHUP) loses none.

Marked `faults` (pytest -m faults). Under CI=true a missing redis-server is a failure, not a skip.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from apps.core.serving import nginx_binary
from tests.loans.helpers import PLAN_CHECK
from tests.seed import ensure_seeded
from tests.served import Server, children, free_port, gunicorn, production_env, serve

# Transactional: what a test commits is what gunicorn, another process, sees; and pytest-django
# runs these after the quick database tests.
pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

CI = os.environ.get("CI", "").lower() == "true"
PG_CLUSTER = os.environ.get("REPAYABLE_FAULT_PG_CLUSTER", "")
POST_LIMIT = 5
WORKERS = 2
# Pages of each kind: cached shared pages, a page with a query (the loan form filled in from a
# link: not cached, and not rate-limited, as a link that computes would be).
PAGES = ["/", "/late/", "/check/", "/check/?amount=10000&term=12"]


def _cannot_run(reason: str) -> None:
    if CI:
        pytest.fail(f"CI=true but the fault tests cannot run: {reason}")
    pytest.skip(f"fault tests skipped: {reason}")


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    seconds: float

    def json(self) -> dict[str, str]:
        return json.loads(self.body)


class Site:
    """A browser's view of the served app: one CSRF cookie, English, a new connection each time
    (so requests spread over gunicorn's workers)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.csrf = ""

    def request(self, path: str, data: dict[str, str] | None = None) -> Answer:
        headers = {"Accept-Language": "en"}
        body = None
        if data is not None:
            if not self.csrf:
                self.request("/check/")
            headers["Cookie"] = f"csrftoken={self.csrf}"
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf}).encode()
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, text, cookies = (
                    response.status,
                    response.read().decode(),
                    response.headers.get_all("Set-Cookie") or [],
                )
        except urllib.error.HTTPError as error:
            status, text, cookies = error.code, error.read().decode(), []
        for cookie in cookies:
            if cookie.startswith("csrftoken="):
                self.csrf = cookie.split(";")[0].split("=", 1)[1]
        return Answer(status, text, time.monotonic() - started)

    def health(self) -> tuple[int, dict[str, str]]:
        answer = self.request("/healthz")
        return answer.status, answer.json()

    def wait_for_health(self, status: int, cache: str, within: float = 20) -> None:
        deadline = time.monotonic() + within
        while True:
            got, parts = self.health()
            if got == status and parts.get("cache") == cache:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"/healthz said {got} {parts}, not {status} with {cache}")
            time.sleep(0.2)


class Redis:
    """A redis-server of our own on a free port, in a temporary folder, without persistence."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            _cannot_run("no redis-server (apt-get install redis-server)")
        self.binary, self.folder, self.port = binary, folder, free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while self.command("PING") != "+PONG":
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=10)

    def pause(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def command(self, *words: str) -> str:
        """One command in Redis's inline protocol; its first reply line, or "" if refused."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall((" ".join(words) + "\r\n").encode())
                return sock.recv(4096).decode().split("\r\n")[0]
        except OSError:
            return ""

    def keys(self) -> int:
        return int(self.command("DBSIZE").lstrip(":") or 0)


@pytest.fixture(scope="module")
def app_database(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, str]:
    """Where a production gunicorn of this app finds its database here: the test database, with
    the real cache table; on SQLite a copy of it in a file (the test database is in memory)."""
    with django_db_blocker.unblock():
        ensure_seeded()
        # The test database was made with the tests' memory cache: make the real cache table.
        with override_settings(CACHES={"default": settings.REPAYABLE_DATABASE_CACHE}):
            call_command("createcachetable")
        if connection.vendor == "sqlite":
            folder = tmp_path_factory.mktemp("faults-db")
            connection.ensure_connection()
            with sqlite3.connect(folder / "db.sqlite3") as copy:
                connection.connection.backup(copy)
            return {"sqlite": str(folder / "db.sqlite3")}
        db = connection.settings_dict
        user = urllib.parse.quote(db["USER"], safe="")
        password = urllib.parse.quote(db["PASSWORD"], safe="")
        host, port = db["HOST"] or "localhost", db["PORT"] or 5432
        return {"DATABASE_URL": f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"}


def _production_env(app_database: dict[str, str], folder: Path) -> dict[str, str]:
    """The environment of a production gunicorn: its own copy of the SQLite database in `folder`
    (or the PostgreSQL test database with its cache table emptied and its rows seeded), so no
    server sees another's rate-limit counts, and the collected static files. Call with database
    access."""
    env = production_env(
        folder,
        static_root=str(settings.STATIC_ROOT),
        post_limit=POST_LIMIT,
        workers=WORKERS,
        log_level="INFO",
    )
    if "sqlite" in app_database:
        shutil.copyfile(app_database["sqlite"], folder / "db.sqlite3")
        return env
    ensure_seeded()  # a transactional test before this one emptied the tables
    with override_settings(CACHES={"default": settings.REPAYABLE_DATABASE_CACHE}):
        caches["default"].clear()
    return {**env, "DATABASE_URL": app_database["DATABASE_URL"]}


@pytest.fixture
def app_env(app_database, django_db_blocker, tmp_path) -> dict[str, str]:
    with django_db_blocker.unblock():
        return _production_env(app_database, tmp_path)


@pytest.fixture(scope="module")
def plain_server(app_database, django_db_blocker, tmp_path_factory) -> Iterator[Server]:
    """One gunicorn without Redis for the tests that only send it requests; its log is at
    server.log."""
    folder = tmp_path_factory.mktemp("plain")
    with django_db_blocker.unblock():
        env = _production_env(app_database, folder)
    with gunicorn(env, log=folder / "gunicorn.log") as server:
        yield server


def _log_lines(log: Path) -> list[str]:
    return log.read_text(errors="replace").splitlines()


def test_a_redis_outage_leaves_every_page_answering(app_env, tmp_path):
    redis = Redis(tmp_path / "redis")
    redis.folder.mkdir()
    redis.start()
    log = tmp_path / "gunicorn.log"
    try:
        with gunicorn({**app_env, "REDIS_URL": redis.url}, log=log) as server:
            site = Site(server.base)
            assert site.health() == (200, {"status": "ok", "database": "ok", "cache": "ok"})
            assert all(site.request(page).status == 200 for page in PAGES)
            assert redis.keys() > 0, "the content version and rows were not kept in Redis"

            redis.stop()
            answers = {page: site.request(page) for page in PAGES * 2}
            assert {page: a.status for page, a in answers.items()} == dict.fromkeys(PAGES, 200)
            assert site.request("/result/", PLAN_CHECK).status == 200
            assert site.health() == (
                200,
                {"status": "degraded", "database": "ok", "cache": "degraded"},
            )
            # The rate limit still holds, counted in the database by every worker.
            codes = [site.request("/result/", PLAN_CHECK).status for _ in range(POST_LIMIT + 2)]
            assert codes.count(429) == 3, codes  # one POST above was already counted

            redis.start()
            site.wait_for_health(200, "ok")
            for _ in range(WORKERS * 3):  # a health check that finds Redis closes the pause
                site.health()
            assert all(site.request(page).status == 200 for page in PAGES)
            assert redis.keys() > 0, "the cache was not used again after Redis came back"

            redis.pause()  # hung: accepts connections, never answers
            for page in PAGES:
                answer = site.request(page)
                # Redis's own read timeout is 5 s; ours is 0.2 s, once per worker.
                assert answer.status == 200 and answer.seconds < 3, (page, answer.seconds)
            assert site.health()[1]["cache"] == "degraded"
            redis.resume()
            site.wait_for_health(200, "ok")
    finally:
        if redis.process and redis.process.poll() is None:
            redis.resume()
            redis.stop()
    lines = _log_lines(log)
    assert all(line.startswith("{") for line in lines), "a log line is not JSON"
    outage = [line for line in lines if "does not answer" in line]
    # Once a minute per worker, not once a request: the stop and the hang are two outages, a
    # minute apart on a slow machine.
    assert 1 <= len(outage) <= 2 * WORKERS, outage
    assert any("counted in the database cache" in line for line in lines)
    assert not any("Traceback" in line for line in lines)


def test_without_redis_the_rate_limit_is_one_count_for_all_workers(plain_server):
    site = Site(plain_server.base)
    site.request("/check/")
    # Each POST on a new connection, spread over the workers: each counting alone would let
    # twice the limit through. (A POST that passes is redirected, and followed: 200.)
    codes = [site.request("/i18n/setlang/", {"language": "en"}).status for _ in range(12)]
    assert codes == [200] * POST_LIMIT + [429] * (12 - POST_LIMIT), codes


def test_head_and_a_malformed_request_leave_json_lines_without_figures(plain_server):
    head = urllib.request.Request(plain_server.base + "/healthz", method="HEAD")
    with urllib.request.urlopen(head, timeout=5) as response:
        assert response.status == 200 and response.read() == b""
    port = int(plain_server.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"GET /result/?amount=987654.32 HTTP/1.1 junk\r\nHost: 127.0.0.1\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 400")
    deadline = time.monotonic() + 5
    while not any("Invalid request" in line for line in _log_lines(plain_server.log)):
        assert time.monotonic() < deadline, "gunicorn logged nothing for the malformed request"
        time.sleep(0.1)
    lines = _log_lines(plain_server.log)
    assert all(line.startswith("{") for line in lines), [line for line in lines if line[:1] != "{"]
    assert not any("987654.32" in line for line in lines)
    assert not any("no-body response" in line for line in lines), "HEAD sent a body"


@pytest.fixture
def postgres_cluster(app_env) -> Iterator[list[str]]:
    if connection.vendor != "postgresql":
        pytest.skip("the database fault test needs DATABASE_URL=postgres://... (.ci/run's run)")
    if not PG_CLUSTER:
        _cannot_run(
            "set REPAYABLE_FAULT_PG_CLUSTER to the cluster (pg_lsclusters: '15 main') and run "
            "make test-faults alone: the test stops it"
        )
    version, name = PG_CLUSTER.split()
    command = ["pg_ctlcluster", version, name]
    yield command
    subprocess.run([*command, "start"], check=False, capture_output=True)
    # This process's own connection died with the cluster: the next query opens a new one.
    connection.close()


def test_a_database_outage_gives_503_and_the_friendly_page_then_recovers(
    app_env, postgres_cluster, tmp_path
):
    with gunicorn(app_env, log=tmp_path / "gunicorn.log") as server:
        site = Site(server.base)
        assert site.health()[0] == 200
        assert site.request("/late/sources/").status == 200
        workers = server.worker_pids()

        subprocess.run([*postgres_cluster, "stop", "-m", "fast"], check=True)
        status, parts = site.health()
        assert (status, parts["database"]) == (503, "unavailable")
        page = site.request("/late/sources/")
        assert page.status == 500
        assert "Something went wrong on our side" in page.body
        assert site.request("/robots.txt").status == 200

        subprocess.run([*postgres_cluster, "start"], check=True)
        site.wait_for_health(200, "ok", within=30)
        assert all(site.request(p).status == 200 for p in ["/late/sources/", "/late/"])
        assert site.request("/result/", PLAN_CHECK).status == 200
        assert server.worker_pids() == workers, "a worker was restarted"


# `make serve` under load and faults, in the production shape: nginx in front of gunicorn, on
# PostgreSQL and Redis. Heavy (a minute in all), so they run where that shape is: .ci/run's
# PostgreSQL run (`make test-faults`), and skip elsewhere with the reason printed.

NGINX = nginx_binary()
# What a normal reader's GET may take while slow clients hold connections (the goal).
NORMAL_GET_SECONDS = 2
SLOW_CLIENTS = 140
# The slow clients come from these addresses (all this machine), fewer from each than nginx
# allows (REPAYABLE_CONNECTIONS_PER_ADDRESS, 32); the normal reader from 127.0.0.1.
SLOW_SOURCES = [f"127.0.0.{n}" for n in range(2, 9)]


@pytest.fixture
def stack_env(app_env, tmp_path) -> Iterator[dict[str, str]]:
    """The environment of `make serve` and its app servers: PostgreSQL, a Redis of its own, no
    rate limit (the load comes from one address)."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "the load and fault tests of make serve need PostgreSQL and Redis, as production "
            "runs: DATABASE_URL=postgres://... make test-faults (.ci/run's PostgreSQL run)"
        )
    if NGINX is None:
        _cannot_run("no nginx (apt-get install nginx)")
    redis = Redis(tmp_path / "redis")
    redis.folder.mkdir()
    redis.start()
    try:
        yield {**app_env, "REDIS_URL": redis.url, "REPAYABLE_POST_LIMIT": "0"}
    finally:
        redis.stop()


@dataclass(frozen=True)
class Outcome:
    method: str
    status: int | None  # None: no answer at all
    error: str  # what went wrong without an answer ("" if answered)
    right: bool  # answered 200 with the right page
    started: float
    ended: float


class Load:
    """Readers sending GETs (shared pages and a loan check's link) and POSTs (the loan check)
    over new connections, as fast as answers come, until stopped; every answer is checked
    against the answer before the load."""

    def __init__(self, base: str, *, clients: int = 6) -> None:
        self.base, self.clients = base, clients
        self.outcomes: list[Outcome] = []
        self.stopping = threading.Event()
        site = self._site()
        check = site.request("/result/", PLAN_CHECK)
        assert check.status == 200, check.status
        self.verdict = re.search(r'data-verdict="[a-z_]+"', check.body).group(0)
        self.csrf = site.csrf
        self.gets = ["/", "/late/", "/check/", f"/result/?{urllib.parse.urlencode(PLAN_CHECK)}"]

    def __enter__(self) -> Load:
        self.threads = [
            threading.Thread(target=self._reader, args=(n,)) for n in range(self.clients)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def _site(self) -> Site:
        return Site(self.base)

    def _reader(self, number: int) -> None:
        site = self._site()  # each reader its own CSRF cookie and token, as a browser has
        site.csrf = self.csrf
        turn = number
        while not self.stopping.is_set():
            turn += 1
            post = turn % 3 == 0
            path = "/result/" if post else self.gets[turn % len(self.gets)]
            started = time.monotonic()
            try:
                answer = site.request(path, PLAN_CHECK if post else None)
            except (OSError, http.client.HTTPException) as error:
                reason = getattr(error, "reason", error)
                self.outcomes.append(
                    Outcome(
                        "POST" if post else "GET",
                        None,
                        type(reason).__name__,
                        False,
                        started,
                        time.monotonic(),
                    )
                )
                time.sleep(0.05)
                continue
            right = answer.status == 200 and (
                self.verdict in answer.body if "/result/" in path else True
            )
            self.outcomes.append(
                Outcome(
                    "POST" if post else "GET",
                    answer.status,
                    "",
                    right,
                    started,
                    time.monotonic(),
                )
            )

    def failed(self, method: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.method == method and not o.right]

    def summary(self) -> str:
        counts = {
            method: (sum(o.method == method for o in self.outcomes), len(self.failed(method)))
            for method in ("GET", "POST")
        }
        return ", ".join(f"{m}: {n} sent, {f} failed" for m, (n, f) in counts.items())


def _trickle(sock: socket.socket) -> bool:
    """One more byte; False once nginx has closed the connection."""
    try:
        sock.sendall(b"x")
    except OSError:
        return False
    return True


def _closed(sock: socket.socket) -> bool:
    """Whether nginx has closed the connection (after its 408 answer, if any)."""
    sock.setblocking(False)
    try:
        while sock.recv(65536):
            pass
        return True  # end of stream
    except BlockingIOError:
        return False  # still open, nothing to read
    except OSError:
        return True
    finally:
        sock.setblocking(True)


def test_slow_clients_behind_make_serve_leave_a_normal_get_quick(stack_env, tmp_path):
    with serve(stack_env, log=tmp_path / "serve.log") as stack:
        site = Site(stack.base)
        figures = f"/result/?{urllib.parse.urlencode(PLAN_CHECK)}"
        slow: dict[str, list[socket.socket]] = {"headers": [], "body": [], "stalled": []}
        started = time.monotonic()
        for number in range(SLOW_CLIENTS):
            sock = socket.create_connection(
                ("127.0.0.1", stack.port), 5, (SLOW_SOURCES[number % len(SLOW_SOURCES)], 0)
            )
            kind = ("headers", "headers", "body", "stalled")[number % 4]
            if kind == "headers":  # a request header that never ends
                sock.sendall(b"GET /late/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            else:  # a whole header, then a body that trickles or stops
                sock.sendall(
                    b"POST /result/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: 5000\r\n\r\nincome=8"
                )
            slow[kind].append(sock)
        seconds: list[float] = []
        # Twelve seconds: beyond nginx's 10 s for a whole header and for a pause in a body.
        while time.monotonic() - started < 12:
            for sock in slow["headers"] + slow["body"]:
                _trickle(sock)
            for path in ("/late/", figures):
                answer = site.request(path)
                assert answer.status == 200, (path, answer.status)
                seconds.append(answer.seconds)
            time.sleep(0.5)
        still_open = {kind: sum(not _closed(s) for s in socks) for kind, socks in slow.items()}
        for sock in (s for socks in slow.values() for s in socks):
            sock.close()
        gunicorn_posts = [
            line for line in stack.log_lines() if '"method":"POST"' in line and "nginx" not in line
        ]
    print(
        f"{SLOW_CLIENTS} slow clients: normal GETs {len(seconds)}, slowest "
        f"{max(seconds):.3f} s; still open after 12 s: {still_open}"
    )
    assert max(seconds) < NORMAL_GET_SECONDS, seconds
    # Timed out: every header still unfinished and every stalled body; a body that keeps coming
    # is a slow reader, not an attacker, and is kept.
    assert still_open == {"headers": 0, "body": len(slow["body"]), "stalled": 0}
    assert gunicorn_posts == [], "a slow body reached gunicorn"


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["killed", "stopped"])
def test_an_app_server_lost_under_load_costs_no_get_and_no_silent_post(stack_env, tmp_path, how):
    env = {**stack_env, "REPAYABLE_TRUST_X_FORWARDED_FOR": "true"}
    with (
        gunicorn(env, log=tmp_path / "a.log") as first,
        gunicorn(env, log=tmp_path / "b.log") as second,
        serve(
            env, log=tmp_path / "serve.log", app_servers=[first.base[7:], second.base[7:]]
        ) as stack,
    ):
        with Load(stack.base) as load:
            time.sleep(3)
            lost_at = time.monotonic()
            os.killpg(first.process.pid, how)
            time.sleep(5)
        served_by_second = sum(o.ended > lost_at + 1 and o.right for o in load.outcomes)
    print(f"one of two app servers {how.name} under load: {load.summary()}")
    assert served_by_second > 20, "the load did not go on after the server was lost"
    assert load.failed("GET") == [], "nginx did not send a GET to the other server"
    # A POST that the lost server held is not sent twice: it gets the 502 page, never a wrong
    # answer and never silence.
    for outcome in load.failed("POST"):
        assert outcome.status == 502, outcome


def test_sigterm_to_make_serve_under_load_finishes_every_request_it_took(stack_env, tmp_path):
    with serve(stack_env, log=tmp_path / "serve.log") as stack, Load(stack.base) as load:
        time.sleep(3)
        stopped_at = time.monotonic()
        stack.process.send_signal(signal.SIGTERM)
        status = stack.process.wait(timeout=60)
        stopped_in = time.monotonic() - stopped_at
        time.sleep(0.5)
    taken = [o for o in load.outcomes if o.error != "ConnectionRefusedError"]
    in_flight = [o for o in taken if o.started < stopped_at < o.ended]
    refused = len(load.outcomes) - len(taken)
    print(
        f"SIGTERM to make serve under load: {len(taken)} requests taken, "
        f"{len(in_flight)} in flight at the signal, "
        f"{sum(not o.right for o in taken)} failed, {refused} refused once it had stopped "
        f"listening; stopped in {stopped_in:.1f} s"
    )
    assert status == 0
    assert in_flight, "nothing was in flight: the test proved nothing"
    assert [o for o in taken if not o.right] == []


def test_a_rolling_restart_under_load_loses_nothing(stack_env, tmp_path):
    with serve(stack_env, log=tmp_path / "serve.log") as stack:
        master = stack.gunicorn_pid()
        old_workers = children(master)
        with Load(stack.base) as load:
            time.sleep(2)
            stack.process.send_signal(signal.SIGHUP)
            time.sleep(5)
        new_workers = children(master)
    print(f"rolling restart (SIGHUP to make serve) under load: {load.summary()}")
    assert old_workers and not set(old_workers) & set(new_workers), "the workers were not renewed"
    assert load.failed("GET") == [] and load.failed("POST") == []
    assert len(load.outcomes) > 50
