"""The "My duties" dashboard and the Secretariat's overview (R-MAG-6, R-BPF-3, R-PN-3, R-DC-6)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mag.models import LiaisonAssignment, Meeting, MeetingRegistration
from tests.factories import UserFactory, WorkstreamFactory
from timelines import services as timeline_services
from workstreams.models import Membership, Workstream

Kind = LiaisonAssignment.Kind
pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _item(secretariat, workstream, action, days, users=(), roles=()):
    return timeline_services.create_action_item(
        workstream=workstream,
        action=action,
        deadline=TODAY() + dt.timedelta(days=days),
        users=list(users),
        roles=list(roles),
        actor=secretariat,
        allow_past=True,
    )


def _milestone(secretariat, workstream, title, days):
    day = TODAY() + dt.timedelta(days=days)
    return timeline_services.create_milestone(
        workstream=workstream, title=title, start=day, end=None, actor=secretariat
    )


_meetings = iter(range(10_000))


def _meeting(title, hours, workstream=None, kind=Meeting.Kind.MAG, **fields):
    starts = timezone.now() + dt.timedelta(hours=hours)
    return Meeting.objects.create(
        kind=kind,
        workstream=workstream,
        title=title,
        slug=f"meeting-{next(_meetings)}",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        time_zone="Europe/Geneva",
        **fields,
    )


def _page(client, user, name="mag:my-duties", *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


# ---- What the dashboard shows ------------------------------------------------------------


def test_R_MAG_6_each_duty_shows_its_workstream_and_next_three_milestones(
    client, secretariat, mag_member, bpf_a, pn, dccg, assign
):
    """R-MAG-6, R-BPF-3, R-PN-3, R-DC-6: every duty of the member in one place."""
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_a)
    assign(mag_member, Kind.PN_LIAISON, pn)
    assign(mag_member, Kind.DCCG_LIAISON)
    _milestone(secretariat, bpf_a, "Survey closed last month", -30)
    for n, days in enumerate((5, 10, 20, 40), start=1):
        _milestone(secretariat, bpf_a, f"Step {n} of the BPF", days)

    html = _page(client, mag_member).content.decode()

    assert 'BPF facilitator: <a href="/workstreams/bpf-cybersecurity/">' in html
    assert 'Policy Network liaison: <a href="/workstreams/pn-access/">' in html
    assert "DC Coordination Group liaison:" in html
    assert "Step 1 of the BPF" in html and "Step 3 of the BPF" in html
    assert "Step 4 of the BPF" not in html  # only the next three
    assert "Survey closed last month" not in html  # past
    assert "No upcoming milestones on this workstream" in html  # the PN has none
    day = TODAY() + dt.timedelta(days=5)
    assert f"{day.day} {day:%b %Y}" in html  # the portal's date format


def test_R_MAG_6_overdue_action_items_come_first_and_say_so(
    client, secretariat, mag_member, pn, bpf_a, assign
):
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_a)  # a coordinator of the BPF (R-BPF-3)
    _item(secretariat, pn, "Send the invitations later", 12, users=[mag_member])
    _item(secretariat, pn, "Update the proposal's focus", -15, users=[mag_member])
    _item(secretariat, bpf_a, "Coordinators draft the survey", 3, roles=["coordinator"])
    _item(secretariat, pn, "Someone else's task", -3, users=[secretariat])

    html = _page(client, mag_member).content.decode()

    overdue = html.index("Update the proposal&#x27;s focus")
    assert (
        overdue < html.index("Coordinators draft the survey") < html.index("Send the invitations")
    )
    assert "1 overdue" in html
    row = html[html.rfind("<tr", 0, overdue) : html.index("</tr>", overdue)]
    assert 'class="overdue"' in row and ">Overdue<" in row  # marked in words, not only colour
    assert "Someone else" not in html


def test_R_MAG_6_upcoming_meetings_are_the_mag_s_the_workstreams_and_registered_ones(
    client, mag_member, pn, bpf_b, assign
):
    assign(mag_member, Kind.PN_LIAISON, pn)
    mag = _meeting("Third MAG meeting", 24)
    call = _meeting("PN monthly call", 48, workstream=pn, kind=Meeting.Kind.PN_CALL)
    other = _meeting("Another BPF's meeting", 30, workstream=bpf_b, kind=Meeting.Kind.BPF_MEETING)
    registered = _meeting("A BPF session I follow", 60, workstream=bpf_b)
    MeetingRegistration.objects.create(meeting=registered, user=mag_member)
    _meeting("Last month's MAG meeting", -24 * 30)
    _meeting("Cancelled MAG meeting", 72, status=Meeting.Status.CANCELLED)

    html = _page(client, mag_member).content.decode()

    for meeting in (mag, call, registered):
        assert f'href="{reverse("mag:meeting", args=[meeting.slug])}"' in html
        assert f'href="{reverse("mag:meeting-ics", args=[meeting.slug])}"' in html
    assert html.index("Third MAG meeting") < html.index("PN monthly call")
    assert other.title not in html
    assert "Last month" not in html and "Cancelled MAG meeting" not in html


def test_R_MAG_6_a_member_without_duties_sees_empty_states(client, mag_member):
    html = _page(client, mag_member).content.decode()
    assert "No liaison duty at the moment" in html
    assert "No open action item with a deadline names this member." in html
    assert "No upcoming meetings." in html
    assert "Progress reports to the MAG" not in html  # no BPF to report on


def test_a_signed_in_person_outside_the_mag_is_told_whom_the_dashboard_is_for(client, outsider):
    response = _page(client, outsider)
    assert response.status_code == 403
    assert "This dashboard is for current MAG members" in response.content.decode()


def test_a_former_member_is_told_the_same(client, former_mag_member):
    response = _page(client, former_mag_member)
    assert response.status_code == 403
    assert "no MAG term running today" in response.content.decode()


def test_the_secretariat_opening_my_duties_lands_on_every_member_s_duties(client, secretariat):
    response = _page(client, secretariat)
    assert response.status_code == 302 and response.url == reverse("mag:all-duties")


# ---- Who sees which dashboard -------------------------------------------------------------

PAGES = ["own", "other", "all"]
EXPECTED = {
    # role: (own dashboard, another member's, every member's)
    "anonymous": ("login", "login", "login"),
    "outsider": (403, 404, 403),
    "mag_member": (200, 404, 403),
    "secretariat": (302, 200, 200),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_R_MAG_6_a_member_sees_only_their_own_duties_and_the_secretariat_sees_all(
    client, role, request, mag_member, second_mag_member
):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    urls = [
        reverse("mag:my-duties"),
        reverse("mag:member-duties", args=[second_mag_member.pk]),
        reverse("mag:all-duties"),
    ]
    for url, expected in zip(urls, EXPECTED[role], strict=True):
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        else:
            assert response.status_code == expected, url


def test_a_member_may_open_their_own_dashboard_by_its_secretariat_address(client, mag_member):
    response = _page(client, mag_member, "mag:member-duties", mag_member.pk)
    assert response.status_code == 200
    assert "My duties" in response.content.decode()


def test_R_MAG_6_the_secretariat_sees_a_member_s_dashboard_with_their_duties(
    client, secretariat, mag_member, pn, assign
):
    assign(mag_member, Kind.PN_LIAISON, pn)
    response = _page(client, secretariat, "mag:member-duties", mag_member.pk)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Duties of Mia MAG" in html and "PN on Access" in html


def test_an_unknown_member_is_not_found(client, secretariat):
    assert _page(client, secretariat, "mag:member-duties", 999_999).status_code == 404


# ---- The Secretariat's overview -----------------------------------------------------------


def test_R_MAG_6_every_member_s_duties_and_the_uncovered_ones(
    client, secretariat, mag_member, second_mag_member, bpf_a, bpf_b, pn, dccg, assign
):
    """R-BPF-3, R-PN-3, R-DC-6: a BPF without a facilitator, a PN without a liaison and the
    DCCG without its liaison are each shown as uncovered, naming the rule."""
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_a)
    html = _page(client, secretariat, "mag:all-duties").content.decode()

    assert "BPF on Gender and Access has no serving MAG facilitator (R-BPF-3)." in html
    assert "PN on Access has no serving MAG liaison (R-PN-3)." in html
    assert "The DC Coordination Group has no MAG liaison (R-DC-6)." in html
    assert "BPF on Cybersecurity has no serving" not in html
    assert f'href="{reverse("mag:member-duties", args=[mag_member.pk])}">Mia MAG' in html
    assert f'href="{reverse("mag:member-duties", args=[second_mag_member.pk])}">Max MAG' in html
    assert "No duty" in html  # Max holds none


def test_R_MAG_6_a_duty_held_past_the_term_is_shown_as_covering_nothing(
    client, secretariat, mag_member, bpf_a, assign
):
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_a)
    term = mag_member.mag_terms.get()
    type(term).objects.filter(pk=term.pk).update(
        start=TODAY() - dt.timedelta(days=400), end=TODAY() - dt.timedelta(days=1)
    )
    html = _page(client, secretariat, "mag:all-duties").content.decode()
    assert "Duties held by people no longer on the MAG" in html
    assert "BPF on Cybersecurity has no serving MAG facilitator (R-BPF-3)." in html


def test_every_member_s_duties_is_paginated(client, secretariat, cycle):
    from mag import services
    from tests.factories import stakeholder_group

    for n in range(52):
        services.create_mag_term(
            actor=secretariat,
            user=UserFactory(display_name=f"Member {n:02d}"),
            cycle=cycle,
            start=TODAY() - dt.timedelta(days=1),
            end=TODAY() + dt.timedelta(days=100),
            stakeholder_group=stakeholder_group("government"),
            country="KE",
        )
    first = _page(client, secretariat, "mag:all-duties").content.decode()
    assert "Member 00" in first and "Member 51" not in first and "Page 1 of 2" in first
    second = client.get(reverse("mag:all-duties") + "?page=2").content.decode()
    assert "Member 51" in second


# ---- Bounded queries ----------------------------------------------------------------------


def _grow(secretariat, member, size, assign):
    """size BPFs facilitated (each with milestones, meetings and progress), PN items, MAG
    meetings."""
    pn = WorkstreamFactory(kind=Workstream.Kind.PN, slug=f"pn-grow-{size}")
    assign(member, Kind.PN_LIAISON, pn)
    for n in range(size):
        bpf = WorkstreamFactory(slug=f"bpf-grow-{size}-{n}")
        assign(member, Kind.BPF_FACILITATOR, bpf)
        _milestone(secretariat, bpf, f"Milestone {n}", n + 1)
        _meeting(f"BPF meeting {size}-{n}", 10 + n, workstream=bpf)
        _meeting(f"MAG meeting {size}-{n}", 20 + n)
        _item(secretariat, pn, f"Overdue {size}-{n}", -n - 1, users=[member])
        _item(secretariat, pn, f"Due {size}-{n}", n + 1, roles=["member"])
        from mag import progress

        progress.post_bpf_progress_update(
            actor=member, workstream=bpf, text=f"Progress {n}", open_sessions_held=n
        )
    Membership.objects.get_or_create(workstream=pn, user=member, role=Membership.Role.MEMBER)


def _count(client, url):
    client.get(url)  # the first request after signing in also saves the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_R_MAG_6_the_dashboard_runs_the_same_queries_for_one_duty_or_ten(
    client, secretariat, mag_member, second_mag_member, assign
):
    _grow(secretariat, mag_member, 1, assign)
    _grow(secretariat, second_mag_member, 10, assign)
    client.force_login(mag_member)
    small, html = _count(client, reverse("mag:my-duties"))
    assert "Overdue 1-0" in html
    client.force_login(second_mag_member)
    large, html = _count(client, reverse("mag:my-duties"))
    assert "Overdue 10-9" in html and "BPF meeting 10-9" in html and "Progress 9" in html
    assert small == large
    assert large <= 20, large


def test_R_MAG_6_every_member_s_duties_runs_the_same_queries_for_one_member_or_ten(
    client, secretariat, mag_member, cycle, assign
):
    from mag import services
    from tests.factories import stakeholder_group

    _grow(secretariat, mag_member, 1, assign)
    client.force_login(secretariat)
    small, _html = _count(client, reverse("mag:all-duties"))
    for n in range(9):
        user = UserFactory(display_name=f"Extra member {n}")
        services.create_mag_term(
            actor=secretariat,
            user=user,
            cycle=cycle,
            start=TODAY() - dt.timedelta(days=1),
            end=TODAY() + dt.timedelta(days=100),
            stakeholder_group=stakeholder_group("civil-society"),
            country="BR",
        )
        assign(user, Kind.BPF_FACILITATOR, WorkstreamFactory(slug=f"bpf-extra-{n}"))
    large, html = _count(client, reverse("mag:all-duties"))
    assert "Extra member 8" in html
    assert small == large


def test_R_MAG_6_the_demo_member_has_a_facilitator_duty_an_overdue_and_a_coming_pn_item(client):
    """The demo data behind the browser journey: mag-member@example.org facilitates a BPF and
    is an actor of one overdue and one not-yet-due action item of the demo Policy Network."""
    from io import StringIO

    from django.core.management import call_command

    from accounts.models import User

    call_command("seed_demo", "--quiet", stdout=StringIO())
    member = User.objects.get(email="mag-member@example.org")
    html = _page(client, member).content.decode()
    assert "BPF facilitator: <a" in html and "Best Practice Forum on Cybersecurity" in html
    rows = html.split("<tr")
    overdue = [row for row in rows if "Update the proposal" in row]
    coming = [row for row in rows if "Form the multistakeholder working group" in row]
    assert overdue and ">Overdue<" in overdue[0]
    assert "Policy Network on Meaningful Access" in overdue[0]
    assert coming and ">Overdue<" not in coming[0] and ">Open<" in coming[0]
