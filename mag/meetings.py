"""Every write to meetings, agendas, registrations, records and attendance (R-MAG-3, R-MAG-5,
R-PN-5, R-BPF-4).

Each service takes actor=, runs in one transaction, checks mag.permissions, refuses with a
DomainError naming the rule, and records its decision with mag.events.record. Nothing is
deleted: a cancelled meeting, a cancelled registration and a removed record keep their rows.
Agenda rows are the one exception: a draft agenda is edited freely, and each removal is
recorded with the item's text, so the event log keeps what the agenda said.
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError
from workstreams.models import Workstream
from workstreams.spaces import content_type_for, safe_filename, validate_upload

from . import permissions
from .agenda_import import parse_agenda
from .events import record
from .models import (
    AgendaDay,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingRecord,
    MeetingRegistration,
)

Kind = Meeting.Kind

# Which workstream kind holds each kind of meeting; None: the MAG's own (no workstream).
OWNER_KIND = {
    Kind.MAG: None,
    Kind.OPEN_CONSULTATIONS: None,
    Kind.ANNUAL: None,
    Kind.PN_CALL: Workstream.Kind.PN,
    Kind.BPF_MEETING: Workstream.Kind.BPF,
    Kind.DC_MEETING: Workstream.Kind.DC,
}
# Meetings the rules say are open to observers: MAG meetings and open consultations
# (R-MAG-5), the Policy Network's monthly working-group calls (R-PN-5).
OPEN_BY_RULE = {
    Kind.MAG: "R-MAG-5",
    Kind.OPEN_CONSULTATIONS: "R-MAG-5",
    Kind.PN_CALL: "R-PN-5",
}
MEETING_FIELDS = (
    "kind",
    "title",
    "purpose",
    "starts_at",
    "ends_at",
    "time_zone",
    "location",
    "remote_url",
    "open_to_observers",
    "cycle",
)


def _require(allowed, message=None):
    if not allowed:
        raise PermissionDenied(message or _("You may not do this."))


def _reason(reason, field="reason"):
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give a reason: it is kept in the record."), field=field)
    return reason


def _locked(meeting):
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("workstream")
        .get(pk=meeting.pk)
    )


# Longer is a typing slip (a wrong year), not a meeting.
MAX_MEETING_LENGTH = dt.timedelta(days=31)


def _check_meeting(*, kind, workstream, starts_at, ends_at, time_zone, open_to_observers):
    if kind not in Kind.values:
        raise DomainError(_("Choose a kind of meeting."), field="kind")
    expected = OWNER_KIND.get(kind)
    if expected is None and kind != Kind.OTHER and workstream is not None:
        raise DomainError(
            _("A %(kind)s is the MAG's own: it has no workstream.") % {"kind": Kind(kind).label},
            field="kind",
        )
    if expected is not None and (workstream is None or workstream.kind != expected):
        raise DomainError(
            _("A %(kind)s is held by a %(owner)s: choose one as its workstream.")
            % {"kind": Kind(kind).label, "owner": Workstream.Kind(expected).label},
            field="workstream",
        )
    if ends_at < starts_at:
        raise DomainError(_("A meeting ends after it starts."), field="ends_at")
    if ends_at - starts_at > MAX_MEETING_LENGTH:
        raise DomainError(_("A meeting lasts at most 31 days."), field="ends_at")
    if time_zone not in zoneinfo.available_timezones():
        raise DomainError(
            _("“%(zone)s” is not a known time zone.") % {"zone": time_zone[:64]},
            field="time_zone",
        )
    rule = OPEN_BY_RULE.get(kind)
    if rule and not open_to_observers:
        raise DomainError(
            _("A %(kind)s is open to observers.") % {"kind": Kind(kind).label},
            field="open_to_observers",
            rule=rule,
        )


def _unique_slug(title, starts_at):
    base = slugify(f"{title}-{starts_at:%Y-%m-%d}")[:70].strip("-") or "meeting"
    slug, n = base, 2
    while Meeting.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_meeting(
    *,
    actor,
    kind,
    title,
    starts_at,
    ends_at,
    time_zone="UTC",
    workstream=None,
    cycle=None,
    purpose="",
    location="",
    remote_url="",
    open_to_observers=True,
    slug=None,
):
    """Schedule a meeting for the MAG (the Secretariat) or a workstream (its coordinators);
    MAG meetings, open consultations and PN calls are open to observers (R-MAG-5, R-PN-5)."""
    _require(permissions.can_manage_meeting(actor, workstream=workstream))
    _check_meeting(
        kind=kind,
        workstream=workstream,
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        open_to_observers=open_to_observers,
    )
    meeting = Meeting.objects.create(
        kind=kind,
        workstream=workstream,
        cycle=cycle,
        title=title,
        slug=slug or _unique_slug(title, starts_at),
        purpose=purpose,
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        location=location,
        remote_url=remote_url,
        open_to_observers=open_to_observers,
        created_by=actor,
    )
    record(
        actor=actor,
        action="meeting_created",
        meeting=meeting,
        cycle=cycle,
        kind=kind,
        workstream=workstream.slug if workstream else None,
        starts_at=starts_at.isoformat(),
    )
    return meeting


@transaction.atomic
def edit_meeting(*, actor, meeting, **changes):
    """Change a meeting's details; the event lists what changed (R-MAG-5)."""
    meeting = _locked(meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    new = {name: changes.get(name, getattr(meeting, name)) for name in MEETING_FIELDS}
    _check_meeting(
        kind=new["kind"],
        workstream=meeting.workstream,
        starts_at=new["starts_at"],
        ends_at=new["ends_at"],
        time_zone=new["time_zone"],
        open_to_observers=new["open_to_observers"],
    )
    changed = {}
    for name, value in new.items():
        if getattr(meeting, name) != value:
            before = getattr(meeting, name)
            changed[name] = [_plain(before), _plain(value)]
            setattr(meeting, name, value)
    if changed:
        meeting.save()
        record(actor=actor, action="meeting_edited", meeting=meeting, changed=changed)
    return meeting


def _plain(value):
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


@transaction.atomic
def cancel_meeting(*, actor, meeting, reason):
    """Cancel a meeting; it stays listed as cancelled, with the reason."""
    meeting = _locked(meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    if meeting.status == Meeting.Status.CANCELLED:
        raise DomainError(_("This meeting is already cancelled."))
    meeting.cancel_reason = _reason(reason)
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status", "cancel_reason", "updated"])
    record(actor=actor, action="meeting_cancelled", meeting=meeting, reason=meeting.cancel_reason)
    return meeting


# ---- Agendas (R-MAG-5) -----------------------------------------------------------------------


def _check_day_date(meeting, date):
    tz = zoneinfo.ZoneInfo(meeting.time_zone)
    first = meeting.starts_at.astimezone(tz).date()
    last = meeting.ends_at.astimezone(tz).date()
    if not first <= date <= last:
        raise DomainError(
            _("The day must fall within the meeting, from %(first)s to %(last)s.")
            % {"first": first.isoformat(), "last": last.isoformat()},
            field="date",
        )


@transaction.atomic
def add_agenda_day(*, actor, meeting, date, title="", note=""):
    """Add a day to a meeting's agenda ("Day 2: 13 June 2017 - MAG Meeting")."""
    meeting = _locked(meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    _check_day_date(meeting, date)
    order = (meeting.days.aggregate(m=Max("order"))["m"] or 0) + 1
    day = AgendaDay.objects.create(meeting=meeting, date=date, title=title, note=note, order=order)
    record(
        actor=actor,
        action="agenda_day_added",
        meeting=meeting,
        day=day.pk,
        date=date.isoformat(),
        title=title,
    )
    return day


@transaction.atomic
def edit_agenda_day(*, actor, day, date, title="", note=""):
    """Change an agenda day's date, title or note."""
    meeting = _locked(day.meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    _check_day_date(meeting, date)
    before = {"date": day.date.isoformat(), "title": day.title, "note": day.note}
    day.date, day.title, day.note = date, title, note
    day.save()
    record(
        actor=actor,
        action="agenda_day_edited",
        meeting=meeting,
        day=day.pk,
        before=before,
        after={"date": date.isoformat(), "title": title, "note": note},
    )
    return day


def _item_snapshot(item):
    return {
        "starts": item.starts.isoformat() if item.starts else None,
        "ends": item.ends.isoformat() if item.ends else None,
        "number": item.number,
        "title": item.title,
        "presenter": item.presenter,
        "is_break": item.is_break,
        "continued": item.continued,
        "parent": item.parent_id,
    }


def _check_item(*, day, parent, starts, ends, is_break):
    if (starts is None) != (ends is None):
        raise DomainError(_("Give both the start and the end of the time slot, or neither."))
    if starts is not None and ends < starts:
        raise DomainError(_("A time slot ends after it starts."), field="ends")
    if parent is not None:
        if parent.day_id != day.pk:
            raise DomainError(_("A sub-item belongs to an item of the same day."), field="parent")
        if parent.parent_id is not None:
            raise DomainError(
                _("Sub-items are one level deep: choose a numbered item."), field="parent"
            )
        if is_break or parent.is_break:
            raise DomainError(_("A break has no sub-items."), field="parent")


@transaction.atomic
def add_agenda_item(
    *,
    actor,
    day,
    title,
    starts=None,
    ends=None,
    number=None,
    presenter="",
    is_break=False,
    continued=False,
    parent=None,
):
    """Add a numbered item, a lettered sub-item (with parent) or a break to an agenda day."""
    meeting = _locked(day.meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    _check_item(day=day, parent=parent, starts=starts, ends=ends, is_break=is_break)
    siblings = AgendaItem.objects.filter(day=day, parent=parent)
    order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        day=day,
        parent=parent,
        starts=None if parent else starts,
        ends=None if parent else ends,
        number=None if (parent or is_break) else number,
        title=title,
        presenter=presenter,
        is_break=is_break,
        continued=continued,
        order=order,
    )
    record(
        actor=actor,
        action="agenda_item_added",
        meeting=meeting,
        day=day.pk,
        item=item.pk,
        **_item_snapshot(item),
    )
    return item


@transaction.atomic
def edit_agenda_item(
    *,
    actor,
    item,
    title,
    starts=None,
    ends=None,
    number=None,
    presenter="",
    is_break=False,
    continued=False,
):
    """Change an agenda item; the event keeps what it said before."""
    meeting = _locked(item.day.meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    _check_item(day=item.day, parent=item.parent, starts=starts, ends=ends, is_break=is_break)
    before = _item_snapshot(item)
    if item.parent_id is None:
        item.starts, item.ends = starts, ends
        item.number = None if is_break else number
    item.title, item.presenter = title, presenter
    item.is_break, item.continued = is_break, continued
    item.save()
    record(
        actor=actor,
        action="agenda_item_edited",
        meeting=meeting,
        item=item.pk,
        before=before,
        after=_item_snapshot(item),
    )
    return item


@transaction.atomic
def remove_agenda_item(*, actor, item):
    """Take an item (and its sub-items) off the agenda; the event keeps their text."""
    meeting = _locked(item.day.meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    removed = [_item_snapshot(item)] + [_item_snapshot(sub) for sub in item.sub_items.all()]
    record(
        actor=actor, action="agenda_item_removed", meeting=meeting, item=item.pk, removed=removed
    )
    item.delete()


@transaction.atomic
def remove_agenda_day(*, actor, day):
    """Take a day (and its items) off the agenda; the event keeps their text."""
    meeting = _locked(day.meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    removed = [_item_snapshot(item) for item in day.items.all()]
    record(
        actor=actor,
        action="agenda_day_removed",
        meeting=meeting,
        day=day.pk,
        date=day.date.isoformat(),
        title=day.title,
        removed=removed,
    )
    day.delete()


@transaction.atomic
def import_agenda(*, actor, meeting, text, replace=False):
    """Add the days and items of an agenda written in seed 003's layout (R-MAG-5). With
    replace, the current days are removed first (recorded, like any removal)."""
    meeting = _locked(meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    parsed = parse_agenda(text)
    for parsed_day in parsed.days:
        _check_day_date(meeting, parsed_day.date)
    if replace:
        for day in list(meeting.days.all()):
            remove_agenda_day(actor=actor, day=day)
    order = meeting.days.aggregate(m=Max("order"))["m"] or 0
    items = 0
    for parsed_day in parsed.days:
        order += 1
        day = AgendaDay.objects.create(
            meeting=meeting, date=parsed_day.date, title=parsed_day.title, order=order
        )
        for position, parsed_item in enumerate(parsed_day.items, start=1):
            item = AgendaItem.objects.create(day=day, **parsed_item.row_fields(position))
            AgendaItem.objects.bulk_create(
                AgendaItem(day=day, parent=item, title=sub, order=letter)
                for letter, sub in enumerate(parsed_item.sub_items, start=1)
            )
            items += 1 + len(parsed_item.sub_items)
    record(
        actor=actor,
        action="agenda_imported",
        meeting=meeting,
        days=len(parsed.days),
        items=items,
        replace=bool(replace),
        text=text,
    )
    return parsed


@transaction.atomic
def publish_agenda(*, actor, meeting, published=True):
    """Publish (or withdraw) a meeting's agenda page (R-MAG-5)."""
    meeting = _locked(meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    if published and not meeting.days.exists():
        raise DomainError(
            _("Add at least one day to the agenda before publishing it."), rule="R-MAG-5"
        )
    if meeting.agenda_published != published:
        meeting.agenda_published = published
        meeting.save(update_fields=["agenda_published", "updated"])
        record(
            actor=actor,
            action="agenda_published" if published else "agenda_withdrawn",
            meeting=meeting,
        )
    return meeting


# ---- Observers (R-MAG-5, R-PN-5) -------------------------------------------------------------


@transaction.atomic
def register_for_meeting(*, actor, meeting):
    """Register the actor as an observer of a meeting open to them (R-MAG-5, R-PN-5)."""
    meeting = _locked(meeting)
    if not meeting.open_to_observers:
        raise DomainError(_("This meeting is not open to observers."))
    _require(permissions.can_register_for_meeting(actor, meeting))
    if meeting.status == Meeting.Status.CANCELLED:
        raise DomainError(_("This meeting is cancelled."))
    if meeting.ends_at < timezone.now():
        raise DomainError(_("This meeting is over: registration has closed."))
    registration, created = MeetingRegistration.objects.select_for_update().get_or_create(
        meeting=meeting, user=actor
    )
    if not created and registration.cancelled_at is None:
        raise DomainError(_("You are already registered for this meeting."))
    if not created:
        registration.cancelled_at = None
        registration.save(update_fields=["cancelled_at", "updated"])
    record(actor=actor, action="registered", meeting=meeting, subject_user=actor)
    return registration


@transaction.atomic
def cancel_registration(*, actor, meeting):
    """Withdraw the actor's registration; the row stays, marked cancelled."""
    registration = (
        MeetingRegistration.objects.select_for_update()
        .filter(meeting=meeting, user=actor, cancelled_at__isnull=True)
        .first()
    )
    if registration is None:
        raise DomainError(_("You are not registered for this meeting."))
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["cancelled_at", "updated"])
    record(actor=actor, action="registration_cancelled", meeting=meeting, subject_user=actor)
    return registration


# ---- Proceedings and transcripts (R-MAG-5) ---------------------------------------------------


@transaction.atomic
def attach_record(*, actor, meeting, kind, title, uploaded_file):
    """Attach proceedings, a transcript or a summary once the meeting has started (R-MAG-5)."""
    meeting = _locked(meeting)
    _require(permissions.can_manage_meeting(actor, meeting))
    if kind not in MeetingRecord.Kind.values:
        raise DomainError(_("Choose what the file is."), field="kind")
    if meeting.starts_at > timezone.now():
        raise DomainError(
            _("Proceedings and transcripts are attached after the meeting has begun."),
            field="file",
            rule="R-MAG-5",
        )
    file_type, extension = validate_upload(uploaded_file, getattr(uploaded_file, "name", ""))
    meeting_record = MeetingRecord(
        meeting=meeting,
        kind=kind,
        title=title,
        content_type=content_type_for(file_type, extension),
        size=uploaded_file.size,
        uploaded_by=actor,
    )
    # Through the storage API (default_storage); the storage picks a free name.
    meeting_record.file.save(
        safe_filename(uploaded_file.name, extension), uploaded_file, save=False
    )
    try:
        meeting_record.save()
    except Exception:
        meeting_record.file.delete(save=False)
        raise
    record(
        actor=actor,
        action="record_attached",
        meeting=meeting,
        record=meeting_record.pk,
        kind=kind,
        title=title,
    )
    return meeting_record


@transaction.atomic
def remove_record(*, actor, meeting_record, reason):
    """Withdraw a record from the meeting's page; the row and file stay, with the reason."""
    meeting_record = (
        MeetingRecord.objects.select_for_update(of=("self",))
        .select_related("meeting__workstream")
        .get(pk=meeting_record.pk)
    )
    _require(permissions.can_manage_meeting(actor, meeting_record.meeting))
    if meeting_record.removed_at is not None:
        raise DomainError(_("This file has already been removed."))
    meeting_record.remove_reason = _reason(reason)
    meeting_record.removed_at = timezone.now()
    meeting_record.removed_by = actor
    meeting_record.save(update_fields=["removed_at", "removed_by", "remove_reason", "updated"])
    record(
        actor=actor,
        action="record_removed",
        meeting=meeting_record.meeting,
        reason=meeting_record.remove_reason,
        record=meeting_record.pk,
        title=meeting_record.title,
    )
    return meeting_record


# ---- Attendance (R-MAG-3) --------------------------------------------------------------------


@transaction.atomic
def record_attendance(*, actor, meeting, user, status, note=""):
    """Record whether a person took part (R-MAG-3); a correction keeps the row and the event
    log keeps each change. Returns the row, or None when nothing changed."""
    _require(permissions.can_record_attendance(actor, meeting))
    if status not in Attendance.Status.values:
        raise DomainError(_("Choose how the person took part."), field="status", rule="R-MAG-3")
    if meeting.status == Meeting.Status.CANCELLED:
        raise DomainError(_("This meeting was cancelled: nobody attended it."), rule="R-MAG-3")
    if meeting.starts_at > timezone.now():
        raise DomainError(_("Attendance is recorded once the meeting has begun."), rule="R-MAG-3")
    row = Attendance.objects.select_for_update().filter(meeting=meeting, user=user).first()
    if row is not None and row.status == status and row.note == note:
        return None
    before = row.status if row else None
    if row is None:
        row = Attendance(meeting=meeting, user=user, recorded_by=actor)
    row.status, row.note, row.recorded_by = status, note, actor
    row.save()
    record(
        actor=actor,
        action="attendance_recorded",
        meeting=meeting,
        subject_user=user,
        before=before,
        status=status,
        note=note,
    )
    return row


# ---- Calendars -------------------------------------------------------------------------------


def meeting_url(meeting):
    return settings.SITE_URL + reverse("mag:meeting", args=[meeting.slug])


def calendar_event(meeting):
    """One meeting as a timelines calendar event (times in UTC)."""
    from timelines.registry import CalendarEvent

    description = meeting.purpose
    if meeting.remote_url:
        description = (f"{description}\n\n" if description else "") + _(
            "Remote participation: %(url)s"
        ) % {"url": meeting.remote_url}
    return CalendarEvent(
        uid=f"meeting-{meeting.pk}",
        summary=meeting.title,
        start=meeting.starts_at,
        end=meeting.ends_at,
        url=meeting_url(meeting),
        description=description,
        location=meeting.location or meeting.remote_url,
        stamp=meeting.updated,
        cancelled=meeting.status == Meeting.Status.CANCELLED,
    )


def meetings_for(user, now=None):
    """Meetings a person is expected at or registered for, in one query: MAG meetings for a
    current MAG member, their workstreams' meetings, and those they registered for."""
    from django.db.models import Exists, OuterRef, Q

    from workstreams.models import Membership

    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    since = (now or timezone.now()) - dt.timedelta(days=90)
    condition = Q(
        Exists(
            Membership.objects.active().filter(user=user, workstream_id=OuterRef("workstream_id"))
        )
    ) | Q(
        Exists(
            MeetingRegistration.objects.filter(
                user=user, meeting_id=OuterRef("pk"), cancelled_at__isnull=True
            )
        )
    )
    if permissions.is_mag_member(user):
        condition |= Q(workstream__isnull=True)
    return Meeting.objects.filter(condition, ends_at__gte=since).order_by("starts_at", "pk")


def calendar_source(user):
    """Registered with timelines: the person's meetings for their personal iCal feed."""
    return [calendar_event(meeting) for meeting in meetings_for(user)]
