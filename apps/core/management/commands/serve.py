"""`make serve`: the app as production runs it on one machine, nginx in front of gunicorn.

    python manage.py serve [HOST:PORT]        (default 0.0.0.0:8080)

Writes nginx's configuration (deploy/nginx.conf filled in) and its error pages into
DATA_DIR/nginx/, starts gunicorn on a free loopback port (unless REPAYABLE_APP_SERVERS names the
app servers, which then run elsewhere) and nginx in front of it, and stays in the foreground:

- Ctrl-C or SIGTERM: nginx stops taking connections and finishes every request it holds, then
  gunicorn finishes its own and stops; nothing accepted is dropped.
- SIGHUP: a rolling restart. The error pages and configuration are written again and nginx
  reloads them; gunicorn starts new workers with the code as it is now and lets the old ones
  finish their requests first.
- If nginx or gunicorn stops by itself, the other is stopped too and the command fails, so that a
  process manager restarts the whole.

nginx's access and error logs are relayed to standard output and the log as JSON lines, without
query strings or saved-result links (apps/core/logging.py).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.core.logging import redact
from apps.core.serving import (
    NginxSite,
    answers,
    free_port,
    nginx_binary,
    nginx_config,
    worker_user,
    write_error_pages,
)

log = logging.getLogger("repayable.serve")

# How long each part may take to finish the requests it holds before it is stopped outright:
# nginx waits for the app's answers (proxy_read_timeout), gunicorn for its workers
# (graceful_timeout in config/gunicorn.conf.py).
NGINX_GRACE = 45
GUNICORN_GRACE = 35
# nginx's error log levels, as the log's.
_NGINX_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "notice": logging.INFO,
    "warn": logging.WARNING,
    "error": logging.ERROR,
    "crit": logging.CRITICAL,
    "alert": logging.CRITICAL,
    "emerg": logging.CRITICAL,
}


def _nginx_binary() -> str:
    binary = nginx_binary()
    if binary is None:
        raise CommandError("nginx is not installed (apt-get install nginx).")
    return binary


def _relay_access_log(stream: IO[bytes]) -> None:
    """nginx's access log lines (JSON already, without query strings) to standard output, with
    saved-result links hidden."""
    for raw in stream:
        sys.stdout.write(redact(raw.decode("utf-8", "replace").rstrip("\n")) + "\n")
        sys.stdout.flush()


def _relay_error_log(stream: IO[bytes]) -> None:
    """nginx's error log ("2026/01/02 03:04:05 [warn] 12#12: *3 message") into the log, where
    JsonFormatter hides query strings and saved-result links."""
    nginx = logging.getLogger("nginx")
    for raw in stream:
        line = raw.decode("utf-8", "replace").rstrip("\n")
        level, message = logging.WARNING, line
        if "[" in line and "] " in line:
            word, _sep, message = line.partition("[")[2].partition("] ")
            level = _NGINX_LEVELS.get(word, logging.WARNING)
        nginx.log(level, "%s", message)


class Command(BaseCommand):
    help = "Serve the app with nginx in front of gunicorn (make serve)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument(
            "addrport", nargs="?", default="0.0.0.0:8080", help="where nginx listens"
        )

    def handle(self, *args: object, **options: object) -> None:
        listen = str(options["addrport"])
        if ":" not in listen:
            listen = f"0.0.0.0:{listen}"
        self.folder = Path(settings.REPAYABLE_DATA_DIR) / "nginx"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.nginx_binary = _nginx_binary()
        self.gunicorn: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        local_port = None if settings.REPAYABLE_APP_SERVERS else free_port()
        self.site = NginxSite(
            listen=listen,
            app_servers=settings.REPAYABLE_APP_SERVERS or [f"127.0.0.1:{local_port}"],
            prefix=self.folder,
            error_pages=self.folder / "errors",
            static_root=Path(settings.STATIC_ROOT),
            connections_per_address=settings.REPAYABLE_CONNECTIONS_PER_ADDRESS,
            trusted_proxies=settings.REPAYABLE_TRUSTED_PROXIES,
            user=worker_user(),
        )
        if not (self.site.static_root / "staticfiles.json").exists():
            raise CommandError(
                f"No collected static files in {self.site.static_root}: run `make static` "
                "(make serve does)."
            )
        self._write_configuration()

        self.signals: list[int] = []
        self.wake = threading.Event()
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, self._on_signal)
        try:
            if local_port is not None:
                self._start_gunicorn(local_port)
            self.nginx = self._start_nginx()
            log.info(
                "Serving on http://%s: nginx in front of %s",
                listen,
                ", ".join(self.site.app_servers),
            )
            status = self._supervise()
        finally:
            self._stop()
        if status:
            sys.exit(status)

    # The parts.

    def _write_configuration(self) -> None:
        write_error_pages(self.site.error_pages)
        conf = self.folder / "nginx.conf"
        conf.write_text(nginx_config(self.site))
        test = subprocess.run(
            [*self._nginx_command(), "-t", "-q"], capture_output=True, text=True, check=False
        )
        if test.returncode != 0:
            raise CommandError(f"nginx refused {conf}:\n{test.stderr.strip()}")

    def _nginx_command(self) -> list[str]:
        conf = self.folder / "nginx.conf"
        return [self.nginx_binary, "-p", str(self.folder), "-c", str(conf), "-e", "stderr"]

    def _start_gunicorn(self, port: int) -> None:
        """Start gunicorn (self.gunicorn, stopped by _stop whatever happens) and wait until it
        answers."""
        gunicorn = Path(sys.executable).parent / "gunicorn"
        # nginx sets X-Forwarded-For to the client's address, and is the only way in.
        env = {**os.environ, "REPAYABLE_TRUST_X_FORWARDED_FOR": "true"}
        self.gunicorn = process = subprocess.Popen(
            [str(gunicorn), "--config", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
            + ["--pid", str(self.folder / "gunicorn.pid"), "config.wsgi"],
            cwd=settings.BASE_DIR,
            env=env,
            # Its own process group: Ctrl-C reaches this command alone, which stops the parts
            # in order.
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while not answers(f"http://127.0.0.1:{port}/healthz"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise CommandError(f"gunicorn did not start (exit status {process.poll()}).")
            time.sleep(0.1)

    def _start_nginx(self) -> subprocess.Popen:
        process = subprocess.Popen(
            self._nginx_command(),
            env={**os.environ, "TZ": "UTC"},  # its log's times as the app's
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        for stream, relay in (
            (process.stdout, _relay_access_log),
            (process.stderr, _relay_error_log),
        ):
            threading.Thread(target=relay, args=(stream,), daemon=True).start()
        return process

    # Signals.

    def _on_signal(self, number: int, frame: object) -> None:
        self.signals.append(number)
        self.wake.set()

    def _supervise(self) -> int:
        """Wait for a signal or for a part to stop; the exit status."""
        while True:
            self.wake.wait(timeout=0.5)
            self.wake.clear()
            while self.signals:
                number = self.signals.pop(0)
                if number == signal.SIGHUP:
                    self._reload()
                else:
                    log.info("Stopping: nginx finishes its requests, then gunicorn.")
                    return 0
            for name, process in (("nginx", self.nginx), ("gunicorn", self.gunicorn)):
                if process is not None and process.poll() is not None:
                    log.error("%s stopped by itself (exit status %s).", name, process.returncode)
                    return 1

    def _reload(self) -> None:
        log.info("Rolling restart: nginx reloads its configuration, gunicorn its workers.")
        try:
            self._write_configuration()
        except CommandError as error:
            log.error("Not reloaded: %s", error)
            return
        assert self.nginx is not None
        self.nginx.send_signal(signal.SIGHUP)
        if self.gunicorn is not None:
            self.gunicorn.send_signal(signal.SIGHUP)

    def _stop(self) -> None:
        """nginx first, gracefully (SIGQUIT: it stops listening and finishes every request it
        holds), then gunicorn (SIGTERM: its workers finish theirs). A second Ctrl-C or SIGTERM
        while waiting stops them at once."""
        for process, graceful, grace in (
            (self.nginx, signal.SIGQUIT, NGINX_GRACE),
            (self.gunicorn, signal.SIGTERM, GUNICORN_GRACE),
        ):
            if process is None or process.poll() is not None:
                continue
            process.send_signal(graceful)
            deadline = time.monotonic() + grace
            while process.poll() is None and time.monotonic() < deadline:
                if signal.SIGINT in self.signals or signal.SIGTERM in self.signals:
                    break  # asked again while waiting: at once
                time.sleep(0.05)
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
