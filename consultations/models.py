"""Open consultations (R-CON-1 to R-CON-7, R-PN-8, R-PN-9): phases, contributions, versioned
drafts split into numbered paragraphs, paragraph comments with replies, moderation and
dispositions, the editorial group, outcome messages, published outputs and the directory of
fora and entities that receive them.

Every consultation belongs to a workstream (the tenant); every decision is a
ConsultationEvent; nothing here is hard-deleted (hidden, withdrawn or superseded instead).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.regions import RegionalGroup

WORKSTREAM = "workstreams.Workstream"
USER = settings.AUTH_USER_MODEL


class Language(models.TextChoices):
    """The languages a draft, comment or contribution is written in (UN languages)."""

    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    AR = "ar", _("Arabic")
    RU = "ru", _("Russian")
    ZH = "zh", _("Chinese")
    OTHER = "other", _("Another language")


# ---- The consultation and its phases (R-CON-1) ---------------------------------------------


class ConsultationQuerySet(models.QuerySet):
    def published(self):
        return self.exclude(status=Consultation.Status.PREPARING)

    def visible_to(self, user):
        """Consultations this person may see, in one query: permissions.can_view_consultation
        as a filter (the website's lists and the API share it)."""
        from accounts.permissions import is_secretariat
        from workstreams.models import Membership, Workstream

        if is_secretariat(user):
            return self.all()
        visible_workstreams = Workstream.objects.visible_to(user).values("pk")
        shown = Q(workstream__in=visible_workstreams) & ~Q(status=Consultation.Status.PREPARING)
        if getattr(user, "is_authenticated", False):
            coordinates = Membership.objects.coordinators().filter(
                user=user, workstream=models.OuterRef("workstream")
            )
            edits = Editor.objects.filter(
                user=user, consultation=models.OuterRef("pk"), status=Editor.Status.APPROVED
            )
            # One being prepared: those who manage it and its editors only.
            preparing = Q(status=Consultation.Status.PREPARING)
            shown |= preparing & (Q(models.Exists(coordinates)) | Q(models.Exists(edits)))
        return self.filter(shown)


class Consultation(models.Model):
    """A consultation owned by a workstream (for IGF-wide work, the programme's workstream)."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        OPEN = "open", _("Under way")
        CLOSED = "closed", _("Closed")

    workstream = models.ForeignKey(
        WORKSTREAM, on_delete=models.PROTECT, related_name="consultations"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.EN
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    is_policy_network_output = models.BooleanField(
        _("a Policy Network's output"),
        default=False,
        help_text=_(
            "NRIs are invited to give feedback on each phase (R-PN-8) and the outcome document "
            "follows the structure of R-PN-9."
        ),
    )
    comment_rate_limit = models.PositiveSmallIntegerField(
        _("comments per person per hour"),
        default=20,
        help_text=_("A limit against spam; editors are not limited."),
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "pk"]
        verbose_name = _("consultation")

    def __str__(self):
        return self.title


class PhaseQuerySet(models.QuerySet):
    def open_at(self, moment):
        """Phases running at a moment: opened, and not yet closed (an open end never closes)."""
        return self.filter(opens_at__lte=moment).filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=moment)
        )


class Phase(models.Model):
    """One step of a consultation, as in seed 000's timeline (R-CON-1). A comment window is
    tied to the draft it opens for comment; a call for contributions may be open-ended.

    Windows are half-open: a comment is accepted when opens_at <= now < closes_at (UTC)."""

    class Kind(models.TextChoices):
        CALL_FOR_CONTRIBUTIONS = "call", _("Call for contributions")
        COMMENT_WINDOW = "comments", _("Draft open for public comment")
        EDITORIAL_REVIEW = "review", _("Editorial review")
        NEXT_DRAFT = "next_draft", _("Next draft")
        FINAL_OUTPUT = "final", _("Final output")
        REVISION = "revision", _("Revision after the annual meeting")

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="phases")
    kind = models.CharField(_("phase"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Empty: open-ended.")
    )
    draft = models.ForeignKey(
        "Draft",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phases",
        help_text=_("The draft a comment window opens for comment."),
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PhaseQuerySet.as_manager()

    class Meta:
        ordering = ["consultation", "opens_at", "pk"]
        verbose_name = _("phase")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="phase_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=~Q(kind="comments")
                | (Q(draft__isnull=False) & Q(closes_at__isnull=False)),
                name="comment_window_has_a_draft_and_a_close",
            ),
        ]

    def __str__(self):
        return self.title or self.get_kind_display()

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)


# ---- Drafts and paragraphs (R-CON-3) -------------------------------------------------------


class Draft(models.Model):
    """One version of the consultation's text. A published draft is never changed: the next
    version is a new row, so the comments anchored to this one stay with it (R-CON-3)."""

    class Status(models.TextChoices):
        EDITING = "editing", _("Being edited")
        PUBLISHED = "published", _("Published")

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="drafts")
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.EN
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EDITING
    )
    is_outcome_document = models.BooleanField(
        _("the outcome document"),
        default=False,
        help_text=_("For a Policy Network, it must cover the sections of R-PN-9."),
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["consultation", "version"]
        verbose_name = _("draft")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "version"], name="one_draft_per_version"
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class Paragraph(models.Model):
    """A numbered paragraph of one draft version, with its stable anchor (#p-3) and its
    sanitised HTML: the unit comments are anchored to (R-CON-3)."""

    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="paragraphs")
    number = models.PositiveIntegerField(_("number"))
    anchor = models.SlugField(max_length=40)
    source = models.TextField(_("Markdown"))
    html = models.TextField(_("sanitised HTML"))
    is_heading = models.BooleanField(default=False)
    comment_count = models.PositiveIntegerField(
        default=0, help_text=_("Visible comments, kept by the comment services.")
    )

    class Meta:
        ordering = ["draft", "number"]
        verbose_name = _("paragraph")
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="one_paragraph_per_number"),
            models.UniqueConstraint(fields=["draft", "anchor"], name="one_paragraph_per_anchor"),
        ]

    def __str__(self):
        return f"{self.draft} §{self.number}"


# ---- Comments, flags, dispositions (R-CON-2, R-CON-3, R-CON-5) -----------------------------


class CommentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=Comment.Status.VISIBLE)


class Comment(models.Model):
    """A comment on one paragraph of one draft version, or a reply to one."""

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")

    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="comments")
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="comments")
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="consultation_comments")
    body = models.TextField(_("comment"))
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.EN
    )
    named_in_output = models.BooleanField(
        _("name me in the published output"),
        default=False,
        help_text=_("Otherwise your comment is counted but your name is not published."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.VISIBLE)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["paragraph", "created", "pk"]
        verbose_name = _("comment")
        indexes = [
            models.Index(fields=["draft", "paragraph", "created"]),
            models.Index(fields=["author", "created"]),
        ]

    def __str__(self):
        return f"{self.author} on {self.paragraph}"


class CommentFlag(models.Model):
    """Someone asks the moderators to look at a comment; resolving it is recorded."""

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="flags")
    flagged_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("why should moderators look at it?"))
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("comment flag")
        constraints = [
            models.UniqueConstraint(fields=["comment", "flagged_by"], name="one_flag_per_person"),
        ]

    def __str__(self):
        return f"Flag on {self.comment_id}"


class Disposition(models.Model):
    """An editor's disposition of a comment with a reply (R-CON-5); changes are events."""

    class Outcome(models.TextChoices):
        ADDRESSED = "addressed", _("Addressed")
        PARTLY = "partly", _("Partly addressed")
        NOT_ADDRESSED = "not_addressed", _("Not addressed")

    comment = models.OneToOneField(Comment, on_delete=models.PROTECT, related_name="disposition")
    outcome = models.CharField(_("disposition"), max_length=20, choices=Outcome.choices)
    reply = models.TextField(_("reply to the commenter"))
    editor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["comment"]
        verbose_name = _("disposition")

    def __str__(self):
        return f"{self.comment_id}: {self.outcome}"


# ---- Contributions (R-CON-4, R-PN-8) --------------------------------------------------------


def contribution_upload_path(instance, filename):
    return f"consultations/{instance.consultation.slug}/contributions/{filename}"


class Contribution(models.Model):
    """Text and/or a file sent to a call for contributions, on behalf of someone (R-CON-4)."""

    class OnBehalf(models.TextChoices):
        SELF = "self", _("Myself")
        ORGANISATION = "organisation", _("An organisation")
        NRI = "nri", _("A National, Regional or Youth IGF initiative")
        DC = "dc", _("A Dynamic Coalition")
        BPF = "bpf", _("A Best Practice Forum")

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")
        WITHDRAWN = "withdrawn", _("Withdrawn by its author")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="contributions"
    )
    phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, null=True, blank=True, related_name="contributions"
    )
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="contributions")
    on_behalf_of = models.CharField(_("on behalf of"), max_length=20, choices=OnBehalf.choices)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    on_behalf_workstream = models.ForeignKey(
        WORKSTREAM,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the NRI, DC or BPF"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(
        _("file"), upload_to=contribution_upload_path, max_length=300, blank=True
    )
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.EN
    )
    named_in_output = models.BooleanField(_("name me in the published output"), default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.VISIBLE)
    status_reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("contribution")
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(file=""), name="contribution_has_text_or_file"
            ),
        ]
        indexes = [models.Index(fields=["consultation", "on_behalf_of"])]

    def __str__(self):
        return self.title


class NriFeedbackInvitation(models.Model):
    """An NRI invited to give feedback on one phase of a Policy Network's output (R-PN-8)."""

    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="nri_invitations")
    nri = models.ForeignKey(WORKSTREAM, on_delete=models.PROTECT, related_name="+")
    invited_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The NRI's feedback, once sent."),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["phase", "nri"]
        verbose_name = _("NRI feedback invitation")
        constraints = [
            models.UniqueConstraint(fields=["phase", "nri"], name="one_invitation_per_nri_phase"),
        ]

    def __str__(self):
        return f"{self.nri} – {self.phase}"


# ---- The editorial group (R-CON-5) ---------------------------------------------------------


class Editor(models.Model):
    """A request to join a consultation's editorial group and its decision."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        APPROVED = "approved", _("Editor")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left the group")

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="editors")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="editorships")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    motivation = models.TextField(_("why you would like to join"), blank=True)
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["consultation", "created"]
        verbose_name = _("editor")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "user"], name="one_editor_row_each"),
        ]

    def __str__(self):
        return f"{self.user} – {self.consultation}: {self.status}"


# ---- Messages (R-CON-7) ---------------------------------------------------------------------


class Message(models.Model):
    """An outcome message: consensus, or the range of diverging views, with its sources."""

    class Kind(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus")
        DIVERGING = "diverging", _("Diverging views")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="messages"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("message"), max_length=300)
    body = models.TextField(_("explanation"), blank=True)
    paragraphs = models.ManyToManyField(Paragraph, blank=True, related_name="messages")
    comments = models.ManyToManyField(Comment, blank=True, related_name="messages")
    position = models.PositiveSmallIntegerField(default=0)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["consultation", "position", "pk"]
        verbose_name = _("outcome message")

    def __str__(self):
        return self.title


# ---- Outputs and their distribution (R-CON-6, R-PN-9) ---------------------------------------


def output_upload_path(instance, filename):
    return f"consultations/{instance.consultation.slug}/outputs/{filename}"


class Output(models.Model):
    """A published output: one version per publication, rendered to HTML and PDF by a Celery
    task, idempotent by content hash; the PDF's URL names the version and never changes."""

    class RenderStatus(models.TextChoices):
        PENDING = "pending", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="outputs")
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="outputs")
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    content_hash = models.CharField(max_length=64, blank=True)
    html = models.TextField(blank=True)
    pdf = models.FileField(upload_to=output_upload_path, max_length=300, blank=True)
    render_status = models.CharField(
        max_length=20, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    render_error = models.TextField(blank=True)
    render_attempts = models.PositiveSmallIntegerField(default=0)
    rendered_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["consultation", "-version"]
        verbose_name = _("output")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "version"], name="one_output_per_version"
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class Entity(models.Model):
    """A forum or entity that can endorse or act on an output: the Secretariat's contact
    database (R-PN-9) and the source of each output's distribution list (R-CON-6)."""

    class Kind(models.TextChoices):
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental body")
        PARLIAMENT = "parliament", _("National parliament")
        REGIONAL_PROCESS = "regional_process", _("Regional process")
        GOVERNMENT = "government", _("Government agency")
        REGULATOR = "regulator", _("Regulator")
        TECHNICAL = "technical", _("Technical organisation")
        CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
        PRIVATE_SECTOR = "private_sector", _("Private sector body")
        ACADEMIC = "academic", _("Academic institution")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    un_regional_group = models.CharField(
        _("region"), max_length=20, choices=RegionalGroup.choices, blank=True
    )
    country = CountryField(_("country"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    issues = models.TextField(_("issues they deal with"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("forum or entity")
        verbose_name_plural = _("fora and entities")

    def __str__(self):
        return self.name


class Distribution(models.Model):
    """An entity on an output's distribution list, and when it was notified (R-CON-6)."""

    output = models.ForeignKey(Output, on_delete=models.PROTECT, related_name="distribution")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="distributions")
    notified_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["output", "entity"]
        verbose_name = _("distribution")
        constraints = [
            models.UniqueConstraint(fields=["output", "entity"], name="one_distribution_each"),
        ]

    def __str__(self):
        return f"{self.output} → {self.entity}"


# ---- The record of decisions ----------------------------------------------------------------


class ConsultationEvent(models.Model):
    """One recorded decision in a consultation: who, when, what, why. Never edited."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=40)
    subject_user = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("consultation event")

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor} {self.action}"
