"""Consultations, phases, drafts and paragraph comments (R-CON-1, R-CON-2, R-CON-3).

Every write goes through a service here: it checks the permission and the rule, runs in one
transaction and records its decision with consultations.events.record. Nothing is deleted:
comments are hidden with a reason, drafts are superseded by the next version.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError

from . import permissions
from .checks import REASON_MAX, clean_language, clean_reason, clean_text, require
from .events import record
from .markdown import split_paragraphs
from .models import Comment, CommentFlag, Consultation, Draft, Language, Paragraph, Phase

TITLE_MAX = 200
SUMMARY_MAX = 5_000
DRAFT_BODY_MAX = 200_000
COMMENT_MAX = 5_000
# Slugs that are paths of their own under /consultations/.
RESERVED_SLUGS = {"new", "markdownx", "entities", "outputs", "directory", "mine"}
RATE_WINDOW = dt.timedelta(hours=1)


def when(moment):
    """A date-time in the reader's time zone, in the portal's named format."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# ---- Consultations (R-CON-1) ---------------------------------------------------------------


def _unique_slug(title, wanted=""):
    base = slugify(wanted or title)[:70].strip("-") or "consultation"
    if base in RESERVED_SLUGS:
        base = f"{base}-consultation"
    slug, n = base, 2
    while Consultation.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def create_consultation(
    *,
    workstream,
    actor,
    title,
    summary="",
    language=Language.EN,
    is_policy_network_output=False,
    comment_rate_limit=20,
    slug="",
):
    """R-CON-1: a consultation belongs to a workstream; its coordinators or the Secretariat
    create it (for IGF-wide work, in the programme's workstream). It starts being prepared."""
    require(
        permissions.can_manage_consultation(actor, workstream=workstream),
        _("Only this workstream's coordinators and the Secretariat may start a consultation."),
    )
    title = clean_text(title, field="title", limit=TITLE_MAX, label=_("title"))
    summary = clean_text(
        summary, field="summary", limit=SUMMARY_MAX, label=_("summary"), required=False
    )
    consultation = Consultation.objects.create(
        workstream=workstream,
        title=title,
        slug=_unique_slug(title, slug),
        summary=summary,
        language=clean_language(language),
        is_policy_network_output=bool(is_policy_network_output),
        comment_rate_limit=comment_rate_limit,
        created_by=actor,
    )
    record(consultation=consultation, actor=actor, action="created", title=title)
    return consultation


@transaction.atomic
def update_consultation(
    *, consultation, actor, title, summary, language, status, comment_rate_limit, reason=""
):
    """Change a consultation's facts or status; a change of status is recorded with its reason."""
    require(permissions.can_manage_consultation(actor, consultation))
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if status not in Consultation.Status.values:
        raise DomainError(_("Choose a status from the list."), field="status")
    before = consultation.status
    consultation.title = clean_text(title, field="title", limit=TITLE_MAX, label=_("title"))
    consultation.summary = clean_text(
        summary, field="summary", limit=SUMMARY_MAX, label=_("summary"), required=False
    )
    consultation.language = clean_language(language)
    consultation.comment_rate_limit = comment_rate_limit
    consultation.status = status
    consultation.save()
    reason = (reason or "").replace("\x00", "").strip()[:REASON_MAX]
    record(
        consultation=consultation,
        actor=actor,
        action="updated" if before == status else "status_changed",
        reason=reason,
        status_from=before,
        status_to=status,
    )
    return consultation


# ---- Phases (R-CON-1) ----------------------------------------------------------------------


def _check_phase(consultation, kind, opens_at, closes_at, draft):
    if kind not in Phase.Kind.values:
        raise DomainError(_("Choose a phase from the list."), field="kind", rule="R-CON-1")
    if opens_at is None:
        raise DomainError(_("Give the date and time it opens."), field="opens_at", rule="R-CON-1")
    if closes_at is not None and closes_at <= opens_at:
        raise DomainError(
            _("It must close after it opens (it opens %(opens)s).") % {"opens": when(opens_at)},
            field="closes_at",
            rule="R-CON-1",
        )
    if draft is not None:
        if draft.consultation_id != consultation.pk:
            raise DomainError(_("Choose a draft of this consultation."), field="draft")
        # Its status as stored now, not as the caller's copy last saw it.
        draft.status = Draft.objects.filter(pk=draft.pk).values_list("status", flat=True).get()
    if kind == Phase.Kind.COMMENT_WINDOW:
        if draft is None or draft.status != Draft.Status.PUBLISHED:
            raise DomainError(
                _("A comment window opens a published draft for comment; choose one."),
                field="draft",
                rule="R-CON-1",
            )
        if closes_at is None:
            raise DomainError(
                _("A comment window needs a closing date and time."),
                field="closes_at",
                rule="R-CON-1",
            )


@transaction.atomic
def add_phase(
    *, consultation, actor, kind, opens_at, closes_at=None, draft=None, title="", description=""
):
    """R-CON-1: a round's phase; a comment window needs a published draft and open and close
    date-times (close after open); a call for contributions may be open-ended."""
    require(permissions.can_manage_consultation(actor, consultation))
    _check_phase(consultation, kind, opens_at, closes_at, draft)
    phase = Phase.objects.create(
        consultation=consultation,
        kind=kind,
        title=clean_text(title, field="title", limit=TITLE_MAX, label=_("title"), required=False),
        description=clean_text(
            description,
            field="description",
            limit=SUMMARY_MAX,
            label=_("description"),
            required=False,
        ),
        opens_at=opens_at,
        closes_at=closes_at,
        draft=draft,
        created_by=actor,
    )
    record(
        consultation=consultation,
        actor=actor,
        action="phase_added",
        phase=phase.pk,
        kind=kind,
        opens_at=opens_at.isoformat(),
        closes_at=closes_at.isoformat() if closes_at else None,
        draft=draft.version if draft else None,
    )
    return phase


@transaction.atomic
def update_phase(
    *, phase, actor, kind, opens_at, closes_at=None, draft=None, title="", description="", reason=""
):
    """R-CON-1: move or correct a phase; the same checks as adding one, and the change is
    recorded (moving a window's close is a decision people may ask about)."""
    phase = Phase.objects.select_for_update().select_related("consultation").get(pk=phase.pk)
    consultation = phase.consultation
    require(permissions.can_manage_consultation(actor, consultation))
    _check_phase(consultation, kind, opens_at, closes_at, draft)
    before = {
        "kind": phase.kind,
        "opens_at": phase.opens_at.isoformat(),
        "closes_at": phase.closes_at.isoformat() if phase.closes_at else None,
    }
    phase.kind = kind
    phase.opens_at, phase.closes_at, phase.draft = opens_at, closes_at, draft
    phase.title = clean_text(
        title, field="title", limit=TITLE_MAX, label=_("title"), required=False
    )
    phase.description = clean_text(
        description, field="description", limit=SUMMARY_MAX, label=_("description"), required=False
    )
    phase.save()
    record(
        consultation=consultation,
        actor=actor,
        action="phase_changed",
        reason=(reason or "").replace("\x00", "").strip()[:REASON_MAX],
        phase=phase.pk,
        before=before,
        opens_at=opens_at.isoformat(),
        closes_at=closes_at.isoformat() if closes_at else None,
    )
    return phase


# ---- Drafts (R-CON-3) ----------------------------------------------------------------------


@transaction.atomic
def create_draft(
    *, consultation, actor, title, body, language=Language.EN, is_outcome_document=False
):
    """A new version, being edited until it is published; earlier versions stay as they are."""
    require(permissions.can_edit_drafts(actor, consultation))
    # Lock the consultation so two editors starting a draft at once get different versions.
    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
    last = consultation.drafts.aggregate(last=Max("version"))["last"] or 0
    draft = Draft.objects.create(
        consultation=consultation,
        version=last + 1,
        title=clean_text(title, field="title", limit=TITLE_MAX, label=_("title")),
        body=clean_text(body, field="body", limit=DRAFT_BODY_MAX, label=_("text")),
        language=clean_language(language),
        is_outcome_document=bool(is_outcome_document),
        created_by=actor,
    )
    record(consultation=consultation, actor=actor, action="draft_created", version=draft.version)
    return draft


def _editable(draft):
    draft = Draft.objects.select_for_update().select_related("consultation").get(pk=draft.pk)
    if draft.status == Draft.Status.PUBLISHED:
        raise DomainError(
            _(
                "Version %(version)s is published and never changes, so the comments on it keep "
                "their place; start the next version instead."
            )
            % {"version": draft.version},
            rule="R-CON-3",
        )
    return draft


@transaction.atomic
def update_draft(*, draft, actor, title, body, language, is_outcome_document=False):
    """R-CON-3: only a draft being edited changes; a published one is immutable."""
    require(permissions.can_edit_drafts(actor, draft.consultation))
    draft = _editable(draft)
    draft.title = clean_text(title, field="title", limit=TITLE_MAX, label=_("title"))
    draft.body = clean_text(body, field="body", limit=DRAFT_BODY_MAX, label=_("text"))
    draft.language = clean_language(language)
    draft.is_outcome_document = bool(is_outcome_document)
    draft.save()
    record(
        consultation=draft.consultation,
        actor=actor,
        action="draft_edited",
        version=draft.version,
    )
    return draft


@transaction.atomic
def publish_draft(*, draft, actor):
    """R-CON-3: publishing splits the draft into numbered paragraphs and freezes it; earlier
    versions, their paragraphs and their comments are left exactly as they were."""
    require(
        permissions.can_publish_draft(actor, draft.consultation),
        _("Only this workstream's coordinators and the Secretariat may publish a draft."),
    )
    draft = _editable(draft)
    blocks = split_paragraphs(draft.body)
    if not blocks:
        raise DomainError(_("The draft has no text to publish."), field="body")
    Paragraph.objects.bulk_create(
        Paragraph(
            draft=draft,
            number=block.number,
            anchor=block.anchor,
            source=block.source,
            html=block.html,
            is_heading=block.is_heading,
        )
        for block in blocks
    )
    draft.status = Draft.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.published_by = actor
    draft.save(update_fields=["status", "published_at", "published_by", "updated"])
    consultation = draft.consultation
    if consultation.status == Consultation.Status.PREPARING:
        # Publishing the first draft makes the consultation public.
        Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.OPEN)
        consultation.status = Consultation.Status.OPEN
    record(
        consultation=consultation,
        actor=actor,
        action="draft_published",
        version=draft.version,
        paragraphs=len(blocks),
    )
    return draft


# ---- Comments (R-CON-2, R-CON-3) -----------------------------------------------------------


def comment_window(draft, now=None):
    """The comment window open for a draft at this instant (opens_at <= now < closes_at);
    none in a closed consultation, whatever its phases' dates."""
    if draft.consultation.status == Consultation.Status.CLOSED:
        return None
    now = now or timezone.now()
    return (
        Phase.objects.open_at(now)
        .filter(draft=draft, kind=Phase.Kind.COMMENT_WINDOW)
        .order_by("closes_at", "pk")
        .first()
    )


def window_refusal(draft, now=None):
    """Why a draft is not open for comment now, naming R-CON-2 and the window's dates."""
    now = now or timezone.now()
    if draft.consultation.status == Consultation.Status.CLOSED:
        return DomainError(
            _(
                "This consultation is closed; the draft stays readable, but no more comments "
                "are accepted."
            ),
            rule="R-CON-2",
        )
    windows = list(Phase.objects.filter(draft=draft, kind=Phase.Kind.COMMENT_WINDOW))
    upcoming = sorted((w for w in windows if w.opens_at > now), key=lambda w: w.opens_at)
    past = sorted(
        (w for w in windows if w.closes_at and w.closes_at <= now), key=lambda w: w.closes_at
    )
    if upcoming:
        window = upcoming[0]
        message = _(
            "Comments on this draft open on %(opens)s and close on %(closes)s; "
            "the draft can be read now, but not commented on yet."
        ) % {"opens": when(window.opens_at), "closes": when(window.closes_at)}
    elif past:
        window = past[-1]
        message = _(
            "The comment window for this draft closed on %(closes)s (it opened on %(opens)s); "
            "the draft stays readable, but no more comments are accepted."
        ) % {"opens": when(window.opens_at), "closes": when(window.closes_at)}
    else:
        message = _("This draft is not open for comment; it can be read.")
    return DomainError(message, rule="R-CON-2")


def _rate_limited(actor, consultation, now):
    if permissions.can_moderate(actor, consultation):
        return False
    # Counted in the database, so the limit holds across processes and restarts; the user
    # row is locked so two tabs posting at once cannot both slip under it.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    recent = Comment.objects.filter(
        author=actor, draft__consultation=consultation, created__gte=now - RATE_WINDOW
    ).count()
    return recent >= consultation.comment_rate_limit


@transaction.atomic
def post_comment(
    *, paragraph, actor, body, language=Language.EN, named_in_output=False, parent=None, now=None
):
    """R-CON-2: a verified person comments on one paragraph of one draft version (R-CON-3)
    while its comment window is open (opens_at <= now < closes_at), within the rate limit."""
    draft = paragraph.draft
    consultation = draft.consultation
    if not permissions.has_verified_email(actor):
        raise DomainError(
            _("Only signed-in people with a verified email address may comment."),
            rule="R-CON-2",
        )
    require(permissions.can_comment(actor, consultation))
    now = now or timezone.now()
    if draft.status != Draft.Status.PUBLISHED:
        raise DomainError(_("Only a published draft can be commented on."), rule="R-CON-2")
    window = comment_window(draft, now)
    if window is None:
        raise window_refusal(draft, now)
    body = clean_text(body, field="body", limit=COMMENT_MAX, label=_("comment"))
    language = clean_language(language)
    if parent is not None:
        if parent.paragraph_id != paragraph.pk:
            raise DomainError(_("A reply stays with the paragraph of its comment."), field="body")
        if parent.status != Comment.Status.VISIBLE:
            raise DomainError(_("This comment was hidden by a moderator and takes no replies."))
        # Replies are one level deep: a reply to a reply joins the same conversation.
        if parent.parent_id:
            parent = parent.parent
    if _rate_limited(actor, consultation, now):
        raise DomainError(
            _(
                "You have posted %(limit)s comments in this consultation in the last hour, the "
                "most allowed; please wait a little before posting again. What you wrote is "
                "kept below."
            )
            % {"limit": consultation.comment_rate_limit},
            field="body",
            rule="R-CON-2",
        )
    comment = Comment.objects.create(
        paragraph=paragraph,
        draft=draft,
        phase=window,
        parent=parent,
        author=actor,
        body=body,
        language=language,
        named_in_output=bool(named_in_output),
    )
    Paragraph.objects.filter(pk=paragraph.pk).update(comment_count=F("comment_count") + 1)
    record(
        consultation=consultation,
        actor=actor,
        action="comment_posted",
        comment=comment.pk,
        paragraph=paragraph.number,
        version=draft.version,
        reply_to=parent.pk if parent else None,
    )
    if parent is not None and parent.author_id != actor.pk:
        from .notifications import notify_reply

        notify_reply(comment=comment, parent=parent)
    return comment


def comment_url(comment):
    draft = comment.draft
    return (
        reverse(
            "consultations:paragraph-comments",
            args=[draft.consultation.slug, draft.version, comment.paragraph.number],
        )
        + f"#comment-{comment.pk}"
    )


@transaction.atomic
def hide_comment(*, comment, actor, reason):
    """Moderation hides a comment with a recorded reason; it is never hard-deleted."""
    comment = (
        Comment.objects.select_for_update().select_related("draft__consultation").get(pk=comment.pk)
    )
    consultation = comment.draft.consultation
    require(permissions.can_moderate(actor, consultation))
    reason = clean_reason(reason)
    if comment.status == Comment.Status.HIDDEN:
        raise DomainError(_("This comment is already hidden."))
    comment.status = Comment.Status.HIDDEN
    comment.hidden_at, comment.hidden_by, comment.hidden_reason = timezone.now(), actor, reason
    comment.save(update_fields=["status", "hidden_at", "hidden_by", "hidden_reason", "updated"])
    Paragraph.objects.filter(pk=comment.paragraph_id).update(comment_count=F("comment_count") - 1)
    resolved = CommentFlag.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor
    )
    record(
        consultation=consultation,
        actor=actor,
        action="comment_hidden",
        subject_user=comment.author,
        reason=reason,
        comment=comment.pk,
        flags_resolved=resolved,
    )
    return comment


@transaction.atomic
def unhide_comment(*, comment, actor, reason):
    """A moderator restores a hidden comment; the reason is recorded too."""
    comment = (
        Comment.objects.select_for_update().select_related("draft__consultation").get(pk=comment.pk)
    )
    consultation = comment.draft.consultation
    require(permissions.can_moderate(actor, consultation))
    reason = clean_reason(reason)
    if comment.status != Comment.Status.HIDDEN:
        raise DomainError(_("This comment is not hidden."))
    comment.status = Comment.Status.VISIBLE
    comment.save(update_fields=["status", "updated"])
    Paragraph.objects.filter(pk=comment.paragraph_id).update(comment_count=F("comment_count") + 1)
    record(
        consultation=consultation,
        actor=actor,
        action="comment_restored",
        subject_user=comment.author,
        reason=reason,
        comment=comment.pk,
    )
    return comment


@transaction.atomic
def flag_comment(*, comment, actor, reason):
    """Anyone who may comment asks the moderators to look at a comment, once per comment."""
    consultation = comment.draft.consultation
    require(permissions.can_comment(actor, consultation))
    reason = clean_text(
        reason, field="reason", limit=REASON_MAX, label=_("reason for the moderators")
    )
    if comment.author_id == actor.pk:
        raise DomainError(_("You cannot flag your own comment."), field="reason")
    try:
        with transaction.atomic():
            flag = CommentFlag.objects.create(comment=comment, flagged_by=actor, reason=reason)
    except IntegrityError:
        raise DomainError(
            _("You have already flagged this comment; the moderators will look at it."),
            field="reason",
        ) from None
    record(
        consultation=consultation,
        actor=actor,
        action="comment_flagged",
        subject_user=comment.author,
        reason=reason,
        comment=comment.pk,
        excerpt=Truncator(comment.body).chars(200),
    )
    return flag
