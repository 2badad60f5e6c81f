"""mag's panels on a workstream's public page (registered in apps.ready)."""

from workstreams.models import Workstream

from .models import BpfSupport, LiaisonAssignment

KINDS = {
    Workstream.Kind.BPF: LiaisonAssignment.Kind.BPF_FACILITATOR,
    Workstream.Kind.PN: LiaisonAssignment.Kind.PN_LIAISON,
}


def mag_duties_panel(request, workstream):
    """A BPF's MAG facilitators and Secretariat support (R-BPF-3, R-BPF-4); a PN's MAG
    liaisons (R-PN-3). Two queries at most."""
    kind = KINDS.get(workstream.kind)
    if kind is None:
        return None
    liaisons = list(
        LiaisonAssignment.objects.active()
        .filter(workstream=workstream, kind=kind)
        .select_related("member__profile")
        .order_by("start", "pk")
    )
    support = None
    if workstream.kind == Workstream.Kind.BPF:
        support = (
            BpfSupport.objects.filter(workstream=workstream)
            .select_related("penholder__profile")
            .first()
        )
    return "mag/_workstream_panel.html", {
        "workstream": workstream,
        "liaisons": liaisons,
        "support": support,
        "is_bpf": workstream.kind == Workstream.Kind.BPF,
    }
