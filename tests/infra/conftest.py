"""Helpers for tests that run the portal's real processes: gunicorn, Celery worker and beat.

Each process runs from the source tree with the test's environment, writes its output to a
log file in tmp_path, and is stopped when the test ends. When a test fails, the logs of its
processes are added to the failure report.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

# Every variable settings.py reads, so a child process starts from a known environment
# rather than from whatever the shell running pytest had set.
SETTINGS_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
    "SITE_NAME",
    "DATABASE_URL",
    "DB_CONN_MAX_AGE",
    "REDIS_URL",
    "CACHE_URL",
    "FAST_PASSWORD_HASHER",
    "LOGIN_FAILED_RATE_LIMIT",
    "MEDIA_ROOT",
    "EMAIL_BACKEND",
    "EMAIL_FILE_PATH",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
    "CELERY_TASK_ALWAYS_EAGER",
    "HEARTBEAT_INTERVAL",
    "REMINDERS_INTERVAL",
    "DIGEST_HOUR_UTC",
    "API_ANON_RATE",
    "PAGE_CACHE_SECONDS",
    "BENCHMARK",
    "API_TOKEN_RATE",
    "REMINDER_DAYS_BEFORE",
    "REMINDER_OVERDUE_LOOKBACK_DAYS",
    "REMINDER_BATCH_SIZE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LOG_LEVEL",
)


def clean_environ(**values):
    """os.environ without any portal setting, plus the given values (None removes one)."""
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process only; a deployed
    # process never has it (and `check --deploy` rightly refuses it).
    dropped = {*SETTINGS_VARIABLES, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["DJANGO_SETTINGS_MODULE"] = "igfportal.settings"
    env["PYTHONUNBUFFERED"] = "1"
    for key, value in values.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def url_of_test_database(connection):
    """A postgres:// URL for the database pytest-django set up (the test_ one)."""
    s = connection.settings_dict
    assert s["NAME"].startswith("test_"), s["NAME"]
    credentials = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        credentials += ":" + quote(s["PASSWORD"], safe="")
    host = s["HOST"] or "localhost"
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(s['NAME'], safe='')}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, *, timeout, what, processes=(), interval=0.2):
    """Poll condition() until it returns something truthy; fail after timeout seconds.

    Fails at once if one of the given processes has exited, since it will not recover.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        for process in processes:
            if not process.running:
                pytest.fail(f"{process.name} exited ({process.returncode}) while waiting: {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting: {what}")
        time.sleep(interval)


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log_path: Path

    @property
    def running(self):
        return self.popen.poll() is None

    @property
    def returncode(self):
        return self.popen.poll()

    def output(self):
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def wait_for_output(self, text, timeout=60):
        wait_until(
            lambda: text in self.output(),
            timeout=timeout,
            what=f"{self.name} to print {text!r}",
            processes=[self],
        )

    def stop(self, timeout=20):
        if self.running:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(10)


@pytest.fixture
def processes(request, tmp_path):
    """start(name, *args, env=...) runs a command from the source tree in the background.

    Every process is stopped (SIGTERM, then SIGKILL) when the test ends, before the test
    database is flushed; request it after the database fixtures so it is torn down first.
    """
    started = []
    request.node.infra_processes = started

    def start(name, *args, env):
        log_path = tmp_path / f"{name}.log"
        with open(log_path, "wb") as log:
            popen = subprocess.Popen(
                [sys.executable, *args],
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        process = Process(name, popen, log_path)
        started.append(process)
        return process

    try:
        yield start
    finally:
        for process in reversed(started):
            process.stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for process in getattr(item, "infra_processes", []):
            report.sections.append(
                (f"output of {process.name} (exit {process.returncode})", process.output())
            )
