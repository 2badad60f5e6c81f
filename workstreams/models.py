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
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    details = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("workstream event")

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor} {self.get_verb_display()}"
