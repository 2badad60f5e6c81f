"""Who may do what with the MAG's records: the only place that decides access in mag/."""

from accounts.permissions import is_secretariat
from workstreams import permissions as workstream_permissions

from .models import BpfProposal, is_current_mag_member


def is_mag_member(user):
    """A current MAG member, memoised per request object."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = user.__dict__.get("_is_current_mag_member")
    if cached is None:
        cached = is_current_mag_member(user)
        user.__dict__["_is_current_mag_member"] = cached
    return cached


def can_manage_mag(user):
    """Terms, liaison duties, the BPF selection and BPF support are the Secretariat's records."""
    return is_secretariat(user)


def can_view_liaisons(user):
    """Every liaison duty and which are uncovered: for the Secretariat and the MAG (R-MAG-6)."""
    return is_secretariat(user) or is_mag_member(user)


def can_create_bpf_proposal(user):
    """Current MAG members propose BPFs (R-BPF-1); the Secretariat may draft on their behalf."""
    return is_secretariat(user) or is_mag_member(user)


def can_list_bpf_proposals(user):
    """The MAG selects among proposals, so MAG members and the Secretariat see them all."""
    return is_secretariat(user) or is_mag_member(user)


def _is_author(user, proposal):
    if not getattr(user, "is_authenticated", False):
        return False
    return proposal.created_by_id == user.pk or proposal.proposers.filter(pk=user.pk).exists()


def can_view_bpf_proposal(user, proposal):
    """Its authors, the MAG and the Secretariat; a selected one is public (its BPF is)."""
    if proposal.status == BpfProposal.Status.SELECTED:
        return True
    return can_list_bpf_proposals(user) or _is_author(user, proposal)


def can_edit_bpf_proposal(user, proposal):
    """Its authors and the Secretariat, while it is a draft."""
    if proposal.status != BpfProposal.Status.DRAFT:
        return False
    return is_secretariat(user) or _is_author(user, proposal)


def can_record_bpf_selection(user):
    """The Secretariat records the MAG's selection (R-BPF-2)."""
    return is_secretariat(user)


def can_view_bpf_support(user, workstream):
    """The support a BPF receives is shown wherever the BPF itself may be seen (R-BPF-4)."""
    return workstream_permissions.can_view_workstream(user, workstream)


def can_edit_bpf_support(user):
    """Only the Secretariat records its own support (R-BPF-4)."""
    return is_secretariat(user)


# ---- Issue 5: terms, nominations, meetings, attendance, duties --------------------------------


def can_view_rotation(user):
    """The rotation planner (who must leave, who may renew) is the Secretariat's tool."""
    return is_secretariat(user)


def can_view_nominees(user, selection):
    """The nominee list is public when the Secretariat's setting says so (on by default);
    the Secretariat always sees every nominee (R-MAG-4)."""
    if is_secretariat(user):
        return True
    return selection is None or selection.publish_nominees


def can_view_nominee_private_details(user):
    """Email, and fields a nominee did not agree to publish: the Secretariat only."""
    return is_secretariat(user)


def can_view_balance(user):
    """Balance views of the current MAG and a proposed selection are public (R-MAG-4)."""
    return True


def can_view_duties_of(user, member):
    """A MAG member sees their own dashboard; the Secretariat sees everyone's (R-MAG-6)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_secretariat(user) or (user.pk == member.pk and is_mag_member(user))


def can_view_all_duties(user):
    """Every member's duties and which are uncovered: the Secretariat's overview."""
    return is_secretariat(user)


def can_view_meeting(user, meeting):
    """MAG meetings are public (R-MAG-5); a workstream's meeting is seen where it is."""
    if meeting.workstream_id is None:
        return True
    return workstream_permissions.can_view_workstream(user, meeting.workstream)


def can_manage_meeting(user, meeting=None, workstream=None):
    """The Secretariat edits meetings and agendas; a workstream's coordinators edit the
    meetings of their own workstream only (tenancy)."""
    if is_secretariat(user):
        return True
    workstream = meeting.workstream if meeting is not None else workstream
    if workstream is None:
        return False
    return workstream_permissions.can_edit_workstream(user, workstream)


def can_register_for_meeting(user, meeting):
    """Signed-in people register as observers for a meeting open to them (R-MAG-5, R-PN-5)."""
    return (
        getattr(user, "is_authenticated", False)
        and meeting.open_to_observers
        and can_view_meeting(user, meeting)
    )


def can_view_attendance(user, meeting=None):
    """Attendance is not public: the Secretariat sees it (R-MAG-3)."""
    return is_secretariat(user)


def can_record_attendance(user, meeting=None):
    return is_secretariat(user)


def can_view_nonparticipation(user):
    """Members below the expected three meetings a year: visible to the Secretariat (R-MAG-3)."""
    return is_secretariat(user)


def can_post_bpf_progress(user, workstream):
    """A BPF's serving MAG facilitator reports its progress to the MAG (R-BPF-5); the
    Secretariat may record one on their behalf."""
    if is_secretariat(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    from .models import LiaisonAssignment

    return (
        LiaisonAssignment.objects.serving()
        .filter(kind=LiaisonAssignment.Kind.BPF_FACILITATOR, workstream=workstream, member=user)
        .exists()
    )


def can_schedule_meetings(user, workstreams):
    """The Secretariat schedules any meeting; a coordinator those of `workstreams` (theirs)."""
    return is_secretariat(user) or workstreams.exists()
