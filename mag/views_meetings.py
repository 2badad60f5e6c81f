"""Meetings: the list, the published agenda, .ics, registration, records, attendance and the
non-participation report (R-MAG-3, R-MAG-5, R-PN-5, R-BPF-4).

Views load, check mag.permissions (404 where the meeting may not be seen, 403 where it may be
seen but not changed), call a mag.meetings service, message and redirect.
"""

import datetime as dt
import functools
import zoneinfo
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.exceptions import DomainError, add_domain_error
from timelines.feeds import events_calendar
from workstreams.models import Membership, Workstream

from . import meetings as services
from . import permissions
from .forms_meetings import (
    AgendaDayForm,
    AgendaImportForm,
    AgendaItemForm,
    AttendanceForm,
    CancelMeetingForm,
    MeetingForm,
    RecordForm,
    RemoveRecordForm,
    manageable_workstreams,
)
from .models import (
    AgendaDay,
    AgendaItem,
    Attendance,
    MagTerm,
    Meeting,
    MeetingRecord,
    MeetingRegistration,
)

PER_PAGE = 25
EXPECTED_MEETINGS = 3  # R-MAG-3: the three MAG meetings a year


def _meeting(request, slug):
    """Tenant first, permission second: a meeting that may not be seen is missing (404)."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("workstream", "cycle"), slug=slug[:80]
    )
    if not permissions.can_view_meeting(request.user, meeting):
        raise Http404
    return meeting


def _managed(request, slug):
    meeting = _meeting(request, slug)
    if not permissions.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


# ---- List ------------------------------------------------------------------------------------


def meeting_list(request):
    """Upcoming and past meetings the reader may see, filtered by kind or workstream."""
    now = timezone.now()
    visible = Q(workstream__isnull=True) | Q(
        workstream__in=Workstream.objects.visible_to(request.user)
    )
    meetings = Meeting.objects.filter(visible).select_related("workstream")
    kind = request.GET.get("kind", "")
    if kind in Meeting.Kind.values:
        meetings = meetings.filter(kind=kind)
    else:
        kind = ""
    workstream = None
    slug = request.GET.get("workstream", "")[:80]
    if slug:
        workstream = Workstream.objects.visible_to(request.user).filter(slug=slug).first()
        meetings = meetings.filter(workstream=workstream) if workstream else meetings.none()
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    if when == "past":
        meetings = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        meetings = meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")
    page = Paginator(meetings, PER_PAGE).get_page(request.GET.get("page"))
    query = {"when": when}
    if kind:
        query["kind"] = kind
    if workstream:
        query["workstream"] = workstream.slug
    can_create = request.user.is_authenticated and permissions.can_schedule_meetings(
        request.user, manageable_workstreams(request.user)
    )
    return render(
        request,
        "mag/meeting_list.html",
        {
            "page_obj": page,
            "meetings": page.object_list,
            "kind": kind,
            "kinds": Meeting.Kind.choices,
            "when": when,
            "workstream": workstream,
            "query_string": urlencode(query),
            "can_create": can_create,
            "can_view_nonparticipation": permissions.can_view_nonparticipation(request.user),
            "this_year": timezone.localdate().year,
        },
    )


# ---- The agenda page (R-MAG-5) ---------------------------------------------------------------


# The IANA regions whose zones are places; everything else in the database is a legacy alias
# ("US/Eastern", "Etc/GMT+3", "SystemV/EST5"), a tool's artefact ("Factory", "localtime") or a
# bare abbreviation ("EST", "CET").
ZONE_REGIONS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)


@functools.cache
def real_time_zones():
    """The time zones a reader may pick: UTC and the region/place zones, sorted."""
    names = {
        name
        for name in zoneinfo.available_timezones()
        if name.split("/", 1)[0] in ZONE_REGIONS and "/" in name
    }
    return ["UTC", *sorted(names)]


def _zone_choices():
    return [(name, name.replace("_", " ")) for name in real_time_zones()]


def _reader_zone(request, meeting):
    """The zone the reader asked for (?tz=), else their profile's; None when it is the
    meeting's own or not a real zone. A refused ?tz= is said in a message."""
    asked = request.GET.get("tz", "")[:64]
    name = asked
    if not name and request.user.is_authenticated:
        profile = getattr(request.user, "profile", None)
        name = getattr(profile, "time_zone", "") or ""
    if not name or name == meeting.time_zone:
        return None
    if name not in real_time_zones():
        if asked:
            messages.error(
                request,
                _("“%(zone)s” is not a time zone the portal offers: choose one from the list.")
                % {"zone": asked},
            )
        return None
    return name


def agenda_days(meeting, reader_zone=None):
    """The agenda as days of slots: [(day, [slot])], a slot being a dict of its times, its
    items (each with its sub-items) and whether it is a break. Two queries."""
    items = AgendaItem.objects.order_by("order", "pk")
    days = list(meeting.days.prefetch_related(Prefetch("items", queryset=items)))
    zone = zoneinfo.ZoneInfo(meeting.time_zone)
    reader = zoneinfo.ZoneInfo(reader_zone) if reader_zone else None
    result = []
    for day in days:
        subs = defaultdict(list)
        top = []
        for item in day.items.all():
            (subs[item.parent_id] if item.parent_id else top).append(item)
        slots = []
        for item in top:
            item.subs = subs.get(item.pk, [])
            if item.starts is not None or not slots:
                slot = {"starts": item.starts, "ends": item.ends, "items": [], "continued": False}
                if reader and item.starts is not None:
                    # Naive, already in the reader's zone: templates must not convert again.
                    slot["reader_starts"] = (
                        dt.datetime.combine(day.date, item.starts, tzinfo=zone)
                        .astimezone(reader)
                        .replace(tzinfo=None)
                    )
                    slot["reader_ends"] = (
                        dt.datetime.combine(day.date, item.ends or item.starts, tzinfo=zone)
                        .astimezone(reader)
                        .replace(tzinfo=None)
                    )
                    slot["other_day"] = slot["reader_starts"].date() != day.date
                    slot["end_other_day"] = (
                        slot["reader_ends"].date() != slot["reader_starts"].date()
                    )
                slots.append(slot)
            slot = slots[-1]
            slot["items"].append(item)
            slot["continued"] = slot["continued"] or item.continued
        for slot in slots:
            slot["is_break"] = all(item.is_break for item in slot["items"])
        result.append((day, slots))
    return result


def _place(meeting):
    if meeting.time_zone in ("UTC", "Etc/UTC"):
        return ""
    if meeting.location:
        return meeting.location.split(",")[0].split("–")[0].strip()
    return meeting.time_zone.rsplit("/", 1)[-1].replace("_", " ")


def _expected_as_member(user, meeting):
    """A MAG member serving on the meeting's first day is expected at the MAG's own meetings
    (R-MAG-3): they take part as a member, not as an observer."""
    if not user.is_authenticated or meeting.workstream_id is not None:
        return False
    if meeting.kind not in (Meeting.Kind.MAG, Meeting.Kind.OPEN_CONSULTATIONS, Meeting.Kind.ANNUAL):
        return False
    day = meeting.starts_at.date()
    return MagTerm.objects.filter(user=user, start__lte=day, end__gte=day).exists()


def meeting_detail(request, slug):
    """The meeting's page: its published agenda in seed 003's layout, its time zone and the
    reader's, the remote link, registration and the records (R-MAG-5, R-PN-5)."""
    meeting = _meeting(request, slug)
    can_manage = permissions.can_manage_meeting(request.user, meeting)
    reader_zone = _reader_zone(request, meeting)
    show_agenda = meeting.agenda_published or can_manage
    registration = None
    if request.user.is_authenticated:
        registration = MeetingRegistration.objects.filter(
            meeting=meeting, user=request.user, cancelled_at__isnull=True
        ).first()
    records = meeting.records.select_related("removed_by__profile").order_by("kind", "created")
    if not can_manage:
        records = records.filter(removed_at__isnull=True)
    now = timezone.now()
    is_cancelled = meeting.status == Meeting.Status.CANCELLED
    expected = _expected_as_member(request.user, meeting)
    return render(
        request,
        "mag/meeting_detail.html",
        {
            "meeting": meeting,
            "days": agenda_days(meeting, reader_zone) if show_agenda else [],
            "show_agenda": show_agenda,
            "reader_zone": reader_zone,
            "place": _place(meeting),
            "zones": _zone_choices(),
            "records": list(records),
            "registration": registration,
            "is_over": meeting.ends_at < now,
            "is_cancelled": is_cancelled,
            "can_manage": can_manage,
            "expected_as_member": expected and meeting.ends_at >= now and not is_cancelled,
            "can_register": permissions.can_register_for_meeting(request.user, meeting)
            and not expected
            and meeting.ends_at >= now
            and not is_cancelled,
            "can_view_attendance": permissions.can_view_attendance(request.user, meeting),
        },
    )


def meeting_ics(request, slug):
    """One meeting as an .ics download (times in UTC)."""
    meeting = _meeting(request, slug)
    body = events_calendar(meeting.title, [services.calendar_event(meeting)])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return response


# ---- Create, edit, cancel --------------------------------------------------------------------


@login_required
def meeting_create(request):
    """Schedule a meeting: the Secretariat for the MAG or any workstream, a coordinator for
    their own workstream."""
    workstreams = manageable_workstreams(request.user)
    if not permissions.can_schedule_meetings(request.user, workstreams):
        raise PermissionDenied
    initial = {}
    slug = request.GET.get("workstream", "")[:80]
    if slug:
        workstream = workstreams.filter(slug=slug).first()
        if workstream is not None:
            kind = {v: k for k, v in services.OWNER_KIND.items() if v}.get(workstream.kind)
            initial = {"workstream": workstream.pk, "kind": kind}
    form = MeetingForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting = services.create_meeting(actor=request.user, **form.service_fields())
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The meeting has been scheduled."))
                return redirect("mag:agenda-edit", meeting.slug)
        messages.error(request, _("The meeting was not scheduled: see the form below."))
    status = 400 if request.method == "POST" else 200
    return render(request, "mag/meeting_form.html", {"form": form, "meeting": None}, status=status)


@login_required
def meeting_edit(request, slug):
    """Change a meeting's details, or cancel it with a reason."""
    meeting = _managed(request, slug)
    form = MeetingForm(user=request.user, meeting=meeting)
    cancel_form = CancelMeetingForm()
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            cancel_form = CancelMeetingForm(request.POST)
            if cancel_form.is_valid():
                try:
                    services.cancel_meeting(
                        actor=request.user,
                        meeting=meeting,
                        reason=cancel_form.cleaned_data["reason"],
                    )
                except DomainError as error:
                    add_domain_error(cancel_form, error)
                else:
                    messages.success(request, _("The meeting has been cancelled."))
                    return redirect("mag:meeting", meeting.slug)
            messages.error(request, _("The meeting was not cancelled: see the form below."))
        else:
            form = MeetingForm(request.POST, user=request.user, meeting=meeting)
            if form.is_valid():
                try:
                    services.edit_meeting(
                        actor=request.user, meeting=meeting, **form.service_fields()
                    )
                except DomainError as error:
                    add_domain_error(form, error)
                else:
                    messages.success(request, _("The meeting has been updated."))
                    return redirect("mag:meeting", meeting.slug)
            messages.error(request, _("The meeting was not updated: see the form below."))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "mag/meeting_form.html",
        {
            "form": form,
            "cancel_form": cancel_form,
            "meeting": meeting,
            "is_cancelled": meeting.status == Meeting.Status.CANCELLED,
        },
        status=status,
    )


# ---- Agenda editing (R-MAG-5) ----------------------------------------------------------------


def _agenda_action(request, meeting, forms):
    """Apply one POSTed agenda action; returns True when it succeeded."""
    action = request.POST.get("action", "")
    user = request.user
    if action in ("publish", "withdraw"):
        services.publish_agenda(actor=user, meeting=meeting, published=action == "publish")
        return True
    if action == "add_day":
        form = forms["day_form"] = AgendaDayForm(request.POST, prefix="day")
        if form.is_valid():
            services.add_agenda_day(actor=user, meeting=meeting, **form.cleaned_data)
            return True
        return False
    if action == "remove_day":
        day = _own_day(meeting, request.POST.get("day"))
        services.remove_agenda_day(actor=user, day=day)
        return True
    if action == "add_item":
        form = forms["item_form"] = AgendaItemForm(request.POST, meeting=meeting, prefix="item")
        if form.is_valid():
            services.add_agenda_item(actor=user, **form.cleaned_data)
            return True
        return False
    if action == "edit_item":
        item = _own_item(meeting, request.POST.get("item"))
        form = forms["edit_form"] = AgendaItemForm(
            request.POST, meeting=meeting, item=item, prefix="edit"
        )
        forms["editing"] = item
        if form.is_valid():
            data = {
                "starts": None,
                "ends": None,
                "number": None,
                "is_break": False,
                "continued": False,
            }
            data.update(form.cleaned_data)
            services.edit_agenda_item(actor=user, item=item, **data)
            return True
        return False
    if action == "remove_item":
        item = _own_item(meeting, request.POST.get("item"))
        services.remove_agenda_item(actor=user, item=item)
        return True
    if action == "import":
        form = forms["import_form"] = AgendaImportForm(request.POST, prefix="import")
        if form.is_valid():
            services.import_agenda(actor=user, meeting=meeting, **form.cleaned_data)
            return True
        return False
    raise Http404


def _own_day(meeting, pk):
    try:
        return get_object_or_404(AgendaDay, meeting=meeting, pk=int(pk or ""))
    except ValueError:
        raise Http404 from None


def _own_item(meeting, pk):
    try:
        return get_object_or_404(
            AgendaItem.objects.select_related("day__meeting", "parent"),
            day__meeting=meeting,
            pk=int(pk or ""),
        )
    except ValueError:
        raise Http404 from None


@login_required
def agenda_edit(request, slug):
    """The Secretariat's (or the owning coordinators') agenda editor: days, time slots,
    numbered items, lettered sub-items, breaks, presenters; import from text; publish."""
    meeting = _managed(request, slug)
    forms = {
        "day_form": AgendaDayForm(prefix="day"),
        "item_form": AgendaItemForm(meeting=meeting, prefix="item"),
        "import_form": AgendaImportForm(prefix="import"),
        "edit_form": None,
        "editing": None,
    }
    if request.method == "GET" and request.GET.get("item"):
        item = _own_item(meeting, request.GET["item"][:12])
        forms["editing"] = item
        forms["edit_form"] = AgendaItemForm(
            meeting=meeting,
            item=item,
            prefix="edit",
            initial={
                "starts": item.starts,
                "ends": item.ends,
                "number": item.number,
                "title": item.title,
                "presenter": item.presenter,
                "is_break": item.is_break,
                "continued": item.continued,
            },
        )
    status = 200
    if request.method == "POST":
        error_form = None
        try:
            done = _agenda_action(request, meeting, forms)
        except DomainError as error:
            done = False
            error_form = {
                "add_day": "day_form",
                "add_item": "item_form",
                "edit_item": "edit_form",
                "import": "import_form",
            }.get(request.POST.get("action"))
            if error_form and forms.get(error_form) is not None:
                add_domain_error(forms[error_form], error)
            else:
                messages.error(request, " ".join(error.messages))
        if done:
            messages.success(request, _("The agenda has been updated."))
            return redirect("mag:agenda-edit", meeting.slug)
        if error_form or request.POST.get("action") in (
            "add_day",
            "add_item",
            "edit_item",
            "import",
        ):
            messages.error(request, _("The agenda was not changed: see the form below."))
        status = 400
    return render(
        request,
        "mag/agenda_edit.html",
        {"meeting": meeting, "days": agenda_days(meeting), **forms},
        status=status,
    )


# ---- Observers (R-MAG-5, R-PN-5) -------------------------------------------------------------


@require_POST
def meeting_register(request, slug):
    """Register as an observer, or cancel one's registration."""
    meeting = _meeting(request, slug)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse('mag:meeting', args=[slug])}")
    try:
        if request.POST.get("action") == "cancel":
            services.cancel_registration(actor=request.user, meeting=meeting)
            messages.success(request, _("Your registration has been cancelled."))
        else:
            services.register_for_meeting(actor=request.user, meeting=meeting)
            messages.success(request, _("You are registered as an observer."))
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mag:meeting", meeting.slug)


# ---- Proceedings and transcripts (R-MAG-5) ---------------------------------------------------


@login_required
def meeting_records(request, slug):
    """Attach proceedings and transcripts after the meeting; remove one with a reason."""
    meeting = _managed(request, slug)
    form, remove_form, removing = RecordForm(), RemoveRecordForm(), None
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            try:
                removing = get_object_or_404(
                    MeetingRecord, meeting=meeting, pk=int(request.POST.get("record") or "")
                )
            except ValueError:
                raise Http404 from None
            remove_form = RemoveRecordForm(request.POST)
            if remove_form.is_valid():
                try:
                    services.remove_record(
                        actor=request.user,
                        meeting_record=removing,
                        reason=remove_form.cleaned_data["reason"],
                    )
                except DomainError as error:
                    add_domain_error(remove_form, error)
                else:
                    messages.success(request, _("The file has been removed from the page."))
                    return redirect("mag:meeting-records", meeting.slug)
            messages.error(request, _("The file was not removed: see the form below."))
        else:
            form = RecordForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    services.attach_record(
                        actor=request.user,
                        meeting=meeting,
                        kind=form.cleaned_data["kind"],
                        title=form.cleaned_data["title"],
                        uploaded_file=form.cleaned_data["file"],
                    )
                except DomainError as error:
                    add_domain_error(form, error)
                else:
                    messages.success(request, _("The file has been attached."))
                    return redirect("mag:meeting-records", meeting.slug)
            messages.error(request, _("The file was not attached: see the form below."))
        status = 400
    records = meeting.records.select_related("uploaded_by__profile", "removed_by__profile")
    return render(
        request,
        "mag/meeting_records.html",
        {
            "meeting": meeting,
            "records": records,
            "form": form,
            "remove_form": remove_form,
            "removing": removing,
            "has_begun": meeting.starts_at <= timezone.now(),
        },
        status=status,
    )


def meeting_record_download(request, slug, pk):
    """Every download passes here, with the meeting's permission checked each time."""
    meeting = _meeting(request, slug)
    meeting_record = get_object_or_404(MeetingRecord, meeting=meeting, pk=pk)
    if meeting_record.removed_at and not permissions.can_manage_meeting(request.user, meeting):
        raise Http404
    try:
        handle = meeting_record.file.storage.open(meeting_record.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    name = meeting_record.file.name.rsplit("/", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=meeting_record.content_type or "application/octet-stream",
    )
    # The browser takes the type the portal checked, never one it guesses from the bytes.
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---- Attendance (R-MAG-3) --------------------------------------------------------------------


def _attendance_people(meeting):
    """Who the attendance form lists: the MAG members serving on the meeting's first day (or
    the workstream's members), registered observers, and anyone already recorded."""
    day = meeting.starts_at.date()
    people = {}
    if meeting.workstream_id is None:
        terms = MagTerm.objects.filter(start__lte=day, end__gte=day).select_related("user__profile")
        for term in terms:
            people.setdefault(term.user.pk, (term.user, _("MAG member")))
    else:
        memberships = Membership.objects.active().filter(workstream_id=meeting.workstream_id)
        for membership in memberships.select_related("user__profile"):
            people.setdefault(membership.user.pk, (membership.user, membership.get_role_display()))
    registrations = meeting.registrations.filter(cancelled_at__isnull=True).select_related(
        "user__profile"
    )
    for registration in registrations:
        people.setdefault(registration.user.pk, (registration.user, _("Registered observer")))
    recorded = {
        row.user_id: row
        for row in meeting.attendance.select_related("user__profile", "recorded_by__profile")
    }
    for row in recorded.values():
        people.setdefault(row.user_id, (row.user, _("Recorded")))
    ordered = sorted(people.values(), key=lambda pair: str(pair[0].public_name).lower())
    return ordered, recorded


@login_required
def attendance(request, slug):
    """The Secretariat records who took part in a meeting (R-MAG-3); not public."""
    meeting = _meeting(request, slug)
    if not permissions.can_view_attendance(request.user, meeting):
        raise PermissionDenied
    can_record = permissions.can_record_attendance(request.user, meeting)
    people, recorded = _attendance_people(meeting)
    form = AttendanceForm(request.POST or None, people=people, recorded=recorded)
    status = 200
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                changed = _save_attendance(request.user, meeting, form)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("Attendance saved: %(count)s change(s) recorded.") % {"count": changed},
                )
                return redirect("mag:attendance", meeting.slug)
        messages.error(request, _("The attendance was not saved: see the form below."))
        status = 400
    return render(
        request,
        "mag/attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "rows": form.bound_rows(),
            "has_begun": meeting.starts_at <= timezone.now(),
            "can_record": can_record,
            "this_year": meeting.starts_at.year,
        },
        status=status,
    )


def _save_attendance(actor, meeting, form):
    data = form.cleaned_data
    changed = 0
    for person, _reason, _row in form.rows:
        status = data.get(f"status_{person.pk}")
        if status:
            row = services.record_attendance(
                actor=actor,
                meeting=meeting,
                user=person,
                status=status,
                note=data.get(f"note_{person.pk}", ""),
            )
            changed += row is not None
    if data.get("add_email"):
        row = services.record_attendance(
            actor=actor, meeting=meeting, user=data["add_email"], status=data["add_status"]
        )
        changed += row is not None
    return changed


@login_required
def nonparticipation(request, year):
    """Current MAG members who attended fewer than the three expected MAG meetings in a year
    (R-MAG-3): the Secretariat's report."""
    if not permissions.can_view_nonparticipation(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    if not 2000 <= year <= today.year + 1:
        raise Http404
    if year == today.year:
        terms = MagTerm.objects.current(today)
    else:
        terms = MagTerm.objects.filter(
            start__lte=dt.date(year, 12, 31), end__gte=dt.date(year, 1, 1)
        )
    terms = terms.select_related("user__profile", "stakeholder_group").order_by("user_id", "-start")
    members = {}
    for term in terms:
        members.setdefault(term.user_id, term)
    counted = Meeting.objects.counted_for_attendance().filter(starts_at__year=year)
    held = counted.filter(starts_at__lte=timezone.now()).count()
    attended = dict(
        Attendance.objects.filter(
            meeting__in=counted, status__in=Attendance.ATTENDED, user_id__in=list(members)
        )
        .values("user_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "n")
    )
    below = sorted(
        (
            (term, attended.get(user_id, 0))
            for user_id, term in members.items()
            if attended.get(user_id, 0) < EXPECTED_MEETINGS
        ),
        key=lambda pair: (pair[1], str(pair[0].user.public_name).lower()),
    )
    page = Paginator(below, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "mag/nonparticipation.html",
        {
            "year": year,
            "page_obj": page,
            "rows": page.object_list,
            "members": len(members),
            "below": len(below),
            "held": held,
            "expected": EXPECTED_MEETINGS,
            "years": _report_years(today, year),
            "not_started": year > today.year,
            "not_over": year == today.year,
        },
    )


def _report_years(today, year):
    """The years worth a report: those a MAG term covers or a counted meeting falls in, up to
    next year, and the year shown."""
    years = {year}
    for start, end in MagTerm.objects.values_list("start", "end").distinct():
        years.update(range(start.year, end.year + 1))
    years.update(
        d.year for d in Meeting.objects.counted_for_attendance().dates("starts_at", "year")
    )
    return sorted(y for y in years if 2000 <= y <= today.year + 1)
