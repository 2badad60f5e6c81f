"""A BPF reports its progress to the MAG through its facilitator (R-BPF-5).

Each update is a row that is never edited or deleted, and a MagEvent records who posted it.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError
from workstreams.models import Workstream

from . import events, permissions
from .models import BpfProgressUpdate, Meeting

# The MAG meetings an update may be "for": the MAG's own meetings, not a workstream's.
MAG_MEETING_KINDS = (Meeting.Kind.MAG, Meeting.Kind.OPEN_CONSULTATIONS, Meeting.Kind.ANNUAL)
MAX_SESSIONS = 1000


RECENT_MEETING_DAYS = 90


def meetings_for_updates(now=None):
    """MAG meetings an update can be reported to: the upcoming ones and those that ended in
    the last RECENT_MEETING_DAYS days, latest first (one query)."""
    now = now or timezone.now()
    return list(
        Meeting.objects.filter(workstream__isnull=True, kind__in=MAG_MEETING_KINDS)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(ends_at__gte=now - dt.timedelta(days=RECENT_MEETING_DAYS))
        .order_by("-starts_at", "-pk")[:30]
    )


@transaction.atomic
def post_bpf_progress_update(*, actor, workstream, text, open_sessions_held, meeting=None):
    """Record a BPF's progress report to the MAG by its serving MAG facilitator (R-BPF-5)."""
    if workstream.kind != Workstream.Kind.BPF:
        raise DomainError(
            _("Only a Best Practice Forum reports its progress to the MAG; %(name)s is a %(kind)s.")
            % {"name": workstream.name, "kind": workstream.get_kind_display()},
            rule="R-BPF-5",
        )
    if not permissions.can_post_bpf_progress(actor, workstream):
        raise PermissionDenied(
            _("R-BPF-5: a BPF reports its progress to the MAG through its MAG facilitator.")
        )
    text = (text or "").strip()
    if not text:
        raise DomainError(
            _("Describe the BPF's progress since its last update."), field="text", rule="R-BPF-5"
        )
    if open_sessions_held is None or not 0 <= open_sessions_held <= MAX_SESSIONS:
        raise DomainError(
            _("Give the number of open sessions held, from 0 to %(max)s.") % {"max": MAX_SESSIONS},
            field="open_sessions_held",
            rule="R-BPF-5",
        )
    if meeting is not None and (
        meeting.workstream_id is not None or meeting.status == Meeting.Status.CANCELLED
    ):
        raise DomainError(
            _("A progress update is reported to one of the MAG's own meetings; “%(title)s” is not.")
            % {"title": meeting.title},
            field="meeting",
            rule="R-BPF-5",
        )
    update = BpfProgressUpdate.objects.create(
        workstream=workstream,
        author=actor,
        meeting=meeting,
        open_sessions_held=open_sessions_held,
        text=text,
    )
    events.record(
        actor=actor,
        action="bpf_progress_posted",
        cycle=workstream.cycle,
        meeting=meeting,
        workstream=workstream.slug,
        update=update.pk,
        open_sessions_held=open_sessions_held,
    )
    return update
