"""Notifications about recognition workflows: a new application for the Secretariat to
review, and the Secretariat's decision for the applicants (with its reason)."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import SiteRole
from timelines import services as timeline_services
from timelines.models import Category
from timelines.registry import Occasion, ReminderKind, no_scheduled_occasions, register_kind

from .models import Membership
from .review import REVIEW_SOURCES


def _submitted_title(context):
    return _("New application to review: %(workstream)s") % context


def _decided_title(context):
    # The decision is kept in English (its msgid) and read in the recipient's language.
    return _("Decision on %(workstream)s: %(decision)s") % {
        **context,
        "decision": _(context["decision"]),
    }


register_kind(
    ReminderKind(
        key="application_submitted",
        category=Category.DUTIES,
        collect=no_scheduled_occasions,
        template="application_submitted",
        title=_submitted_title,
    )
)
register_kind(
    ReminderKind(
        key="application_decided",
        category=Category.DUTIES,
        collect=no_scheduled_occasions,
        template="application_decided",
        title=_decided_title,
    )
)


def notify_transition(*, workflow_key, application, action, label, actor, reason):
    """Record who must hear of a transition, inside its transaction; sent after commit."""
    workstream = application.workstream
    subject = f"{workflow_key}:{application.pk}"
    # The label's msgid, not its translation in the actor's language: each recipient reads
    # it in their own (the title and the email translate it).
    with translation.override(None):
        decision = str(label)
    context = {"workstream": workstream.name, "decision": decision, "reason": reason}
    if action == "submit":
        recipients = SiteRole.objects.active().filter(role=SiteRole.Role.SECRETARIAT)
        recipients = recipients.values_list("user_id", flat=True)
        source = REVIEW_SOURCES.get(workstream.kind)
        url = source.review_url(application) if source else workstream.get_absolute_url()
        kind, when = "application_submitted", application.submitted_at
    else:
        recipients = (
            Membership.objects.coordinators()
            .filter(workstream=workstream)
            .values_list("user_id", flat=True)
        )
        url = reverse("workstreams:history", args=[workstream.slug])
        kind, when = "application_decided", application.decided_at
    occasions = [
        Occasion(
            recipient_id=user_id,
            subject=subject,
            # Each submission and each decision is its own occasion: a resubmission after
            # changes is announced again, a retried transaction is not.
            occasion=f"{action}:{int(when.timestamp() * 1_000_000)}",
            url=url,
            context=context,
        )
        for user_id in set(recipients)
        if user_id != getattr(actor, "pk", None)
    ]
    if timeline_services.record_notifications(kind, occasions):
        timeline_services.enqueue_delivery()
