"""A real Celery worker, fed through Redis, sends the welcome email once and only once."""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from accounts.models import Profile
from accounts.tasks import send_welcome_email_task
from igfportal.celery import app as celery_app
from tests.factories import UserFactory

from .conftest import clean_environ, url_of_test_database


@contextmanager
def tasks_sent_to(broker_url):
    """Send tasks to a broker instead of running them in-process (as the conftest makes them).

    The app's broker was configured from settings at import time, and its connection pools
    are made once: set the URL and let the pools be made anew for it, then put all back.
    """
    conf = celery_app.conf
    saved = {name: conf[name] for name in ("task_always_eager", "broker_url")}
    saved_pool, saved_producers = celery_app._pool, celery_app.amqp._producer_pool
    conf.task_always_eager = False
    conf.broker_url = broker_url
    celery_app._pool = celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        # kombu keeps one pool per connection in a global registry: drop the closed one, or
        # the next test sending to the same broker is handed it back ("Acquire on closed pool").
        kombu_pools.reset()
        conf.update(saved)
        celery_app._pool, celery_app.amqp._producer_pool = saved_pool, saved_producers


def email_files(directory):
    return sorted(path for path in directory.glob("*.log") if path.is_file())


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_welcome_email_exactly_once(
    postgres, redis_url, processes, tmp_path
):
    # The result backend is the same Redis whenever REDIS_URL is set, so .get() can wait.
    assert celery_app.conf.result_backend == redis_url == settings.REDIS_URL
    user = UserFactory(email="welcome-me@example.org")
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
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
        f"test-welcome-{tmp_path.name}@%h",
        env=clean_environ(
            DATABASE_URL=url_of_test_database(connection),
            REDIS_URL=redis_url,
            CELERY_TASK_ALWAYS_EAGER="0",
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=mail_dir,
            DB_CONN_MAX_AGE="0",
        ),
    )
    worker.wait_for_output(" ready.")

    with tasks_sent_to(redis_url):
        first = send_welcome_email_task.delay(user.pk)
        assert first.get(timeout=60) is True

        profile = Profile.objects.get(user=user)
        assert profile.welcome_sent_at is not None
        [email] = email_files(mail_dir)
        message = email.read_text()
        assert "welcome-me@example.org" in message
        assert "Welcome" in message

        # Delivered again (a retry, a duplicate): the worker sends nothing the second time.
        second = send_welcome_email_task.delay(user.pk)
        assert second.get(timeout=60) is False

    assert email_files(mail_dir) == [email]
    profile.refresh_from_db()
    assert Profile.objects.get(user=user).welcome_sent_at == profile.welcome_sent_at
    assert f"{first.id}] succeeded" in worker.output()
