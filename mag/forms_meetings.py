"""Forms for meetings, agendas, records and attendance. Every text goes through a form field
(length and NUL bytes checked here, so PostgreSQL never sees them)."""

import datetime as dt
import zoneinfo

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import TIME_ZONE_CHOICES
from workstreams.models import IgfCycle, Workstream

from .agenda_import import MAX_TEXT
from .forms import OptionalPersonField
from .meetings import OWNER_KIND
from .models import AgendaItem, Attendance, Meeting, MeetingRecord

TEXT_LIMIT = 20000
DATE = {"type": "date"}
TIME = {"type": "time"}


def _text(label, required=True, rows=4, max_length=TEXT_LIMIT, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def manageable_workstreams(user):
    """The workstreams whose meetings this person may schedule: all that hold meetings for
    the Secretariat, those they coordinate for anyone else."""
    from workstreams.permissions import manageable_workstreams as managed

    holders = [kind for kind in OWNER_KIND.values() if kind]
    return managed(user).filter(kind__in=holders).order_by("kind", "name")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    workstream = forms.ModelChoiceField(
        label=_("Held by"),
        queryset=Workstream.objects.none(),
        required=False,
        empty_label=_("The MAG (no workstream)"),
        help_text=_("A PN call, a BPF or DC virtual meeting belongs to its workstream."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = _text(_("Purpose"), required=False)
    time_zone = forms.ChoiceField(
        label=_("Time zone of the meeting"),
        choices=TIME_ZONE_CHOICES,
        initial="UTC",
        help_text=_("The agenda's times are in this zone, e.g. Europe/Zurich for Geneva."),
    )
    start_date = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs=DATE))
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs=TIME, format="%H:%M")
    )
    end_date = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs=DATE))
    end_time = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs=TIME, format="%H:%M")
    )
    location = forms.CharField(
        label=_("Place"),
        max_length=300,
        required=False,
        help_text=_("e.g. Geneva, Room K, ITU Montbrillant Building; empty when online only."),
    )
    remote_url = forms.URLField(
        label=_("Remote participation link"), required=False, max_length=200, assume_scheme="https"
    )
    open_to_observers = forms.BooleanField(
        label=_("Open to observers"), required=False, initial=True
    )
    cycle = forms.ModelChoiceField(
        label=_("IGF cycle"), queryset=IgfCycle.objects.order_by("-year"), required=False
    )

    def __init__(self, *args, user=None, meeting=None, **kwargs):
        self.meeting = meeting
        if meeting is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = self.initial_from(meeting)
        super().__init__(*args, **kwargs)
        if meeting is not None:
            # The owner of a meeting is fixed: moving it would move it between tenants.
            del self.fields["workstream"]
        else:
            self.fields["workstream"].queryset = manageable_workstreams(user)

    @staticmethod
    def initial_from(meeting):
        zone = zoneinfo.ZoneInfo(meeting.time_zone)
        starts, ends = meeting.starts_at.astimezone(zone), meeting.ends_at.astimezone(zone)
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "purpose": meeting.purpose,
            "time_zone": meeting.time_zone,
            "start_date": starts.date(),
            "start_time": starts.time().replace(second=0, microsecond=0),
            "end_date": ends.date(),
            "end_time": ends.time().replace(second=0, microsecond=0),
            "location": meeting.location,
            "remote_url": meeting.remote_url,
            "open_to_observers": meeting.open_to_observers,
            "cycle": meeting.cycle_id,
        }

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        parts = ("start_date", "start_time", "end_date", "end_time")
        if zone_name and all(data.get(name) is not None for name in parts):
            zone = zoneinfo.ZoneInfo(zone_name)
            data["starts_at"] = dt.datetime.combine(
                data["start_date"], data["start_time"], tzinfo=zone
            )
            data["ends_at"] = dt.datetime.combine(data["end_date"], data["end_time"], tzinfo=zone)
            if data["ends_at"] < data["starts_at"]:
                self.add_error("end_time", _("The meeting ends after it starts."))
            elif data["ends_at"] - data["starts_at"] > dt.timedelta(days=31):
                self.add_error("end_date", _("A meeting lasts at most 31 days."))
        return data

    def service_fields(self):
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
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
        }
        if "workstream" in self.fields:
            fields["workstream"] = data.get("workstream")
        return fields


class CancelMeetingForm(forms.Form):
    reason = _text(_("Why is the meeting cancelled?"), rows=2)


class AgendaDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE))
    title = forms.CharField(
        label=_("Title of the day"),
        max_length=200,
        required=False,
        help_text=_("e.g. Open Consultations, or MAG Meeting (open to observers)."),
    )
    note = forms.CharField(
        label=_("Note"), max_length=200, required=False, help_text=_("e.g. a room.")
    )


class AgendaItemForm(forms.Form):
    # A day is required and the days are few: no "---------" choice, the first day is chosen.
    day = forms.ModelChoiceField(label=_("Day"), queryset=None, empty_label=None)
    parent = forms.ModelChoiceField(
        label=_("Sub-item of"),
        queryset=None,
        required=False,
        empty_label=_("None: a numbered item or a break"),
        help_text=_("Choose a numbered item to add a lettered sub-item a), b)…"),
    )
    starts = forms.TimeField(
        label=_("Time slot from"),
        required=False,
        widget=forms.TimeInput(attrs=TIME, format="%H:%M"),
        help_text=_("Leave the slot empty for another item in the previous slot."),
    )
    ends = forms.TimeField(
        label=_("Time slot until"),
        required=False,
        widget=forms.TimeInput(attrs=TIME, format="%H:%M"),
    )
    number = forms.IntegerField(label=_("Number"), required=False, min_value=1, max_value=999)
    title = _text(_("Agenda item"), rows=2, max_length=2000)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    is_break = forms.BooleanField(label=_("A break (e.g. Lunch)"), required=False)
    continued = forms.BooleanField(label=_("Continued in the next slot"), required=False)

    def __init__(self, *args, meeting, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["day"].queryset = meeting.days.all()
        self.fields["parent"].queryset = AgendaItem.objects.filter(
            day__meeting=meeting, parent__isnull=True, is_break=False
        ).select_related("day")
        self.fields["parent"].label_from_instance = _item_label
        self.fields["day"].label_from_instance = _day_label
        if item is not None:
            # An item stays on its day and under its parent; only its content changes.
            del self.fields["day"]
            del self.fields["parent"]
            if item.parent_id is not None:
                for name in ("starts", "ends", "number", "is_break", "continued"):
                    del self.fields[name]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if (
            (starts is None) != (ends is None)
            and not self.has_error("starts")
            and not self.has_error("ends")
        ):
            self.add_error(
                "ends", _("Give both the start and the end of the time slot, or neither.")
            )
        elif starts and ends and ends < starts:
            self.add_error("ends", _("A time slot ends after it starts."))
        parent = data.get("parent")
        if parent is not None and data.get("day") and parent.day_id != data["day"].pk:
            self.add_error("parent", _("A sub-item belongs to an item of the same day."))
        if parent is not None and data.get("is_break"):
            self.add_error("is_break", _("A break has no sub-items."))
        return data


def _day_label(day):
    date = formats.date_format(day.date, "DATE_FORMAT")
    return f"{date} – {day.title}" if day.title else date


def _item_label(item):
    number = f"{item.number}. " if item.number else ""
    return f"{formats.date_format(item.day.date, 'DATE_FORMAT')} · {number}{item.title[:60]}"


class AgendaImportForm(forms.Form):
    text = _text(
        _("Agenda text"),
        rows=16,
        max_length=MAX_TEXT,
        help_text=_(
            "One line “Day 1: 12 June 2017 - Title” per day, then one line per time slot "
            "(“10:00 - 10:50<tab>1. Item a) sub-item b) sub-item”); “(continued below)” "
            "after the times; Lunch is a break."
        ),
    )
    replace = forms.BooleanField(
        label=_("Replace the current agenda"),
        required=False,
        help_text=_("Otherwise the days are added."),
    )


class RecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is it?"), choices=MeetingRecord.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), max_length=300)


class RemoveRecordForm(forms.Form):
    reason = _text(_("Why is it removed?"), rows=2)


class AttendanceForm(forms.Form):
    """One status and note per person; a person can be added by email address."""

    add_email = OptionalPersonField(
        label=_("Add a person by email address"),
        required=False,
        help_text=_("Someone not listed: a MAG member who joined later, or a guest."),
    )
    add_status = forms.ChoiceField(
        label=_("Their attendance"),
        choices=[("", "—")] + Attendance.Status.choices,
        required=False,
    )

    def __init__(self, *args, people, recorded, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.rows = []
        for person, reason in people:
            row = recorded.get(person.pk)
            status = forms.ChoiceField(
                label=_("Attendance of %(name)s") % {"name": person.public_name},
                choices=[("", _("Not recorded"))] + Attendance.Status.choices,
                required=False,
                initial=row.status if row else "",
            )
            note = forms.CharField(
                label=_("Note on %(name)s") % {"name": person.public_name},
                max_length=300,
                required=False,
                initial=row.note if row else "",
            )
            self.fields[f"status_{person.pk}"] = status
            self.fields[f"note_{person.pk}"] = note
            self.rows.append((person, reason, row))

    def clean(self):
        data = super().clean()
        if data.get("add_email") and not data.get("add_status"):
            self.add_error("add_status", _("Choose how the added person took part."))
        if data.get("add_status") and not data.get("add_email") and not self.has_error("add_email"):
            self.add_error("add_email", _("Give the email address of the person to add."))
        for person, _reason, row in self.rows:
            status, note = data.get(f"status_{person.pk}"), data.get(f"note_{person.pk}")
            if row and not status:
                self.add_error(
                    f"status_{person.pk}",
                    _("Attendance already recorded cannot be cleared: choose a status."),
                )
            elif note and not status:
                self.add_error(f"status_{person.pk}", _("Choose a status for this note."))
        return data

    def bound_rows(self):
        return [
            (person, reason, row, self[f"status_{person.pk}"], self[f"note_{person.pk}"])
            for person, reason, row in self.rows
        ]


def year_choices():
    this_year = timezone.localdate().year
    return range(this_year, this_year - 6, -1)
