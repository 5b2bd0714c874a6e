"""Gunicorn settings. Each value can be overridden by an environment variable."""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Pages are CPU-bound (the engine) and short: a worker per core plus one, threads for I/O waits.
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 2)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 10
keepalive = 5
# No control socket under the home folder (gunicorn 27 writes one by default).
control_socket_disable = True
accesslog = "-"
errorlog = "-"
# The path only (%(U)s), never the query string or the form body: those hold what a borrower typed.
# ...and with saved-result links (their own key) hidden.
logger_class = "apps.core.logging.RedactingGunicornLogger"
access_log_format = (
    '{"remote":"%(h)s","method":"%(m)s","path":"%(U)s","status":%(s)s,"bytes":"%(B)s","ms":%(M)s}'
)
