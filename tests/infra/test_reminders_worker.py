"""A real beat and two real workers send each due reminder exactly once (R-TL-2).

Beat ticks every second; the reminders go through Redis to two worker processes racing for
the same rows in PostgreSQL; the emails land as files. Several ticks later, still one each.
"""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import UserFactory
from timelines import services
from timelines.models import Notification

from .conftest import clean_environ, url_of_test_database, wait_until


def finished(worker):
    return sum(
        1
        for line in worker.output().splitlines()
        if "send_reminders_task" in line and "succeeded" in line
    )


def messages_in(directory):
    return sum(
        path.read_text(errors="replace").count("\nSubject: ") for path in directory.glob("*.log")
    )


@pytest.mark.django_db(transaction=True)
def test_R_TL_2_beat_and_workers_send_each_reminder_once_across_many_ticks(
    postgres, redis_url, secretariat, bpf_a, processes, tmp_path
):
    people = [UserFactory(email=f"worker-actor{n}@example.org") for n in range(2)]
    today = timezone.now().date()
    for n, days_left in enumerate([0, 1, 5]):
        services.create_action_item(
            workstream=bpf_a,
            action=f"Real step {n}",
            deadline=today + dt.timedelta(days=days_left),
            actor=secretariat,
            users=people,
        )
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = clean_environ(
        DATABASE_URL=url_of_test_database(connection),
        REDIS_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="0",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=mail_dir,
        REMINDERS_INTERVAL="1",
        HEARTBEAT_INTERVAL="60",
    )
    workers = [
        processes(
            f"celery-worker-{n}",
            "-m",
            "celery",
            "-A",
            "igfportal",
            "worker",
            "--pool=solo",
            "-l",
            "info",
            "-n",
            f"reminders-{n}-{tmp_path.name}@%h",
            env=env,
        )
        for n in range(2)
    ]
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
        str(tmp_path / "beat-schedule"),
        env=env,
    )
    everyone = [beat, *workers]
    wait_until(
        lambda: messages_in(mail_dir) >= 6, timeout=90, what="6 reminder emails", processes=everyone
    )

    def ticks():
        return beat.output().count("send-reminders")

    seen = ticks()
    wait_until(
        lambda: ticks() >= seen + 3, timeout=60, what="3 more beat ticks", processes=everyone
    )
    # Let the last tick's task finish on a worker before counting.
    wait_until(
        lambda: sum(finished(w) for w in workers) >= ticks() - 1,
        timeout=60,
        what="the workers to finish the ticks' tasks",
        processes=everyone,
    )
    assert messages_in(mail_dir) == 6
    assert Notification.objects.count() == 6
    assert set(Notification.objects.values_list("email_status", flat=True)) == {"sent"}
