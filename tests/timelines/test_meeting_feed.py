"""Meetings in each person's iCal feed, through the registry of calendar sources: MAG meetings
for current MAG members, their workstreams' meetings, and meetings they registered for."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from mag import meetings
from mag import services as mag_services
from mag.models import Meeting
from tests.factories import IgfCycleFactory, UserFactory, WorkstreamFactory, stakeholder_group
from timelines import services
from workstreams.models import Workstream

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
Kind = Meeting.Kind


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make(actor, title, kind=Kind.MAG, workstream=None, days=7):
    starts = NOW + dt.timedelta(days=days)
    return meetings.create_meeting(
        actor=actor,
        kind=kind,
        workstream=workstream,
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        time_zone="Europe/Zurich",
    )


@pytest.fixture
def pn(db):
    return WorkstreamFactory(kind=Workstream.Kind.PN, name="PN on Access", slug="pn-access")


@pytest.fixture
def mag_member(secretariat):
    """A current MAG member (the MAG's cast, as in tests/mag/conftest.py)."""
    user = UserFactory(email="mag-member@example.org", display_name="Mia MAG")
    mag_services.create_mag_term(
        actor=secretariat,
        user=user,
        cycle=IgfCycleFactory(year=2026),
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        stakeholder_group=stakeholder_group("government"),
        country="RO",
    )
    return user


def feed(client, user):
    path = reverse("timelines:personal-calendar", args=[services.calendar_token_for(user).token])
    response = client.get(path)
    assert response.status_code == 200
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.fixture
def cast(secretariat, pn, bpf_a, bpf_a_member):
    return {
        "mag": make(secretariat, "Virtual MAG meeting"),
        "pn": make(secretariat, "PN monthly call", Kind.PN_CALL, pn, days=3),
        "bpf": make(secretariat, "BPF A virtual meeting", Kind.BPF_MEETING, bpf_a, days=5),
    }


def test_R_MAG_3_a_mag_members_feed_has_the_mag_meetings_in_utc(client, cast, mag_member):
    events = feed(client, mag_member)
    assert set(events) == {"Virtual MAG meeting"}
    event = events["Virtual MAG meeting"]
    assert event["DTSTART"].dt == NOW + dt.timedelta(days=7)
    assert event["DTSTART"].dt.utcoffset() == dt.timedelta(0)
    assert str(event["UID"]) == f"meeting-{cast['mag'].pk}@igfportal"
    assert str(event["URL"]).endswith(reverse("mag:meeting", args=[cast["mag"].slug]))


def test_R_BPF_4_a_workstream_members_feed_has_its_meetings(client, cast, bpf_a_member):
    assert set(feed(client, bpf_a_member)) == {"BPF A virtual meeting"}


def test_R_PN_5_an_observer_who_registered_gets_the_call_until_they_cancel(client, cast, outsider):
    assert feed(client, outsider) == {}
    meetings.register_for_meeting(actor=outsider, meeting=cast["pn"])
    assert set(feed(client, outsider)) == {"PN monthly call"}
    meetings.cancel_registration(actor=outsider, meeting=cast["pn"])
    assert feed(client, outsider) == {}


def test_a_cancelled_meeting_stays_in_the_feed_marked_cancelled(
    client, secretariat, cast, mag_member
):
    meetings.cancel_meeting(actor=secretariat, meeting=cast["mag"], reason="Postponed")
    event = feed(client, mag_member)["Virtual MAG meeting"]
    assert str(event["STATUS"]) == "CANCELLED"


def test_the_feed_costs_the_same_queries_with_one_or_twenty_meetings(
    client, secretariat, mag_member
):
    path = reverse(
        "timelines:personal-calendar", args=[services.calendar_token_for(mag_member).token]
    )
    make(secretariat, "Only one")
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for n in range(19):
        make(secretariat, f"Meeting {n}", days=n + 1)
    with CaptureQueriesContext(connection) as many:
        response = client.get(path)
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 20
    assert len(few) == len(many)
