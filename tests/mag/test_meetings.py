"""Meetings (R-MAG-5, R-PN-5, R-BPF-4): scheduling, who manages what, observers, records,
the .ics download and the workstream page's panel."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from icalendar import Calendar

from accounts.exceptions import DomainError
from mag import meetings
from mag.models import MagEvent, Meeting, MeetingRecord, MeetingRegistration

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
Kind = Meeting.Kind


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def at(days, hour=12):
    return (NOW + dt.timedelta(days=days)).replace(hour=hour, minute=0)


def make(actor, kind=Kind.MAG, workstream=None, days=7, **fields):
    fields.setdefault("title", f"{Kind(kind).label} in {days} days")
    return meetings.create_meeting(
        actor=actor,
        kind=kind,
        workstream=workstream,
        starts_at=at(days),
        ends_at=at(days, 14),
        **fields,
    )


def text_of(response):
    html = re.sub(r"<select.*?</select>", "", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


@pytest.fixture
def pn_call(secretariat, pn):
    return make(
        secretariat,
        Kind.PN_CALL,
        pn,
        days=10,
        title="PN on Access monthly call",
        remote_url="https://meet.example.org/pn",
    )


@pytest.fixture
def bpf_call(secretariat, bpf_a):
    return make(secretariat, Kind.BPF_MEETING, bpf_a, days=14, title="BPF A virtual meeting")


# ---- Scheduling --------------------------------------------------------------------------------


def test_R_MAG_5_the_secretariat_schedules_a_mag_meeting_and_it_is_recorded(secretariat):
    meeting = make(secretariat, title="Third MAG meeting", time_zone="Europe/Zurich")
    assert meeting.slug == "third-mag-meeting-2026-11-30"
    assert meeting.open_to_observers
    event = MagEvent.objects.get(action="meeting_created")
    assert (event.actor, event.meeting) == (secretariat, meeting)


def test_R_PN_5_a_pn_monthly_call_must_be_open_to_observers(secretariat, pn):
    with pytest.raises(DomainError) as refused:
        make(secretariat, Kind.PN_CALL, pn, open_to_observers=False)
    assert refused.value.messages[0].startswith("R-PN-5:")
    assert refused.value.field == "open_to_observers"


def test_R_MAG_5_a_mag_meeting_cannot_be_closed_to_observers(secretariat):
    with pytest.raises(DomainError, match="R-MAG-5"):
        make(secretariat, open_to_observers=False)


@pytest.mark.parametrize(
    ("kind", "owner", "message"),
    [
        (Kind.PN_CALL, None, "held by a Policy Network"),
        (Kind.BPF_MEETING, "pn", "held by a Best Practice Forum"),
        (Kind.MAG, "pn", "the MAG's own"),
    ],
)
def test_a_meeting_belongs_to_the_right_kind_of_owner(secretariat, pn, kind, owner, message):
    with pytest.raises(DomainError, match=message):
        make(secretariat, kind, pn if owner else None)


def test_R_PN_5_the_schedule_form_refuses_a_closed_pn_call_and_keeps_what_was_typed(
    client, secretariat, pn
):
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:meeting-create"),
        {
            "kind": Kind.PN_CALL,
            "workstream": pn.pk,
            "title": "Typed call title",
            "time_zone": "UTC",
            "start_date": "2026-12-01",
            "start_time": "13:00",
            "end_date": "2026-12-01",
            "end_time": "14:00",
        },
    )
    assert response.status_code == 400
    text = text_of(response)
    assert "R-PN-5: A Policy Network working-group call is open to observers." in text
    assert 'value="Typed call title"' in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_date": "2026-02-30"}, "Enter a valid date."),
        ({"end_time": "11:00"}, "The meeting ends after it starts."),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"title": "Nul\x00byte"}, "Null characters are not allowed."),
        ({"time_zone": "Mars/Olympus"}, "Select a valid choice."),
        ({"remote_url": "not a url at all"}, "Enter a valid URL."),
        ({"end_date": "2027-06-01"}, "A meeting lasts at most 31 days."),
    ],
)
def test_the_schedule_form_answers_bad_input_with_a_message_not_a_500(
    client, secretariat, changes, message
):
    client.force_login(secretariat)
    data = {
        "kind": Kind.MAG,
        "title": "Virtual MAG meeting",
        "time_zone": "Europe/Zurich",
        "start_date": "2026-12-01",
        "start_time": "12:00",
        "end_date": "2026-12-01",
        "end_time": "15:00",
        "open_to_observers": "on",
    }
    data.update(changes)
    response = client.post(reverse("mag:meeting-create"), data)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")


def test_the_schedule_form_reads_times_in_the_meetings_own_zone(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("mag:meeting-create"),
        {
            "kind": Kind.MAG,
            "title": "Geneva meeting",
            "time_zone": "Europe/Zurich",
            "start_date": "2026-12-01",
            "start_time": "10:00",
            "end_date": "2026-12-01",
            "end_time": "18:00",
            "open_to_observers": "on",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def test_cancelling_needs_a_reason_and_keeps_the_meeting_listed(client, secretariat):
    meeting = make(secretariat)
    client.force_login(secretariat)
    url = reverse("mag:meeting-edit", args=[meeting.slug])
    response = client.post(url, {"action": "cancel", "reason": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    response = client.post(url, {"action": "cancel", "reason": "The venue is closed."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    page = text_of(client.get(reverse("mag:meeting", args=[meeting.slug])))
    assert "This meeting is cancelled. The venue is closed." in page
    assert MagEvent.objects.get(action="meeting_cancelled").reason == "The venue is closed."


# ---- Permission matrix -----------------------------------------------------------------------


def test_the_public_sees_a_mag_meeting_and_its_agenda_but_not_its_attendance(client, secretariat):
    meeting = make(secretariat, days=-3)
    response = client.get(reverse("mag:meeting", args=[meeting.slug]))
    assert response.status_code == 200
    assert reverse("mag:attendance", args=[meeting.slug]) not in response.content.decode()
    response = client.get(reverse("mag:attendance", args=[meeting.slug]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    ("who", "own", "expected"),
    [
        ("secretariat", True, 200),
        ("bpf_a_coordinator", True, 200),
        ("bpf_a_coordinator", False, 403),
        ("bpf_a_member", True, 403),
        ("mag_member", True, 403),
        ("outsider", True, 403),
    ],
)
def test_a_coordinator_manages_their_own_workstreams_meetings_only(
    client, request, secretariat, bpf_a, bpf_b, who, own, expected
):
    user = request.getfixturevalue(who)
    meeting = make(secretariat, Kind.BPF_MEETING, bpf_a if own else bpf_b)
    client.force_login(user)
    for name in ("mag:meeting-edit", "mag:agenda-edit", "mag:meeting-records"):
        assert client.get(reverse(name, args=[meeting.slug])).status_code == expected, name


def test_a_coordinator_may_not_schedule_for_another_workstream_or_the_mag(bpf_a_coordinator, bpf_b):
    with pytest.raises(PermissionDenied):
        make(bpf_a_coordinator, Kind.BPF_MEETING, bpf_b)
    with pytest.raises(PermissionDenied):
        make(bpf_a_coordinator, Kind.MAG)


def test_a_coordinators_schedule_form_offers_only_their_own_workstream(
    client, bpf_a_coordinator, bpf_a, bpf_b
):
    client.force_login(bpf_a_coordinator)
    page = client.get(reverse("mag:meeting-create"), {"workstream": bpf_a.slug})
    assert page.status_code == 200
    html = page.content.decode()
    assert bpf_a.name in html and bpf_b.name not in html
    data = {
        "kind": Kind.BPF_MEETING,
        "workstream": bpf_b.pk,
        "title": "Sneaky",
        "time_zone": "UTC",
        "start_date": "2026-12-01",
        "start_time": "12:00",
        "end_date": "2026-12-01",
        "end_time": "13:00",
    }
    response = client.post(reverse("mag:meeting-create"), data)
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_of_a_proposed_workstream_is_not_found_by_outsiders(
    client, secretariat, outsider, dc_proposed
):
    meeting = make(secretariat, Kind.DC_MEETING, dc_proposed)
    client.force_login(outsider)
    assert client.get(reverse("mag:meeting", args=[meeting.slug])).status_code == 404
    assert client.get(reverse("mag:meeting-ics", args=[meeting.slug])).status_code == 404
    listing = client.get(reverse("mag:meetings"))
    assert meeting.title not in listing.content.decode()


# ---- Observers (R-MAG-5, R-PN-5) -------------------------------------------------------------


def test_R_PN_5_a_monthly_call_is_open_to_observers_who_register_and_cancel(
    client, outsider, pn_call
):
    url = reverse("mag:meeting", args=[pn_call.slug])
    client.force_login(outsider)
    assert "Register as observer" in text_of(client.get(url))
    register = reverse("mag:meeting-register", args=[pn_call.slug])
    assert client.post(register, {"action": "register"}).status_code == 302
    page = text_of(client.get(url))
    assert "You are registered as an observer." in page
    assert "Register as observer" not in page
    again = client.post(register, {"action": "register"}, follow=True)
    assert "You are already registered for this meeting." in text_of(again)
    client.post(register, {"action": "cancel"})
    registration = MeetingRegistration.objects.get(meeting=pn_call, user=outsider)
    assert registration.cancelled_at is not None  # kept, not deleted
    actions = list(
        MagEvent.objects.filter(meeting=pn_call, subject_user=outsider)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["registered", "registration_cancelled"]


def test_a_signed_out_reader_is_asked_to_sign_in_to_register(client, pn_call):
    page = text_of(client.get(reverse("mag:meeting", args=[pn_call.slug])))
    assert "Sign in to register as observer" in page
    response = client.post(reverse("mag:meeting-register", args=[pn_call.slug]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not MeetingRegistration.objects.exists()


def test_registration_for_a_past_meeting_is_refused(outsider, secretariat):
    past = make(secretariat, days=-2)
    with pytest.raises(DomainError, match="registration has closed"):
        meetings.register_for_meeting(actor=outsider, meeting=past)


# ---- Records (R-MAG-5) -----------------------------------------------------------------------


def pdf(name="proceedings.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")


def test_R_MAG_5_proceedings_are_published_after_the_meeting_and_removal_keeps_the_row(
    client, secretariat, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    meeting = make(secretariat, days=-1)
    client.force_login(secretariat)
    url = reverse("mag:meeting-records", args=[meeting.slug])
    response = client.post(url, {"kind": "proceedings", "title": "Proceedings", "file": pdf()})
    assert response.status_code == 302
    record = MeetingRecord.objects.get()
    client.logout()
    page = text_of(client.get(reverse("mag:meeting", args=[meeting.slug])))
    assert "Proceedings (Proceedings," in page
    download = client.get(reverse("mag:meeting-record", args=[meeting.slug, record.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(secretariat)
    response = client.post(url, {"action": "remove", "record": record.pk, "reason": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    reason = "Wrong file."
    client.post(url, {"action": "remove", "record": record.pk, "reason": reason})
    record.refresh_from_db()
    assert record.removed_at is not None and record.remove_reason == reason
    client.logout()
    removed = client.get(reverse("mag:meeting-record", args=[meeting.slug, record.pk]))
    assert removed.status_code == 404
    assert "Proceedings (" not in text_of(client.get(reverse("mag:meeting", args=[meeting.slug])))
    assert MagEvent.objects.get(action="record_removed").reason == reason


def test_a_record_cannot_be_attached_before_the_meeting_or_with_a_disguised_file(
    client, secretariat, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    future = make(secretariat, days=5)
    client.force_login(secretariat)
    url = reverse("mag:meeting-records", args=[future.slug])
    response = client.post(url, {"kind": "transcript", "title": "Early", "file": pdf()})
    assert response.status_code == 400
    assert "R-MAG-5: Proceedings and transcripts are attached after the meeting" in (
        response.content.decode()
    )
    past = make(secretariat, days=-5)
    fake = SimpleUploadedFile("transcript.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(
        reverse("mag:meeting-records", args=[past.slug]),
        {"kind": "transcript", "title": "Typed title", "file": fake},
    )
    assert response.status_code == 400
    assert "Typed title" in response.content.decode()
    assert not MeetingRecord.objects.exists()


# ---- .ics and the workstream page (R-BPF-4) --------------------------------------------------


def test_the_ics_download_has_the_meeting_in_utc_with_its_page(client, secretariat, pn_call):
    response = client.get(reverse("mag:meeting-ics", args=[pn_call.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="{pn_call.slug}.ics"'
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "PN on Access monthly call"
    assert event["DTSTART"].dt == at(10) and event["DTSTART"].dt.tzinfo is not None
    assert event["DTSTART"].dt.utcoffset() == dt.timedelta(0)
    assert "DTSTART:20261203T120000Z" in response.content.decode()
    assert str(event["URL"]).endswith(reverse("mag:meeting", args=[pn_call.slug]))
    assert "https://meet.example.org/pn" in str(event["DESCRIPTION"])


def test_R_BPF_4_a_bpfs_regular_virtual_meetings_are_listed_on_its_page(
    client, bpf_call, bpf_a, bpf_b
):
    page = client.get(reverse("workstreams:detail", args=[bpf_a.slug]))
    html = page.content.decode()
    assert "Upcoming meetings" in html
    assert "BPF A virtual meeting" in html
    assert reverse("mag:meeting", args=[bpf_call.slug]) in html
    other = text_of(client.get(reverse("workstreams:detail", args=[bpf_b.slug])))
    assert "No meeting is scheduled." in other
    assert "BPF A virtual meeting" not in other


def test_the_meeting_list_filters_by_kind_and_splits_upcoming_from_past(
    client, secretariat, pn_call, bpf_call
):
    past = make(secretariat, days=-30, title="Earlier MAG meeting")
    upcoming = text_of(client.get(reverse("mag:meetings")))
    assert "PN on Access monthly call" in upcoming and "Earlier MAG meeting" not in upcoming
    only_pn = text_of(client.get(reverse("mag:meetings"), {"kind": Kind.PN_CALL}))
    assert "PN on Access monthly call" in only_pn and "BPF A virtual meeting" not in only_pn
    earlier = text_of(client.get(reverse("mag:meetings"), {"when": "past"}))
    assert past.title in earlier and "PN on Access monthly call" not in earlier
    junk = client.get(reverse("mag:meetings"), {"kind": "\x00", "page": "zz", "workstream": "?"})
    assert junk.status_code == 200
    assert "No upcoming meeting matches." in text_of(junk)


def test_the_meeting_list_is_paginated(client, secretariat):
    for n in range(30):
        make(secretariat, days=n + 1, title=f"Meeting number {n:02d}")
    first = text_of(client.get(reverse("mag:meetings")))
    assert "Meeting number 00" in first and "Meeting number 29" not in first
    assert "Page 1 of 2" in first
    second = text_of(client.get(reverse("mag:meetings"), {"page": 2}))
    assert "Meeting number 29" in second


def test_editing_a_meeting_shows_its_times_in_its_zone_and_records_what_changed(
    client, secretariat
):
    meeting = make(secretariat, title="Geneva meeting", time_zone="Europe/Zurich")
    client.force_login(secretariat)
    url = reverse("mag:meeting-edit", args=[meeting.slug])
    form = client.get(url).content.decode()
    # 12:00 UTC on 30 Nov is 13:00 in Geneva.
    assert 'value="13:00"' in form and 'value="Geneva meeting"' in form
    response = client.post(
        url,
        {
            "kind": Kind.MAG,
            "title": "Geneva meeting",
            "time_zone": "Europe/Zurich",
            "start_date": "2026-11-30",
            "start_time": "14:00",
            "end_date": "2026-11-30",
            "end_time": "16:00",
            "open_to_observers": "on",
            "remote_url": "https://meet.example.org/geneva",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == dt.datetime(2026, 11, 30, 13, 0, tzinfo=dt.UTC)
    changed = MagEvent.objects.get(action="meeting_edited").details["changed"]
    assert set(changed) == {"starts_at", "ends_at", "remote_url"}


def test_the_secretariats_meeting_links_are_a_wrapping_list_not_one_unbreakable_line(
    client, secretariat
):
    meeting = make(secretariat, days=-3)
    client.force_login(secretariat)
    html = client.get(reverse("mag:meeting", args=[meeting.slug])).content.decode()
    links = re.search(r'<ul class="link-list">(.*?)</ul>', html, flags=re.S).group(1)
    for url in (
        reverse("mag:meeting-edit", args=[meeting.slug]),
        reverse("mag:agenda-edit", args=[meeting.slug]),
        reverse("mag:meeting-records", args=[meeting.slug]),
        reverse("mag:attendance", args=[meeting.slug]),
    ):
        assert f'<li><a href="{url}">' in links
    assert '<p class="actions">' not in html
    listing = client.get(reverse("mag:meetings")).content.decode()
    assert '<ul class="link-list">' in listing and '<p class="actions">' not in listing


def test_R_MAG_3_a_mag_member_is_told_they_are_expected_not_offered_to_observe(
    client, secretariat, mag_member, outsider, pn_call
):
    meeting = make(secretariat, days=7)
    url = reverse("mag:meeting", args=[meeting.slug])
    client.force_login(mag_member)
    page = text_of(client.get(url))
    assert "You are expected at this meeting as a MAG member." in page
    assert "Register as observer" not in page
    # A workstream's call is not a MAG meeting: the member may observe it like anyone.
    page = text_of(client.get(reverse("mag:meeting", args=[pn_call.slug])))
    assert "Register as observer" in page and "expected at this meeting" not in page
    client.force_login(outsider)
    page = text_of(client.get(url))
    assert "Register as observer" in page and "expected at this meeting" not in page


def test_the_service_refuses_a_meeting_longer_than_31_days(secretariat):
    """Checked where the meeting is made, not only in the form (admin, demo, API)."""
    import datetime as dt

    from accounts.exceptions import DomainError
    from mag import meetings
    from mag.models import Meeting

    start = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
    with pytest.raises(DomainError, match="at most 31 days"):
        meetings.create_meeting(
            actor=secretariat,
            kind=Meeting.Kind.MAG,
            title="A typo in the year",
            starts_at=start,
            ends_at=start + dt.timedelta(days=366),
            time_zone="UTC",
        )
