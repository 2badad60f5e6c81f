import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

WORKSTREAM = "workstreams.Workstream"  # by string: timelines imports no domain app


class Category(models.TextChoices):
    """What a notification is about; each person chooses how each category reaches them."""

    DEADLINES = "deadlines", _("Deadlines you are responsible for")
    MILESTONES = "milestones", _("Milestones of workstreams you follow")
    NEWS = "news", _("News from workstreams you follow")
    DUTIES = "duties", _("Duties of your role (Secretariat, MAG)")


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DIGEST = "digest", _("In a daily digest")
    OFF = "off", _("Off (in the portal only)")


DEFAULT_EMAIL_MODES = {
    Category.DEADLINES: EmailMode.IMMEDIATE,
    Category.MILESTONES: EmailMode.DIGEST,
    Category.NEWS: EmailMode.DIGEST,
    Category.DUTIES: EmailMode.IMMEDIATE,
}


class Phase(models.TextChoices):
    PAST = "past", _("Past")
    CURRENT = "current", _("Now")
    UPCOMING = "upcoming", _("Upcoming")


class MilestoneQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class Milestone(models.Model):
    """A dated step on a workstream's timeline (R-TL-1); a period when it has an end date."""

    workstream = models.ForeignKey(WORKSTREAM, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start = models.DateField(_("date"), help_text=_("The day it happens, or the first day."))
    end = models.DateField(
        _("until"), null=True, blank=True, help_text=_("For a period, such as a comment window.")
    )
    is_deadline = models.BooleanField(_("deadline"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    remove_reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("milestone")
        indexes = [models.Index(fields=["workstream", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="milestone_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def last_day(self):
        return self.end or self.start

    def phase(self, today):
        if self.last_day < today:
            return Phase.PAST
        if self.start <= today:
            return Phase.CURRENT
        return Phase.UPCOMING


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ActionItem.Status.OPEN)

    def due_before(self, day):
        return self.open().filter(deadline__lt=day)

    def for_actor(self, user, role_items=None):
        """Items naming the person directly, or through a role (ids from the role resolver)."""
        condition = Q(actors__user=user)
        if role_items is not None:
            condition |= Q(pk__in=role_items)
        return self.filter(condition).distinct()


class ActionItem(models.Model):
    """A next step: an action, its actors and a deadline (R-PN-10), owned by a workstream."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    workstream = models.ForeignKey(
        WORKSTREAM, on_delete=models.PROTECT, related_name="action_items"
    )
    action = models.TextField(_("action"))
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("A day in the workstream's time zone. Leave empty for “to be set”."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    status_reason = models.TextField(blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        # Open items first, then by deadline ("to be set" last).
        ordering = [
            models.Case(models.When(status="open", then=0), default=1),
            models.F("deadline").asc(nulls_last=True),
            "pk",
        ]
        verbose_name = _("action item")
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return self.action[:80]

    def is_overdue(self, today):
        return (
            self.status == self.Status.OPEN and self.deadline is not None and self.deadline < today
        )


class ActionItemActor(models.Model):
    """Who must act: a person, or a role in the item's workstream (e.g. its coordinators)."""

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="actors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_item_actors",
    )
    role = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("actor")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(role=""))
                | (Q(user__isnull=True) & ~Q(role="")),
                name="actor_is_a_person_or_a_role",
            ),
            models.UniqueConstraint(
                fields=["item", "user"],
                condition=Q(user__isnull=False),
                name="one_actor_row_per_person",
            ),
            models.UniqueConstraint(
                fields=["item", "role"], condition=~Q(role=""), name="one_actor_row_per_role"
            ),
        ]

    def __str__(self):
        return str(self.user) if self.user_id else self.role


class ActionItemEvent(models.Model):
    """Every change to an action item: who, when, what, why."""

    item = models.ForeignKey(ActionItem, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    verb = models.CharField(max_length=20)
    details = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.verb} {self.item_id}"


class Follow(models.Model):
    """A person follows a workstream to receive its milestones and news."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    workstream = models.ForeignKey(WORKSTREAM, on_delete=models.CASCADE, related_name="follows")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "workstream"], name="one_follow_per_workstream")
        ]

    def __str__(self):
        return f"{self.user_id} follows {self.workstream_id}"


class NotificationPreference(models.Model):
    """How one category of notifications reaches one person by email."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    email_mode = models.CharField(max_length=10, choices=EmailMode.choices)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="one_preference_per_category")
        ]

    def __str__(self):
        return f"{self.user_id} {self.category}: {self.email_mode}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def email_due(self, mode):
        return self.filter(email_status=Notification.EmailStatus.PENDING, email_mode=mode)


class Notification(models.Model):
    """The outbox and the in-app notification in one row.

    One row per (recipient, kind, subject, occasion) under a unique constraint: a second
    attempt to record the same reminder is a no-op, so nothing is ever sent twice. The email
    is marked sent only after the send succeeded; until then it stays pending and is retried.
    """

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        NOT_WANTED = "not_wanted", _("Not sent (email off)")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    category = models.CharField(max_length=20, choices=Category.choices)
    subject = models.CharField(max_length=80, help_text=_("What it is about, e.g. actionitem:42."))
    occasion = models.CharField(
        max_length=40, help_text=_("Which reminder, e.g. before-7 or overdue.")
    )
    context = models.JSONField(default=dict)
    url = models.CharField(max_length=500)
    email_mode = models.CharField(max_length=10, choices=EmailMode.choices)
    email_status = models.CharField(
        max_length=12, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject", "occasion"],
                name="one_notification_per_occasion",
            )
        ]
        indexes = [
            models.Index(fields=["email_status", "email_mode"]),
            models.Index(fields=["recipient", "read_at"]),
        ]

    def __str__(self):
        return f"{self.kind} {self.subject} {self.occasion} → {self.recipient_id}"


def new_calendar_token():
    return secrets.token_urlsafe(32)


class CalendarTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarToken(models.Model):
    """The secret in a person's private calendar feed URL; revoking it kills the old URL."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_calendar_token",
            )
        ]

    def __str__(self):
        return f"calendar token of {self.user_id}"
