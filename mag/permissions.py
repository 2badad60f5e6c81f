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
