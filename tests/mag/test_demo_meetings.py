"""demo.meetings: the June 2017 agenda of seed 003, this year's attendance, the upcoming
meetings; idempotent."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from mag.models import Attendance, MagEvent, Meeting

pytestmark = pytest.mark.django_db


def test_R_MAG_5_R_PN_5_R_MAG_3_the_demo_meetings_are_seeded_once(client):
    call_command("seed_demo", "--quiet", stdout=StringIO())
    june = Meeting.objects.get(slug="open-consultations-and-mag-meeting-2017-06")
    assert (june.time_zone, june.agenda_published) == ("Europe/Zurich", True)
    assert june.starts_at == dt.datetime(2017, 6, 12, 8, 0, tzinfo=dt.UTC)
    assert [d.title for d in june.days.all()] == [
        "Open Consultations",
        "MAG Meeting (open to observers)",
        "MAG Meeting (open to observers)",
    ]
    assert june.kind == Meeting.Kind.OPEN_CONSULTATIONS
    assert june in Meeting.objects.counted_for_attendance()
    # The demo's MAG terms start long after 2017: nobody is recorded at the June 2017 meeting.
    assert not june.attendance.exists()
    page = client.get(reverse("mag:meeting", args=[june.slug])).content.decode()
    assert "Day 1: 12 Jun 2017" in page and "Times are in Geneva time (Europe/Zurich)." in page

    today = timezone.localdate()
    soon = today + dt.timedelta(days=31)
    call = Meeting.objects.get(kind=Meeting.Kind.PN_CALL)
    assert call.workstream.slug == "pn-meaningful-access"
    assert today <= call.starts_at.date() <= soon
    assert call.open_to_observers and call.agenda_published and call.days.exists()
    assert Meeting.objects.upcoming().filter(kind=Meeting.Kind.MAG).exists()
    bpf = Meeting.objects.get(kind=Meeting.Kind.BPF_MEETING)
    assert bpf.workstream.slug == "bpf-cybersecurity"

    # R-MAG-3: exactly one current member is below three meetings this year.
    client.force_login(User.objects.get(email="secretariat@example.org"))
    report = client.get(reverse("mag:nonparticipation", args=[today.year])).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", report).split())
    assert re.search(r"\b1 of \d+ MAG members attended fewer than 3\.", text), text

    before = (Meeting.objects.count(), Attendance.objects.count(), MagEvent.objects.count())
    call_command("seed_demo", "--quiet", stdout=StringIO())
    after = (Meeting.objects.count(), Attendance.objects.count(), MagEvent.objects.count())
    assert before == after
