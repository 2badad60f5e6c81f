"""Policy Network establishment: the topic decision (R-PN-1), the working group (R-PN-2), the
consultant (R-PN-4), the work plan (R-PN-6), focal points (R-PN-7) and NRI liaisons (R-NRI-5)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Profile, StakeholderGroup
from mag.models import MagTerm
from tests.factories import IgfCycleFactory, UserFactory, WorkstreamFactory
from timelines import services as timeline_services
from workstreams import pn
from workstreams.models import (
    FocalPoint,
    Membership,
    NriLiaison,
    PnConsultant,
    TopicDecision,
    WgInvitation,
    WorkstreamEvent,
)

pytestmark = pytest.mark.django_db
Accepted = WgInvitation.Status.ACCEPTED


@pytest.fixture
def pn_ws(db):
    return WorkstreamFactory(kind="pn", name="Policy Network on Testing", slug="pn-testing")


@pytest.fixture
def invitee(pn_ws, secretariat):
    person = UserFactory(email="invitee@example.org", display_name="Ines Invitee")
    pn.invite_to_wg(workstream=pn_ws, person=person, discipline="Law", actor=secretariat)
    return person


def _profile(user, *, group="civil-society", region="AFRICAN", gender="woman"):
    Profile.objects.filter(user=user).update(
        stakeholder_group=StakeholderGroup.objects.get(slug=group),
        un_regional_group=region,
        gender=gender,
        public_gender=False,
    )


def _members(workstream, inviter, count, discipline="Economics", **profile):
    """count accepted members, written directly: the fixture of a group that already exists."""
    people = []
    for _ in range(count):
        person = UserFactory()
        _profile(person, **profile)
        WgInvitation.objects.create(
            workstream=workstream,
            person=person,
            discipline=discipline,
            status=Accepted,
            invited_by=inviter,
        )
        people.append(person)
    return people


def _page(client, workstream):
    return client.get(reverse("workstreams:pn", args=[workstream.slug]))


# ---- R-PN-1 ------------------------------------------------------------------------------


def test_R_PN_1_the_topic_decision_and_its_inputs_are_stored_and_shown(pn_ws, secretariat, client):
    pn.record_topic_decision(
        workstream=pn_ws,
        actor=secretariat,
        topic="Meaningful access",
        decided_on=dt.date(2021, 3, 1),
        reason="Strong support in the consultation.",
    )
    pn.add_topic_input(
        workstream=pn_ws,
        actor=secretariat,
        title="Stocktaking consultation",
        kind="public_consultation",
        url="https://example.org/consultation",
    )
    pn.add_topic_input(workstream=pn_ws, actor=secretariat, title="MAG advice", kind="mag_advice")
    decision = TopicDecision.objects.get(workstream=pn_ws)
    assert decision.decided_by == secretariat and decision.inputs.count() == 2
    assert WorkstreamEvent.objects.filter(workstream=pn_ws, workflow=pn.WORKFLOW_KEY).count() == 3
    html = _page(client, pn_ws).content.decode()
    assert "Meaningful access" in html and "Strong support in the consultation." in html
    assert "Stocktaking consultation" in html and "Public consultation" in html


def test_R_PN_1_only_the_secretariat_records_the_topic_through_the_page(
    pn_ws, secretariat, outsider, client
):
    data = {"topic": "Environment", "decided_on": "2021-03-01", "reason": "Asked for widely."}
    client.force_login(outsider)
    url = reverse("workstreams:pn-topic", args=[pn_ws.slug])
    assert client.post(url, data).status_code == 403
    client.force_login(secretariat)
    assert client.post(url, data).status_code == 302
    assert TopicDecision.objects.get(workstream=pn_ws).topic == "Environment"


# ---- R-PN-2 ------------------------------------------------------------------------------


def test_R_PN_2_a_31st_acceptance_is_refused_with_a_message_naming_the_rule(
    pn_ws, secretariat, invitee, client
):
    _members(pn_ws, secretariat, 30)
    client.force_login(invitee)
    response = client.post(
        reverse("workstreams:pn-invitation", args=[pn_ws.slug]), {"answer": "accept"}
    )
    assert response.status_code == 400
    assert "R-PN-2" in response.content.decode()
    assert WgInvitation.objects.get(person=invitee).status == WgInvitation.Status.INVITED
    assert WgInvitation.objects.filter(workstream=pn_ws, status=Accepted).count() == 30


def test_R_PN_2_the_30th_acceptance_is_allowed_and_grants_a_recorded_member_role(
    pn_ws, secretariat, invitee
):
    _members(pn_ws, secretariat, 29)
    invitation = WgInvitation.objects.get(person=invitee)
    pn.respond_to_invitation(invitation=invitation, actor=invitee, accept=True)
    invitation.refresh_from_db()
    assert invitation.status == Accepted and invitation.responded_at is not None
    membership = Membership.objects.active().get(workstream=pn_ws, user=invitee)
    assert membership.role == "member" and membership.granted_by == secretariat
    assert WorkstreamEvent.objects.filter(
        workstream=pn_ws, verb="role_granted", subject_user=invitee
    ).exists()


def test_R_PN_2_fewer_than_15_members_shows_a_warning(pn_ws, secretariat, client):
    _members(pn_ws, secretariat, 14)
    assert "fewer than 15 members" in _page(client, pn_ws).content.decode()
    _members(pn_ws, secretariat, 1)
    assert "fewer than 15 members" not in _page(client, pn_ws).content.decode()


def test_R_PN_2_balance_panel_counts_each_dimension_and_warns_past_the_threshold(
    pn_ws, secretariat, client, settings
):
    _members(pn_ws, secretariat, 3, group="government", region="WEOG", gender="man")
    _members(pn_ws, secretariat, 1, group="civil-society", region="AFRICAN", gender="woman")
    members = list(WgInvitation.objects.filter(status=Accepted).select_related("person__profile"))
    panel = {d["key"]: d for d in pn.wg_balance(members, threshold=0.5)}
    assert dict(panel["stakeholder_group"]["rows"]) == {"Government": 3, "Civil society": 1}
    assert dict(panel["gender"]["rows"]) == {"Man": 3, "Woman": 1}
    assert panel["region"]["over"] == ["Western European and Others Group"]
    html = _page(client, pn_ws).content.decode()
    assert "<caption>Gender</caption>" in html
    assert "Imbalance (Stakeholder group): Government holds more than 50%" in html
    settings.PN_BALANCE_THRESHOLD = 0.8
    assert "Imbalance (Stakeholder group)" not in _page(client, pn_ws).content.decode()


def test_R_PN_2_only_the_invitee_accepts_or_declines(pn_ws, invitee, outsider, client):
    url = reverse("workstreams:pn-invitation", args=[pn_ws.slug])
    client.force_login(outsider)
    assert client.post(url, {"answer": "accept"}).status_code == 404
    invitation = WgInvitation.objects.get(person=invitee)
    with pytest.raises(pn.PermissionDenied):
        pn.respond_to_invitation(invitation=invitation, actor=outsider, accept=True)
    client.force_login(invitee)
    assert client.get(url).status_code == 200
    assert client.post(url, {"answer": "decline"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == WgInvitation.Status.DECLINED
    assert not Membership.objects.filter(workstream=pn_ws, user=invitee).exists()
    assert client.post(url, {"answer": "accept"}).status_code == 404


def test_R_PN_2_a_mag_member_who_accepts_counts_toward_the_size(pn_ws, secretariat, client):
    mag_member = UserFactory(email="mag@example.org")
    cycle = IgfCycleFactory(year=2021)
    MagTerm.objects.create(
        user=mag_member,
        cycle=cycle,
        start=dt.date(2021, 1, 1),
        end=dt.date(2030, 12, 31),
        stakeholder_group=StakeholderGroup.objects.get(slug="government"),
        country="DE",
    )
    _members(pn_ws, secretariat, 14)
    invitation = pn.invite_to_wg(
        workstream=pn_ws, person=mag_member, discipline="Policy", actor=secretariat
    )
    pn.respond_to_invitation(invitation=invitation, actor=mag_member, accept=True)
    html = _page(client, pn_ws).content.decode()
    assert "15 members" in html and "fewer than 15 members" not in html


def test_R_PN_2_an_expert_is_not_invited_twice(pn_ws, secretariat, invitee):
    with pytest.raises(pn.DomainError):
        pn.invite_to_wg(workstream=pn_ws, person=invitee, discipline="Law", actor=secretariat)


# ---- R-PN-4, R-PN-6 ------------------------------------------------------------------------


def test_R_PN_4_the_expert_consultant_is_recorded_and_shown(pn_ws, secretariat, client):
    client.force_login(secretariat)
    response = client.post(
        reverse("workstreams:pn-consultant", args=[pn_ws.slug]),
        {
            "name": "Dr Vera Consultant",
            "organisation": "Example Institute",
            "contract_date": "2021-04-01",
        },
    )
    assert response.status_code == 302
    assert PnConsultant.objects.get(workstream=pn_ws).recorded_by == secretariat
    client.logout()
    html = _page(client, pn_ws).content.decode()
    assert "Dr Vera Consultant" in html and "Example Institute" in html and "1 Apr 2021" in html


def test_R_PN_6_the_pn_page_shows_its_milestones_as_the_work_plan(pn_ws, secretariat, client):
    timeline_services.create_milestone(
        workstream=pn_ws,
        title="First draft of the output document",
        start=dt.date.today() + dt.timedelta(days=30),
        actor=secretariat,
    )
    html = _page(client, pn_ws).content.decode()
    assert "Work plan" in html and "First draft of the output document" in html
    assert reverse("workstreams:timeline", args=[pn_ws.slug]) in html


# ---- R-PN-7, R-NRI-5 -----------------------------------------------------------------------


def test_R_PN_7_a_focal_point_comes_only_from_a_bpf_or_a_dc(pn_ws, secretariat, outsider):
    nri = WorkstreamFactory(kind="nri", nri_level="national", country="KE")
    with pytest.raises(pn.DomainError, match="R-PN-7"):
        pn.set_focal_point(
            workstream=pn_ws, from_workstream=nri, person=outsider, actor=secretariat
        )
    with pytest.raises(pn.DomainError, match="R-PN-7"):
        pn.set_focal_point(
            workstream=pn_ws, from_workstream=pn_ws, person=outsider, actor=secretariat
        )
    assert not FocalPoint.objects.exists()


def test_R_PN_7_one_focal_point_per_workstream_named_by_its_coordinator(
    pn_ws, bpf_a, bpf_a_coordinator, bpf_b_coordinator, outsider, client
):
    second = UserFactory(email="second@example.org")
    pn.set_focal_point(
        workstream=pn_ws, from_workstream=bpf_a, person=outsider, actor=bpf_a_coordinator
    )
    pn.set_focal_point(
        workstream=pn_ws, from_workstream=bpf_a, person=second, actor=bpf_a_coordinator
    )
    assert FocalPoint.objects.get(workstream=pn_ws, from_workstream=bpf_a).person == second
    with pytest.raises(pn.PermissionDenied):
        pn.set_focal_point(
            workstream=pn_ws, from_workstream=bpf_a, person=outsider, actor=bpf_b_coordinator
        )
    client.force_login(bpf_b_coordinator)
    response = client.post(
        reverse("workstreams:pn-focal-point", args=[pn_ws.slug]),
        {"from_workstream": bpf_a.pk, "email": "outsider@example.org"},
    )
    assert response.status_code == 403


def test_R_NRI_5_a_third_liaison_of_one_nri_is_refused(pn_ws, secretariat, client):
    nri = WorkstreamFactory(kind="nri", nri_level="national", country="KE", slug="nri-kenya")
    coordinator = UserFactory(email="nri-coord@example.org")
    Membership.objects.create(workstream=nri, user=coordinator, role="coordinator")
    for email in ("one@example.org", "two@example.org"):
        pn.add_nri_liaison(
            workstream=pn_ws, nri=nri, person=UserFactory(email=email), actor=coordinator
        )
    UserFactory(email="three@example.org")
    client.force_login(coordinator)
    response = client.post(
        reverse("workstreams:pn-nri-liaison", args=[pn_ws.slug]),
        {"nri": nri.pk, "email": "three@example.org"},
    )
    assert response.status_code == 400
    assert "R-NRI-5" in response.content.decode()
    assert NriLiaison.objects.filter(workstream=pn_ws, nri=nri).count() == 2


# ---- The page ------------------------------------------------------------------------------


def test_the_pn_page_is_404_for_other_kinds_and_linked_from_the_overview(pn_ws, bpf_a, client):
    assert client.get(reverse("workstreams:pn", args=[bpf_a.slug])).status_code == 404
    detail = client.get(reverse("workstreams:detail", args=[pn_ws.slug])).content.decode()
    assert reverse("workstreams:pn", args=[pn_ws.slug]) in detail


@pytest.mark.parametrize("viewer", ["anonymous", "secretariat"])
def test_R_PN_2_the_pn_page_runs_the_same_queries_with_5_or_30_members(
    pn_ws, secretariat, client, viewer
):
    if viewer == "secretariat":
        client.force_login(secretariat)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert _page(client, pn_ws).status_code == 200
        return len(captured)

    _members(pn_ws, secretariat, 5)
    queries()  # the first request of a session loads what later ones find cached
    few = queries()
    _members(pn_ws, secretariat, 25)
    assert queries() == few


def test_R_PN_1_the_history_tab_says_what_each_establishment_step_was(
    client, pn_ws, secretariat, invitee
):
    pn.record_topic_decision(
        workstream=pn_ws,
        actor=secretariat,
        topic="Meaningful access",
        decided_on=dt.date(2026, 3, 1),
        reason="Most inputs asked for it.",
    )
    pn.respond_to_invitation(
        invitation=WgInvitation.objects.get(person=invitee), accept=True, actor=invitee
    )
    client.force_login(secretariat)
    page = client.get(reverse("workstreams:history", args=[pn_ws.slug])).content.decode()
    assert "decided the topic" in page and "“Meaningful access”" in page
    assert "invited to the working group: Ines Invitee" in page
    assert "accepted the working-group invitation" in page
    assert "updated the details" not in page
