"""Two reminder jobs at once on PostgreSQL send each reminder exactly once (R-TL-2)."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from tests.factories import UserFactory
from timelines import services
from timelines.models import Notification


@pytest.mark.django_db(transaction=True)
def test_R_TL_2_concurrent_reminder_jobs_never_send_a_second_copy(postgres, secretariat, bpf_a):
    people = [UserFactory(email=f"actor{n}@example.org") for n in range(3)]
    today = timezone.now().date()
    for n in range(20):
        services.create_action_item(
            workstream=bpf_a,
            action=f"Step {n}",
            deadline=today + dt.timedelta(days=n % 8),
            actor=secretariat,
            users=people,
        )
    barrier = threading.Barrier(3)
    errors = []

    def job():
        try:
            barrier.wait(timeout=30)
            services.collect_due_reminders()
            services.deliver_pending(batch_size=7)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=job) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    sent = [(message.to[0], message.subject) for message in mail.outbox]
    assert len(sent) == 60 == len(set(sent))
    assert Notification.objects.count() == 60
    assert not Notification.objects.exclude(email_status="sent").exists()
