"""Load benchmark: serve the app with gunicorn on loopback and drive it with wrk.

    python bench/bench_load.py [--seconds 10] [--connections 16] [--soak 60] [--soak-connections 64]
                               [--faults 60] [--kill-every 10] [--no-nginx]

For each page it prints requests per second, p50, p99 and worst latency, errors, and its
throughput as a fraction of a trivial view's (robots.txt), measured just before it in the same run.
Then the loan check through `make serve` (nginx in front of the same gunicorn) beside the same
check sent to gunicorn directly, one straight after the other. Then a soak run at 64 connections,
and the same load while one gunicorn worker is killed every 10 s (the errors and the worst
latency a crashing worker costs). Then the slowest page is profiled in-process with pyinstrument
and its top costs printed. Everything runs on 127.0.0.1 only, with a temporary SQLite database,
and stops by itself.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT))

from tests.loans.helpers import TERMS, four_loans  # noqa: E402
from tests.served import Server, fresh_database, gunicorn, production_env, serve  # noqa: E402

# The loan check posts worked example 6 (fees taken at payout; docs/worked-examples.md) with a
# full budget.
LOAN_CHECK = {
    **TERMS,
    "fee_per_period": "",
    "income": "8000",
    "essentials": "4000",
    "debt_payments": "1500",
    "other_platforms": "1",
    "savings": "5000",
    "purpose": "everyday",
}

# Targets are filled in main() once the server is up (the saved result needs a real link).
# My debts: four loans, one late, a budget that falls short (the plan shares, with the spiral).
MY_DEBTS = four_loans()
GET_TARGETS = [
    ("trivial view (robots.txt)", "/robots.txt"),
    ("home page", "/"),
    ("loan form", "/check/"),
]
GUIDE_TARGETS = [
    ("stage page", "/late/stages/months-1-3/"),
    ("whole guide", "/late/guide/"),
]


@dataclass(frozen=True)
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    errors: int


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def _wrk_command(url: str, *, seconds: int, connections: int, lua: Path | None) -> list[str]:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    return [*cmd, *(["-s", str(lua)] if lua else []), url]


def _wrk_result(name: str, out: str) -> Result:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    # Latency  avg  stdev  max  +/- stdev
    worst = _ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(n) for n in match.groups())
    return Result(name, rps, p50, p99, worst, requests, errors)


def run_wrk(
    name: str, url: str, *, seconds: int, connections: int, lua: Path | None = None
) -> Result:
    command = _wrk_command(url, seconds=seconds, connections=connections, lua=lua)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return _wrk_result(name, out)


def run_wrk_killing_workers(
    server: Server, url: str, *, seconds: int, connections: int, every: int, lua: Path | None
) -> tuple[Result, int, str]:
    """wrk for `seconds` while one gunicorn worker is killed (SIGKILL, as the kernel's OOM killer
    or a crash would) every `every` seconds: the result, the number of kills and wrk's own
    error line."""
    command = _wrk_command(url, seconds=seconds, connections=connections, lua=lua)
    wrk = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    started, kills = time.monotonic(), 0
    for moment in range(every, seconds, every):
        time.sleep(max(0.0, started + moment - time.monotonic()))
        workers = server.worker_pids()
        if wrk.poll() is None and workers:
            os.kill(workers[kills % len(workers)], signal.SIGKILL)
            kills += 1
    out = wrk.communicate()[0]
    socket_errors = re.search(r"Socket errors:.*", out)
    return (
        _wrk_result("loan check, workers killed", out),
        kills,
        (socket_errors.group(0) if socket_errors else "Socket errors: none"),
    )


def _post_lua(tmp: Path, path: str, form: dict[str, str], csrf: str) -> Path:
    body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": csrf})
    script = tmp / f"post{path.replace('/', '-')}lua"  # one script per page posted to
    script.write_text(
        f'wrk.method = "POST"\nwrk.path = "{path}"\nwrk.body = "{body}"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = "csrftoken={csrf}"\n'
        f'wrk.headers["Referer"] = "http://127.0.0.1{path}"\n'
    )
    return script


def _csrf(base: str, path: str) -> str:
    with urllib.request.urlopen(base + path) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("csrftoken="):
                return header.split(";")[0].split("=", 1)[1]
    raise SystemExit(f"no CSRF cookie from {path}")


def _save_result(base: str, csrf: str) -> str | None:
    """Save one loan check and return its link's path, or None if saving is not built yet."""
    data = urllib.parse.urlencode({**LOAN_CHECK, "csrfmiddlewaretoken": csrf}).encode()
    request = urllib.request.Request(
        base + "/result/save/",
        data=data,
        headers={"Cookie": f"csrftoken={csrf}", "Referer": base + "/check/"},
    )

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(request)
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303):
            return urllib.parse.urlsplit(error.headers["Location"]).path
        return None
    return None


def _print_table(results: list[Result], ceilings: list[float]) -> None:
    """One row per result; `ceilings` are the trivial view's req/s to divide each one by."""
    print(
        f"{'page':<28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7} "
        f"{'x trivial':>10}"
    )
    for r, ceiling in zip(results, ceilings, strict=True):
        print(
            f"{r.name:<28} {r.rps:>8.0f} {r.p50_ms:>8.1f} {r.p99_ms:>8.1f} {r.max_ms:>8.0f} "
            f"{r.errors:>7} {r.rps / ceiling:>10.2f}"
        )


def _profile(env: dict[str, str], path: str, method: str, data: dict[str, str]) -> None:
    code = f"""
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from urllib.parse import urlencode
from django.test import Client
from pyinstrument import Profiler
client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
# Posted as wrk posts it (a urlencoded body, not the test client's default multipart).
body = urlencode({data!r})
if {method!r} == "POST":
    call = lambda: client.post({path!r}, body, content_type="application/x-www-form-urlencoded")
else:
    call = lambda: client.get({path!r})
for _ in range(20):
    call()
profiler = Profiler(interval=0.001)
profiler.start()
for _ in range(100):
    call()
profiler.stop()
print(profiler.output_text(unicode=False, color=False, show_all=False)[:6000])
"""
    env = {**env, "DJANGO_ALLOWED_HOSTS": "testserver"}
    subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True)


@contextmanager
def served(**extra_env: str) -> Iterator[tuple[Server, dict[str, str]]]:
    """Gunicorn serving the app on a free loopback port, with a throwaway SQLite database and
    collected static files: yields the server and its environment, and stops it afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix="repayable-bench-"))
    # The benchmark is one client hammering the site: rate limits would answer 429.
    env = {**production_env(tmp, static_root=str(tmp / "static"), post_limit=0), **extra_env}
    try:
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        with fresh_database(env) as database, gunicorn({**env, **database}) as server:
            yield server, {**env, **database}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _through_nginx(
    server: Server, env: dict[str, str], post_lua: Path, args: argparse.Namespace, ceiling: float
) -> None:
    """The loan check through `make serve` (manage.py serve: nginx, in front of this gunicorn),
    beside the same check sent to gunicorn directly just before."""
    if not shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin"):
        print("\n(the loan check through make serve skipped: nginx is not installed)")
        return
    print(
        f"\nthe loan check through make serve (nginx) and directly, {args.connections} connections"
    )
    # wrk is one address with many connections: nginx's per-address limit would refuse them.
    nginx_env = {**env, "REPAYABLE_CONNECTIONS_PER_ADDRESS": "10000"}
    log = Path(env["REPAYABLE_DATA_DIR"]) / "serve.log"
    address = server.base.removeprefix("http://")
    with serve(nginx_env, log=log, app_servers=[address]) as stack:
        rows = []
        for name, base in (
            ("loan check, direct", server.base),
            ("loan check, via nginx", stack.base),
        ):
            run_wrk(name, base + "/result/", seconds=2, connections=args.connections, lua=post_lua)
            rows.append(
                run_wrk(
                    name,
                    base + "/result/",
                    seconds=args.seconds,
                    connections=args.connections,
                    lua=post_lua,
                )
            )
    _print_table(rows, [ceiling, ceiling])
    direct, proxied = rows
    print(
        f"through nginx: {proxied.rps / direct.rps:.2f} x the direct throughput, p50 "
        f"{proxied.p50_ms - direct.p50_ms:+.1f} ms, p99 {proxied.p99_ms - direct.p99_ms:+.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--soak", type=int, default=60, help="seconds of the soak run (0: skip)")
    parser.add_argument("--soak-connections", type=int, default=64)
    parser.add_argument(
        "--faults",
        type=int,
        default=60,
        help="seconds of the loan check while workers are killed (0: skip)",
    )
    parser.add_argument("--kill-every", type=int, default=10, help="seconds between worker kills")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="measure only pages whose name has this (repeatable); the trivial view always runs",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the in-process profile")
    parser.add_argument(
        "--no-nginx", action="store_true", help="skip the loan check through make serve"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    with served() as (server, env):
        base = server.base
        csrf = _csrf(base, "/check/")
        targets: list[tuple[str, str, Path | None]] = [(n, p, None) for n, p in GET_TARGETS]
        # The loan form posts to its answer, /result/.
        post_lua = _post_lua(Path(env["REPAYABLE_DATA_DIR"]), "/result/", LOAN_CHECK, csrf)
        targets.append(("loan check (POST)", "/result/", post_lua))
        debts_lua = _post_lua(Path(env["REPAYABLE_DATA_DIR"]), "/debts/", MY_DEBTS, csrf)
        targets.append(("my debts (POST)", "/debts/", debts_lua))
        saved = _save_result(base, csrf)
        if saved:
            targets.append(("saved result", saved, None))
        else:
            print("(saved result skipped: saving is not available)")
        targets += [(n, p, None) for n, p in GUIDE_TARGETS]

        if args.only:
            targets = [
                t for i, t in enumerate(targets) if i == 0 or any(o in t[0] for o in args.only)
            ]
        print(f"gunicorn on {base}; {args.seconds}s per page at {args.connections} connections")
        print("(the trivial view is measured again just before each page, and each page's ratio is")
        print(" to that run: this machine's speed drifts by more than the differences measured)\n")
        trivial_name, trivial_path, _lua = targets[0]
        results: list[Result] = []
        ceilings: list[Result] = []
        for name, path, lua in targets[1:]:
            # A short unmeasured run first, so every worker has its caches and connections.
            run_wrk(name, base + path, seconds=2, connections=args.connections, lua=lua)
            ceilings.append(
                run_wrk(
                    trivial_name,
                    base + trivial_path,
                    seconds=args.seconds,
                    connections=args.connections,
                )
            )
            results.append(
                run_wrk(
                    name, base + path, seconds=args.seconds, connections=args.connections, lua=lua
                )
            )
        median = sorted(ceilings, key=lambda r: r.rps)[len(ceilings) // 2]
        _print_table([median, *results], [median.rps, *(c.rps for c in ceilings)])
        print(f"\ntrivial view runs: {', '.join(f'{c.rps:.0f}' for c in ceilings)} req/s")
        if not args.no_nginx and any(lua == post_lua for _n, _p, lua in targets):
            _through_nginx(server, env, post_lua, args, median.rps)
        if args.soak:
            print(f"\nsoak: {args.soak}s at {args.soak_connections} connections, the loan check")
            soak = run_wrk(
                "loan check (POST) soak",
                base + "/result/",
                seconds=args.soak,
                connections=args.soak_connections,
                lua=post_lua,
            )
            _print_table([soak], [median.rps])
        if args.faults:
            print(
                f"\nload and faults: {args.faults}s at {args.soak_connections} connections, the "
                f"loan check, one gunicorn worker killed (SIGKILL) every {args.kill_every}s"
            )
            faulted, kills, socket_errors = run_wrk_killing_workers(
                server,
                base + "/result/",
                seconds=args.faults,
                connections=args.soak_connections,
                every=args.kill_every,
                lua=post_lua,
            )
            _print_table([faulted], [median.rps])
            print(
                f"{kills} workers killed; {faulted.errors} errors in {faulted.requests} requests "
                f"({socket_errors}); worst latency {faulted.max_ms:.0f} ms"
            )
        if args.no_profile or not results:
            return
        slowest = min(results, key=lambda r: r.rps)
        print(f"\nprofile of the slowest page, {slowest.name} (100 requests, in process):")
        path, method = next(
            (p, "POST" if lua else "GET") for n, p, lua in targets if n == slowest.name
        )
        # Each posted page gets its own figures (My debts' form would only show its errors).
        _profile(env, path, method, {"/debts/": MY_DEBTS}.get(path, LOAN_CHECK))


if __name__ == "__main__":
    main()
