"""Reads about liaison duties: who holds which, and which are uncovered (R-MAG-6)."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q

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


def uncovered_workstreams():
    """(active BPFs without a serving facilitator, active PNs without a serving liaison):
    two queries (R-BPF-3, R-PN-3)."""
    return (
        list(_uncovered(Workstream.Kind.BPF, Kind.BPF_FACILITATOR)),
        list(_uncovered(Workstream.Kind.PN, Kind.PN_LIAISON)),
    )


def uncovered_duties():
    """Active BPFs without a facilitator, active PNs without a liaison, and whether the DCCG
    has no liaison: three queries."""
    bpfs, pns = uncovered_workstreams()
    return {
        "bpfs": bpfs,
        "pns": pns,
        "dccg": dccg_exists() and current_dccg_liaison() is None,
    }


# ---- The "My duties" dashboard and the Secretariat's overview (R-MAG-6) ----------------------

# How much of each list the dashboard shows; the full lists live on their own pages.
MILESTONES_PER_WORKSTREAM = 3
PROGRESS_PER_BPF = 3
MEETINGS_SHOWN = 20
ACTION_ITEMS_SHOWN = 50


def _next_milestones(workstreams, now):
    """{workstream_id: [its next milestones]}: one query for all the member's workstreams.

    "Next" is decided with each workstream's own today (its time zone), so the query fetches a
    day more than needed and Python keeps the first three per workstream.
    """
    from django.db.models.functions import Coalesce

    from timelines.models import Milestone

    if not workstreams:
        return {}
    by_id = {workstream.pk: workstream for workstream in workstreams}
    utc_yesterday = now.date() - dt.timedelta(days=1)
    rows = (
        Milestone.objects.current()
        .annotate(last=Coalesce("end", "start"))
        .filter(workstream_id__in=by_id, last__gte=utc_yesterday)
        .order_by("workstream_id", "start", "pk")
    )
    found = {}
    for milestone in rows:
        workstream = by_id[milestone.workstream_id]
        shown = found.setdefault(milestone.workstream_id, [])
        if len(shown) < MILESTONES_PER_WORKSTREAM and milestone.last_day >= workstream.today(now):
            shown.append(milestone)
    return found


def _action_items(member, now):
    """Open action items naming the member, directly or through a role (R-PN-10): overdue
    first, each marked. Two queries (roles held, then items)."""
    from timelines.feeds import actor_items

    items = list(actor_items(member))
    for item in items:
        item.overdue = item.is_overdue(item.workstream.today(now))
    items.sort(key=lambda item: (not item.overdue, item.deadline, item.pk))
    return items


def _upcoming_meetings(member, duty_workstream_ids, is_member, now):
    """Upcoming meetings the member is expected at or registered for, in one query: the MAG's
    own meetings while they serve, meetings of workstreams where they hold a duty or a role,
    and meetings they registered for."""
    from workstreams.models import Membership

    from .models import Meeting, MeetingRegistration

    condition = Q(workstream_id__in=list(duty_workstream_ids)) | Q(
        workstream_id__in=Membership.objects.active().filter(user=member).values("workstream_id")
    )
    condition |= Q(
        Exists(
            MeetingRegistration.objects.filter(
                meeting=OuterRef("pk"), user=member, cancelled_at__isnull=True
            )
        )
    )
    if is_member:
        condition |= Q(workstream__isnull=True)
    return list(
        Meeting.objects.upcoming(now)
        .filter(condition)
        .select_related("workstream")
        .order_by("starts_at", "pk")[:MEETINGS_SHOWN]
    )


def latest_progress(workstream_ids, per_workstream=PROGRESS_PER_BPF):
    """{workstream_id: [latest progress updates]} for many BPFs in one query (R-BPF-5)."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    from .models import BpfProgressUpdate

    if not workstream_ids:
        return {}
    rows = (
        BpfProgressUpdate.objects.filter(workstream_id__in=list(workstream_ids))
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("workstream_id")],
                order_by=[F("created").desc(), F("pk").desc()],
            )
        )
        .filter(position__lte=per_workstream)
        .select_related("author__profile", "meeting")
        .order_by("workstream_id", "-created", "-pk")
    )
    found = {}
    for update in rows:
        found.setdefault(update.workstream_id, []).append(update)
    return found


def member_dashboard(member, now=None):
    """Everything one MAG member must do, in one place (R-MAG-6): their current term, each
    active duty with its workstream's next milestones, their action items (overdue first),
    upcoming meetings, and the latest progress of each BPF they facilitate (R-BPF-5).

    A fixed number of queries whatever the number of duties, items or meetings.
    """
    from django.utils import timezone

    from .models import MagTerm

    now = now or timezone.now()
    today = timezone.localdate(now)
    term = MagTerm.objects.current(today).filter(user=member).select_related("cycle").first()
    assignments = list(
        LiaisonAssignment.objects.active()
        .filter(member=member)
        .select_related("workstream")
        .order_by("kind", "workstream__name", "start", "pk")
    )
    workstreams = [a.workstream for a in assignments if a.workstream_id]
    milestones = _next_milestones(workstreams, now)
    for assignment in assignments:
        assignment.next_milestones = milestones.get(assignment.workstream_id, [])
    facilitated = [
        a.workstream
        for a in assignments
        if a.kind == Kind.BPF_FACILITATOR and a.workstream_id and term is not None
    ]
    progress = latest_progress([bpf.pk for bpf in facilitated])
    items = _action_items(member, now)
    return {
        "member": member,
        "term": term,
        "assignments": assignments,
        "facilitated": [
            {"workstream": bpf, "updates": progress.get(bpf.pk, [])} for bpf in facilitated
        ],
        "action_items": items[:ACTION_ITEMS_SHOWN],
        "action_items_total": len(items),
        "overdue_count": sum(1 for item in items if item.overdue),
        "meetings": _upcoming_meetings(member, {w.pk for w in workstreams}, term is not None, now),
    }


def duties_overview(terms):
    """For a page of current terms: each member's active duties, in one query."""
    members = [term.user_id for term in terms]
    duties = {}
    for assignment in (
        LiaisonAssignment.objects.active()
        .filter(member_id__in=members)
        .select_related("workstream")
        .order_by("kind", "workstream__name", "pk")
    ):
        duties.setdefault(assignment.member_id, []).append(assignment)
    return [{"term": term, "duties": duties.get(term.user_id, [])} for term in terms]


def duties_of_former_members(today=None):
    """Active duties whose holder's term has run out: they cover nothing (R-MAG-6)."""
    from .models import MagTerm

    current = MagTerm.objects.current(today).filter(user=OuterRef("member"))
    return list(
        LiaisonAssignment.objects.active()
        .exclude(Exists(current))
        .select_related("member__profile", "workstream")
        .order_by("kind", "workstream__name", "pk")
    )
