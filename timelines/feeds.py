"""iCalendar feeds (RFC 5545): a person's deadlines, and a workstream's public milestones.

Deadlines and milestones are days, so they are all-day events (DTSTART;VALUE=DATE, with
DTEND the day after the last day, as RFC 5545 makes DTEND exclusive). Timed events, once
meetings arrive, are written in UTC so no VTIMEZONE is ever needed.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import ActionItem, ActionItemActor
from .registry import calendar_events_for, policy

PRODID = "-//IGF intersessional portal//igfportal//EN"
UID_DOMAIN = "igfportal"


def _calendar(name, description=""):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    return calendar


def _utc(moment):
    return moment.astimezone(dt.UTC)


def _when(event, start, last=None):
    """A day or a period of days as an all-day event; a moment as a timed event in UTC."""
    if isinstance(start, dt.datetime):
        event.add("dtstart", _utc(start))
        if last is not None:
            event.add("dtend", _utc(last))
        return
    event.add("dtstart", start)
    event.add("dtend", (last or start) + dt.timedelta(days=1))
    # A deadline marks a day; it does not make the person busy all day.
    event.add("transp", "TRANSPARENT")


def _event(uid, summary, start, last=None, url="", description="", stamp=None):
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    # Without METHOD, DTSTAMP is when the information was last revised (RFC 5545, 3.8.7.2).
    event.add("dtstamp", _utc(stamp or timezone.now()))
    event.add("summary", summary)
    _when(event, start, last)
    if url:
        event.add("url", url)
    if description:
        event.add("description", description)
    return event


def actor_items(user):
    """Open items with a deadline naming this person, directly or through a role they hold.

    Two queries whatever the number of items: the roles held, then the items themselves.
    """
    condition = Q(user=user)
    for workstream_id, role in policy.roles_of(user):
        condition |= Q(role=role, item__workstream_id=workstream_id)
    return (
        ActionItem.objects.open()
        .filter(
            deadline__isnull=False,
            pk__in=ActionItemActor.objects.filter(condition).values("item_id"),
        )
        .select_related("workstream")
        .order_by("deadline", "pk")
    )


def personal_calendar(user):
    """The private feed of one person's deadlines: each open action item they must act on."""
    calendar = _calendar(
        _("My deadlines · %(site)s") % {"site": settings.SITE_NAME},
        _("Open action items you are responsible for."),
    )
    for item in actor_items(user):
        workstream = item.workstream
        url = (
            settings.SITE_URL
            + reverse("workstreams:action-items", args=[workstream.slug])
            + f"#item-{item.pk}"
        )
        calendar.add_component(
            _event(
                f"actionitem-{item.pk}",
                # One line in calendar views; the whole action is in the description.
                _("%(action)s (%(workstream)s)")
                % {
                    "action": Truncator(" ".join(item.action.split())).chars(120),
                    "workstream": workstream.name,
                },
                item.deadline,
                url=url,
                description=item.action,
                stamp=item.updated,
            )
        )
    # Meetings and other timed events from the apps that registered a calendar source.
    for event in calendar_events_for(user):
        calendar.add_component(timed_event(event))
    return calendar.to_ical()


def timed_event(event):
    """A registered CalendarEvent as a VEVENT, its times in UTC (no VTIMEZONE needed)."""
    component = _event(
        event.uid,
        event.summary,
        event.start,
        event.end,
        url=event.url,
        description=event.description,
        stamp=event.stamp,
    )
    if event.location:
        component.add("location", event.location)
    if event.cancelled:
        component.add("status", "CANCELLED")
    return component


def events_calendar(name, events):
    """A calendar of the given CalendarEvents, e.g. one meeting's .ics download."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(timed_event(event))
    return calendar.to_ical()


def workstream_calendar(workstream, milestones):
    """The public feed of one workstream's timeline (R-TL-1): milestones as all-day events."""
    calendar = _calendar(
        _("%(workstream)s · timeline") % {"workstream": workstream.name},
        _("Milestones and deadlines of %(workstream)s.") % {"workstream": workstream.name},
    )
    url = settings.SITE_URL + reverse("workstreams:timeline", args=[workstream.slug])
    for milestone in milestones:
        title = milestone.title
        if getattr(milestone, "is_deadline", False):
            title = _("Deadline: %(title)s") % {"title": title}
        calendar.add_component(
            _event(
                f"milestone-{milestone.pk}",
                title,
                milestone.start,
                milestone.end,
                url=url,
                description=milestone.description,
                stamp=milestone.updated,
            )
        )
    return calendar.to_ical()
