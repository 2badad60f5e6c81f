import pytest
from django.core.exceptions import PermissionDenied

from accounts.exceptions import DomainError
from tests.factories import WorkstreamFactory
from workstreams import permissions, services
from workstreams.models import Membership, Workstream, WorkstreamEvent
from workstreams.workflow import TRANSITIONS, Status

ALL_STATUSES = list(Status)


@pytest.mark.parametrize("action", list(TRANSITIONS))
@pytest.mark.parametrize("status", ALL_STATUSES)
def test_R_DC_3_transitions_allowed_only_from_their_source_states(secretariat, action, status):
    """Each decision applies only from the states the workflow table lists; others are refused
    with a message naming the status, and nothing is recorded."""
    # A DC: a BPF's activation also asks for a MAG facilitator (R-BPF-3, tested in tests/mag).
    workstream = WorkstreamFactory(kind="dc", status=status)
    sources, target, _label = TRANSITIONS[action]
    if status in sources:
        services.apply_transition(
            workstream=workstream, action=action, actor=secretariat, reason="Decided at review"
        )
        workstream.refresh_from_db()
        assert workstream.status == target
        event = WorkstreamEvent.objects.get(workstream=workstream, verb="transition")
        assert (event.actor, event.from_status, event.to_status, event.reason) == (
            secretariat,
            status,
            target,
            "Decided at review",
        )
    else:
        with pytest.raises(DomainError) as refused:
            services.apply_transition(
                workstream=workstream, action=action, actor=secretariat, reason="Decided"
            )
        assert str(Workstream.Status(status).label) in str(refused.value)
        workstream.refresh_from_db()
        assert workstream.status == status
        assert not WorkstreamEvent.objects.filter(workstream=workstream).exists()


def test_R_DC_3_a_decision_without_a_reason_is_refused(secretariat, bpf_a):
    with pytest.raises(DomainError, match="reason"):
        services.apply_transition(
            workstream=bpf_a, action="deactivate", actor=secretariat, reason=" "
        )
    bpf_a.refresh_from_db()
    assert bpf_a.status == Status.ACTIVE


def test_R_DC_4_recording_inactive_keeps_the_workstream_and_it_can_be_restored(secretariat):
    """Inactive is a recorded decision, never a deletion; restoring it is another decision."""
    dc = WorkstreamFactory(kind="dc", name="DC on Reports", slug="dc-reports-test")
    services.apply_transition(
        workstream=dc, action="deactivate", actor=secretariat, reason="No annual report"
    )
    services.apply_transition(
        workstream=dc, action="reactivate", actor=secretariat, reason="Report received"
    )
    dc.refresh_from_db()
    assert dc.status == Status.ACTIVE
    reasons = list(
        WorkstreamEvent.objects.filter(workstream=dc)
        .order_by("created", "pk")
        .values_list("reason", flat=True)
    )
    assert reasons == ["No annual report", "Report received"]


def test_R_DC_3_only_the_secretariat_decides_status(bpf_a, bpf_a_coordinator):
    with pytest.raises(PermissionDenied):
        services.apply_transition(
            workstream=bpf_a, action="deactivate", actor=bpf_a_coordinator, reason="Self-closing"
        )


def test_R_DC_7_coordinator_grants_roles_in_own_workstream_only(
    bpf_a, bpf_b, bpf_a_coordinator, outsider
):
    """Coordinators run their own space, and only theirs (tenancy)."""
    services.grant_role(workstream=bpf_a, user=outsider, role="member", actor=bpf_a_coordinator)
    with pytest.raises(PermissionDenied):
        services.grant_role(workstream=bpf_b, user=outsider, role="member", actor=bpf_a_coordinator)
    assert list(
        Membership.objects.active().filter(user=outsider).values_list("workstream__slug", flat=True)
    ) == [bpf_a.slug]


def test_granting_a_second_role_to_the_same_person_names_the_problem(grant, bpf_a, outsider):
    grant(bpf_a, outsider, "member")
    with pytest.raises(DomainError, match="already has a role"):
        grant(bpf_a, outsider, "observer")


def test_changing_a_role_closes_the_old_row_and_records_both(secretariat, grant, bpf_a, outsider):
    grant(bpf_a, outsider, "member")
    services.change_role(
        workstream=bpf_a, user=outsider, role="coordinator", actor=secretariat, reason="Elected"
    )
    rows = Membership.objects.filter(workstream=bpf_a, user=outsider).order_by("created", "pk")
    assert [(m.role, m.revoked_at is None) for m in rows] == [
        ("member", False),
        ("coordinator", True),
    ]
    event = WorkstreamEvent.objects.get(workstream=bpf_a, verb="role_changed")
    assert event.details == {"from_role": "member", "role": "coordinator"}
    assert event.reason == "Elected"


def test_revoking_needs_a_reason_and_keeps_the_row_as_the_record(
    bpf_a, bpf_a_coordinator, bpf_a_member
):
    with pytest.raises(DomainError, match="reason"):
        services.revoke_role(
            workstream=bpf_a, user=bpf_a_member, actor=bpf_a_coordinator, reason=""
        )
    services.revoke_role(
        workstream=bpf_a,
        user=bpf_a_member,
        actor=bpf_a_coordinator,
        reason="Asked to leave the list",
    )
    row = Membership.objects.get(workstream=bpf_a, user=bpf_a_member)
    assert row.revoked_by == bpf_a_coordinator and row.revoke_reason == "Asked to leave the list"
    assert permissions.role_in(bpf_a_member, bpf_a) is None


def test_a_coordinator_cannot_leave_the_workstream_without_a_coordinator(bpf_a, bpf_a_coordinator):
    with pytest.raises(DomainError, match="only coordinator"):
        services.change_role(
            workstream=bpf_a, user=bpf_a_coordinator, role="member", actor=bpf_a_coordinator
        )
    assert permissions.role_in(bpf_a_coordinator, bpf_a) == "coordinator"


def test_the_secretariat_may_remove_the_last_coordinator(secretariat, bpf_a, bpf_a_coordinator):
    services.revoke_role(
        workstream=bpf_a, user=bpf_a_coordinator, actor=secretariat, reason="Handover pending"
    )
    assert not Membership.objects.coordinators().filter(workstream=bpf_a).exists()


def test_R_DC_2_anyone_signed_in_may_join_an_active_workstream_and_leave_it(bpf_a, outsider):
    """Open membership: joining and leaving are the person's own recorded acts."""
    services.join_workstream(workstream=bpf_a, user=outsider)
    assert permissions.role_in(outsider, bpf_a) == "member"
    services.leave_workstream(workstream=bpf_a, user=outsider)
    assert permissions.role_in(outsider, bpf_a) is None
    verbs = list(WorkstreamEvent.objects.filter(workstream=bpf_a).values_list("verb", flat=True))
    assert sorted(verbs) == ["joined", "left"]


def test_a_proposed_workstream_cannot_be_joined(dc_proposed, outsider):
    with pytest.raises(PermissionDenied):
        services.join_workstream(workstream=dc_proposed, user=outsider)


def test_a_named_reviewer_reads_one_private_workstream_through_a_guardian_grant(
    secretariat, dc_proposed, outsider
):
    """A per-object grant no role expresses: it opens this workstream only, and is recorded."""
    other = WorkstreamFactory(kind="dc", status="proposed", name="Another proposed DC")
    assert not permissions.can_view_workstream(outsider, dc_proposed)
    services.grant_reviewer_access(
        workstream=dc_proposed, user=outsider, actor=secretariat, reason="External review"
    )
    outsider = type(outsider).objects.get(pk=outsider.pk)  # fresh permission caches
    assert permissions.can_view_workstream(outsider, dc_proposed)
    assert permissions.can_view_history(outsider, dc_proposed)
    assert not permissions.can_edit_workstream(outsider, dc_proposed)
    assert not permissions.can_view_workstream(outsider, other)
    assert set(Workstream.objects.visible_to(outsider).filter(status="proposed")) == {dc_proposed}
    services.revoke_reviewer_access(
        workstream=dc_proposed, user=outsider, actor=secretariat, reason="Done"
    )
    outsider = type(outsider).objects.get(pk=outsider.pk)
    assert not permissions.can_view_workstream(outsider, dc_proposed)
    verbs = list(
        WorkstreamEvent.objects.filter(workstream=dc_proposed).values_list("verb", flat=True)
    )
    assert sorted(verbs) == ["access_granted", "access_revoked"]


def test_visible_to_lists_public_and_own_private_workstreams_in_one_query(
    django_assert_num_queries, dc_proposed, dc_coordinator, bpf_a, bpf_b
):
    WorkstreamFactory(kind="dc", status="proposed", name="Someone else's proposal")
    with django_assert_num_queries(1):
        names = set(Workstream.objects.visible_to(dc_coordinator).values_list("name", flat=True))
    assert names == {bpf_a.name, bpf_b.name, dc_proposed.name}


def test_only_the_secretariat_registers_a_workstream_and_it_is_recorded(secretariat, outsider):
    with pytest.raises(PermissionDenied):
        services.create_workstream(actor=outsider, kind="dc", name="DC X", slug="dc-x")
    workstream = services.create_workstream(
        actor=secretariat, kind="dc", name="DC X", slug="dc-x", reason="Application received"
    )
    assert workstream.status == Status.PROPOSED
    event = WorkstreamEvent.objects.get(workstream=workstream)
    assert (event.verb, event.actor, event.reason) == (
        "created",
        secretariat,
        "Application received",
    )


def test_R_NRI_3_an_nri_needs_a_level_and_only_nris_have_one(secretariat):
    """NRIs are national, sub-regional or regional; a youth flag marks Youth IGFs."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.create_workstream(
            actor=secretariat, kind="nri", name="Nowhere IGF", slug="nowhere"
        )
    nri = services.create_workstream(
        actor=secretariat,
        kind="nri",
        name="Kenya Youth IGF",
        slug="kenya-youth-igf",
        nri_level="national",
        is_youth=True,
        country="KE",
    )
    assert nri.un_regional_group == "AFRICAN"
    with pytest.raises(ValidationError):
        services.create_workstream(
            actor=secretariat, kind="bpf", name="BPF Y", slug="bpf-y", nri_level="national"
        )


def test_the_secretariat_sees_every_workstream_including_proposed_ones(
    secretariat, dc_proposed, bpf_a
):
    fresh = type(secretariat).objects.get(pk=secretariat.pk)  # no cached role on the object
    assert set(Workstream.objects.visible_to(fresh)) == {dc_proposed, bpf_a}
