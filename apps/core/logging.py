"""One JSON object per log line on standard output, for any log collector."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

# A saved result's link is its only key: a log line must never hold one.
_SAVED_LINK = re.compile(r"(/result/s/)[^/\s\"'?]+")
# A query string holds the figures of a link (/result/?amount=...): from its "?" to the end of
# the quoted request line or URL it is part of, spaces included (a malformed request line may
# hold them). A "?" followed by a space ends a sentence and is left alone, and so is a "?" that
# belongs to a regular expression (after "(", ")", "]", "*", "+", "}", "?" or a backslash: the URL
# patterns Django names in a NoReverseMatch, such as stages/(?P<slug>[-a-zA-Z0-9_]+)/), where a
# link's path never puts one.
_QUERY = re.compile(r"(?<![()\]*+}?\\])\?(?=\S)[^'\"\n]*")


def redact(text: str) -> str:
    """Hide saved-result tokens and query strings in a path, a request line or a message."""
    return _QUERY.sub("?<query>", _SAVED_LINK.sub(r"\1<token>", text))


class WithoutTraceback(logging.Filter):
    """For records whose message says it all: Django's security warnings (a body over the limit,
    too many fields, a file sent, a host not allowed) come with the traceback of the exception
    that stopped the request, 2 KB of Django's internals for each refused request."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        # Django attaches the request to error records; keep only its method and path, never
        # the query string or body, which hold what a borrower typed.
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = getattr(request, "method", "")
            entry["path"] = redact(request.path)
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


try:  # gunicorn is a runtime dependency, but the formatter above must import without it
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # pragma: no cover
    _GunicornLogger = None

if _GunicornLogger is not None:

    class RedactingGunicornLogger(_GunicornLogger):
        """Gunicorn's logs without what a borrower typed: the access log's path with saved-result
        tokens hidden, and the error log as JSON lines through JsonFormatter, which hides query
        strings and tokens in its messages (a malformed request's line, a failed request's URI).
        """

        def setup(self, cfg):  # type: ignore[no-untyped-def]
            super().setup(cfg)
            for handler in self.error_log.handlers:
                handler.setFormatter(JsonFormatter())

        def atoms(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
            atoms = super().atoms(resp, req, environ, request_time)
            for key in ("U", "r"):
                if key in atoms and isinstance(atoms[key], str):
                    atoms[key] = redact(atoms[key])
            return atoms
