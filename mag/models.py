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

from accounts.regions import RegionalGroup, regional_group_for

WORKSTREAM = "workstreams.Workstream"
CYCLE = "workstreams.IgfCycle"


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
