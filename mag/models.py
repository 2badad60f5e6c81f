"""The minimal MAG that the recognition rules need: dated terms, liaison duties, BPF proposals,
the MAG's yearly BPF selection and the Secretariat's support of each BPF.

The MAG issue grows these (renewals, nominations, meetings); terms are dated from the start,
so "current" is always a question asked about a day.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.models import Profile
from accounts.regions import RegionalGroup, regional_group_for

WORKSTREAM = "workstreams.Workstream"
CYCLE = "workstreams.IgfCycle"
Gender = Profile.Gender

# R-MAG-2: nobody serves on the MAG for more than three years (three one-year terms).
MAX_MAG_YEARS = 3


class MagTermQuerySet(models.QuerySet):
    def current(self, today=None):
        """Terms running on the given day (today by default): the current MAG."""
        today = today or timezone.localdate()
        return self.filter(start__lte=today, end__gte=today)


class MagTerm(models.Model):
    """One person's term on the MAG for one IGF cycle (R-MAG-1)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mag_terms"
    )
    cycle = models.ForeignKey(
        CYCLE, on_delete=models.PROTECT, related_name="mag_terms", verbose_name=_("IGF cycle")
    )
    start = models.DateField(_("term starts"))
    end = models.DateField(_("term ends"))
    stakeholder_group = models.ForeignKey(
        "accounts.StakeholderGroup",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    country = CountryField(_("country"))
    un_regional_group = models.CharField(
        _("UN regional group"),
        max_length=20,
        choices=RegionalGroup.choices,
        blank=True,
        editable=False,
        help_text=_("Derived from the country."),
    )
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    developing_country = models.BooleanField(
        _("from a developing country"),
        default=False,
        help_text=_("Counted in the MAG's balance (R-MAG-4)."),
    )
    renewal_of = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewed_by",
        help_text=_("The previous cycle's term this one renews (R-MAG-2)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MagTermQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("MAG term")
        constraints = [
            models.UniqueConstraint(fields=["user", "cycle"], name="one_mag_term_per_cycle"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="mag_term_ends_after_it_starts"
            ),
        ]
        indexes = [models.Index(fields=["user", "start", "end"])]

    def __str__(self):
        return f"{self.user} – MAG {self.cycle}"

    def save(self, *args, **kwargs):
        # Derived from reference data loaded once per process: no I/O here.
        self.un_regional_group = regional_group_for(self.country)
        super().save(*args, **kwargs)


def is_current_mag_member(user, today=None):
    """True when the person holds a MAG term running today (or on the given day)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return MagTerm.objects.current(today).filter(user=user).exists()


class LiaisonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)

    def serving(self, today=None):
        """Active duties whose holder is on the MAG today: a duty held by someone whose term
        has run out covers nothing until the Secretariat reassigns it."""
        current = MagTerm.objects.current(today).filter(user=models.OuterRef("member"))
        return self.active().filter(models.Exists(current))

    def of_kind(self, kind):
        return self.filter(kind=kind)


class LiaisonAssignment(models.Model):
    """A MAG member's liaison duty (R-MAG-6): BPF facilitator (R-BPF-3), PN liaison (R-PN-3)
    or the DCCG's liaison (R-DC-6). Ending one is recorded; it is never deleted."""

    class Kind(models.TextChoices):
        BPF_FACILITATOR = "bpf_facilitator", _("BPF facilitator")
        PN_LIAISON = "pn_liaison", _("Policy Network liaison")
        DCCG_LIAISON = "dccg_liaison", _("DC Coordination Group liaison")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="liaison_assignments"
    )
    kind = models.CharField(_("duty"), max_length=20, choices=Kind.choices)
    workstream = models.ForeignKey(
        WORKSTREAM,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="liaison_assignments",
        help_text=_("The BPF or Policy Network; empty for the DCCG."),
    )
    start = models.DateField(_("from"), default=timezone.localdate)
    end = models.DateField(_("until"), null=True, blank=True)
    reason = models.TextField(_("note"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = LiaisonQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "start", "pk"]
        verbose_name = _("liaison assignment")
        constraints = [
            # R-DC-6: the DCCG has at most one MAG liaison at a time.
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="dccg_liaison", ended_at__isnull=True),
                name="R_DC_6_one_active_dccg_liaison",
            ),
            models.UniqueConstraint(
                fields=["member", "kind", "workstream"],
                condition=Q(ended_at__isnull=True),
                name="one_active_duty_per_member_per_workstream",
            ),
            models.CheckConstraint(
                condition=(Q(kind="dccg_liaison") & Q(workstream__isnull=True))
                | (~Q(kind="dccg_liaison") & Q(workstream__isnull=False)),
                name="liaison_workstream_only_for_bpf_and_pn",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="liaison_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["kind", "ended_at"])]

    def __str__(self):
        where = self.workstream or _("DCCG")
        return f"{self.member} – {self.get_kind_display()} – {where}"

    @property
    def is_active(self):
        return self.ended_at is None


class BpfSelection(models.Model):
    """The MAG's BPF selection for one IGF cycle, recorded by the Secretariat (R-BPF-2)."""

    cycle = models.OneToOneField(
        CYCLE, on_delete=models.PROTECT, related_name="bpf_selection", verbose_name=_("IGF cycle")
    )
    meeting = models.CharField(_("MAG meeting"), max_length=200)
    decided_on = models.DateField(_("decided on"))
    reason = models.TextField(_("reasons for the selection"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-decided_on"]
        verbose_name = _("BPF selection")

    def __str__(self):
        return f"BPF selection {self.cycle}"


class BpfProposal(models.Model):
    """A proposed Best Practice Forum, submitted by current MAG members (R-BPF-1)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the MAG")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

    cycle = models.ForeignKey(
        CYCLE, on_delete=models.PROTECT, related_name="bpf_proposals", verbose_name=_("IGF cycle")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("topic"))
    methodology = models.TextField(
        _("proposed methodology"), help_text=_("How the BPF will work on its topic (R-BPF-6).")
    )
    proposers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="bpf_proposals", verbose_name=_("proposers")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    selection = models.ForeignKey(
        BpfSelection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    workstream = models.OneToOneField(
        WORKSTREAM,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bpf_proposal",
        help_text=_("The BPF created when the MAG selected this proposal."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-cycle__year", "title"]
        verbose_name = _("BPF proposal")
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self):
        return self.title


class BpfSupport(models.Model):
    """What the Secretariat provides a BPF, and its penholder of the output report (R-BPF-4)."""

    workstream = models.OneToOneField(
        WORKSTREAM, on_delete=models.PROTECT, related_name="bpf_support"
    )
    mailing_list = models.BooleanField(_("mailing list set up"), default=False)
    virtual_meetings = models.BooleanField(_("regular virtual meetings"), default=False)
    web_pages = models.BooleanField(_("web pages"), default=False)
    surveys = models.BooleanField(_("surveys"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    penholder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penholder of the output report"),
        help_text=_("A Secretariat staff member: the independent penholder."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("BPF support")

    def __str__(self):
        return f"Support for {self.workstream}"

    def services_provided(self):
        """(label, provided) pairs, in a stable order, for the page and the partial."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in ("mailing_list", "virtual_meetings", "web_pages", "surveys")
        ]


# ---- The MAG's own record of decisions (issue 5) -------------------------------------------


class MagEvent(models.Model):
    """One recorded MAG decision: who, when, what, why (terms, renewals, nominations, the
    selection, meetings, attendance). Never edited or deleted; the Secretariat's audit trail."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=40, help_text=_("What was done, e.g. term_renewed."))
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The person the decision was about, if any."),
    )
    cycle = models.ForeignKey(CYCLE, on_delete=models.PROTECT, null=True, blank=True)
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    details = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("MAG event")

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor} {self.action}"


# ---- Nominations and the selection (R-MAG-4) -----------------------------------------------


class MagSelection(models.Model):
    """One cycle's MAG selection: the nominee list setting and the final selection, recorded as
    submitted to and appointed by the UN Secretary-General (R-MAG-4)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Nominations open")
        SUBMITTED = "submitted", _("Submitted to the UN Secretary-General")
        APPOINTED = "appointed", _("Appointed by the UN Secretary-General")

    cycle = models.OneToOneField(
        CYCLE, on_delete=models.PROTECT, related_name="mag_selection", verbose_name=_("IGF cycle")
    )
    publish_nominees = models.BooleanField(
        _("publish the list of nominees"),
        default=True,
        help_text=_("Shows each nominee with only what they agreed to make public."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    submitted_on = models.DateField(
        _("submitted to the Secretary-General on"), null=True, blank=True
    )
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    announcement_url = models.URLField(_("announcement"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-cycle__year"]
        verbose_name = _("MAG selection")

    def __str__(self):
        return f"MAG selection {self.cycle}"


class Nomination(models.Model):
    """A nominee for next cycle's MAG, and what they agreed to publish about themselves."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        PROPOSED = "proposed", _("In the proposed selection")
        APPOINTED = "appointed", _("Appointed")
        NOT_SELECTED = "not_selected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # What a nominee may agree to publish, beyond their name (R-MAG-4).
    PUBLIC_FIELDS = ("organisation", "stakeholder_group", "country", "gender", "biography")

    cycle = models.ForeignKey(
        CYCLE, on_delete=models.PROTECT, related_name="mag_nominations", verbose_name=_("IGF cycle")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mag_nominations",
        help_text=_("The nominee's portal account, if they have one."),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), help_text=_("Never published."))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_group = models.ForeignKey(
        "accounts.StakeholderGroup",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    country = CountryField(_("country"))
    un_regional_group = models.CharField(
        _("UN regional group"),
        max_length=20,
        choices=RegionalGroup.choices,
        blank=True,
        editable=False,
    )
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    developing_country = models.BooleanField(_("from a developing country"), default=False)
    biography = models.TextField(_("short biography"), blank=True)
    nominated_by = models.CharField(
        _("nominated by"), max_length=200, blank=True, help_text=_("e.g. a stakeholder group.")
    )
    publish_listing = models.BooleanField(
        _("agrees to be listed as a nominee"),
        default=False,
        help_text=_("Without this agreement the nominee is never shown publicly."),
    )
    public_fields = models.JSONField(
        _("also agrees to publish"),
        default=list,
        blank=True,
        help_text=_("Which of organisation, stakeholder group, country, gender and biography."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOMINATED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "name", "pk"]
        verbose_name = _("MAG nomination")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "email"], name="one_nomination_per_email"),
        ]
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self):
        return f"{self.name} – {self.cycle}"

    def save(self, *args, **kwargs):
        self.un_regional_group = regional_group_for(self.country)
        super().save(*args, **kwargs)

    def is_public(self, field):
        """May this field be shown on the public nominee list?"""
        return self.publish_listing and field in (self.public_fields or [])


# ---- Meetings, agendas, attendance (R-MAG-3, R-MAG-5, R-PN-5, R-BPF-4) -----------------------


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).exclude(
            status=Meeting.Status.CANCELLED
        )

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def counted_for_attendance(self):
        """The meetings a MAG member is expected at (R-MAG-3): MAG meetings and the annual
        meeting; open consultations held with a MAG meeting count as the same event."""
        return self.filter(
            kind__in=[Meeting.Kind.MAG, Meeting.Kind.OPEN_CONSULTATIONS, Meeting.Kind.ANNUAL],
            workstream__isnull=True,
        ).exclude(status=Meeting.Status.CANCELLED)


class Meeting(models.Model):
    """A meeting with a structured agenda: owned by the MAG (no workstream) or by a workstream
    (a PN working-group call, a BPF or DC virtual meeting). Times are stored in UTC and shown in
    the meeting's own time zone, with each reader's offered alongside."""

    class Kind(models.TextChoices):
        MAG = "mag", _("MAG meeting")
        OPEN_CONSULTATIONS = "open_consultations", _("Open Consultations")
        ANNUAL = "annual", _("IGF annual meeting")
        PN_CALL = "pn_call", _("Policy Network working-group call")
        BPF_MEETING = "bpf_meeting", _("BPF virtual meeting")
        DC_MEETING = "dc_meeting", _("DC virtual meeting")
        OTHER = "other", _("Other meeting")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    workstream = models.ForeignKey(
        WORKSTREAM,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("The workstream that holds the meeting; empty for the MAG's own."),
    )
    cycle = models.ForeignKey(
        CYCLE, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    purpose = models.TextField(_("purpose"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", help_text=_("e.g. Europe/Zurich")
    )
    location = models.CharField(_("place"), max_length=300, blank=True)
    remote_url = models.URLField(_("remote participation link"), blank=True)
    open_to_observers = models.BooleanField(_("open to observers"), default=True)
    agenda_published = models.BooleanField(_("agenda published"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    cancel_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["workstream", "starts_at"])]

    def __str__(self):
        return self.title


class AgendaDay(models.Model):
    """One day of a meeting's agenda, e.g. "Day 2: 13 June 2017 - MAG Meeting"."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("e.g. a room."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "date", "pk"]
        verbose_name = _("agenda day")

    def __str__(self):
        return f"{self.meeting} – {self.date}"


class AgendaItem(models.Model):
    """A time slot's numbered item, a lettered sub-item (parent set), or a break."""

    day = models.ForeignKey(AgendaDay, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_items"
    )
    starts = models.TimeField(_("from"), null=True, blank=True)
    ends = models.TimeField(_("until"), null=True, blank=True)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    title = models.TextField(_("item"))
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    is_break = models.BooleanField(_("break"), default=False)
    continued = models.BooleanField(
        _("continued in the next slot"), default=False, help_text=_("“(continued below)”")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["day", "order", "pk"]
        verbose_name = _("agenda item")

    def __str__(self):
        return self.title[:60]


class MeetingRegistration(models.Model):
    """An observer (or participant) registered for a meeting; cancelling is recorded."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_registrations"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "created"]
        verbose_name = _("meeting registration")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_registration_each"),
        ]

    def __str__(self):
        return f"{self.user} – {self.meeting}"


def meeting_file_path(instance, filename):
    return f"meetings/{instance.meeting.slug}/{filename}"


class MeetingRecord(models.Model):
    """Proceedings, a transcript or a summary attached after the meeting (R-MAG-5)."""

    class Kind(models.TextChoices):
        PROCEEDINGS = "proceedings", _("Proceedings")
        TRANSCRIPT = "transcript", _("Transcript")
        SUMMARY = "summary", _("Summary")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="records")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=meeting_file_path, max_length=300)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    remove_reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "kind", "created"]
        verbose_name = _("meeting record")

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """Whether a person took part in a meeting (R-MAG-3); corrections keep the row, the
    MagEvent log keeps each change."""

    class Status(models.TextChoices):
        IN_PERSON = "in_person", _("Attended in person")
        REMOTE = "remote", _("Attended remotely")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    ATTENDED = (Status.IN_PERSON, Status.REMOTE)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_attendance"
    )
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "user"]
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_each"),
        ]

    def __str__(self):
        return f"{self.user} – {self.meeting}: {self.get_status_display()}"


class BpfProgressUpdate(models.Model):
    """A BPF's progress reported to the MAG by its facilitator (R-BPF-5)."""

    workstream = models.ForeignKey(
        WORKSTREAM, on_delete=models.PROTECT, related_name="bpf_progress_updates"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bpf_progress_updates",
        help_text=_("The MAG meeting this update is for, if any."),
    )
    open_sessions_held = models.PositiveSmallIntegerField(
        _("open sessions held since the last update"), default=0
    )
    text = models.TextField(_("progress"))
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("BPF progress update")

    def __str__(self):
        return f"{self.workstream} – {self.created:%Y-%m-%d}"
