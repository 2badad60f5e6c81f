"""DC applications through the shared engine: R-DC-1, R-DC-2, R-DC-3, R-DC-5."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.exceptions import DomainError
from accounts.models import StakeholderGroup
from tests.factories import UserFactory
from workstreams import dc, permissions
from workstreams.applications import TRANSITIONS
from workstreams.models import (
    DcApplication,
    DccgInvitation,
    DcRepresentative,
    Membership,
    Workstream,
    WorkstreamEvent,
)

Status = DcApplication.Status


GROUPS = ["government", "civil-society", "technical-community", "private-sector"]


def complete_application(workstream, *, groups=3, status=DcApplication.Status.DRAFT, **fields):
    """An application with the five items and the attestations; `groups` distinct groups."""
    values = {
        "need": "No one else brings these people together.",
        "action_plan": "Meet monthly; publish a report at the IGF.",
        "mailing_list": "dc-testing@lists.example.org",
        "contact_name": "Dee Coordinator",
        "contact_email": "dc-coord@example.org",
        "open_membership": True,
        "open_mailing_list": True,
        "open_archives": True,
        **fields,
    }
    application = DcApplication.objects.create(workstream=workstream, status=status, **values)
    for n, slug in enumerate(GROUPS[:groups]):
        DcRepresentative.objects.create(
            application=application,
            name=f"Representative {n}",
            organisation="Org",
            stakeholder_group=StakeholderGroup.objects.get(slug=slug),
        )
    return application


def _actor_for(action, secretariat, dc_coordinator):
    return dc_coordinator if action == "submit" else secretariat


@pytest.mark.parametrize("action", list(TRANSITIONS))
@pytest.mark.parametrize("status", list(Status.values))
def test_R_DC_3_every_transition_of_a_dc_application_is_allowed_or_refused_by_the_table(
    dc_proposed, dc_coordinator, secretariat, action, status
):
    application = complete_application(dc_proposed, status=status)
    actor = _actor_for(action, secretariat, dc_coordinator)
    sources, target, _label = TRANSITIONS[action]
    if status in sources:
        result = (
            dc.submit_dc_application(application=application, actor=actor)
            if action == "submit"
            else dc.decide_dc_application(
                application=application, action=action, actor=actor, reason="Because."
            )
        )
        assert result.status == target
        event = WorkstreamEvent.objects.get(workflow=dc.WORKFLOW_KEY)
        assert (event.from_status, event.to_status, event.actor) == (status, target, actor)
    else:
        with pytest.raises(DomainError):
            if action == "submit":
                dc.submit_dc_application(application=application, actor=actor)
            else:
                dc.decide_dc_application(
                    application=application, action=action, actor=actor, reason="Because."
                )
        application.refresh_from_db()
        assert application.status == status
        assert not WorkstreamEvent.objects.filter(workflow=dc.WORKFLOW_KEY).exists()


def test_start_dc_application_makes_the_applicant_coordinator_of_a_proposed_dc(outsider):
    application = dc.start_dc_application(applicant=outsider, name="DC on Open Data")
    workstream = application.workstream
    assert workstream.kind == Workstream.Kind.DC
    assert workstream.status == Workstream.Status.PROPOSED
    assert workstream.slug == "dc-on-open-data"
    assert application.status == Status.DRAFT
    membership = Membership.objects.get(workstream=workstream, user=outsider)
    assert membership.role == Membership.Role.COORDINATOR
    verbs = list(
        WorkstreamEvent.objects.filter(workstream=workstream)
        .order_by("pk")
        .values_list("verb", "actor")
    )
    assert verbs == [("created", outsider.pk), ("role_granted", outsider.pk)]


def test_start_dc_application_refuses_a_name_taken(outsider, dc_proposed):
    with pytest.raises(DomainError):
        dc.start_dc_application(applicant=outsider, name=dc_proposed.name.upper())


def test_R_DC_1_every_missing_item_is_named_in_one_message(dc_proposed, dc_coordinator):
    application = DcApplication.objects.create(workstream=dc_proposed, open_membership=True)
    with pytest.raises(DomainError) as refused:
        dc.submit_dc_application(application=application, actor=dc_coordinator)
    assert refused.value.messages == [
        "R-DC-1: the application is missing: the need for the coalition, an action plan, "
        "a mailing list, a contact person (name and email address), representatives from "
        "at least three stakeholder groups."
    ]
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_R_DC_1_application_with_two_stakeholder_groups_is_refused(dc_proposed, dc_coordinator):
    application = complete_application(dc_proposed, groups=2)
    with pytest.raises(DomainError) as refused:
        dc.submit_dc_application(application=application, actor=dc_coordinator)
    assert refused.value.messages == [
        "R-DC-1: representatives from at least three stakeholder groups are required; found 2"
    ]


def test_R_DC_1_two_representatives_of_one_group_count_once(dc_proposed, dc_coordinator):
    application = complete_application(dc_proposed, groups=2)
    rep = application.representatives.first()
    application.representatives.create(name="Another", stakeholder_group=rep.stakeholder_group)
    with pytest.raises(DomainError, match="found 2"):
        dc.submit_dc_application(application=application, actor=dc_coordinator)


def test_R_DC_1_application_with_three_stakeholder_groups_is_submitted(dc_proposed, dc_coordinator):
    application = complete_application(dc_proposed, groups=3)
    submitted = dc.submit_dc_application(application=application, actor=dc_coordinator)
    assert submitted.status == Status.SUBMITTED
    assert submitted.submitted_by == dc_coordinator


@pytest.mark.parametrize("attestation", ["open_membership", "open_mailing_list", "open_archives"])
def test_R_DC_2_each_attestation_is_required_before_submission(
    dc_proposed, dc_coordinator, attestation
):
    application = complete_application(dc_proposed, **{attestation: False})
    with pytest.raises(DomainError) as refused:
        dc.submit_dc_application(application=application, actor=dc_coordinator)
    assert refused.value.rule == "R-DC-2"
    assert str(dc.ATTESTATIONS[attestation]) in refused.value.messages[0]


def test_R_DC_2_attestations_are_recorded_on_the_application(dc_proposed, dc_coordinator):
    application = complete_application(dc_proposed)
    dc.submit_dc_application(application=application, actor=dc_coordinator)
    application.refresh_from_db()
    assert application.open_membership and application.open_mailing_list
    assert application.open_archives


@pytest.mark.parametrize("action", ["recognise", "reject", "request_changes"])
def test_R_DC_3_a_decision_needs_a_reason(dc_proposed, secretariat, action):
    application = complete_application(dc_proposed, status=Status.SUBMITTED)
    with pytest.raises(DomainError) as refused:
        dc.decide_dc_application(
            application=application, action=action, actor=secretariat, reason=" "
        )
    assert refused.value.messages[0].startswith("R-DC-3")


@pytest.mark.parametrize("action", ["recognise", "reject", "request_changes"])
def test_R_DC_3_only_the_secretariat_decides(dc_proposed, dc_coordinator, outsider, action):
    application = complete_application(dc_proposed, status=Status.SUBMITTED)
    for actor in (dc_coordinator, outsider):
        with pytest.raises(PermissionDenied):
            dc.decide_dc_application(
                application=application, action=action, actor=actor, reason="Mine."
            )
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_R_DC_3_only_the_applicants_submit(dc_proposed, outsider):
    application = complete_application(dc_proposed)
    with pytest.raises(PermissionDenied):
        dc.submit_dc_application(application=application, actor=outsider)


def test_R_DC_3_and_R_DC_5_recognition_activates_the_dc_and_invites_it_to_the_dccg(
    dc_proposed, secretariat
):
    application = complete_application(dc_proposed, status=Status.SUBMITTED)
    dc.decide_dc_application(
        application=application, action="recognise", actor=secretariat, reason="All there."
    )
    dc_proposed.refresh_from_db()
    assert dc_proposed.status == Workstream.Status.ACTIVE
    invitation = DccgInvitation.objects.get(workstream=dc_proposed)
    assert invitation.invited_by == secretariat
    lifecycle = WorkstreamEvent.objects.get(workstream=dc_proposed, details__action="activate")
    assert lifecycle.reason == "All there."
    assert lifecycle.actor == secretariat
    assert WorkstreamEvent.objects.filter(workstream=dc_proposed, workflow="dccg").count() == 1


def test_R_DC_3_rejection_leaves_the_dc_proposed_and_kept(dc_proposed, secretariat):
    application = complete_application(dc_proposed, status=Status.SUBMITTED)
    dc.decide_dc_application(
        application=application, action="reject", actor=secretariat, reason="Out of scope."
    )
    dc_proposed.refresh_from_db()
    assert dc_proposed.status == Workstream.Status.PROPOSED
    assert not DccgInvitation.objects.exists()


def test_R_DC_3_changes_requested_lets_the_applicants_edit_and_resubmit(
    dc_proposed, dc_coordinator, secretariat
):
    application = complete_application(dc_proposed, status=Status.SUBMITTED)
    dc.decide_dc_application(
        application=application,
        action="request_changes",
        actor=secretariat,
        reason="Name a contact.",
    )
    application.refresh_from_db()
    assert permissions.can_edit_application(dc_coordinator, application)
    dc.save_dc_application(
        application=application,
        actor=dc_coordinator,
        fields={"contact_name": "New Contact"},
        representatives=[
            {"name": r.name, "stakeholder_group": r.stakeholder_group}
            for r in application.representatives.all()
        ],
    )
    assert dc.submit_dc_application(application=application, actor=dc_coordinator).status == (
        Status.SUBMITTED
    )


def test_R_DC_7_a_coordinator_edits_only_their_own_dc_application(dc_proposed, dc_coordinator):
    mine = complete_application(dc_proposed)
    other_dc = Workstream.objects.create(
        kind=Workstream.Kind.DC, name="DC Other", slug="dc-other", status="proposed"
    )
    theirs = complete_application(other_dc)
    assert permissions.can_edit_application(dc_coordinator, mine)
    assert not permissions.can_edit_application(dc_coordinator, theirs)
    with pytest.raises(PermissionDenied):
        dc.save_dc_application(
            application=theirs, actor=dc_coordinator, fields={"need": "x"}, representatives=[]
        )
    with pytest.raises(PermissionDenied):
        dc.submit_dc_application(application=theirs, actor=dc_coordinator)


def test_a_submitted_application_can_no_longer_be_saved_as_a_draft(dc_proposed, dc_coordinator):
    application = complete_application(dc_proposed, status=Status.SUBMITTED)
    with pytest.raises(DomainError):
        dc.save_dc_application(
            application=application, actor=dc_coordinator, fields={"need": "x"}, representatives=[]
        )


def test_the_slug_of_a_new_dc_avoids_routes_and_taken_slugs(db):
    applicant = UserFactory()
    first = dc.start_dc_application(applicant=applicant, name="Reports")
    assert first.workstream.slug == "dc-reports-2"
    second = dc.start_dc_application(applicant=applicant, name="DC Reports!")
    assert second.workstream.slug not in dc.RESERVED_SLUGS
    assert second.workstream.slug != first.workstream.slug
