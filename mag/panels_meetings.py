"""A workstream page's panel of its upcoming meetings (R-BPF-4, R-PN-5); registered in
apps.ready."""

from . import permissions
from .meetings import OWNER_KIND
from .models import Meeting

PANEL_LIMIT = 5
HOLDS_MEETINGS = {kind for kind in OWNER_KIND.values() if kind}


def meetings_panel(request, workstream):
    """The workstream's next meetings (a BPF's regular virtual meetings, a PN's monthly
    calls), with a link to all of them. One query."""
    meetings = list(
        Meeting.objects.upcoming()
        .filter(workstream=workstream)
        .order_by("starts_at", "pk")[: PANEL_LIMIT + 1]
    )
    can_manage = permissions.can_manage_meeting(request.user, workstream=workstream)
    if not meetings and workstream.kind not in HOLDS_MEETINGS:
        return None
    return "mag/meeting_panel.html", {
        "workstream": workstream,
        "meetings": meetings[:PANEL_LIMIT],
        "more": len(meetings) > PANEL_LIMIT,
        "can_manage": can_manage,
    }
