"""Gunicorn settings. Each value can be overridden by an environment variable."""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("REPAYABLE_GUNICORN_BIND", "127.0.0.1:8000")
# Pages are short and CPU-bound (the engine, the templates), so plain sync workers: one request
# per process at a time, two per core plus one so that a worker waiting on the database or the
# cache does not leave a core idle. Measured with `make bench` on 2 cores, sync workers served a
# loan check as fast as 3 workers x 2 threads did, with p99 latency at 45-55 ms instead of
# 85-290 ms: a threaded worker holds its keep-alive connections, and requests queued behind a
# busy one wait. Sync workers need a buffering proxy or load balancer in front (see README).
workers = int(os.environ.get("REPAYABLE_GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("REPAYABLE_GUNICORN_THREADS") or 1)
timeout = int(os.environ.get("REPAYABLE_GUNICORN_TIMEOUT") or 30)
# On SIGTERM (or SIGHUP's new workers), a worker finishes the request it holds: as long as a
# request may take (timeout).
graceful_timeout = int(os.environ.get("REPAYABLE_GUNICORN_GRACEFUL_TIMEOUT") or timeout)
keepalive = 5
# The request line and header lines nginx passes on (deploy/nginx.conf: up to 8 KB each, 32 KB in
# all) are never refused here, where the answer would be gunicorn's bare page, not the site's.
limit_request_line = 8190
limit_request_field_size = 8190
limit_request_fields = 32768
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
