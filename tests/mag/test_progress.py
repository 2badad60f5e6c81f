"""A BPF reports its progress to the MAG through its facilitator (R-BPF-5)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from accounts.exceptions import DomainError
from mag import progress
from mag.models import BpfProgressUpdate, LiaisonAssignment, MagEvent, Meeting

Kind = LiaisonAssignment.Kind
pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(mag_member, bpf_a, assign):
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_a)
    return mag_member


def _mag_meeting(title="Second MAG meeting", days=10, workstream=None, **fields):
    starts = timezone.now() + dt.timedelta(days=days)
    return Meeting.objects.create(
        kind=Meeting.Kind.MAG if workstream is None else Meeting.Kind.BPF_MEETING,
        workstream=workstream,
        title=title,
        slug=f"m-{title.lower().replace(' ', '-')}",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        **fields,
    )


def _url(bpf):
    return reverse("mag:bpf-progress", args=[bpf.slug])


# ---- The service ---------------------------------------------------------------------------


def test_R_BPF_5_the_facilitator_s_update_is_stored_and_its_decision_recorded(facilitator, bpf_a):
    meeting = _mag_meeting()
    update = progress.post_bpf_progress_update(
        actor=facilitator,
        workstream=bpf_a,
        text="  Survey launched; two open sessions held.  ",
        open_sessions_held=2,
        meeting=meeting,
    )
    assert (update.author, update.text, update.open_sessions_held, update.meeting) == (
        facilitator,
        "Survey launched; two open sessions held.",
        2,
        meeting,
    )
    event = MagEvent.objects.get(action="bpf_progress_posted")
    assert (event.actor, event.meeting) == (facilitator, meeting)
    assert event.details["workstream"] == "bpf-cybersecurity"
    assert event.details["update"] == update.pk


def test_R_BPF_5_a_member_who_does_not_facilitate_the_bpf_is_refused(
    mag_member, second_mag_member, bpf_a, bpf_b, assign
):
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_b)  # facilitates another BPF only
    for person in (mag_member, second_mag_member):
        with pytest.raises(PermissionDenied, match="R-BPF-5"):
            progress.post_bpf_progress_update(
                actor=person, workstream=bpf_a, text="Progress", open_sessions_held=1
            )
    assert not BpfProgressUpdate.objects.exists()


def test_R_BPF_5_a_facilitator_whose_term_ended_no_longer_reports(facilitator, bpf_a):
    term = facilitator.mag_terms.get()
    type(term).objects.filter(pk=term.pk).update(
        start=timezone.localdate() - dt.timedelta(days=400),
        end=timezone.localdate() - dt.timedelta(days=1),
    )
    with pytest.raises(PermissionDenied):
        progress.post_bpf_progress_update(
            actor=facilitator, workstream=bpf_a, text="Late", open_sessions_held=0
        )


def test_R_BPF_5_only_a_bpf_reports_progress(secretariat, pn):
    with pytest.raises(DomainError, match="R-BPF-5: Only a Best Practice Forum"):
        progress.post_bpf_progress_update(
            actor=secretariat, workstream=pn, text="Progress", open_sessions_held=0
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "   "}, "R-BPF-5: Describe the BPF's progress"),
        ({"open_sessions_held": -1}, "R-BPF-5: Give the number of open sessions"),
        ({"open_sessions_held": None}, "R-BPF-5: Give the number of open sessions"),
    ],
)
def test_R_BPF_5_an_update_needs_its_progress_and_session_count(
    facilitator, bpf_a, changes, message
):
    fields = {"text": "Progress", "open_sessions_held": 1, **changes}
    with pytest.raises(DomainError, match=message):
        progress.post_bpf_progress_update(actor=facilitator, workstream=bpf_a, **fields)


def test_R_BPF_5_an_update_is_for_one_of_the_mag_s_own_meetings(facilitator, bpf_a):
    bpf_call = _mag_meeting("BPF virtual meeting", workstream=bpf_a)
    with pytest.raises(DomainError, match="R-BPF-5: .*MAG's own meetings"):
        progress.post_bpf_progress_update(
            actor=facilitator,
            workstream=bpf_a,
            text="Progress",
            open_sessions_held=1,
            meeting=bpf_call,
        )


def test_R_BPF_5_an_update_is_offered_upcoming_and_recent_mag_meetings_only(
    client, facilitator, bpf_a
):
    upcoming = _mag_meeting("Next MAG meeting", days=20)
    recent = _mag_meeting("Recent MAG meeting", days=-60)
    old = _mag_meeting("Old MAG meeting", days=-400)
    assert progress.meetings_for_updates() == [upcoming, recent]
    client.force_login(facilitator)
    dashboard = client.get(reverse("mag:my-duties")).content.decode()
    assert "Next MAG meeting" in dashboard and "Recent MAG meeting" in dashboard
    assert f'value="{old.pk}"' not in dashboard and "Old MAG meeting" not in dashboard


# ---- The page -------------------------------------------------------------------------------


def test_R_BPF_5_the_facilitator_posts_from_the_dashboard_and_the_update_is_shown(
    client, facilitator, bpf_a
):
    meeting = _mag_meeting()
    client.force_login(facilitator)
    dashboard = client.get(reverse("mag:my-duties")).content.decode()
    assert f'action="{_url(bpf_a)}"' in dashboard
    assert "No progress reported yet." in dashboard
    assert 'id="id_bpf-cybersecurity_text"' in dashboard  # labels stay unique per BPF

    response = client.post(
        _url(bpf_a),
        {
            "text": "Case studies collected from 14 countries.",
            "open_sessions_held": "3",
            "meeting": str(meeting.pk),
            "back": "dashboard",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("mag:my-duties")
    assert "The progress update has been reported to the MAG." in html
    assert "Case studies collected from 14 countries." in html
    assert "3 open sessions held since the last update." in html
    assert "For the MAG meeting: Second MAG meeting." in html


def test_R_BPF_5_the_public_reads_an_active_bpf_s_progress_without_a_form(
    client, facilitator, bpf_a
):
    progress.post_bpf_progress_update(
        actor=facilitator, workstream=bpf_a, text="First report.", open_sessions_held=1
    )
    response = client.get(_url(bpf_a))
    html = response.content.decode()
    assert response.status_code == 200
    assert "First report." in html and "1 open session held since the last update." in html
    assert "Mia MAG" in html
    assert '<form method="post" action="/mag/bpf' not in html


def test_R_BPF_5_someone_who_is_not_the_facilitator_gets_no_form_and_may_not_post(
    client, bpf_a, bpf_a_coordinator
):
    client.force_login(bpf_a_coordinator)
    page = client.get(_url(bpf_a)).content.decode()
    assert "No progress has been reported to the MAG yet." in page
    assert "Report progress to the MAG</button>" not in page
    response = client.post(_url(bpf_a), {"text": "Mine", "open_sessions_held": "1"})
    assert response.status_code == 403
    assert not BpfProgressUpdate.objects.exists()


def test_a_proposed_bpf_s_progress_is_private_and_a_pn_has_none(client, outsider, bpf_proposed, pn):
    client.force_login(outsider)
    assert client.get(_url(bpf_proposed)).status_code == 404
    assert client.get(_url(pn)).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "", "open_sessions_held": "2"}, "R-BPF-5: describe the BPF&#x27;s progress"),
        ({"text": "A\x00B", "open_sessions_held": "2"}, "Null characters are not allowed."),
        ({"text": "x" * 10_001, "open_sessions_held": "2"}, "at most 10000 characters"),
        ({"text": "Fine", "open_sessions_held": "-4"}, "greater than or equal to 0"),
        ({"text": "Fine", "open_sessions_held": "lots"}, "Enter a whole number."),
        ({"text": "Fine", "open_sessions_held": "2", "meeting": "99999"}, "Choose one of the"),
        ({"text": "Fine", "open_sessions_held": "2", "meeting": "\x00"}, "Choose one of the"),
    ],
)
def test_R_BPF_5_bad_input_is_named_and_what_was_typed_is_shown_again(
    client, facilitator, bpf_a, data, message
):
    client.force_login(facilitator)
    response = client.post(_url(bpf_a), {**data, "back": "dashboard"})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "There is a problem" in html
    if data["text"] == "Fine":
        assert "Fine</textarea>" in html
        assert f'value="{data["open_sessions_held"]}"' in html
    assert 'name="back" value="dashboard"' in html  # a corrected post still returns there
    assert not BpfProgressUpdate.objects.exists()


def test_R_BPF_5_the_progress_page_is_paginated(facilitator, bpf_a, client):
    for n in range(22):
        progress.post_bpf_progress_update(
            actor=facilitator,
            workstream=bpf_a,
            text=f"Report number {n:02d}.",
            open_sessions_held=n,
        )
    first = client.get(_url(bpf_a)).content.decode()
    assert "Report number 21." in first and "Report number 01." not in first
    assert "Page 1 of 2" in first
    second = client.get(_url(bpf_a) + "?page=2").content.decode()
    assert "Report number 01." in second and "Report number 00." in second
