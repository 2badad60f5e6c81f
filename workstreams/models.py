import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Exists, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from guardian.models import UserObjectPermissionBase

from accounts.models import TIME_ZONE_CHOICES, validate_time_zone
from accounts.regions import RegionalGroup, regional_group_for

from .workflow import PUBLIC_STATUSES, Status


class IgfCycle(models.Model):
    """One year of IGF work, ending with the annual meeting (e.g. IGF 2021, Katowice)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    host_city = models.CharField(_("host city"), max_length=100, blank=True)
    host_country = CountryField(_("host country"), blank=True)
    meeting_start = models.DateField(_("annual meeting starts"), null=True, blank=True)
    meeting_end = models.DateField(_("annual meeting ends"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("IGF cycle")
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting_end__gte=models.F("meeting_start"))
                | Q(meeting_end__isnull=True)
                | Q(meeting_start__isnull=True),
                name="cycle_meeting_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"IGF {self.year}"


class WorkstreamQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def with_stakeholder_group(self, group):
        """Workstreams with people of this stakeholder group on record: a DC's representatives
        or an NRI's organising committee (the directory's and the API's "group" filter)."""
        return self.filter(
            models.Exists(
                DcRepresentative.objects.filter(
                    application__workstream=models.OuterRef("pk"), stakeholder_group=group
                )
            )
            | models.Exists(
                NriApplication.committee_groups.through.objects.filter(
                    nriapplication__workstream=models.OuterRef("pk"), stakeholdergroup=group
                )
            )
        )

    def visible_to(self, user):
        """Workstreams this person may see, in one query: the permission rule as a filter."""
        from accounts.models import SiteRole

        if not getattr(user, "is_authenticated", False):
            return self.public()
        if user.is_superuser or getattr(user, "_is_secretariat", False):
            return self.all()
        is_secretariat = SiteRole.objects.active().filter(user=user, role=SiteRole.Role.SECRETARIAT)
        member_of = Membership.objects.active().filter(user=user).values("workstream_id")
        reviewer_of = WorkstreamUserObjectPermission.objects.filter(
            user=user, permission__codename="review_workstream"
        ).values("content_object_id")
        return self.filter(
            Q(status__in=PUBLIC_STATUSES)
            | Q(pk__in=member_of)
            | Q(pk__in=reviewer_of)
            | Q(Exists(is_secretariat))
        )

    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text) | Q(short_name__icontains=text) | Q(description__icontains=text)
        )


# Headings of lists of one kind of workstream (the kinds' own labels are singular).
KIND_PLURALS = {
    "dc": _("Dynamic Coalitions"),
    "bpf": _("Best Practice Forums"),
    "nri": _("National, Regional and Youth IGF initiatives"),
    "pn": _("Policy Networks"),
    "programme": _("Intersessional programmes"),
}


class Workstream(models.Model):
    """The tenant: a DC, BPF, NRI, PN or IGF-wide programme, with its own people and pages."""

    Status = Status

    class Kind(models.TextChoices):
        DC = "dc", _("Dynamic Coalition")
        BPF = "bpf", _("Best Practice Forum")
        NRI = "nri", _("National, Regional or Youth IGF initiative")
        PN = "pn", _("Policy Network")
        PROGRAMME = "programme", _("Intersessional programme")

    class NriLevel(models.TextChoices):
        NATIONAL = "national", _("National")
        SUB_REGIONAL = "sub_regional", _("Sub-regional")
        REGIONAL = "regional", _("Regional")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("abbreviation"), max_length=30, blank=True, help_text=_("For example PNMA or DC-IRPC.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    description = models.TextField(_("description"), blank=True)
    methodology = models.TextField(
        _("methodology"),
        blank=True,
        help_text=_("How the workstream works, tailored to its topic (R-BPF-6)."),
    )
    mailing_list = models.EmailField(_("mailing list address"), blank=True)
    archive_url = models.URLField(_("mailing list archive"), blank=True)
    cycle = models.ForeignKey(
        IgfCycle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workstreams",
        verbose_name=_("IGF cycle"),
        help_text=_("The cycle in which a BPF or Policy Network was established."),
    )
    nri_level = models.CharField(
        _("NRI level"), max_length=20, choices=NriLevel.choices, blank=True
    )
    is_youth = models.BooleanField(_("Youth IGF"), default=False)
    country = CountryField(_("country"), blank=True)
    region_name = models.CharField(
        _("region"),
        max_length=100,
        blank=True,
        help_text=_("For sub-regional and regional initiatives, e.g. “West Africa”."),
    )
    un_regional_group = models.CharField(
        _("UN regional group"), max_length=20, choices=RegionalGroup.choices, blank=True
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        choices=TIME_ZONE_CHOICES,
        validators=[validate_time_zone],
        help_text=_("Deadlines are days in this time zone."),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = WorkstreamQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("workstream")
        permissions = [
            ("review_workstream", _("Can read this workstream's private pages as a reviewer")),
        ]
        indexes = [models.Index(fields=["kind", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="nri") | (Q(nri_level="") & Q(is_youth=False)),
                name="nri_fields_only_on_nris",
            ),
            models.CheckConstraint(
                condition=~Q(kind="nri") | ~Q(nri_level=""), name="nri_has_a_level"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A national initiative's regional group follows its country (shipped reference data).
        if self.country:
            self.un_regional_group = regional_group_for(self.country)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("workstreams:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    def today(self, now=None):
        """The current day where the workstream works: deadlines are days in its time zone."""
        return (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()

    @property
    def place(self):
        """Where an NRI works: its country, or its region."""
        if self.country:
            return self.country.name
        return self.region_name


class WorkstreamUserObjectPermission(UserObjectPermissionBase):
    """django-guardian per-object grants with a real foreign key (fast, filterable joins)."""

    content_object = models.ForeignKey(Workstream, on_delete=models.CASCADE)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def coordinators(self):
        return self.active().filter(role=Membership.Role.COORDINATOR)


class Membership(models.Model):
    """A person's role in one workstream: the single source of truth for workstream access.

    Granted and revoked only by workstreams.services; a revoked row stays as the record.
    """

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    grant_reason = models.TextField(blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoke_reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["workstream", "role", "created"]
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_role_per_person_per_workstream",
            )
        ]
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.workstream}"

    @property
    def is_active(self):
        return self.revoked_at is None


class WorkstreamEvent(models.Model):
    """One recorded decision or change in a workstream: who, when, what, why. Never edited."""

    class Verb(models.TextChoices):
        CREATED = "created", _("created the workstream")
        TRANSITION = "transition", _("changed the status")
        UPDATED = "updated", _("updated the details")
        ROLE_GRANTED = "role_granted", _("granted a role")
        ROLE_CHANGED = "role_changed", _("changed a role")
        ROLE_REVOKED = "role_revoked", _("revoked a role")
        JOINED = "joined", _("joined")
        LEFT = "left", _("left")
        ACCESS_GRANTED = "access_granted", _("granted reviewer access")
        ACCESS_REVOKED = "access_revoked", _("revoked reviewer access")

    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    verb = models.CharField(max_length=20, choices=Verb.choices)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The person the decision was about, if any."),
    )
    workflow = models.CharField(
        max_length=30,
        blank=True,
        help_text=_("Which workflow the status belongs to; empty for the workstream's own."),
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    details = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("workstream event")

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor} {self.get_verb_display()}"

    @staticmethod
    def status_label(value):
        labels = {**dict(Status.choices), **dict(ApplicationStatus.choices)}
        return labels.get(value, value)

    @property
    def description(self):
        """What happened, in words: the verb, or the step a workflow recorded in its details."""
        details = self.details or {}
        if step := details.get("policy_network"):
            return POLICY_NETWORK_STEPS.get(step, self.get_verb_display())
        if "principle" in details:
            principle = CorePrinciple(details["principle"]).label
            if details.get("meets"):
                return _("assessed the principle “%(principle)s” as met") % {"principle": principle}
            return _("assessed the principle “%(principle)s” as not met") % {"principle": principle}
        if "statement_length" in details:
            return _("updated the recognition statement")
        if "dccg_invitation" in details:
            return _("invited the coalition to the DC Coordination Group")
        if details.get("filed"):
            return _("filed the annual report for IGF %(cycle)s") % {"cycle": details["cycle"]}
        if "due_date" in details and "cycle" in details:
            return _("opened the annual reporting round for IGF %(cycle)s") % {
                "cycle": details["cycle"]
            }
        return self.get_verb_display()

    @property
    def from_label(self):
        return self.status_label(self.from_status)

    @property
    def to_label(self):
        return self.status_label(self.to_status)


# ---- Recognition workflows (issue 4) ---------------------------------------------------------


# The steps of a Policy Network's establishment (workstreams.pn records them in details).
POLICY_NETWORK_STEPS = {
    "topic_decided": _("decided the topic"),
    "topic_corrected": _("corrected the topic decision"),
    "topic_input_added": _("added an input to the topic decision"),
    "topic_input_removed": _("removed an input from the topic decision"),
    "wg_invited": _("invited to the working group"),
    "wg_accepted": _("accepted the working-group invitation"),
    "wg_declined": _("declined the working-group invitation"),
    "wg_withdrawn": _("withdrew a working-group invitation"),
    "consultant_recorded": _("recorded the expert consultant"),
    "focal_point_named": _("named a focal point"),
    "nri_liaison_named": _("named an NRI liaison"),
    "nri_liaison_removed": _("removed an NRI liaison"),
}


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    RECOGNISED = "recognised", _("Recognised")
    REJECTED = "rejected", _("Rejected")


PENDING_APPLICATION_STATUSES = frozenset({ApplicationStatus.SUBMITTED})


class RecognitionApplication(models.Model):
    """Fields and behaviour shared by DC and NRI applications for recognition.

    Concrete subclasses add their ``workstream`` one-to-one (with its own related name), their
    kind-specific fields and their own ``Meta`` (verbose name, indexes).
    """

    Status = ApplicationStatus

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.workstream} ({self.get_status_display()})"


class DcApplication(RecognitionApplication):
    """A Dynamic Coalition's application for recognition (R-DC-1, R-DC-2, R-DC-3)."""

    workstream = models.OneToOneField(
        Workstream, on_delete=models.PROTECT, related_name="dc_application"
    )
    need = models.TextField(_("why the coalition is needed"), blank=True)
    action_plan = models.TextField(_("action plan"), blank=True)
    mailing_list = models.EmailField(_("mailing list address"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's email address"), blank=True)
    open_membership = models.BooleanField(_("membership is open to anyone"), default=False)
    open_mailing_list = models.BooleanField(_("the mailing list is open to anyone"), default=False)
    open_archives = models.BooleanField(_("the list's archives are open to anyone"), default=False)

    class Meta(RecognitionApplication.Meta):
        verbose_name = _("DC application")
        indexes = [models.Index(fields=["status", "submitted_at"])]


class DcRepresentative(models.Model):
    """One of the DC's representatives, with the stakeholder group counted by R-DC-1."""

    application = models.ForeignKey(
        DcApplication, on_delete=models.CASCADE, related_name="representatives"
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_group = models.ForeignKey(
        "accounts.StakeholderGroup", on_delete=models.PROTECT, verbose_name=_("stakeholder group")
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("representative")

    def __str__(self):
        return self.name


class DccgInvitation(models.Model):
    """A recognised DC's invitation to the DC Coordination Group and its list (R-DC-5)."""

    workstream = models.OneToOneField(
        Workstream, on_delete=models.PROTECT, related_name="dccg_invitation"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("DCCG invitation")

    def __str__(self):
        return str(self.workstream)


class DcAnnualReport(models.Model):
    """The report a recognised DC files each IGF cycle to confirm its recognition (R-DC-4)."""

    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, related_name="annual_reports"
    )
    cycle = models.ForeignKey(IgfCycle, on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("due date"))
    text = models.TextField(_("report"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-cycle__year"]
        verbose_name = _("DC annual report")
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "cycle"], name="one_report_per_dc_per_cycle"
            )
        ]

    def __str__(self):
        return f"{self.workstream} – {self.cycle}"

    def is_overdue(self, today):
        return self.submitted_at is None and self.due_date < today


class CorePrinciple(models.TextChoices):
    """The core IGF principles every NRI is assessed against (R-NRI-2)."""

    OPEN = "open", _("Open")
    TRANSPARENT = "transparent", _("Transparent")
    INCLUSIVE = "inclusive", _("Inclusive")
    BOTTOM_UP = "bottom_up", _("Bottom-up")
    MULTISTAKEHOLDER = "multistakeholder", _("Multistakeholder")
    NON_COMMERCIAL = "non_commercial", _("Non-commercial")


class NriApplication(RecognitionApplication):
    """An NRI's written statement seeking recognition (R-NRI-1) and its assessment (R-NRI-2)."""

    workstream = models.OneToOneField(
        Workstream, on_delete=models.PROTECT, related_name="nri_application"
    )
    statement = models.TextField(_("written statement"), blank=True)
    committee_groups = models.ManyToManyField(
        "accounts.StakeholderGroup",
        blank=True,
        related_name="+",
        verbose_name=_("stakeholder groups on the organising committee"),
    )

    class Meta(RecognitionApplication.Meta):
        verbose_name = _("NRI application")
        indexes = [models.Index(fields=["status", "submitted_at"])]


class PrincipleAssessment(models.Model):
    """The Secretariat's assessment of one core principle for one NRI application."""

    application = models.ForeignKey(
        NriApplication, on_delete=models.CASCADE, related_name="assessments"
    )
    principle = models.CharField(max_length=20, choices=CorePrinciple.choices)
    meets = models.BooleanField(_("meets the principle"))
    notes = models.TextField(_("notes"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("principle assessment")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "principle"], name="one_assessment_per_principle"
            )
        ]

    def __str__(self):
        return f"{self.application_id} {self.principle}: {self.meets}"


class SupportRequest(models.Model):
    """An NRI's request for support from the Secretariat, tracked to an answer (R-NRI-6)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")

    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, related_name="support_requests"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("request"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("support request")

    def __str__(self):
        return self.subject


# ---- Workstream spaces: news and documents ---------------------------------------------------


class NewsPostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(removed_at__isnull=True)


class NewsPost(models.Model):
    """News from a workstream's coordinators; it reaches the workstream's followers."""

    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="news")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    remove_reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)

    objects = NewsPostQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("news post")

    def __str__(self):
        return self.title


def document_upload_path(document, filename):
    return f"workstreams/{document.workstream_id}/documents/{filename}"


class DocumentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class Document(models.Model):
    """A file in a workstream's library, stored through Django's storage API."""

    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_upload_path, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Private documents are for the workstream's people only."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    remove_reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("document")

    def __str__(self):
        return self.title


# ---- Policy Networks ---------------------------------------------------------------------------


class TopicDecision(models.Model):
    """The Secretariat's decision on a Policy Network's topic (R-PN-1); one per PN."""

    workstream = models.OneToOneField(
        Workstream, on_delete=models.PROTECT, related_name="pn_topic_decision"
    )
    topic = models.TextField(_("topic"))
    decided_on = models.DateField(_("decided on"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("topic decision")

    def __str__(self):
        return f"{self.workstream}: {self.topic[:60]}"


class PnTopicInput(models.Model):
    """One input that informed a PN's topic decision: a consultation, MAG advice… (R-PN-1)."""

    class Kind(models.TextChoices):
        PUBLIC_CONSULTATION = "public_consultation", _("Public consultation")
        MAG_ADVICE = "mag_advice", _("MAG advice")
        ANNUAL_MEETING = "annual_meeting", _("Annual meeting discussion")
        CALL_FOR_CONTRIBUTIONS = "call_for_contributions", _("Call for contributions")
        OTHER = "other", _("Other")

    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, related_name="pn_topic_inputs"
    )
    decision = models.ForeignKey(TopicDecision, on_delete=models.CASCADE, related_name="inputs")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of input"), max_length=30, choices=Kind.choices)
    url = models.URLField(_("link"), blank=True)
    note = models.TextField(_("note"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("topic input")

    def __str__(self):
        return self.title


class WgInvitation(models.Model):
    """The Secretariat's invitation to a PN's multistakeholder working group (R-PN-2)."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, related_name="wg_invitations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="wg_invitations"
    )
    discipline = models.CharField(_("discipline or knowledge area"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("working group invitation")
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "person"],
                condition=Q(status__in=["invited", "accepted"]),
                name="one_open_wg_invitation_per_person",
            )
        ]
        indexes = [models.Index(fields=["workstream", "status"])]

    def __str__(self):
        return f"{self.person} – {self.workstream} ({self.get_status_display()})"


class PnConsultant(models.Model):
    """The expert consultant the Secretariat contracts to support a PN's MWG (R-PN-4)."""

    workstream = models.OneToOneField(
        Workstream, on_delete=models.PROTECT, related_name="pn_consultant"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    contract_date = models.DateField(_("contract date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("expert consultant")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""), name="pn_consultant_is_named"
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name or (self.person.public_name if self.person_id else "")


class FocalPoint(models.Model):
    """The one focal point a BPF or DC names to a PN (R-PN-7)."""

    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, related_name="pn_focal_points"
    )
    from_workstream = models.ForeignKey(
        Workstream,
        on_delete=models.PROTECT,
        related_name="focal_points_sent",
        verbose_name=_("from"),
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["from_workstream__name"]
        verbose_name = _("focal point")
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "from_workstream"], name="one_focal_point_per_workstream"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.from_workstream} → {self.workstream})"


class NriLiaison(models.Model):
    """One of the (at most two) liaison persons an NRI designates to a PN (R-NRI-5)."""

    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, related_name="pn_nri_liaisons"
    )
    nri = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, related_name="liaisons_sent", verbose_name=_("NRI")
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["nri__name", "pk"]
        verbose_name = _("NRI liaison")
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "nri", "person"], name="one_liaison_row_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.nri} → {self.workstream})"
