"""Logs never hold what a borrower typed (apps/core/logging.py, gunicorn's log settings)."""

from __future__ import annotations

import datetime
import json
import logging
import re
import runpy
from pathlib import Path

import pytest

from apps.core.logging import JsonFormatter

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SECRET_FIGURE = "987654.32"


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(JsonFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def captured_logs():
    handler = _Capture()
    loggers = [
        logging.getLogger(),
        logging.getLogger("django"),
        logging.getLogger("django.request"),
    ]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    yield handler.lines
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)


def test_logs_never_contain_the_figures_a_borrower_typed_even_at_debug_level(client, captured_logs):
    client.raise_request_exception = False
    client.post(
        "/result/", {"mode": "terms", "amount": SECRET_FIGURE, "income": "<b>" + SECRET_FIGURE}
    )
    client.get(f"/check/?amount={SECRET_FIGURE}")
    client.get(f"/result/s/{SECRET_FIGURE}/")
    client.get(f"/result/s/{SECRET_FIGURE}/schedule.csv")
    client.get(f"/no-such-page/?income={SECRET_FIGURE}")
    assert captured_logs, "nothing was logged: the test would prove nothing"
    assert not [line for line in captured_logs if SECRET_FIGURE in line]


def test_saved_result_links_are_hidden_in_log_lines():
    from apps.core.logging import redact

    assert (
        redact("Not Found: /result/s/AbC-123_x/delete/") == "Not Found: /result/s/<token>/delete/"
    )


def test_gunicorn_access_log_hides_saved_result_links():
    from apps.core.logging import RedactingGunicornLogger

    class _Cfg:
        access_log_format = "%(U)s"

    logger = RedactingGunicornLogger.__new__(RedactingGunicornLogger)
    logger.cfg = _Cfg()

    class _Resp:
        status = "200 OK"
        response_length = 10
        sent = 10
        headers = ()

    class _Req:
        headers = ()

    environ = {
        "PATH_INFO": "/result/s/secret-token/",
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": "a=1",
        "RAW_URI": "/result/s/secret-token/?a=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }

    atoms = logger.atoms(_Resp(), _Req(), environ, datetime.timedelta(seconds=0.01))
    assert atoms["U"] == "/result/s/<token>/"
    assert "secret-token" not in atoms["r"]


def test_query_strings_are_hidden_in_log_lines_but_a_question_is_not():
    from apps.core.logging import redact

    line = "Invalid HTTP request line: 'GET /result/?amount=987654.32&rate=1 2 HTTP/1.1 x'"
    assert redact(line) == "Invalid HTTP request line: 'GET /result/?<query>'"
    assert redact("Is Redis up? It is.") == "Is Redis up? It is."


def test_gunicorn_error_log_is_json_without_figures_or_saved_links(tmp_path):
    from gunicorn.config import Config

    from apps.core.logging import RedactingGunicornLogger

    config = Config()
    config.set("errorlog", str(tmp_path / "error.log"))
    logger = RedactingGunicornLogger(config)
    # What gunicorn writes for a malformed request, and for a request the app failed.
    logger.warning(
        "Invalid request from ip=127.0.0.1: Invalid HTTP request line: "
        f"'GET /result/?amount={SECRET_FIGURE} HTTP/1.1 junk'"
    )
    logger.exception("Error handling request %s %s", "GET", "/result/s/secret-token/?a=1")
    lines = (tmp_path / "error.log").read_text().splitlines()
    assert len(lines) == 2
    entries = [json.loads(line) for line in lines]
    assert entries[0]["level"] == "WARNING" and entries[0]["logger"] == "gunicorn.error"
    assert SECRET_FIGURE not in lines[0] and "secret-token" not in lines[1]
    assert "/result/?<query>" in entries[0]["message"]


def test_log_lines_are_json_with_the_path_but_not_the_query():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", None, None)

    class _Request:
        method = "POST"
        path = "/check/"

    record.request = _Request()
    line = JsonFormatter().format(record)
    assert '"path": "/check/"' in line
    assert '"level": "ERROR"' in line


def test_gunicorn_access_log_records_the_path_only_never_the_query_or_body():
    config = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    log_format = config["access_log_format"]
    assert "%(U)s" in log_format
    # %(r)s is the request line with its query string, %(q)s the query string alone.
    assert not re.search(r"%\((r|q|\{[^}]*\}i)\)s", log_format)
    assert config["control_socket_disable"] is True


@pytest.mark.parametrize(
    "kept",
    [
        "1 pattern(s) tried: ['late/stages/(?P<slug>[-a-zA-Z0-9_]+)/\\\\Z']",
        "pattern ^debts/(?:plan)/$ and [0-9]+? and a{2}? and \\?",
        "Is Redis up? It is.",
    ],
)
def test_redaction_never_alters_a_url_pattern_or_a_sentence(kept):
    from apps.core.logging import redact

    assert redact(kept) == kept


def test_redaction_still_hides_the_query_of_a_link_beside_a_pattern():
    from apps.core.logging import redact

    line = "GET /result/?amount=987654.32 tried ['late/stages/(?P<slug>[-a-z]+)/']"
    assert redact(line) == "GET /result/?<query>'late/stages/(?P<slug>[-a-z]+)/']"
    assert SECRET_FIGURE not in redact(f"/debts/plan/?loan-1-owed={SECRET_FIGURE}")


def test_an_oversized_body_is_one_log_line_without_a_traceback(en):
    from io import StringIO

    handler = next(
        h
        for h in logging.getLogger("django.security").handlers
        if h.get_name() == "stdout_one_line"
    )
    stream = StringIO()
    previous = handler.setStream(stream)
    try:
        response = en.post(
            "/result/",
            "amount=" + "9" * 200_000,
            content_type="application/x-www-form-urlencoded",
        )
    finally:
        handler.setStream(previous)
    assert response.status_code == 400
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1, lines
    entry = json.loads(lines[0])
    assert entry["logger"] == "django.security.RequestDataTooBig"
    assert "DATA_UPLOAD_MAX_MEMORY_SIZE" in entry["message"]
    assert "exception" not in entry and "Traceback" not in lines[0]
    assert entry["path"] == "/result/"
