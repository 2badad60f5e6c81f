"""What consultations tell people through timelines' outbox (their notification preferences):
a reply to their comment, and a comment window closing soon (R-CON-2, R-TL-2)."""

import datetime as dt

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from timelines import services as timeline_services
from timelines.models import Category, Follow
from timelines.registry import Occasion, ReminderKind, no_scheduled_occasions, register_kind

REPLY_KIND = "consultation_comment_reply"
CLOSING_KIND = "consultation_window_closing"
# Editors and followers hear that a window closes within this time, once per window and close.
CLOSING_NOTICE = dt.timedelta(days=2)


def reply_title(context):
    return _("%(author)s replied to your comment on paragraph %(paragraph)s of %(draft)s") % context


def notify_reply(*, comment, parent):
    """Record the notification for the author of the comment replied to; sent after commit."""
    draft = comment.draft
    from .services import comment_url

    occasion = Occasion(
        recipient_id=parent.author_id,
        subject=f"consultation-comment:{parent.pk}",
        occasion=f"reply:{comment.pk}",
        url=comment_url(comment),
        context={
            "author": comment.author.public_name,
            "paragraph": comment.paragraph.number,
            "draft": f"{draft.title} (v{draft.version})",
            "consultation": draft.consultation.title,
            "excerpt": Truncator(comment.body).chars(600),
        },
    )
    if timeline_services.record_notifications(REPLY_KIND, [occasion]):
        timeline_services.enqueue_delivery()


def collect_windows_closing(now, batch_size):
    """Windows closing within CLOSING_NOTICE: each approved editor and each follower of the
    owning workstream, once per window and closing time. Three queries per batch."""
    from .models import Consultation, Editor, Phase

    phases = (
        Phase.objects.filter(
            kind=Phase.Kind.COMMENT_WINDOW,
            opens_at__lte=now,
            closes_at__gt=now,
            closes_at__lte=now + CLOSING_NOTICE,
        )
        .exclude(consultation__status=Consultation.Status.PREPARING)
        .select_related("consultation__workstream", "draft")
    )
    last = 0
    while True:
        batch = list(phases.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        last = batch[-1].pk
        editors, followers = {}, {}
        for consultation_id, user_id in Editor.objects.filter(
            consultation_id__in={p.consultation_id for p in batch},
            status=Editor.Status.APPROVED,
            user__is_active=True,
        ).values_list("consultation_id", "user_id"):
            editors.setdefault(consultation_id, set()).add(user_id)
        for workstream_id, user_id in Follow.objects.filter(
            workstream_id__in={p.consultation.workstream_id for p in batch},
            user__is_active=True,
        ).values_list("workstream_id", "user_id"):
            followers.setdefault(workstream_id, set()).add(user_id)
        occasions = []
        for phase in batch:
            consultation = phase.consultation
            recipients = editors.get(consultation.pk, set())
            if consultation.workstream.is_public:
                recipients = recipients | followers.get(consultation.workstream_id, set())
            hours = int((phase.closes_at - now).total_seconds() // 3600)
            context = {
                "consultation": consultation.title,
                "draft": f"{phase.draft.title} (v{phase.draft.version})",
                "closes_at": phase.closes_at.isoformat(),
                # Mail goes out from a worker without the reader's zone: say UTC plainly.
                "closes_at_utc": date_format(
                    phase.closes_at.astimezone(dt.UTC), "DATETIME_FORMAT", use_l10n=True
                )
                .replace("UTC", "")
                .strip(" ,")
                + " UTC",
                "hours_left": hours,
                "workstream": consultation.workstream.name,
            }
            url = reverse("consultations:draft", args=[consultation.slug, phase.draft.version])
            occasions.extend(
                Occasion(
                    recipient_id=user_id,
                    subject=f"comment-window:{phase.pk}",
                    # The closing time is part of the key: a window moved later earns a fresh one.
                    occasion=f"closing:{int(phase.closes_at.timestamp())}",
                    url=url,
                    context=context,
                )
                for user_id in sorted(recipients)
            )
        yield occasions


def closing_title(context):
    hours = context["hours_left"]
    if hours < 24:
        return ngettext(
            "Comments close in %(hours)s hour: %(consultation)s",
            "Comments close in %(hours)s hours: %(consultation)s",
            hours,
        ) % {**context, "hours": hours}
    days = hours // 24
    return ngettext(
        "Comments close in %(days)s day: %(consultation)s",
        "Comments close in %(days)s days: %(consultation)s",
        days,
    ) % {**context, "days": days}


def register():
    register_kind(
        ReminderKind(
            key=REPLY_KIND,
            category=Category.NEWS,
            collect=no_scheduled_occasions,
            template=REPLY_KIND,
            title=reply_title,
        )
    )
    register_kind(
        ReminderKind(
            key=CLOSING_KIND,
            category=Category.DEADLINES,
            collect=collect_windows_closing,
            template=CLOSING_KIND,
            title=closing_title,
        )
    )
