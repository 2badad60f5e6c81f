"""The open editorial group and its dispositions (R-CON-5).

Anyone may ask to join; a coordinator of the owning workstream or the Secretariat approves
or declines with a reason. Editors give each comment a disposition (addressed, partly
addressed, not addressed) with a reply; the commenter hears of it through their
notification preferences. The disposition register of a draft is a page and a CSV file.
"""

import csv

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError

from . import events, permissions
from .checks import clean_reason, clean_text, require
from .models import Comment, Consultation, Disposition, Editor

DISPOSITION_KIND = "consultation_disposition"
MOTIVATION_MAX = 2000
REPLY_MAX = 10_000

# ---- The editorial group ---------------------------------------------------------------------


def _forget_editor_cache(user):
    user.__dict__.pop("_editor_of", None)


@transaction.atomic
def ask_to_join(*, consultation, actor, motivation=""):
    """R-CON-5: anyone signed in may ask to join the editorial group."""
    require(
        permissions.can_ask_to_join_editors(actor, consultation),
        _("Sign in to ask to join the editorial group."),
    )
    if consultation.status == Consultation.Status.CLOSED:
        raise DomainError(
            _("This consultation is closed; its editorial group takes no new members."),
            rule="R-CON-5",
        )
    motivation = clean_text(
        motivation,
        field="motivation",
        limit=MOTIVATION_MAX,
        label=_("motivation"),
        required=False,
    )
    row = Editor.objects.select_for_update().filter(consultation=consultation, user=actor).first()
    if row is not None and row.status == Editor.Status.APPROVED:
        raise DomainError(_("You are already an editor of this consultation."), rule="R-CON-5")
    if row is not None and row.status == Editor.Status.REQUESTED:
        raise DomainError(_("You have already asked to join; a decision is pending."))
    if row is None:
        row = Editor.objects.create(consultation=consultation, user=actor, motivation=motivation)
    else:
        # Declined or left before: asking again reopens the same row (one per person).
        row.status = Editor.Status.REQUESTED
        row.motivation = motivation
        row.decided_by, row.decided_at, row.decision_reason = None, None, ""
        row.save()
    events.record(
        consultation=consultation,
        actor=actor,
        action="editor_requested",
        subject_user=actor,
        editor=row.pk,
    )
    return row


@transaction.atomic
def decide_editor_request(*, editor, actor, approve, reason=""):
    """R-CON-5: a coordinator or the Secretariat approves or declines (a decline says why)."""
    editor = Editor.objects.select_for_update().select_related("consultation").get(pk=editor.pk)
    consultation = editor.consultation
    require(
        permissions.can_decide_editor_requests(actor, consultation),
        _("Only the workstream's coordinators and the Secretariat decide who edits."),
    )
    if editor.status != Editor.Status.REQUESTED:
        raise DomainError(_("This request has already been decided."))
    reason = clean_reason(reason, required=not approve)
    editor.status = Editor.Status.APPROVED if approve else Editor.Status.DECLINED
    editor.decided_by, editor.decided_at, editor.decision_reason = actor, timezone.now(), reason
    editor.save()
    _forget_editor_cache(editor.user)
    events.record(
        consultation=consultation,
        actor=actor,
        action="editor_approved" if approve else "editor_declined",
        subject_user=editor.user,
        reason=reason,
        editor=editor.pk,
    )
    return editor


@transaction.atomic
def leave_editors(*, consultation, actor, reason=""):
    """An editor leaves the group; the row stays as the record."""
    editor = (
        Editor.objects.select_for_update()
        .filter(consultation=consultation, user=actor, status=Editor.Status.APPROVED)
        .first()
    )
    if editor is None:
        raise DomainError(_("You are not an editor of this consultation."))
    editor.status = Editor.Status.LEFT
    editor.decision_reason = clean_reason(reason, required=False)
    editor.save()
    _forget_editor_cache(actor)
    events.record(
        consultation=consultation,
        actor=actor,
        action="editor_left",
        subject_user=actor,
        reason=editor.decision_reason,
        editor=editor.pk,
    )
    return editor


# ---- Dispositions ----------------------------------------------------------------------------


def disposition_url(comment):
    return (
        reverse(
            "consultations:dispositions",
            args=[comment.draft.consultation.slug, comment.draft.version],
        )
        + f"#comment-{comment.pk}"
    )


@transaction.atomic
def give_disposition(*, comment, actor, outcome, reply):
    """R-CON-5: an editor marks a comment addressed, partly or not addressed, with a reply;
    a change is recorded as its own event, and the commenter is notified each time."""
    from timelines import services as timeline_services
    from timelines.registry import Occasion

    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("draft__consultation", "paragraph")
        .get(pk=comment.pk)
    )
    consultation = comment.draft.consultation
    require(
        permissions.can_give_disposition(actor, consultation),
        _("Only the editorial group gives dispositions."),
    )
    if comment.parent_id is not None:
        raise DomainError(
            _("Replies are part of a conversation; give the disposition on the comment itself."),
            rule="R-CON-5",
        )
    if comment.status != Comment.Status.VISIBLE:
        raise DomainError(_("This comment is hidden; it gets no disposition."), rule="R-CON-5")
    if outcome not in Disposition.Outcome.values:
        raise DomainError(
            _("Choose addressed, partly addressed or not addressed."),
            field="outcome",
            rule="R-CON-5",
        )
    reply = clean_text(reply, field="reply", limit=REPLY_MAX, label=_("reply"))
    disposition = Disposition.objects.filter(comment=comment).first()
    previous = disposition.outcome if disposition else None
    if disposition is None:
        disposition = Disposition.objects.create(
            comment=comment, outcome=outcome, reply=reply, editor=actor
        )
    else:
        if disposition.outcome == outcome and disposition.reply == reply:
            return disposition
        disposition.outcome, disposition.reply, disposition.editor = outcome, reply, actor
        disposition.save()
    event = events.record(
        consultation=consultation,
        actor=actor,
        action="disposition_changed" if previous else "disposition_given",
        subject_user=comment.author,
        comment=comment.pk,
        outcome=outcome,
        previous=previous,
    )
    if comment.author_id != actor.pk:
        recorded = timeline_services.record_notifications(
            DISPOSITION_KIND,
            [
                Occasion(
                    recipient_id=comment.author_id,
                    subject=f"comment:{comment.pk}",
                    occasion=f"disposition:{event.pk}",
                    url=disposition_url(comment),
                    context={
                        "consultation": consultation.title,
                        "paragraph": comment.paragraph.number,
                        "version": comment.draft.version,
                        "outcome": disposition.get_outcome_display(),
                        "reply": Truncator(reply).chars(600),
                        "comment": Truncator(comment.body).chars(300),
                    },
                )
            ],
        )
        if recorded:
            timeline_services.enqueue_delivery()
    return disposition


def disposition_title(context):
    return _("Your comment on “%(consultation)s”: %(outcome)s") % context


def register():
    """Register the notification kind "your comment's disposition" (R-CON-5) with timelines.
    Called from ConsultationsConfig.ready()."""
    from timelines.models import Category
    from timelines.registry import KINDS, ReminderKind, no_scheduled_occasions, register_kind

    if DISPOSITION_KIND in KINDS:
        return
    register_kind(
        ReminderKind(
            key=DISPOSITION_KIND,
            # Closest existing category: news of work the person takes part in.
            category=Category.NEWS,
            collect=no_scheduled_occasions,
            template=DISPOSITION_KIND,
            title=disposition_title,
        )
    )


# ---- The register ----------------------------------------------------------------------------


def register_comments(draft):
    """The comments of one draft version that get a disposition: top-level and visible, in
    paragraph order, with everything the register shows fetched in the same query."""
    return (
        Comment.objects.visible()
        .filter(draft=draft, parent__isnull=True)
        .select_related(
            "paragraph", "author__profile", "disposition", "disposition__editor__profile"
        )
        .order_by("paragraph__number", "created", "pk")
    )


def register_summary(draft):
    """Counts by disposition for one draft, in one query."""
    Outcome = Disposition.Outcome
    counts = register_comments(draft).aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(disposition__isnull=True)),
        **{
            outcome.value: Count("pk", filter=Q(disposition__outcome=outcome.value))
            for outcome in Outcome
        },
    )
    return {
        "total": counts["total"],
        "pending": counts["pending"],
        "outcomes": [(outcome.label, counts[outcome.value]) for outcome in Outcome],
    }


def commenter_name(comment):
    """Named only if the commenter agreed to be named in the output."""
    return str(comment.author) if comment.named_in_output else _("Not named")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell a spreadsheet would run as a formula is prefixed with ' (CSV injection)."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Echo:
    def write(self, value):
        return value


def register_csv_rows(draft):
    """The register as CSV lines, streamed: the comments are read in chunks, never all at
    once, so a register of any size costs a bounded amount of memory."""
    writer = csv.writer(_Echo())
    yield writer.writerow(
        [
            _("Paragraph"),
            _("Comment"),
            _("Date (UTC)"),
            _("Commenter"),
            _("Language"),
            _("Comment text"),
            _("Disposition"),
            _("Reply"),
            _("Editor"),
        ]
    )
    for comment in register_comments(draft).iterator(chunk_size=500):
        disposition = getattr(comment, "disposition", None)
        yield writer.writerow(
            [
                neutralise(cell)
                for cell in (
                    comment.paragraph.number,
                    comment.pk,
                    comment.created.strftime("%Y-%m-%d %H:%M"),
                    commenter_name(comment),
                    comment.language,
                    comment.body,
                    disposition.get_outcome_display() if disposition else _("Pending"),
                    disposition.reply if disposition else "",
                    str(disposition.editor) if disposition else "",
                )
            ]
        )


# As workstreams.spaces does: registered when the module is first imported (by the views, and
# by the worker through consultations.tasks), and again harmlessly from AppConfig.ready().
register()


@transaction.atomic
def leave_all_editor_groups(*, user, actor, reason):
    """A closed account: `user` leaves every editorial group (and drops any request to join),
    each recorded in its consultation's history."""
    editors = Editor.objects.select_for_update().filter(
        user=user, status__in=[Editor.Status.APPROVED, Editor.Status.REQUESTED]
    )
    for editor in editors.select_related("consultation"):
        editor.status = Editor.Status.LEFT
        editor.decision_reason = reason
        editor.save()
        events.record(
            consultation=editor.consultation,
            actor=actor,
            action="editor_left",
            subject_user=user,
            reason=reason,
            editor=editor.pk,
        )
    _forget_editor_cache(user)
