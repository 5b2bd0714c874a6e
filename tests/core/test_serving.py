"""`make serve`: nginx in front of gunicorn (deploy/nginx.conf, apps/core/serving.py, `manage.py
serve`), started for real on loopback, as production runs it.

What nginx answers by itself (the error pages, in the reader's language), what it passes on and
how (the client's address, whole requests), the static files it serves, and its logs. The load
and fault tests against it (slow clients, a killed app server, restarts) are in
tests/core/test_faults.py. Without nginx these are skipped with the reason printed; under CI=true
that is a failure.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

from apps.core.serving import (
    EVERY_LANGUAGE,
    PROXY_ERRORS,
    NginxSite,
    nginx_binary,
    nginx_config,
    write_error_pages,
)
from tests.loans.helpers import PLAN_CHECK
from tests.served import Stack, free_port, fresh_database, production_env, serve

CI = os.environ.get("CI", "").lower() == "true"
POST_LIMIT = 3
CONNECTIONS_PER_ADDRESS = 4
NGINX = nginx_binary()


def _need_nginx() -> None:
    if NGINX is None:
        reason = "no nginx (apt-get install nginx)"
        if CI:
            pytest.fail(f"CI=true but the serving tests cannot run: {reason}")
        pytest.skip(f"serving tests skipped: {reason}")


def _site(tmp_path: Path, **changes: object) -> NginxSite:
    values = {
        "listen": f"127.0.0.1:{free_port()}",
        "app_servers": ["127.0.0.1:8001"],
        "prefix": tmp_path,
        "error_pages": tmp_path / "errors",
        "static_root": Path(settings.STATIC_ROOT),
        "connections_per_address": 32,
        "trusted_proxies": [],
        **changes,
    }
    return NginxSite(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"app_servers": ["10.0.0.2:8000", "10.0.0.3:8000", "10.0.0.4:8000"]},
        {"trusted_proxies": ["10.1.0.0/16", "192.168.1.7"]},
    ],
)
def test_the_configuration_nginx_is_given_is_one_it_accepts(tmp_path, changes):
    _need_nginx()
    site = _site(tmp_path, **changes)
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config(site))
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", "stderr"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    text = conf.read_text()
    for server in site.app_servers:
        assert f"server {server} " in text
    for proxy in site.trusted_proxies:
        assert f"set_real_ip_from {proxy};" in text
    if not site.trusted_proxies:
        assert "set_real_ip_from" not in text and "real_ip_header" not in text


def test_the_configuration_buffers_limits_and_times_out_as_the_readme_says(tmp_path):
    text = nginx_config(_site(tmp_path))
    for line in (
        "client_max_body_size 128k;",
        "client_body_buffer_size 128k;",
        "client_header_timeout 10s;",
        "client_body_timeout 10s;",
        "limit_conn per_address 32;",
        "proxy_request_buffering on;",
        "proxy_next_upstream error timeout;",
        "proxy_set_header X-Forwarded-For $remote_addr;",
    ):
        assert line in text, line
    assert "non_idempotent" not in text  # a POST is never sent twice
    # Every status nginx answers by itself has its page.
    for status in PROXY_ERRORS:
        assert f"/_errors/{status}." in text, status
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 128 * 1024


def test_the_error_pages_are_written_in_every_language_from_the_templates(tmp_path):
    written = {path.name: path.read_text() for path in write_error_pages(tmp_path)}
    languages = [code for code, _name in settings.LANGUAGES]
    assert len(written) == len(PROXY_ERRORS) * len(languages) + len(EVERY_LANGUAGE)
    assert '<html lang="en">' in written["502.en.html"]
    assert "The site is briefly unavailable" in written["502.en.html"]
    assert "网站暂时无法使用" in written["502.zh-hans.html"]
    assert "网站暂时无法使用" not in written["502.en.html"]
    for status in EVERY_LANGUAGE:
        page = written[f"{status}.html"]
        assert '<section lang="zh-hans">' in page and '<section lang="en">' in page
    # The styles by their hashed names, which nginx serves from the collected static files.
    stylesheet = written["413.en.html"].split('<link rel="stylesheet" href="/static/')[2]
    assert (Path(settings.STATIC_ROOT) / stylesheet.split('"')[0]).exists()


# A served stack, once for the module.


@pytest.fixture(scope="module")
def stack(_collected_static, tmp_path_factory) -> Iterator[Stack]:
    _need_nginx()
    folder = tmp_path_factory.mktemp("serve")
    env = production_env(
        folder, static_root=str(_collected_static), post_limit=POST_LIMIT, workers=2
    )
    env["REPAYABLE_CONNECTIONS_PER_ADDRESS"] = str(CONNECTIONS_PER_ADDRESS)
    env["DJANGO_LOG_LEVEL"] = "INFO"
    with fresh_database(env) as database, serve({**env, **database}, log=folder / "serve.log") as s:
        yield s


def _get(stack: Stack, path: str, *, source: str = "127.0.0.1", **headers: str):
    """One request on a new connection from `source` (any 127.x address is this machine):
    (status, headers, body)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", stack.port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _send(stack: Stack, raw: bytes, *, source: str = "127.0.0.1") -> tuple[int, str]:
    """A request as raw bytes: nginx's status and page."""
    with socket.create_connection(("127.0.0.1", stack.port), 10, (source, 0)) as sock:
        sock.sendall(raw)
        # Read as far as the answer goes: nginx may wait for a body it refused before closing.
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, response.read().decode("utf-8", "replace")


def test_pages_come_from_the_app_and_static_files_from_nginx(stack):
    status, headers, page = _get(stack, "/late/", **{"Accept-Language": "en"})
    assert status == 200 and "Content-Security-Policy" in headers
    stylesheet = page.split('<link rel="stylesheet" href="')[2].split('"')[0]
    status, headers, _css = _get(stack, stylesheet, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"  # whitenoise's .gz, sent as it is
    assert "immutable" in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, _headers, page = _get(stack, "/static/no-such-file.css", **{"Accept-Language": "en"})
    assert status == 404 and "We could not find this page" in page  # the app's own 404


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "What was sent is too large"), ("zh-CN,zh;q=0.9,en;q=0.8", "发送的内容太大")],
)
def test_a_body_over_128_kb_gets_the_413_page_in_the_readers_language(stack, language, words):
    body = urlencode({"amount": "9" * 140_000}).encode()
    status, page = _send(
        stack,
        b"POST /result/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + f"Accept-Language: {language}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body,
    )
    assert status == 413 and words in page


def test_the_language_cookie_decides_the_error_pages_language(stack):
    status, page = _send(
        stack,
        b"POST /result/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        b"Cookie: django_language=en\r\nAccept-Language: zh-CN\r\n"
        b"Content-Length: 200000\r\n\r\n",
    )
    assert status == 413 and "What was sent is too large" in page


def test_a_link_too_long_and_headers_too_large_get_their_pages_in_both_languages(stack):
    status, _headers, page = _get(stack, "/result/?amount=" + "9" * 9000)
    assert status == 414
    assert "This link is too long" in page and "链接太长" in page
    status, _headers, page = _get(stack, "/", Cookie="a=" + "x" * 9000)
    assert status == 431
    assert "Your browser sent more than the site accepts" in page and "浏览器发送" in page


def test_what_nginx_refuses_gets_the_sites_page_never_a_bare_one(stack):
    status, page = _send(stack, b"TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert status == 405 and "不能这样打开这个页面" in page
    status, page = _send(stack, b"GET / HTTP/1.1 junk\r\n\r\n")
    assert status == 400 and "This request could not be understood" in page
    # Many small headers, more than gunicorn's default allows (100): passed on and answered.
    headers = "".join(f"X-Filler-{n}: 1\r\n" for n in range(500))
    status, page = _send(
        stack,
        f"GET /late/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{headers}\r\n".encode(),
    )
    assert status == 200, page[:300]


def test_rate_limits_count_each_client_address_behind_nginx(stack):
    def post(source: str, **headers: str) -> int:
        body = urlencode(PLAN_CHECK).encode()
        connection = http.client.HTTPConnection(
            "127.0.0.1", stack.port, timeout=10, source_address=(source, 0)
        )
        connection.request(
            "POST",
            "/result/",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
        )
        return connection.getresponse().status

    # The app sees each client's own address, and a client cannot pick one for itself.
    first = [post("127.0.0.2", **{"X-Forwarded-For": f"10.9.9.{n}"}) for n in range(5)]
    assert first.count(429) == 5 - POST_LIMIT, first
    assert post("127.0.0.3") != 429
    # GETs that compute from figures count in the same limit.
    status, _headers, page = _get(
        stack, f"/result/?{urlencode(PLAN_CHECK)}", source="127.0.0.2", **{"Accept-Language": "en"}
    )
    assert status == 429 and "Too many tries" in page


def test_connections_per_address_are_limited_with_the_429_page(stack):
    # Requests in progress (their bodies still coming) hold a connection each.
    held = []
    try:
        for _ in range(CONNECTIONS_PER_ADDRESS):
            sock = socket.create_connection(("127.0.0.1", stack.port), 10, ("127.0.0.4", 0))
            sock.sendall(
                b"POST /result/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\na"
            )
            held.append(sock)
        time.sleep(0.3)
        status, _headers, page = _get(stack, "/late/", source="127.0.0.4")
        assert status == 429 and "同时发出的请求太多" in page
        assert _get(stack, "/late/", source="127.0.0.5")[0] == 200  # another address
    finally:
        for sock in held:
            sock.close()


def test_nginx_logs_are_json_lines_without_figures_or_saved_links(stack):
    _get(stack, "/late/calculator/?days=40&overdue=987654.32")
    _get(stack, "/result/s/secret-token-123/")
    _send(
        stack,
        b"POST /result/?amount=987654.32 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        b"Content-Length: 200000\r\n\r\n",
    )
    time.sleep(0.5)
    lines = stack.log_lines()
    access = [json.loads(line) for line in lines if '"nginx.access"' in line]
    assert {"/late/calculator/", "/result/s/<token>/"} <= {entry["path"] for entry in access}
    assert any(entry["method"] == "POST" and entry["status"] == 413 for entry in access)
    assert [line for line in lines if "987654.32" in line or "secret-token-123" in line] == []
    assert all(line.startswith("{") for line in lines), [x for x in lines if x[:1] != "{"]
    # One line for the oversized body (this test's is the one with a query string).
    oversized = [
        line for line in lines if "/result/?<query>" in line and "nginx.access" not in line
    ]
    assert len(oversized) == 1, oversized
    assert "too large body" in json.loads(oversized[0])["message"]


def test_an_app_server_that_cannot_be_reached_gets_the_502_page(_collected_static, tmp_path):
    _need_nginx()
    env = production_env(tmp_path, static_root=str(_collected_static), post_limit=0)
    with serve(env, log=tmp_path / "serve.log", app_servers=[f"127.0.0.1:{free_port()}"]) as s:
        status, _headers, page = _get(s, "/check/", **{"Accept-Language": "en"})
        assert status == 502 and "The site is briefly unavailable" in page


@pytest.mark.parametrize(
    ("host", "refused"),
    [("0.0.0.0", True), ("192.168.1.5", True), ("127.0.0.1", False), ("localhost", False)],
)
def test_make_run_serves_loopback_only_and_says_to_use_make_serve(host, refused):
    root = Path(__file__).resolve().parents[2]
    run = (root / "Makefile").read_text().split("\nrun:", 1)[1].split("\n", 1)[0]
    assert run.split()[0] == "loopback-only", "make run checks HOST before anything else"
    checked = subprocess.run(
        ["make", "--no-print-directory", "loopback-only", f"HOST={host}"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (checked.returncode != 0) == refused
    assert ("use make serve" in checked.stderr) == refused


def test_serve_refuses_to_start_without_collected_static_files(tmp_path, settings):
    _need_nginx()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.STATIC_ROOT = tmp_path / "static"
    settings.REPAYABLE_DATA_DIR = tmp_path
    with pytest.raises(CommandError, match="make static"):
        call_command("serve", "127.0.0.1:1")
