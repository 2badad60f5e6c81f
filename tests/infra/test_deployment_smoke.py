"""The deployment's processes, started as docker-compose starts them, work together.

gunicorn serves pages and static files with DEBUG off, beat schedules the heartbeat, a
worker runs it, and /health/ reports it: the whole chain through PostgreSQL and Redis.
"""

import json
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime

import pytest
from django.db import connection

from tests.factories import WorkstreamFactory

from .conftest import BASE_DIR, clean_environ, free_port, url_of_test_database, wait_until


def fetch(url):
    """(status, body) of a GET; never raises for an HTTP error status."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def answers(url):
    try:
        return fetch(url)
    except OSError:  # not listening yet
        return None


@pytest.fixture
def collected_static():
    """With DEBUG off, templates need the manifest that collectstatic writes (make test runs it)."""
    if not (BASE_DIR / "staticfiles" / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=BASE_DIR,
            env=clean_environ(DEBUG="0"),
            check=True,
            timeout=300,
        )


@pytest.mark.django_db(transaction=True)
def test_gunicorn_worker_and_beat_serve_pages_static_files_and_a_heartbeat(
    postgres, redis_url, collected_static, processes, tmp_path
):
    WorkstreamFactory(name="Smoke Test Forum")
    env = clean_environ(
        DATABASE_URL=url_of_test_database(connection),
        REDIS_URL=redis_url,
        DEBUG="0",
        SECRET_KEY="smoke-test-secret-key-" + "x9Q2-" * 12,
        ALLOWED_HOSTS="127.0.0.1",
        HEARTBEAT_INTERVAL="1",
        CELERY_TASK_ALWAYS_EAGER="0",
        EMAIL_FILE_PATH=tmp_path / "mail",
        MEDIA_ROOT=tmp_path / "media",
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started_at = datetime.now(UTC)
    web = processes(
        "gunicorn",
        "-m",
        "gunicorn",
        "igfportal.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--access-logfile",
        "-",
        env=env,
    )
    worker = processes(
        "celery-worker",
        "-m",
        "celery",
        "-A",
        "igfportal",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-l",
        "info",
        "-n",
        f"test-smoke-{tmp_path.name}@%h",
        env=env,
    )
    beat = processes(
        "celery-beat",
        "-m",
        "celery",
        "-A",
        "igfportal",
        "beat",
        "-l",
        "info",
        "--schedule",
        tmp_path / "celerybeat-schedule",
        env=env,
    )
    everything = [web, worker, beat]

    wait_until(lambda: answers(f"{base}/health/"), timeout=60, what="gunicorn", processes=[web])

    status, body = fetch(f"{base}/")
    assert status == 200, body
    assert "Smoke Test Forum" in body

    status, body = fetch(f"{base}/static/css/portal.css")
    assert status == 200
    assert body.strip()

    def heartbeat_since_start():
        status, body = fetch(f"{base}/health/")
        assert status == 200, body
        health = json.loads(body)
        assert health["database"] and health["cache"], health
        assert health["tasks_in_process"] is False, health
        beat_at = health["last_heartbeat"]
        return beat_at and datetime.fromisoformat(beat_at) >= started_at

    wait_until(
        heartbeat_since_start,
        timeout=60,
        what="/health/ to report a heartbeat run by the worker",
        processes=everything,
        interval=0.5,
    )
    assert "heartbeat_task" in worker.output()
