"""Outcome messages (R-CON-7): each states a consensus, or the range of diverging views, and
links the paragraphs and comments it comes from. Withdrawn, never deleted."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError

from . import events, permissions
from .checks import clean_reason, clean_text, require
from .models import Comment, Draft, Message, Paragraph

TITLE_MAX = 300
BODY_MAX = 20_000
MAX_SOURCES = 200


def live_messages(consultation):
    return (
        Message.objects.filter(consultation=consultation, withdrawn_at__isnull=True)
        .prefetch_related("paragraphs__draft", "comments__paragraph", "comments__draft")
        .order_by("position", "pk")
    )


def source_paragraphs(consultation):
    """Paragraphs a message may cite: those of the consultation's published drafts."""
    return (
        Paragraph.objects.filter(
            draft__consultation=consultation, draft__status=Draft.Status.PUBLISHED
        )
        .select_related("draft")
        .order_by("draft__version", "number")
    )


def parse_comment_numbers(text):
    """ "12, #15 31" -> [12, 15, 31]; anything else is a mistake worth naming."""
    text = (text or "").replace("\x00", "")
    numbers, wrong = [], []
    for token in re.split(r"[\s,;]+", text.strip()):
        if not token:
            continue
        digits = token.lstrip("#")
        if digits.isdigit() and len(digits) <= 12:
            numbers.append(int(digits))
        else:
            wrong.append(token[:30])
    if wrong:
        raise DomainError(
            _("“%(token)s” is not a comment number (write numbers such as 12, 15).")
            % {"token": wrong[0]},
            field="comments",
        )
    if len(numbers) > MAX_SOURCES:
        raise DomainError(
            _("Link at most %(limit)s comments.") % {"limit": MAX_SOURCES}, field="comments"
        )
    return sorted(set(numbers))


def _sources(consultation, paragraphs, comment_ids):
    paragraphs = list(paragraphs or [])
    if any(p.draft.consultation_id != consultation.pk for p in paragraphs):
        raise DomainError(_("A paragraph is not from this consultation."), field="paragraphs")
    comment_ids = list(comment_ids or [])
    comments = list(
        Comment.objects.visible().filter(pk__in=comment_ids, draft__consultation=consultation)
    )
    missing = sorted(set(comment_ids) - {c.pk for c in comments})
    if missing:
        raise DomainError(
            _("There is no visible comment #%(number)s in this consultation.")
            % {"number": missing[0]},
            field="comments",
            rule="R-CON-7",
        )
    if not paragraphs and not comments:
        raise DomainError(
            _("Link the message to the paragraphs or comments it comes from."),
            field="paragraphs",
            rule="R-CON-7",
        )
    return paragraphs, comments


def _check(kind, title, body):
    if kind not in Message.Kind.values:
        raise DomainError(
            _("Say whether the message states a consensus or diverging views."),
            field="kind",
            rule="R-CON-7",
        )
    title = clean_text(title, field="title", limit=TITLE_MAX, label=_("message"))
    body = clean_text(body, field="body", limit=BODY_MAX, label=_("explanation"), required=False)
    if kind == Message.Kind.DIVERGING and not body:
        raise DomainError(_("Describe the range of diverging views."), field="body", rule="R-CON-7")
    return title, body


@transaction.atomic
def create_message(
    *, consultation, actor, kind, title, body="", paragraphs=(), comment_ids=(), position=None
):
    """R-CON-7: record a message of consensus or diverging views with its sources."""
    require(permissions.can_manage_messages(actor, consultation))
    title, body = _check(kind, title, body)
    paragraphs, comments = _sources(consultation, paragraphs, comment_ids)
    if position is None:
        last = (
            Message.objects.filter(consultation=consultation)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        position = (last or 0) + 1
    message = Message.objects.create(
        consultation=consultation,
        kind=kind,
        title=title,
        body=body,
        position=min(max(int(position), 0), 32767),
        created_by=actor,
    )
    message.paragraphs.set(paragraphs)
    message.comments.set(comments)
    events.record(
        consultation=consultation,
        actor=actor,
        action="message_created",
        message=message.pk,
        kind=kind,
        paragraphs=[p.pk for p in paragraphs],
        comments=[c.pk for c in comments],
    )
    return message


def _live(message):
    message = Message.objects.select_for_update().select_related("consultation").get(pk=message.pk)
    if message.withdrawn_at is not None:
        raise DomainError(_("This message has been withdrawn."))
    return message


@transaction.atomic
def update_message(
    *, message, actor, kind, title, body="", paragraphs=(), comment_ids=(), position=None
):
    """Change a live message and its sources; the change is recorded."""
    message = _live(message)
    consultation = message.consultation
    require(permissions.can_manage_messages(actor, consultation))
    title, body = _check(kind, title, body)
    paragraphs, comments = _sources(consultation, paragraphs, comment_ids)
    message.kind, message.title, message.body = kind, title, body
    if position is not None:
        message.position = min(max(int(position), 0), 32767)
    message.save()
    message.paragraphs.set(paragraphs)
    message.comments.set(comments)
    events.record(
        consultation=consultation,
        actor=actor,
        action="message_updated",
        message=message.pk,
        kind=kind,
        paragraphs=[p.pk for p in paragraphs],
        comments=[c.pk for c in comments],
    )
    return message


@transaction.atomic
def withdraw_message(*, message, actor, reason):
    """Take a message out of the outcome; it stays recorded with the reason."""
    message = _live(message)
    require(permissions.can_manage_messages(actor, message.consultation))
    reason = clean_reason(reason)
    message.withdrawn_at = timezone.now()
    message.save(update_fields=["withdrawn_at", "updated"])
    events.record(
        consultation=message.consultation,
        actor=actor,
        action="message_withdrawn",
        reason=reason,
        message=message.pk,
    )
    return message
