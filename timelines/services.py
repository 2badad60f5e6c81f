"""Every write in timelines: action items, milestones, follows, preferences, the outbox."""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError
from accounts.services import language_for

from . import registry
from .models import (
    DEFAULT_EMAIL_MODES,
    ActionItem,
    ActionItemActor,
    ActionItemEvent,
    CalendarToken,
    Category,
    EmailMode,
    Follow,
    Milestone,
    Notification,
    NotificationPreference,
)

logger = logging.getLogger(__name__)
policy = registry.policy
Status = ActionItem.Status
UNSUBSCRIBE_SALT = "timelines.unsubscribe"
# In an unsubscribe token: every category the person receives as a daily digest.
DIGEST = "digest"


def _require(allowed, message=None):
    if not allowed:
        raise PermissionDenied(message or _("You may not do this in this workstream."))


# ---- Action items (R-PN-10) ------------------------------------------------------------------


def _check_actors(users, roles):
    users, roles = list(users), sorted(set(roles))
    if not users and not roles:
        raise DomainError(
            _("Name at least one actor: a person or a role."), field="users", rule="R-PN-10"
        )
    known_roles = {value for value, _label in policy.actor_roles}
    unknown = [role for role in roles if role not in known_roles]
    if unknown:
        raise DomainError(
            _("“%(role)s” is not a role that can act here.") % {"role": unknown[0]}, field="roles"
        )
    inactive = [user for user in users if not user.is_active]
    if inactive:
        raise DomainError(
            _("%(name)s no longer has an active account.") % {"name": inactive[0]}, field="users"
        )
    return users, roles


def _check_deadline(workstream, deadline, allow_past, now=None):
    if deadline is None or allow_past:
        return
    today = workstream.today(now)
    if deadline < today:
        raise DomainError(
            _(
                "The deadline %(deadline)s has already passed (today is %(today)s in the "
                "workstream's time zone, %(zone)s)."
            )
            % {
                "deadline": date_format(deadline),
                "today": date_format(today),
                "zone": workstream.time_zone,
            },
            field="deadline",
            rule="R-PN-10",
        )


def _set_actors(item, users, roles):
    item.actors.all().delete()  # the event log keeps who the actors were
    ActionItemActor.objects.bulk_create(
        [ActionItemActor(item=item, user=user) for user in users]
        + [ActionItemActor(item=item, role=role) for role in roles]
    )


def _actor_summary(users, roles):
    return {"users": sorted(user.pk for user in users), "roles": sorted(roles)}


@transaction.atomic
def create_action_item(
    *, workstream, action, deadline, actor, users=(), roles=(), allow_past=False, now=None
):
    """Record a next step with its actors and deadline (R-PN-10). Imports pass allow_past."""
    _require(policy.can_manage(actor, workstream))
    action = (action or "").strip()
    if not action:
        raise DomainError(_("Describe the action."), field="action")
    users, roles = _check_actors(users, roles)
    _check_deadline(workstream, deadline, allow_past, now)
    item = ActionItem.objects.create(
        workstream=workstream, action=action, deadline=deadline, created_by=actor
    )
    _set_actors(item, users, roles)
    ActionItemEvent.objects.create(
        item=item,
        actor=actor,
        verb="created",
        details={
            "deadline": deadline.isoformat() if deadline else None,
            **_actor_summary(users, roles),
            "imported": allow_past,
        },
    )
    return item


@transaction.atomic
def update_action_item(
    *, item, actor, action, deadline, users=(), roles=(), reason="", allow_past=False, now=None
):
    """Change an open item; a new deadline must not be past, and earns fresh reminders."""
    item = ActionItem.objects.select_for_update().select_related("workstream").get(pk=item.pk)
    _require(policy.can_manage(actor, item.workstream))
    if item.status != Status.OPEN:
        raise DomainError(_("Only an open action item can be changed."), field="action")
    action = (action or "").strip()
    if not action:
        raise DomainError(_("Describe the action."), field="action")
    users, roles = _check_actors(users, roles)
    if deadline != item.deadline:
        _check_deadline(item.workstream, deadline, allow_past, now)
    before = {
        "action": item.action,
        "deadline": item.deadline.isoformat() if item.deadline else None,
        **_actor_summary(
            [a.user for a in item.actors.select_related("user") if a.user_id],
            [a.role for a in item.actors.all() if a.role],
        ),
    }
    item.action, item.deadline = action, deadline
    item.save(update_fields=["action", "deadline", "updated"])
    _set_actors(item, users, roles)
    after = {
        "action": action,
        "deadline": deadline.isoformat() if deadline else None,
        **_actor_summary(users, roles),
    }
    changes = {
        key: {"from": before[key], "to": after[key]} for key in after if before[key] != after[key]
    }
    if changes:
        ActionItemEvent.objects.create(
            item=item, actor=actor, verb="updated", details={"changes": changes}, reason=reason
        )
    return item


def is_actor(user, item, held=None):
    """True when the person is named on the item, directly or through a role they hold.

    Pages that check many items pass `held` (policy.roles_of(user)) to spare a query each.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    for row in item.actors.all():
        if row.user_id == user.pk:
            return True
    roles = {row.role for row in item.actors.all() if row.role}
    if not roles:
        return False
    held = policy.roles_of(user) if held is None else held
    return any((item.workstream_id, role) in held for role in roles)


def _change_status(item, actor, status, verb, reason):
    item.status = status
    item.status_reason = reason
    item.status_changed_at = timezone.now()
    item.status_changed_by = actor
    item.save(
        update_fields=[
            "status",
            "status_reason",
            "status_changed_at",
            "status_changed_by",
            "updated",
        ]
    )
    ActionItemEvent.objects.create(item=item, actor=actor, verb=verb, reason=reason)
    return item


@transaction.atomic
def complete_action_item(*, item, actor, note=""):
    """An actor (or a coordinator) marks the item done (R-PN-10)."""
    item = ActionItem.objects.select_for_update().select_related("workstream").get(pk=item.pk)
    _require(
        is_actor(actor, item) or policy.can_manage(actor, item.workstream),
        _("Only the item's actors and the workstream's coordinators can mark it done."),
    )
    if item.status != Status.OPEN:
        raise DomainError(
            _("This action item is already %(status)s.")
            % {"status": item.get_status_display().lower()}
        )
    return _change_status(item, actor, Status.DONE, "done", note)


@transaction.atomic
def drop_action_item(*, item, actor, reason):
    """Coordinators drop an item they no longer pursue, saying why; it stays on record."""
    item = ActionItem.objects.select_for_update().select_related("workstream").get(pk=item.pk)
    _require(policy.can_manage(actor, item.workstream))
    if not (reason or "").strip():
        raise DomainError(_("Say why the item is dropped; it is recorded."), field="reason")
    if item.status != Status.OPEN:
        raise DomainError(
            _("This action item is already %(status)s.")
            % {"status": item.get_status_display().lower()}
        )
    return _change_status(item, actor, Status.DROPPED, "dropped", reason)


# ---- Milestones (R-TL-1) ---------------------------------------------------------------------


def _check_period(start, end):
    if start is None:
        raise DomainError(_("Give the date of the milestone."), field="start")
    if end is not None and end < start:
        raise DomainError(_("The end date comes before the start date."), field="end")


@transaction.atomic
def create_milestone(
    *, workstream, title, start, actor, end=None, description="", is_deadline=False
):
    """Add a dated milestone to a workstream's timeline; its followers hear of it (news)."""
    _require(policy.can_manage(actor, workstream))
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the milestone a title."), field="title")
    _check_period(start, end)
    milestone = Milestone.objects.create(
        workstream=workstream,
        title=title,
        start=start,
        end=end,
        description=description,
        is_deadline=is_deadline,
        created_by=actor,
    )
    followers = Follow.objects.filter(workstream=workstream).values_list("user_id", flat=True)
    url = reverse("workstreams:timeline", args=[workstream.slug])
    recorded = record_notifications(
        "milestone_added",
        [
            registry.Occasion(
                recipient_id=user_id,
                subject=f"milestone:{milestone.pk}",
                occasion="added",
                url=url,
                context=milestone_context(milestone, workstream),
            )
            for user_id in followers
            if user_id != getattr(actor, "pk", None)
        ],
    )
    if recorded:
        enqueue_delivery()
    return milestone


def _live_milestone(milestone):
    milestone = (
        Milestone.objects.select_for_update().select_related("workstream").get(pk=milestone.pk)
    )
    if milestone.removed_at is not None:
        raise DomainError(_("This milestone has already been removed."))
    return milestone


@transaction.atomic
def update_milestone(
    *, milestone, actor, title, start, end=None, description="", is_deadline=False
):
    """Change a milestone on the timeline (not one already removed)."""
    milestone = _live_milestone(milestone)
    _require(policy.can_manage(actor, milestone.workstream))
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the milestone a title."), field="title")
    _check_period(start, end)
    milestone.title, milestone.start, milestone.end = title, start, end
    milestone.description, milestone.is_deadline = description, is_deadline
    milestone.save()
    return milestone


@transaction.atomic
def remove_milestone(*, milestone, actor, reason):
    """Take a milestone off the timeline; the row stays, with who removed it and why."""
    milestone = _live_milestone(milestone)
    _require(policy.can_manage(actor, milestone.workstream))
    if not (reason or "").strip():
        raise DomainError(_("Say why the milestone is removed; it is recorded."), field="reason")
    milestone.removed_at = timezone.now()
    milestone.removed_by = actor
    milestone.remove_reason = reason
    milestone.save(update_fields=["removed_at", "removed_by", "remove_reason", "updated"])
    return milestone


def milestone_context(milestone, workstream):
    return {
        "title": milestone.title,
        "start": milestone.start.isoformat(),
        "end": milestone.end.isoformat() if milestone.end else None,
        "workstream": workstream.name,
    }


# ---- Follows and preferences -----------------------------------------------------------------


def follow_workstream(*, user, workstream):
    """Follow a workstream one may see, to hear of its milestones and news."""
    _require(policy.can_view(user, workstream) and user.is_authenticated)
    Follow.objects.get_or_create(user=user, workstream=workstream)


def unfollow_workstream(*, user, workstream):
    Follow.objects.filter(user=user, workstream=workstream).delete()


def email_modes(user_ids, category):
    """{user_id: email mode} for a category, in one query; the default where none is set."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, category=category).values_list(
            "user_id", "email_mode"
        )
    )
    default = DEFAULT_EMAIL_MODES[category]
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


def set_email_mode(*, user, category, mode):
    if category not in Category.values:
        raise DomainError(_("Unknown category."), field="category")
    if mode not in EmailMode.values:
        raise DomainError(_("Choose immediately, daily digest or off."), field="email_mode")
    NotificationPreference.objects.update_or_create(
        user=user, category=category, defaults={"email_mode": mode}
    )


def unsubscribe_token(user_id, category):
    return signing.dumps({"u": user_id, "c": category}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token):
    """(user, category) for a valid token, or None; a token never expires."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("c") not in {*Category.values, DIGEST}:
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    return (user, data["c"]) if user else None


def unsubscribe(*, user, category):
    """Turn off the emails of a category (or of every category sent as a digest).

    Returns the categories turned off.
    """
    if category == DIGEST:
        modes = {c: email_modes([user.pk], c)[user.pk] for c in Category.values}
        categories = [c for c, mode in modes.items() if mode == EmailMode.DIGEST]
    else:
        categories = [category]
    for each in categories:
        set_email_mode(user=user, category=each, mode=EmailMode.OFF)
    return categories


def unsubscribe_url(user_id, category):
    return settings.SITE_URL + reverse(
        "timelines:unsubscribe", args=[unsubscribe_token(user_id, category)]
    )


# ---- The outbox (R-TL-2) ---------------------------------------------------------------------


def record_notifications(kind_key, occasions):
    """Record notifications under their unique key; one already recorded is left as it is.

    Nobody whose account is closed (or deactivated) is notified. Four queries for the whole
    batch (closed accounts, existing keys, preferences, insert), whatever its size. Returns
    how many rows this call set out to add.
    """
    kind = registry.kind(kind_key)
    occasions = list(occasions)
    if not occasions:
        return 0
    recipients = {occasion.recipient_id for occasion in occasions}
    inactive = set(
        get_user_model()
        .objects.filter(pk__in=recipients, is_active=False)
        .values_list("pk", flat=True)
    )
    if inactive:
        occasions = [o for o in occasions if o.recipient_id not in inactive]
        recipients -= inactive
        if not occasions:
            return 0
    existing = set(
        Notification.objects.filter(
            kind=kind.key,
            recipient_id__in=recipients,
            subject__in={occasion.subject for occasion in occasions},
        ).values_list("recipient_id", "subject", "occasion")
    )
    new = {}
    for occasion in occasions:
        if len(occasion.subject) > 80 or len(occasion.occasion) > 40:
            raise ValueError(f"occasion key too long for the outbox: {occasion!r}")
        key = (occasion.recipient_id, occasion.subject, occasion.occasion)
        if key not in existing:
            new.setdefault(key, occasion)
    if not new:
        return 0
    modes = email_modes({occasion.recipient_id for occasion in new.values()}, kind.category)
    rows = [
        Notification(
            recipient_id=occasion.recipient_id,
            kind=kind.key,
            category=kind.category,
            subject=occasion.subject,
            occasion=occasion.occasion,
            url=occasion.url,
            context=occasion.context,
            email_mode=modes[occasion.recipient_id],
            email_status=(
                Notification.EmailStatus.NOT_WANTED
                if modes[occasion.recipient_id] == EmailMode.OFF
                else Notification.EmailStatus.PENDING
            ),
        )
        for occasion in new.values()
    ]
    # The unique constraint decides: a duplicate recorded meanwhile (a second beat tick, a
    # retried task, another worker) is skipped by the database itself, never inserted twice.
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def collect_due_reminders(now=None, batch_size=None):
    """Record every reminder due now, kind by kind, batch by batch. Returns the count recorded."""
    now = now or timezone.now()
    batch_size = batch_size or settings.REMINDER_BATCH_SIZE
    recorded = 0
    for kind in registry.KINDS.values():
        for batch in kind.collect(now, batch_size):
            with transaction.atomic():
                recorded += record_notifications(kind.key, batch)
    return recorded


_delivery_held = contextvars.ContextVar("timelines_delivery_held", default=False)


@contextlib.contextmanager
def delivery_held():
    """Record notifications but send nothing now (seeding demo data); the rows stay pending
    in the outbox and go out with the next delivery run."""
    token = _delivery_held.set(True)
    try:
        yield
    finally:
        _delivery_held.reset(token)


def enqueue_delivery():
    """Deliver pending emails once the current transaction has committed."""
    from .tasks import deliver_notifications_task

    if not _delivery_held.get():
        transaction.on_commit(deliver_notifications_task.delay)


def one_line(text, limit=150):
    """A header-safe subject: user text may hold line breaks, which mail headers refuse."""
    return Truncator(" ".join(str(text).split())).chars(limit)


def _email_context(notification, title):
    return {
        "notification": notification,
        "context": notification.context,
        "title": title,
        "item_url": settings.SITE_URL + notification.url,
        "site_name": settings.SITE_NAME,
        "preferences_url": settings.SITE_URL + reverse("timelines:preferences"),
        "unsubscribe_url": unsubscribe_url(notification.recipient_id, notification.category),
        "recipient": notification.recipient,
    }


def _message(to, subject, context, template, unsubscribe):
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[to],
        headers={
            # RFC 8058 one-click unsubscribe: the mail client POSTs to this URL.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def send_notification_email(notification):
    kind = registry.kind(notification.kind)
    title = kind.title(notification.context)
    context = _email_context(notification, title)
    context["body_template"] = f"timelines/emails/kinds/{kind.template}"
    _message(
        notification.recipient.email,
        one_line(f"[{settings.SITE_NAME}] {title}"),
        context,
        "timelines/emails/notification",
        context["unsubscribe_url"],
    ).send()


def _claim(queryset, batch_size, skip):
    # SKIP LOCKED: two workers take different rows; each row is sent by one worker only.
    # The lock is held until the row is marked sent, so a crash before then leaves it pending.
    return list(
        queryset.exclude(pk__in=skip)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("recipient__profile")
        .order_by("pk")[:batch_size]
    )


def deliver_pending(batch_size=100, now=None):
    """Send pending immediate emails in batches; a failed send stays pending for a retry.

    Returns (sent, failed). Queries per batch: claim, mark sent, mark failed.
    """
    sent = failed = 0
    failed_ids = []
    while True:
        with transaction.atomic():
            rows = _claim(
                Notification.objects.email_due(EmailMode.IMMEDIATE), batch_size, failed_ids
            )
            if not rows:
                break
            sent_ids, errors = [], []
            for row in rows:
                try:
                    with translation.override(language_for(row.recipient)):
                        send_notification_email(row)
                except Exception as error:  # noqa: BLE001 - any failure leaves the row pending
                    logger.warning("notification %s not sent: %s", row.pk, error)
                    row.attempts += 1
                    row.last_error = f"{type(error).__name__}: {error}"[:1000]
                    errors.append(row)
                    failed_ids.append(row.pk)
                else:
                    sent_ids.append(row.pk)
            Notification.objects.filter(pk__in=sent_ids).update(
                email_status=Notification.EmailStatus.SENT,
                email_sent_at=now or timezone.now(),
                attempts=F("attempts") + 1,
            )
            if errors:
                Notification.objects.bulk_update(errors, ["attempts", "last_error"])
            sent += len(sent_ids)
            failed += len(errors)
    return sent, failed


def send_digests(now=None, batch_size=100):
    """One email per person with all their pending digest notifications. Returns emails sent."""
    emails = 0
    skip = []
    while True:
        with transaction.atomic():
            recipients = list(
                Notification.objects.email_due(EmailMode.DIGEST)
                .exclude(recipient_id__in=skip)
                .order_by("recipient_id")
                .values_list("recipient_id", flat=True)
                .distinct()[:batch_size]
            )
            if not recipients:
                break
            rows = list(
                Notification.objects.email_due(EmailMode.DIGEST)
                .filter(recipient_id__in=recipients)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient__profile")
                .order_by("recipient_id", "created", "pk")
            )
            by_recipient = {}
            for row in rows:
                by_recipient.setdefault(row.recipient_id, []).append(row)
            sent_ids = []
            for recipient_id, items in by_recipient.items():
                try:
                    with translation.override(language_for(items[0].recipient)):
                        _send_digest(items)
                except Exception as error:  # noqa: BLE001
                    logger.warning("digest for %s not sent: %s", recipient_id, error)
                else:
                    sent_ids.extend(row.pk for row in items)
                    emails += 1
            skip.extend(recipients)
            Notification.objects.filter(pk__in=sent_ids).update(
                email_status=Notification.EmailStatus.SENT,
                email_sent_at=now or timezone.now(),
                attempts=F("attempts") + 1,
            )
    return emails


def _send_digest(items):
    recipient = items[0].recipient
    entries = [
        {
            "title": registry.kind(item.kind).title(item.context),
            "url": settings.SITE_URL + item.url,
            "category": item.get_category_display(),
        }
        for item in items
    ]
    context = {
        "entries": entries,
        "recipient": recipient,
        "site_name": settings.SITE_NAME,
        "preferences_url": settings.SITE_URL + reverse("timelines:preferences"),
        "notifications_url": settings.SITE_URL + reverse("timelines:notifications"),
    }
    # A digest mixes categories: its one-click link turns off the digest itself, that is every
    # category the person receives by digest at that moment.
    unsubscribe = unsubscribe_url(recipient.pk, DIGEST)
    context["unsubscribe_url"] = unsubscribe
    subject = _("[%(site)s] Your daily digest: %(count)s updates") % {
        "site": settings.SITE_NAME,
        "count": len(items),
    }
    _message(recipient.email, subject, context, "timelines/emails/digest", unsubscribe).send()


# ---- The notification centre -----------------------------------------------------------------


def mark_read(*, user, notification):
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def mark_all_read(*, user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# ---- Calendar feed tokens --------------------------------------------------------------------


def calendar_token_for(user):
    """The person's active feed token, created on first need."""
    token = CalendarToken.objects.active().filter(user=user).first()
    if token:
        return token
    try:
        with transaction.atomic():
            return CalendarToken.objects.create(user=user)
    except IntegrityError:  # a simultaneous first request created it
        return CalendarToken.objects.active().get(user=user)


@transaction.atomic
def rotate_calendar_token(*, user):
    """Revoke the current feed URL and issue a new one (when a URL has leaked)."""
    CalendarToken.objects.active().filter(user=user).update(revoked_at=timezone.now())
    return CalendarToken.objects.create(user=user)
