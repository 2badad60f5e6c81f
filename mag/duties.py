"""Reads about liaison duties: who holds which, and which are uncovered (R-MAG-6)."""

from django.db.models import Exists, OuterRef

from workstreams.models import DccgInvitation, Workstream

from .models import LiaisonAssignment

Kind = LiaisonAssignment.Kind


def current_dccg_liaison():
    """The DCCG's active MAG liaison, or None: the duty is uncovered (R-DC-6)."""
    return (
        LiaisonAssignment.objects.active()
        .of_kind(Kind.DCCG_LIAISON)
        .select_related("member__profile")
        .first()
    )


def dccg_exists():
    """The DCCG exists once a recognised DC has been invited to it (R-DC-5)."""
    return DccgInvitation.objects.exists()


def _uncovered(workstream_kind, duty):
    covered = LiaisonAssignment.objects.serving().filter(kind=duty, workstream=OuterRef("pk"))
    return (
        Workstream.objects.filter(kind=workstream_kind, status=Workstream.Status.ACTIVE)
        .exclude(Exists(covered))
        .order_by("name")
    )


def uncovered_duties():
    """Active BPFs without a facilitator, active PNs without a liaison, and whether the DCCG
    has no liaison: three queries."""
    return {
        "bpfs": list(_uncovered(Workstream.Kind.BPF, Kind.BPF_FACILITATOR)),
        "pns": list(_uncovered(Workstream.Kind.PN, Kind.PN_LIAISON)),
        "dccg": dccg_exists() and current_dccg_liaison() is None,
    }
