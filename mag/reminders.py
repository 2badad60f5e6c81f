"""The reminder kinds mag registers into timelines: an uncovered DCCG liaison duty (R-DC-6),
an uncovered BPF or PN duty (R-BPF-3, R-PN-3), a term ending (R-MAG-2), a meeting soon."""

import datetime as dt
import zoneinfo

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import SiteRole
from timelines.models import Category
from timelines.registry import Occasion, ReminderKind, register_kind
from workstreams.models import DccgInvitation, Membership

from .duties import uncovered_workstreams
from .models import LiaisonAssignment, MagTerm, Meeting, MeetingRegistration

DCCG_SUBJECT = "dccg-liaison"


def week_of(now):
    """The ISO week, e.g. 2026-W48: one reminder per week while the duty stays uncovered."""
    year, week, _day = now.astimezone(dt.UTC).isocalendar()
    return f"{year}-W{week:02d}"


def collect_dccg_liaison_uncovered(now, batch_size):
    """Each active Secretariat member, while the DCCG exists and has no MAG liaison: one query."""
    covered = LiaisonAssignment.objects.active().filter(kind=LiaisonAssignment.Kind.DCCG_LIAISON)
    recipients = list(
        SiteRole.objects.active()
        .filter(role=SiteRole.Role.SECRETARIAT, user__is_active=True)
        .filter(Exists(DccgInvitation.objects.all()))
        .exclude(Exists(covered))
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    week = week_of(now)
    url = reverse("mag:dccg")
    occasions = [
        Occasion(
            recipient_id=user_id,
            subject=DCCG_SUBJECT,
            occasion=week,
            url=url,
            context={"week": week},
        )
        for user_id in recipients
    ]
    for start in range(0, len(occasions), batch_size):
        yield occasions[start : start + batch_size]


def dccg_liaison_uncovered_title(context):
    return _("The DC Coordination Group has no MAG liaison (R-DC-6)")


def register():
    register_kind(
        ReminderKind(
            key="dccg_liaison_uncovered",
            category=Category.DUTIES,
            collect=collect_dccg_liaison_uncovered,
            template="dccg_liaison_uncovered",
            title=dccg_liaison_uncovered_title,
        )
    )
    register_issue_5_kinds()


# ---- Issue 5: term ending (R-MAG-2), meeting coming up (R-MAG-3, R-MAG-5), uncovered duties --

# Days before a term's end when its holder is reminded, nearest first once reached.
TERM_ENDING_DAYS = (30, 7)
# A meeting is announced to the people expected at it once it starts within this window.
MEETING_NOTICE = dt.timedelta(hours=48)


def _keyset(queryset, batch_size):
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        last = batch[-1].pk
        yield batch


def term_ending_occasion(end, today):
    """ "before-7" within a week of the end, "before-30" within a month, else None."""
    days_left = (end - today).days
    if days_left < 0:
        return None
    reached = [days for days in TERM_ENDING_DAYS if days_left <= days]
    return f"before-{min(reached)}" if reached else None


def collect_term_ending(now, batch_size):
    """Each member whose current term ends within 30 days and who has no renewal recorded for
    a later cycle (R-MAG-2): one query per batch."""
    today = now.astimezone(dt.UTC).date()
    later = MagTerm.objects.filter(
        Q(renewal_of=OuterRef("pk")) | Q(user=OuterRef("user"), start__gt=OuterRef("end"))
    )
    terms = (
        MagTerm.objects.current(today)
        .filter(end__lte=today + dt.timedelta(days=max(TERM_ENDING_DAYS)), user__is_active=True)
        .exclude(Exists(later))
        .select_related("cycle")
    )
    url = reverse("mag:my-duties")
    for batch in _keyset(terms, batch_size):
        occasions = []
        for term in batch:
            occasion = term_ending_occasion(term.end, today)
            if occasion is None:
                continue
            occasions.append(
                Occasion(
                    recipient_id=term.user_id,
                    subject=f"magterm:{term.pk}",
                    # The end date is part of the key: a corrected end earns fresh reminders.
                    occasion=f"{occasion}:{term.end.isoformat()}",
                    url=url,
                    context={
                        "cycle": str(term.cycle),
                        "end": term.end.isoformat(),
                        "days_left": (term.end - today).days,
                    },
                )
            )
        yield occasions


def term_ending_title(context):
    return ngettext(
        "Your MAG term for %(cycle)s ends in %(days)s day",
        "Your MAG term for %(cycle)s ends in %(days)s days",
        context["days_left"],
    ) % {"cycle": context["cycle"], "days": context["days_left"]}


def _meeting_context(meeting):
    try:
        zone = zoneinfo.ZoneInfo(meeting.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    local = meeting.starts_at.astimezone(zone)
    return {
        "title": meeting.title,
        "day": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "time_zone": meeting.time_zone,
        "location": meeting.location,
        "remote_url": meeting.remote_url,
        "held_by": meeting.workstream.name if meeting.workstream_id else "",
    }


def _expected_people(batch, today):
    """{meeting_id: user ids} for a batch of meetings, in at most four queries: the current MAG
    for the MAG's own meetings, a workstream's coordinators, members and MAG liaisons for its
    meetings, and everyone registered (R-MAG-3, R-MAG-5, R-PN-5)."""
    expected = {meeting.pk: set() for meeting in batch}
    if any(meeting.workstream_id is None for meeting in batch):
        mag = set(
            MagTerm.objects.current(today)
            .filter(user__is_active=True)
            .values_list("user_id", flat=True)
        )
        for meeting in batch:
            if meeting.workstream_id is None:
                expected[meeting.pk] |= mag
    workstream_ids = {meeting.workstream_id for meeting in batch if meeting.workstream_id}
    if workstream_ids:
        people = {}
        rows = (
            Membership.objects.active()
            .filter(
                workstream_id__in=workstream_ids,
                role__in=[Membership.Role.COORDINATOR, Membership.Role.MEMBER],
                user__is_active=True,
            )
            .values_list("workstream_id", "user_id")
        )
        for workstream_id, user_id in rows:
            people.setdefault(workstream_id, set()).add(user_id)
        liaisons = (
            LiaisonAssignment.objects.serving(today)
            .filter(workstream_id__in=workstream_ids, member__is_active=True)
            .values_list("workstream_id", "member_id")
        )
        for workstream_id, user_id in liaisons:
            people.setdefault(workstream_id, set()).add(user_id)
        for meeting in batch:
            if meeting.workstream_id:
                expected[meeting.pk] |= people.get(meeting.workstream_id, set())
    for meeting_id, user_id in MeetingRegistration.objects.filter(
        meeting_id__in=expected, cancelled_at__isnull=True, user__is_active=True
    ).values_list("meeting_id", "user_id"):
        expected[meeting_id].add(user_id)
    return expected


def collect_meeting_tomorrow(now, batch_size):
    """Everyone expected at a meeting that starts within the next 48 hours, once per meeting
    and start time: a meeting moved to another time is announced again."""
    meetings = (
        Meeting.objects.filter(starts_at__gt=now, starts_at__lte=now + MEETING_NOTICE)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("workstream")
    )
    today = now.astimezone(dt.UTC).date()
    for batch in _keyset(meetings, batch_size):
        expected = _expected_people(batch, today)
        occasions = []
        for meeting in batch:
            url = reverse("mag:meeting", args=[meeting.slug])
            context = _meeting_context(meeting)
            stamp = meeting.starts_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")
            occasions.extend(
                Occasion(
                    recipient_id=user_id,
                    subject=f"meeting:{meeting.pk}",
                    occasion=f"soon:{stamp}",
                    url=url,
                    context=context,
                )
                for user_id in sorted(expected[meeting.pk])
            )
        yield occasions


def meeting_tomorrow_title(context):
    return _("Meeting soon: %(title)s, %(day)s at %(time)s (%(zone)s)") % {
        "title": context["title"],
        "day": date_format(dt.date.fromisoformat(context["day"]), "DATE_FORMAT"),
        "time": context["time"],
        "zone": context["time_zone"],
    }


LIAISON_RULES = {"bpf": "R-BPF-3", "pn": "R-PN-3"}


def collect_liaison_uncovered(now, batch_size):
    """Each active Secretariat member, weekly, for each active BPF without a serving MAG
    facilitator (R-BPF-3) and each active PN without a serving MAG liaison (R-PN-3), once the
    portal records a current MAG: four queries. The DCCG's own duty has its kind above (R-DC-6)."""
    recipients = list(
        SiteRole.objects.active()
        .filter(role=SiteRole.Role.SECRETARIAT, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    # Duties are assigned from the current MAG: before the portal records one, there is
    # nobody to assign and nothing to remind of.
    if not recipients or not MagTerm.objects.current(now.astimezone(dt.UTC).date()).exists():
        return
    bpfs, pns = uncovered_workstreams()
    week = week_of(now)
    url = reverse("mag:all-duties")
    occasions = [
        Occasion(
            recipient_id=user_id,
            subject=f"liaison-uncovered:{workstream.pk}",
            occasion=week,
            url=url,
            context={
                "week": week,
                "workstream": workstream.name,
                "kind": kind,
                "rule": LIAISON_RULES[kind],
            },
        )
        for kind, workstreams in (("bpf", bpfs), ("pn", pns))
        for workstream in workstreams
        for user_id in recipients
    ]
    for start in range(0, len(occasions), batch_size):
        yield occasions[start : start + batch_size]


def liaison_uncovered_title(context):
    if context["kind"] == "bpf":
        return _("%(workstream)s has no MAG facilitator (R-BPF-3)") % context
    return _("%(workstream)s has no MAG liaison (R-PN-3)") % context


def register_issue_5_kinds():
    register_kind(
        ReminderKind(
            key="mag_term_ending",
            category=Category.DUTIES,
            collect=collect_term_ending,
            template="mag_term_ending",
            title=term_ending_title,
        )
    )
    register_kind(
        ReminderKind(
            key="meeting_tomorrow",
            category=Category.DUTIES,
            collect=collect_meeting_tomorrow,
            template="meeting_tomorrow",
            title=meeting_tomorrow_title,
        )
    )
    register_kind(
        ReminderKind(
            key="liaison_uncovered",
            category=Category.DUTIES,
            collect=collect_liaison_uncovered,
            template="liaison_uncovered",
            title=liaison_uncovered_title,
        )
    )
