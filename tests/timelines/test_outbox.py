"""Reminders reach each responsible person exactly once, and nothing is lost (R-TL-2)."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory, WorkstreamFactory
from timelines import services
from timelines.models import ActionItem, EmailMode, Notification
from timelines.reminders import occasion_for
from workstreams.models import Membership

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def days(n):
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def item(workstream, actor, deadline, users=(), roles=(), action="Contract consultant"):
    return services.create_action_item(
        workstream=workstream,
        action=action,
        deadline=deadline,
        actor=actor,
        users=users,
        roles=roles,
        allow_past=True,
    )


def run_job():
    recorded = services.collect_due_reminders()
    sent, failed = services.deliver_pending()
    return recorded, sent, failed


@pytest.mark.parametrize(
    "days_left,expected",
    [
        (30, None),
        (8, None),
        (7, "before-7"),
        (5, "before-7"),
        (2, "before-7"),
        (1, "before-1"),
        (0, "before-1"),
        (-1, "overdue"),
        (-20, "overdue"),
    ],
)
def test_R_TL_2_the_reminder_due_is_the_nearest_threshold_reached(days_left, expected):
    assert occasion_for(days(days_left), TODAY) == expected


def test_R_TL_2_actors_are_reminded_once_and_a_second_run_sends_nothing(
    frozen, secretariat, bpf_a, outsider
):
    item(bpf_a, secretariat, days(5), users=[outsider])
    assert run_job() == (1, 1, 0)
    assert run_job() == (0, 0, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [outsider.email]
    assert "Due in 5 days: Contract consultant (BPF on Cybersecurity)" in message.subject


def test_R_TL_2_each_threshold_and_the_overdue_notice_come_once_each(
    frozen, secretariat, bpf_a, outsider
):
    item(bpf_a, secretariat, days(8), users=[outsider])
    subjects = []
    for offset in range(0, 12):
        frozen.move_to(NOW + dt.timedelta(days=offset))
        run_job()
        run_job()  # a beat tick that fires twice
        subjects += [message.subject for message in mail.outbox]
        mail.outbox.clear()
    assert [s.split(":")[0].split("] ")[1] for s in subjects] == [
        "Due in 7 days",
        "Due in 1 day",
        "Overdue",
    ]


def test_R_PN_10_a_role_as_actor_reminds_everyone_holding_it(
    frozen, secretariat, bpf_a, bpf_a_coordinator, bpf_a_member
):
    second = UserFactory(email="second-coord@example.org")
    Membership.objects.create(workstream=bpf_a, user=second, role="coordinator")
    item(bpf_a, secretariat, days(1), roles=["coordinator"])
    run_job()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "coord-a@example.org",
        "second-coord@example.org",
    ]


def test_R_TL_2_deadlines_are_days_in_the_workstreams_time_zone(frozen, secretariat, outsider):
    # 12:00 UTC on 23 November is already 02:00 on the 24th in Kiribati (UTC+14) and 02:00
    # on the 23rd in Honolulu (UTC-10): a deadline on the 25th is one day away in one and
    # two in the other.
    frozen.move_to(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC))
    kiribati = WorkstreamFactory(time_zone="Pacific/Kiritimati")
    honolulu = WorkstreamFactory(time_zone="Pacific/Honolulu")
    item(kiribati, secretariat, days(2), users=[outsider], action="Kiribati step")
    item(honolulu, secretariat, days(2), users=[outsider], action="Honolulu step")
    run_job()
    subjects = sorted(message.subject for message in mail.outbox)
    assert any("Due in 1 day: Kiribati step" in s for s in subjects), subjects
    assert any("Due in 2 days: Honolulu step" in s for s in subjects), subjects


def test_R_TL_2_a_moved_deadline_earns_fresh_reminders(frozen, secretariat, bpf_a, outsider):
    action_item = item(bpf_a, secretariat, days(3), users=[outsider])
    run_job()
    services.update_action_item(
        item=action_item,
        actor=secretariat,
        action=action_item.action,
        deadline=days(6),
        users=[outsider],
        reason="Postponed",
    )
    run_job()
    assert len(mail.outbox) == 2


def test_R_TL_2_done_and_dropped_items_are_not_reminded(frozen, secretariat, bpf_a, outsider):
    done = item(bpf_a, secretariat, days(1), users=[outsider], action="Done one")
    dropped = item(bpf_a, secretariat, days(1), users=[outsider], action="Dropped one")
    services.complete_action_item(item=done, actor=outsider)
    services.drop_action_item(item=dropped, actor=secretariat, reason="Merged into another item")
    assert run_job() == (0, 0, 0)


def test_R_TL_2_a_failed_send_is_not_lost_and_is_retried(frozen, secretariat, bpf_a, outsider):
    item(bpf_a, secretariat, days(1), users=[outsider])
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send",
        side_effect=ConnectionRefusedError("smtp down"),
    ):
        assert run_job() == (1, 0, 1)
    row = Notification.objects.get()
    assert (row.email_status, row.attempts) == ("pending", 1)
    assert "smtp down" in row.last_error
    assert services.deliver_pending() == (1, 0)
    row.refresh_from_db()
    assert (row.email_status, row.attempts) == ("sent", 2)
    assert len(mail.outbox) == 1


def test_R_TL_2_with_email_off_the_reminder_is_still_recorded_in_the_portal(
    frozen, secretariat, bpf_a, outsider
):
    services.set_email_mode(user=outsider, category="deadlines", mode=EmailMode.OFF)
    item(bpf_a, secretariat, days(1), users=[outsider])
    run_job()
    assert mail.outbox == []
    row = Notification.objects.get(recipient=outsider)
    assert (row.email_status, row.read_at) == ("not_wanted", None)


def test_R_TL_2_items_with_no_deadline_are_never_reminded(frozen, secretariat, bpf_a, outsider):
    item(bpf_a, secretariat, None, users=[outsider])
    assert run_job() == (0, 0, 0)


def test_R_PN_10_a_past_deadline_is_refused_unless_imported(frozen, secretariat, bpf_a, outsider):
    from accounts.exceptions import DomainError

    with pytest.raises(DomainError, match="R-PN-10: The deadline .* has already passed"):
        services.create_action_item(
            workstream=bpf_a, action="Late", deadline=days(-1), actor=secretariat, users=[outsider]
        )
    imported = item(bpf_a, secretariat, days(-1), users=[outsider])
    assert imported.events.get().details["imported"] is True


def _make_due_items(workstream, actor, count, recipient):
    items = ActionItem.objects.bulk_create(
        [
            ActionItem(workstream=workstream, action=f"Step {n}", deadline=days(n % 8))
            for n in range(count)
        ]
    )
    from timelines.models import ActionItemActor

    ActionItemActor.objects.bulk_create([ActionItemActor(item=i, user=recipient) for i in items])
    ActionItemActor.objects.bulk_create(
        [ActionItemActor(item=i, role="coordinator") for i in items]
    )
    return items


@pytest.mark.parametrize("count", [10, 1000])
def test_R_TL_2_collecting_reminders_costs_a_bounded_number_of_queries_per_batch(
    frozen, settings, secretariat, bpf_a, bpf_a_coordinator, outsider, count
):
    """Selecting and recording due reminders runs a fixed number of queries per batch."""
    settings.REMINDER_BATCH_SIZE = 100
    _make_due_items(bpf_a, secretariat, count, outsider)
    with CaptureQueriesContext(connection) as queries:
        recorded = services.collect_due_reminders()
    batches = -(-count // 100)
    assert recorded == 2 * count  # the person and the coordinator, for each item
    # Per batch: items + actors + role members + existing keys + preferences + insert (+
    # savepoints); per kind: one empty closing batch.
    assert len(queries.captured_queries) <= 10 * (batches + 3), len(queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        sent, failed = services.deliver_pending(batch_size=100)
    assert (sent, failed) == (2 * count, 0)
    assert len(queries.captured_queries) <= 6 * (-(-2 * count // 100) + 1)


def test_R_TL_2_an_action_written_on_several_lines_still_makes_a_sendable_email(
    frozen, secretariat, bpf_a, outsider
):
    item(bpf_a, secretariat, days(1), users=[outsider], action="Agree the list\nand send it")
    assert run_job() == (1, 1, 0)
    assert "Agree the list and send it" in mail.outbox[0].subject
