"""Attendance (R-MAG-3): recorded per meeting by the Secretariat, never public; the
non-participation report lists members below three MAG meetings a year."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.exceptions import DomainError
from mag import meetings
from mag.models import Attendance, MagEvent, Meeting

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
Status = Attendance.Status


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make(actor, days, kind=Meeting.Kind.MAG, workstream=None, title=None):
    starts = NOW + dt.timedelta(days=days)
    return meetings.create_meeting(
        actor=actor,
        kind=kind,
        workstream=workstream,
        title=title or f"Meeting {days}",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
    )


def text_of(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def past_meeting(secretariat):
    return make(secretariat, -10, title="Second MAG meeting")


def test_R_MAG_3_the_secretariat_records_attendance_prefilled_with_the_mag(
    client, secretariat, mag_member, second_mag_member, outsider, past_meeting
):
    client.force_login(secretariat)
    url = reverse("mag:attendance", args=[past_meeting.slug])
    page = text_of(client.get(url))
    assert "Mia MAG MAG member" in page and "Max MAG MAG member" in page
    response = client.post(
        url,
        {
            f"status_{mag_member.pk}": Status.IN_PERSON,
            f"status_{second_mag_member.pk}": Status.EXCUSED,
            f"note_{second_mag_member.pk}": "Travel visa refused",
            "add_email": outsider.email,
            "add_status": Status.REMOTE,
        },
    )
    assert response.status_code == 302
    rows = dict(Attendance.objects.values_list("user__email", "status"))
    assert rows == {
        mag_member.email: Status.IN_PERSON,
        second_mag_member.email: Status.EXCUSED,
        outsider.email: Status.REMOTE,
    }
    assert MagEvent.objects.filter(action="attendance_recorded").count() == 3
    # Saving again unchanged records nothing new.
    client.post(
        url,
        {
            f"status_{mag_member.pk}": Status.IN_PERSON,
            f"status_{second_mag_member.pk}": Status.EXCUSED,
            f"note_{second_mag_member.pk}": "Travel visa refused",
            f"status_{outsider.pk}": Status.REMOTE,
        },
    )
    assert MagEvent.objects.filter(action="attendance_recorded").count() == 3


def test_R_MAG_3_a_correction_keeps_the_row_and_logs_the_change(
    secretariat, mag_member, past_meeting
):
    meetings.record_attendance(
        actor=secretariat, meeting=past_meeting, user=mag_member, status=Status.ABSENT
    )
    meetings.record_attendance(
        actor=secretariat, meeting=past_meeting, user=mag_member, status=Status.REMOTE
    )
    assert Attendance.objects.get().status == Status.REMOTE
    changes = MagEvent.objects.filter(action="attendance_recorded").order_by("pk")
    assert [(e.details["before"], e.details["status"]) for e in changes] == [
        (None, Status.ABSENT),
        (Status.ABSENT, Status.REMOTE),
    ]


def test_R_MAG_3_attendance_is_refused_before_the_meeting_begins(secretariat, mag_member):
    future = make(secretariat, 3)
    with pytest.raises(DomainError) as refused:
        meetings.record_attendance(
            actor=secretariat, meeting=future, user=mag_member, status=Status.IN_PERSON
        )
    assert refused.value.messages[0] == (
        "R-MAG-3: Attendance is recorded once the meeting has begun."
    )


def test_the_attendance_form_answers_bad_input_and_keeps_what_was_typed(
    client, secretariat, mag_member, past_meeting
):
    client.force_login(secretariat)
    url = reverse("mag:attendance", args=[past_meeting.slug])
    response = client.post(
        url,
        {
            f"status_{mag_member.pk}": "teleported",
            f"note_{mag_member.pk}": "Typed note",
            "add_email": "nobody@example.org",
            "add_status": Status.REMOTE,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice." in html
    assert "No account uses nobody@example.org" in html
    assert 'value="Typed note"' in html
    response = client.post(url, {f"note_{mag_member.pk}": "x" * 301})
    assert response.status_code == 400
    assert "at most 300 characters" in response.content.decode()
    response = client.post(url, {f"note_{mag_member.pk}": "a\x00b"})
    assert response.status_code == 400
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("secretariat", 200), ("mag_member", 403), ("bpf_a_coordinator", 403), ("outsider", 403)],
)
def test_R_MAG_3_only_the_secretariat_sees_and_records_attendance(
    client, request, past_meeting, mag_member, who, expected
):
    client.force_login(request.getfixturevalue(who))
    url = reverse("mag:attendance", args=[past_meeting.slug])
    assert client.get(url).status_code == expected
    response = client.post(url, {f"status_{mag_member.pk}": Status.IN_PERSON})
    assert response.status_code == (302 if expected == 200 else 403)
    assert Attendance.objects.exists() == (expected == 200)


def test_R_MAG_3_recording_attendance_is_the_secretariats_alone(mag_member, past_meeting):
    with pytest.raises(PermissionDenied):
        meetings.record_attendance(
            actor=mag_member, meeting=past_meeting, user=mag_member, status=Status.IN_PERSON
        )


# ---- The non-participation report --------------------------------------------------------------


def test_R_MAG_3_the_report_lists_members_below_three_meetings_this_year(
    client, secretariat, mag_member, second_mag_member, pn
):
    held = [make(secretariat, -days, title=f"MAG {days}") for days in (200, 100, 20)]
    for meeting in held:
        meetings.record_attendance(
            actor=secretariat, meeting=meeting, user=mag_member, status=Status.REMOTE
        )
    meetings.record_attendance(
        actor=secretariat, meeting=held[0], user=second_mag_member, status=Status.IN_PERSON
    )
    meetings.record_attendance(
        actor=secretariat, meeting=held[1], user=second_mag_member, status=Status.EXCUSED
    )
    # A PN call is not one of the MAG meetings a member is expected at.
    call = make(secretariat, -5, Meeting.Kind.PN_CALL, pn, title="PN call")
    meetings.record_attendance(
        actor=secretariat, meeting=call, user=second_mag_member, status=Status.REMOTE
    )
    client.force_login(secretariat)
    response = client.get(reverse("mag:nonparticipation", args=[2026]))
    assert response.status_code == 200
    page = text_of(response)
    assert "3 MAG meetings or Open Consultations counted so far in 2026." in page
    assert "1 of 2 MAG members attended fewer than 3." in page
    assert "Mia MAG" not in page
    row = re.search(r"<tr><th scope=\"row\">Max MAG</th>.*?</tr>", response.content.decode())
    assert row and row.group(0).endswith("<td>1</td></tr>")


def test_R_MAG_3_a_cancelled_meeting_does_not_count(client, secretariat, mag_member):
    for days in (50, 40, 30):
        meeting = make(secretariat, -days)
        meetings.record_attendance(
            actor=secretariat, meeting=meeting, user=mag_member, status=Status.IN_PERSON
        )
    meetings.cancel_meeting(actor=secretariat, meeting=meeting, reason="Postponed")
    client.force_login(secretariat)
    page = text_of(client.get(reverse("mag:nonparticipation", args=[2026])))
    assert "1 of 1 MAG members attended fewer than 3." in page


def test_R_MAG_3_the_report_links_only_years_with_terms_or_meetings_and_says_what_is_so_far(
    client, secretariat, mag_member
):
    make(secretariat, -3000, title="An old MAG meeting")  # in 2018
    client.force_login(secretariat)
    response = client.get(reverse("mag:nonparticipation", args=[2026]))
    html = response.content.decode()
    assert 'aria-label="MAG pages"' in html  # the MAG navigation, like every MAG page
    years = re.search(r'aria-label="Other years">(.*?)</nav>', html, flags=re.S).group(1)
    linked = re.findall(r"/mag/meetings/non-participation/(\d+)/", years)
    # The member's term runs into 2027; the old meeting was in 2018; nothing goes back to 2000.
    assert linked == ["2018", "2026", "2027"]
    assert " · " not in years
    page = text_of(response)
    assert "2026 is not over yet: the counts below are so far." in page
    assert "So far, 1 of 1 MAG members attended fewer than 3." in page
    future = text_of(client.get(reverse("mag:nonparticipation", args=[2027])))
    assert "2027 has not started yet" in future
    assert "0 MAG meetings or Open Consultations counted so far in 2027." in future
    assert "So far, 1 of 1 MAG members attended fewer than 3." in future
    past = text_of(client.get(reverse("mag:nonparticipation", args=[2018])))
    assert "not over" not in past and "So far" not in past
    assert "1 MAG meeting or Open Consultations counted in 2018." in past


@pytest.mark.parametrize("who", ["mag_member", "outsider", "bpf_a_coordinator"])
def test_R_MAG_3_the_report_is_for_the_secretariat_only(db, client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("mag:nonparticipation", args=[2026])).status_code == 403


def test_the_report_for_a_year_with_nobody_says_so_and_odd_years_are_not_found(client, secretariat):
    client.force_login(secretariat)
    page = text_of(client.get(reverse("mag:nonparticipation", args=[2019])))
    assert "No MAG term covers 2019." in page
    assert client.get("/mag/meetings/non-participation/99999/").status_code == 404


def test_R_MAG_3_registered_observers_are_listed_on_the_attendance_form(
    client, frozen, secretariat, mag_member, outsider
):
    meeting = make(secretariat, 2, title="Upcoming MAG meeting")
    meetings.register_for_meeting(actor=outsider, meeting=meeting)
    frozen.move_to(NOW + dt.timedelta(days=3))
    client.force_login(secretariat)
    page = text_of(client.get(reverse("mag:attendance", args=[meeting.slug])))
    assert "Otto Outsider Registered observer" in page
    assert "Mia MAG MAG member" in page
