"""The MAG's reminders through the timelines registry: a term ending (R-MAG-2), a meeting soon
(R-MAG-3, R-MAG-5, R-PN-5), an uncovered BPF or PN duty (R-BPF-3, R-PN-3, R-MAG-6)."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone

from mag import services
from mag.models import LiaisonAssignment, MagTerm, Meeting, MeetingRegistration
from mag.reminders import (
    collect_liaison_uncovered,
    collect_meeting_tomorrow,
    collect_term_ending,
)
from tests.factories import IgfCycleFactory, UserFactory, WorkstreamFactory, stakeholder_group
from timelines import services as timeline_services
from timelines.models import Category, Notification
from workstreams.models import Membership, Workstream

Kind = LiaisonAssignment.Kind
pytestmark = pytest.mark.django_db


def _notes(kind):
    return Notification.objects.filter(kind=kind).order_by("recipient_id", "pk")


def _run(now):
    return timeline_services.collect_due_reminders(now=now)


def _at(day, hour=9):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


# ---- Term ending (R-MAG-2) -----------------------------------------------------------------


def test_R_MAG_2_a_member_is_reminded_30_and_7_days_before_their_term_ends_once_each(
    mag_member,
):
    term = mag_member.mag_terms.get()
    for days_before in (45, 30, 29, 7, 6, 0):
        _run(_at(term.end - dt.timedelta(days=days_before)))
    notes = _notes("mag_term_ending")
    assert [(n.recipient, n.occasion) for n in notes] == [
        (mag_member, f"before-30:{term.end.isoformat()}"),
        (mag_member, f"before-7:{term.end.isoformat()}"),
    ]
    assert notes[0].category == Category.DUTIES
    assert notes[0].url == "/mag/duties/mine/"

    timeline_services.send_notification_email(notes[1])
    body = mail.outbox[-1].body
    end = term.end
    assert f"ends on {end.day} {end:%b %Y}, in 7 days." in body
    assert "R-MAG-2" in body
    assert mail.outbox[-1].to == ["mag-member@example.org"]


def test_R_MAG_2_no_reminder_when_a_renewal_for_the_next_cycle_is_recorded(
    secretariat, mag_member, cycle
):
    term = mag_member.mag_terms.get()
    MagTerm.objects.create(
        user=mag_member,
        cycle=IgfCycleFactory(year=cycle.year + 1),
        start=term.end + dt.timedelta(days=1),
        end=term.end + dt.timedelta(days=366),
        stakeholder_group=stakeholder_group("government"),
        country="RO",
        renewal_of=term,
        created_by=secretariat,
    )
    _run(_at(term.end - dt.timedelta(days=7)))
    assert not _notes("mag_term_ending").exists()


def test_R_MAG_2_term_reminders_are_collected_in_one_query_per_batch(
    secretariat, mag_member, second_mag_member, django_assert_num_queries
):
    end = mag_member.mag_terms.get().end
    # One query for the batch, one more that finds no further batch.
    with django_assert_num_queries(2):
        batches = list(collect_term_ending(_at(end - dt.timedelta(days=30)), 100))
    assert sorted(o.recipient_id for o in batches[0]) == [mag_member.pk, second_mag_member.pk]


# ---- Meeting soon (R-MAG-3, R-MAG-5, R-PN-5) -----------------------------------------------


def _meeting(title, starts_at, workstream=None, **fields):
    return Meeting.objects.create(
        kind=Meeting.Kind.MAG if workstream is None else Meeting.Kind.PN_CALL,
        workstream=workstream,
        title=title,
        slug=title.lower().replace(" ", "-"),
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        time_zone="Europe/Zurich",
        location="Palais des Nations, Geneva",
        **fields,
    )


def test_R_MAG_3_the_current_mag_and_registered_observers_hear_of_a_mag_meeting_tomorrow(
    secretariat, mag_member, second_mag_member, former_mag_member, outsider
):
    now = timezone.now()
    meeting = _meeting("Second MAG meeting", now + dt.timedelta(hours=30))
    MeetingRegistration.objects.create(meeting=meeting, user=outsider)
    _run(now)
    _run(now + dt.timedelta(hours=1))  # a second run sends nothing again
    notes = _notes("meeting_tomorrow")
    assert sorted(n.recipient.email for n in notes) == [
        "mag-member@example.org",
        "mag-two@example.org",
        "outsider@example.org",
    ]
    assert {n.url for n in notes} == {f"/mag/meetings/{meeting.slug}/"}

    timeline_services.send_notification_email(notes[0])
    local = meeting.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Zurich"))
    body = mail.outbox[-1].body
    day = f"{local.day} {local:%b %Y}"
    assert f"Second MAG meeting starts on {day} at {local:%H:%M} (Europe/Zurich)." in body
    assert "Palais des Nations, Geneva" in body


def test_R_PN_5_a_workstream_call_reaches_its_members_and_mag_liaisons_not_the_whole_mag(
    secretariat, mag_member, second_mag_member, pn, assign, grant
):
    assign(second_mag_member, Kind.PN_LIAISON, pn)
    mwg = UserFactory(email="mwg@example.org")
    observer = UserFactory(email="watcher@example.org")
    grant(pn, mwg, Membership.Role.MEMBER)
    grant(pn, observer, Membership.Role.OBSERVER)
    now = timezone.now()
    _meeting("PN monthly call", now + dt.timedelta(hours=20), workstream=pn)
    _run(now)
    assert sorted(n.recipient.email for n in _notes("meeting_tomorrow")) == [
        "mag-two@example.org",
        "mwg@example.org",
    ]


def test_R_MAG_5_no_reminder_for_a_cancelled_meeting_or_one_days_away(mag_member):
    now = timezone.now()
    _meeting("Cancelled", now + dt.timedelta(hours=20), status=Meeting.Status.CANCELLED)
    _meeting("Next week", now + dt.timedelta(days=7))
    _meeting("Yesterday", now - dt.timedelta(days=1))
    _run(now)
    assert not _notes("meeting_tomorrow").exists()


def test_a_meeting_moved_to_another_day_is_announced_again(mag_member):
    now = timezone.now()
    meeting = _meeting("Moved meeting", now + dt.timedelta(hours=20))
    _run(now)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now + dt.timedelta(hours=40), ends_at=now + dt.timedelta(hours=42)
    )
    _run(now)
    assert _notes("meeting_tomorrow").count() == 2


def test_meeting_reminders_take_a_bounded_number_of_queries(
    mag_member, pn, grant, django_assert_max_num_queries
):
    now = timezone.now()
    for n in range(10):
        _meeting(f"MAG meeting {n}", now + dt.timedelta(hours=10 + n))
        _meeting(f"PN call {n}", now + dt.timedelta(hours=20 + n), workstream=pn)
    with django_assert_max_num_queries(6):
        batches = list(collect_meeting_tomorrow(now, 100))
    assert len(batches[0]) == 10  # the MAG meetings reach the one MAG member; the PN has none


# ---- Uncovered BPF and PN duties (R-BPF-3, R-PN-3) -----------------------------------------


def _monday():
    now = timezone.now()
    return (now - dt.timedelta(days=now.weekday())).replace(hour=9, minute=0)


def test_R_BPF_3_R_PN_3_uncovered_duties_remind_the_secretariat_once_a_week(
    secretariat, mag_member, bpf_a, bpf_b, pn, assign, django_assert_max_num_queries
):
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_a)
    WorkstreamFactory(name="BPF not yet active", status=Workstream.Status.PROPOSED)
    monday = _monday()
    with django_assert_max_num_queries(4):
        batches = list(collect_liaison_uncovered(monday, 100))
    assert sorted(o.context["workstream"] for o in batches[0]) == [
        "BPF on Gender and Access",
        "PN on Access",
    ]
    for now in (monday, monday + dt.timedelta(days=2)):
        _run(now)
    notes = _notes("liaison_uncovered")
    assert notes.count() == 2 and {n.recipient for n in notes} == {secretariat}
    _run(monday + dt.timedelta(days=7))
    assert _notes("liaison_uncovered").count() == 4

    bodies = []
    for note in notes[:2]:
        timeline_services.send_notification_email(note)
        bodies.append(mail.outbox[-1].body)
    assert any("BPF on Gender and Access has no serving MAG facilitator" in b for b in bodies)
    assert any("R-BPF-3" in b for b in bodies) and any("R-PN-3" in b for b in bodies)


def test_R_BPF_3_a_duty_held_by_someone_off_the_mag_counts_as_uncovered(
    secretariat, mag_member, bpf_a, assign
):
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_a)
    term = mag_member.mag_terms.get()
    services.create_mag_term(
        actor=secretariat,
        user=UserFactory(),
        cycle=term.cycle,
        start=term.start,
        end=term.end,
        stakeholder_group=stakeholder_group("civil-society"),
        country="KE",
    )
    MagTerm.objects.filter(pk=term.pk).update(end=timezone.localdate() - dt.timedelta(days=1))
    _run(_monday())
    assert [n.context["workstream"] for n in _notes("liaison_uncovered")] == [bpf_a.name]


def test_no_uncovered_duty_reminder_once_every_duty_is_covered(
    secretariat, mag_member, bpf_a, pn, assign
):
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_a)
    assign(mag_member, Kind.PN_LIAISON, pn)
    _run(_monday())
    assert not _notes("liaison_uncovered").exists()
