import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.exceptions import DomainError
from mag import services
from mag.models import (
    BpfProposal,
    BpfSelection,
    BpfSupport,
    LiaisonAssignment,
    MagTerm,
    is_current_mag_member,
)
from mag.reminders import collect_dccg_liaison_uncovered
from tests.factories import WorkstreamFactory
from timelines import services as timeline_services
from timelines.models import Category, Notification
from workstreams import services as workstream_services
from workstreams.models import Membership, Workstream, WorkstreamEvent

Kind = LiaisonAssignment.Kind
pytestmark = pytest.mark.django_db


def _proposal(actor, cycle, proposers, title="Best Practice Forum on Resilience"):
    return services.create_bpf_proposal(
        actor=actor,
        cycle=cycle,
        title=title,
        description="How networks keep running through disasters.",
        methodology="An open call for case studies, then two surveys.",
        proposers=proposers,
    )


# ---- R-MAG-1: dated terms -------------------------------------------------------------------


def test_R_MAG_1_the_current_mag_is_the_terms_running_on_a_day(mag_member, former_mag_member):
    today = timezone.localdate()
    assert set(MagTerm.objects.current(today).values_list("user", flat=True)) == {mag_member.pk}
    assert is_current_mag_member(mag_member)
    assert not is_current_mag_member(former_mag_member)
    past = MagTerm.objects.get(user=former_mag_member)
    assert is_current_mag_member(former_mag_member, past.start)
    term = MagTerm.objects.get(user=mag_member)
    assert term.un_regional_group == "EASTERN_EUROPEAN"
    assert term.created_by.email == "secretariat@example.org"


def test_R_MAG_1_only_the_secretariat_records_terms(mag_member, outsider, cycle):
    with pytest.raises(PermissionDenied):
        services.create_mag_term(
            actor=mag_member,
            user=outsider,
            cycle=cycle,
            start=timezone.localdate(),
            end=timezone.localdate(),
            stakeholder_group=MagTerm.objects.get(user=mag_member).stakeholder_group,
            country="FR",
        )


# ---- R-BPF-1: proposals by current MAG members ----------------------------------------------


def test_R_BPF_1_a_proposal_without_a_current_mag_proposer_is_refused(
    mag_member, outsider, former_mag_member, cycle
):
    proposal = _proposal(mag_member, cycle, [outsider, former_mag_member])
    with pytest.raises(DomainError) as refused:
        services.submit_bpf_proposal(actor=mag_member, proposal=proposal)
    assert str(refused.value.messages[0]).startswith("R-BPF-1: ")
    assert "current MAG member" in refused.value.messages[0]
    proposal.refresh_from_db()
    assert proposal.status == BpfProposal.Status.DRAFT
    assert proposal.submitted_at is None


def test_R_BPF_1_a_proposal_with_a_current_mag_proposer_is_submitted(mag_member, outsider, cycle):
    proposal = _proposal(mag_member, cycle, [outsider, mag_member])
    services.submit_bpf_proposal(actor=mag_member, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == BpfProposal.Status.SUBMITTED
    assert proposal.submitted_by == mag_member
    # Once submitted it is the MAG's to decide on: no more edits.
    with pytest.raises(PermissionDenied):
        services.update_bpf_proposal(
            actor=mag_member, proposal=proposal, proposers=[mag_member], title="Changed"
        )


def test_R_BPF_1_outsiders_cannot_propose_a_bpf(outsider, cycle):
    with pytest.raises(PermissionDenied):
        _proposal(outsider, cycle, [outsider])


# ---- R-BPF-2 and R-BPF-6: the MAG's selection per cycle -------------------------------------


def test_R_BPF_2_selection_is_recorded_per_cycle_and_creates_the_proposed_bpf(
    secretariat, mag_member, cycle
):
    chosen = _proposal(mag_member, cycle, [mag_member], title="Best Practice Forum on Resilience")
    other = _proposal(mag_member, cycle, [mag_member], title="Best Practice Forum on Hats")
    draft = _proposal(mag_member, cycle, [mag_member], title="Best Practice Forum on Drafts")
    for proposal in (chosen, other):
        services.submit_bpf_proposal(actor=mag_member, proposal=proposal)

    selection = services.record_bpf_selection(
        actor=secretariat,
        cycle=cycle,
        selected=[chosen],
        meeting="Second MAG meeting",
        decided_on=timezone.localdate(),
        reason="Broad support; clear methodology.",
    )

    assert BpfSelection.objects.get(cycle=cycle) == selection
    assert selection.recorded_by == secretariat
    chosen.refresh_from_db()
    other.refresh_from_db()
    draft.refresh_from_db()
    assert (chosen.status, other.status, draft.status) == ("selected", "not_selected", "draft")
    assert chosen.selection == other.selection == selection
    bpf = chosen.workstream
    assert (bpf.kind, bpf.status, bpf.cycle, bpf.name) == (
        Workstream.Kind.BPF,
        Workstream.Status.PROPOSED,
        cycle,
        "Best Practice Forum on Resilience",
    )
    # R-BPF-6: the BPF's methodology is the one its proposers tailored to the topic.
    assert bpf.methodology == "An open call for case studies, then two surveys."
    event = WorkstreamEvent.objects.get(workstream=bpf)
    assert (event.verb, event.actor) == ("created", secretariat)
    assert "Second MAG meeting" in event.reason
    assert other.workstream is None


def test_R_BPF_2_the_selection_of_a_cycle_is_recorded_once(secretariat, mag_member, cycle):
    kwargs = {
        "actor": secretariat,
        "cycle": cycle,
        "selected": [],
        "meeting": "MAG meeting",
        "decided_on": timezone.localdate(),
        "reason": "No proposal this year.",
    }
    services.record_bpf_selection(**kwargs)
    with pytest.raises(DomainError, match="R-BPF-2"):
        services.record_bpf_selection(**kwargs)
    assert BpfSelection.objects.filter(cycle=cycle).count() == 1


def test_R_BPF_2_only_submitted_proposals_can_be_selected(secretariat, mag_member, cycle):
    draft = _proposal(mag_member, cycle, [mag_member])
    with pytest.raises(DomainError, match="submitted"):
        services.record_bpf_selection(
            actor=secretariat,
            cycle=cycle,
            selected=[draft],
            meeting="MAG meeting",
            decided_on=timezone.localdate(),
            reason="Chosen",
        )
    assert not BpfSelection.objects.exists()
    assert not Workstream.objects.filter(name=draft.title).exists()


def test_R_BPF_2_only_the_secretariat_records_the_selection(mag_member, cycle):
    with pytest.raises(PermissionDenied):
        services.record_bpf_selection(
            actor=mag_member,
            cycle=cycle,
            selected=[],
            meeting="MAG meeting",
            decided_on=timezone.localdate(),
            reason="Chosen",
        )


# ---- R-BPF-3: a MAG facilitator before a BPF becomes active ---------------------------------

R_BPF_3 = (
    "R-BPF-3: a BPF needs at least one MAG facilitator on its coordinating team before it "
    "becomes active."
)


def test_R_BPF_3_activating_a_bpf_without_a_facilitator_is_refused(secretariat, bpf_proposed):
    with pytest.raises(DomainError) as refused:
        workstream_services.apply_transition(
            workstream=bpf_proposed, action="activate", actor=secretariat, reason="Selected"
        )
    assert refused.value.messages == [R_BPF_3]
    bpf_proposed.refresh_from_db()
    assert bpf_proposed.status == Workstream.Status.PROPOSED
    assert not WorkstreamEvent.objects.filter(workstream=bpf_proposed, verb="transition").exists()


def test_R_BPF_3_a_bpf_with_a_facilitator_is_activated(
    secretariat, bpf_proposed, mag_member, assign
):
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_proposed)
    workstream_services.apply_transition(
        workstream=bpf_proposed, action="activate", actor=secretariat, reason="Selected"
    )
    bpf_proposed.refresh_from_db()
    assert bpf_proposed.status == Workstream.Status.ACTIVE


def test_R_BPF_3_an_ended_facilitator_does_not_count(secretariat, bpf_proposed, mag_member, assign):
    assignment = assign(mag_member, Kind.BPF_FACILITATOR, bpf_proposed)
    services.end_liaison(actor=secretariat, assignment=assignment, reason="Left the MAG")
    with pytest.raises(DomainError, match="R-BPF-3"):
        workstream_services.apply_transition(
            workstream=bpf_proposed, action="activate", actor=secretariat, reason="Selected"
        )


def test_R_BPF_3_the_guard_leaves_other_kinds_alone(secretariat):
    dc = WorkstreamFactory(kind=Workstream.Kind.DC, status=Workstream.Status.PROPOSED)
    workstream_services.apply_transition(
        workstream=dc, action="activate", actor=secretariat, reason="Recognised"
    )
    dc.refresh_from_db()
    assert dc.status == Workstream.Status.ACTIVE


def test_R_BPF_3_the_facilitator_joins_the_coordinating_team(
    bpf_proposed, mag_member, second_mag_member, grant, assign
):
    grant(bpf_proposed, second_mag_member, Membership.Role.MEMBER)
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_proposed)
    assign(second_mag_member, Kind.BPF_FACILITATOR, bpf_proposed)
    roles = dict(
        Membership.objects.active()
        .filter(workstream=bpf_proposed)
        .values_list("user__email", "role")
    )
    assert roles == {"mag-member@example.org": "coordinator", "mag-two@example.org": "coordinator"}


@pytest.mark.parametrize(
    ("kind", "workstream_kind", "rule"),
    [
        (Kind.BPF_FACILITATOR, Workstream.Kind.PN, "R-BPF-3"),
        (Kind.BPF_FACILITATOR, Workstream.Kind.DC, "R-BPF-3"),
        (Kind.PN_LIAISON, Workstream.Kind.BPF, "R-PN-3"),
        (Kind.PN_LIAISON, Workstream.Kind.NRI, "R-PN-3"),
    ],
)
def test_R_MAG_6_a_duty_serves_only_its_kind_of_workstream(
    mag_member, assign, kind, workstream_kind, rule
):
    extra = {"nri_level": "national"} if workstream_kind == Workstream.Kind.NRI else {}
    workstream = WorkstreamFactory(kind=workstream_kind, **extra)
    with pytest.raises(DomainError) as refused:
        assign(mag_member, kind, workstream)
    assert refused.value.messages[0].startswith(f"{rule}: ")
    assert not LiaisonAssignment.objects.exists()


def test_R_MAG_6_liaison_duties_are_held_by_current_mag_members(
    former_mag_member, outsider, pn, assign
):
    for person in (former_mag_member, outsider):
        with pytest.raises(DomainError, match="not a current MAG member"):
            assign(person, Kind.PN_LIAISON, pn)
    assert not LiaisonAssignment.objects.exists()


def test_R_MAG_6_only_the_secretariat_assigns_duties(mag_member, pn):
    with pytest.raises(PermissionDenied):
        services.assign_liaison(
            actor=mag_member, member=mag_member, kind=Kind.PN_LIAISON, workstream=pn
        )


# ---- R-PN-3: one or more MAG liaisons per PN -------------------------------------------------


def test_R_PN_3_a_pn_liaison_is_recorded_and_a_pn_may_have_several(
    secretariat, mag_member, second_mag_member, pn, assign
):
    first = assign(mag_member, Kind.PN_LIAISON, pn, reason="Volunteered")
    assign(second_mag_member, Kind.PN_LIAISON, pn)
    assert (first.member, first.workstream, first.assigned_by, first.reason) == (
        mag_member,
        pn,
        secretariat,
        "Volunteered",
    )
    assert LiaisonAssignment.objects.active().filter(kind=Kind.PN_LIAISON).count() == 2
    # A PN liaison is not a role in the PN: no membership is granted.
    assert not Membership.objects.filter(workstream=pn).exists()
    with pytest.raises(DomainError, match="already holds"):
        assign(mag_member, Kind.PN_LIAISON, pn)


# ---- R-DC-6: at most one DCCG liaison; none is uncovered -------------------------------------


def test_R_DC_6_a_second_dccg_liaison_is_refused_by_the_service(
    mag_member, second_mag_member, assign
):
    assign(mag_member, Kind.DCCG_LIAISON)
    with pytest.raises(DomainError) as refused:
        assign(second_mag_member, Kind.DCCG_LIAISON)
    message = refused.value.messages[0]
    assert message.startswith("R-DC-6: ")
    assert "at most one MAG liaison" in message and "Mia MAG" in message
    assert LiaisonAssignment.objects.active().filter(kind=Kind.DCCG_LIAISON).count() == 1


def test_R_DC_6_a_second_dccg_liaison_is_refused_by_the_database(
    mag_member, second_mag_member, assign
):
    assign(mag_member, Kind.DCCG_LIAISON)
    with pytest.raises(IntegrityError), transaction.atomic():
        LiaisonAssignment.objects.create(member=second_mag_member, kind=Kind.DCCG_LIAISON)


def test_R_DC_6_ending_the_liaison_keeps_the_record_and_frees_the_duty(
    secretariat, mag_member, second_mag_member, assign
):
    first = assign(mag_member, Kind.DCCG_LIAISON)
    with pytest.raises(DomainError, match="reason"):
        services.end_liaison(actor=secretariat, assignment=first, reason="  ")
    services.end_liaison(actor=secretariat, assignment=first, reason="Stepped down")
    first.refresh_from_db()
    assert (first.ended_by, first.end_reason, first.end) == (
        secretariat,
        "Stepped down",
        timezone.localdate(),
    )
    second = assign(second_mag_member, Kind.DCCG_LIAISON)
    assert LiaisonAssignment.objects.filter(kind=Kind.DCCG_LIAISON).count() == 2
    assert list(LiaisonAssignment.objects.active().of_kind(Kind.DCCG_LIAISON)) == [second]


def test_R_DC_6_the_dccg_liaison_is_not_tied_to_a_workstream(mag_member, pn, assign):
    with pytest.raises(DomainError, match="not tied"):
        assign(mag_member, Kind.DCCG_LIAISON, pn)


def _monday(now=None):
    now = now or timezone.now()
    return (now - dt.timedelta(days=now.weekday())).replace(hour=9, minute=0)


def test_R_DC_6_an_uncovered_duty_reminds_the_secretariat_once_per_week(
    secretariat, dccg, mag_member, outsider, django_assert_num_queries
):
    monday = _monday()
    with django_assert_num_queries(1):
        batches = list(collect_dccg_liaison_uncovered(monday, 100))
    assert [[o.recipient_id for o in batch] for batch in batches] == [[secretariat.pk]]

    for now in (monday, monday + dt.timedelta(days=3)):  # twice in the same week
        timeline_services.collect_due_reminders(now=now)
    notes = Notification.objects.filter(kind="dccg_liaison_uncovered")
    assert [(n.recipient, n.category) for n in notes] == [(secretariat, Category.DUTIES)]
    first_week = notes.get().occasion
    assert first_week.startswith(f"{monday.isocalendar()[0]}-W")

    timeline_services.collect_due_reminders(now=monday + dt.timedelta(days=7))
    notes = Notification.objects.filter(kind="dccg_liaison_uncovered")
    assert notes.count() == 2
    assert notes.exclude(occasion=first_week).get().url == "/mag/dccg/"

    timeline_services.send_notification_email(notes.first())
    assert "R-DC-6" in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["secretariat@example.org"]


def test_R_DC_6_no_reminder_while_a_liaison_holds_the_duty(secretariat, dccg, mag_member, assign):
    assign(mag_member, Kind.DCCG_LIAISON)
    timeline_services.collect_due_reminders(now=_monday())
    assert not Notification.objects.filter(kind="dccg_liaison_uncovered").exists()


def test_R_DC_6_no_reminder_before_any_dc_is_invited_to_the_dccg(secretariat):
    timeline_services.collect_due_reminders(now=_monday())
    assert not Notification.objects.filter(kind="dccg_liaison_uncovered").exists()


# ---- R-BPF-4: the Secretariat's support and penholder ----------------------------------------


def test_R_BPF_4_the_support_record_is_stored_with_a_secretariat_penholder(secretariat, bpf_a):
    support = services.update_bpf_support(
        actor=secretariat,
        workstream=bpf_a,
        mailing_list=True,
        virtual_meetings=True,
        surveys=True,
        penholder=secretariat,
        notes="Survey in June.",
    )
    stored = BpfSupport.objects.get(workstream=bpf_a)
    assert stored == support
    assert (stored.mailing_list, stored.virtual_meetings, stored.web_pages, stored.surveys) == (
        True,
        True,
        False,
        True,
    )
    assert (stored.penholder, stored.updated_by) == (secretariat, secretariat)


def test_R_BPF_4_the_penholder_is_secretariat_staff(secretariat, bpf_a, bpf_a_coordinator):
    with pytest.raises(DomainError) as refused:
        services.update_bpf_support(
            actor=secretariat, workstream=bpf_a, penholder=bpf_a_coordinator
        )
    assert refused.value.messages[0].startswith("R-BPF-4: ")
    assert not BpfSupport.objects.exists()


def test_R_BPF_4_only_the_secretariat_records_its_support(bpf_a, bpf_a_coordinator):
    with pytest.raises(PermissionDenied):
        services.update_bpf_support(actor=bpf_a_coordinator, workstream=bpf_a, surveys=True)


def test_R_BPF_4_support_is_only_for_bpfs(secretariat, pn):
    with pytest.raises(DomainError, match="R-BPF-4"):
        services.update_bpf_support(actor=secretariat, workstream=pn, surveys=True)


def test_R_BPF_3_a_facilitator_whose_mag_term_has_ended_does_not_count(
    secretariat, bpf_proposed, mag_member, assign
):
    assign(mag_member, Kind.BPF_FACILITATOR, bpf_proposed)
    MagTerm.objects.filter(user=mag_member).update(end=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(DomainError, match="R-BPF-3"):
        workstream_services.apply_transition(
            workstream=bpf_proposed, action="activate", actor=secretariat, reason="Selected"
        )
