"""The reminder kinds timelines itself provides (R-TL-2): action item deadlines, milestones."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import registry
from .models import ActionItem, Category, Follow, Milestone
from .registry import Occasion, ReminderKind, no_scheduled_occasions, register_kind


def occasion_for(deadline, today):
    """Which reminder is due for a deadline today: the nearest threshold reached, or overdue.

    With thresholds 7 and 1, a deadline 5 days away is in its "before-7" occasion and one
    tomorrow in "before-1". A reminder missed while nothing ran is not sent late: only the
    current occasion is, once.
    """
    days_left = (deadline - today).days
    if days_left < 0:
        return "overdue"
    reached = [days for days in settings.REMINDER_DAYS_BEFORE if days_left <= days]
    return f"before-{min(reached)}" if reached else None


def _window(now):
    # Deadlines are days in each workstream's zone; fetch a window wide enough for any zone
    # (UTC-12 to UTC+14), then decide per item with its workstream's own "today".
    utc_today = now.astimezone(dt.UTC).date()
    ahead = max(settings.REMINDER_DAYS_BEFORE, default=0) + 2
    behind = settings.REMINDER_OVERDUE_LOOKBACK_DAYS + 2
    return utc_today - dt.timedelta(days=behind), utc_today + dt.timedelta(days=ahead)


def _keyset_batches(queryset, batch_size):
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        last = batch[-1].pk
        yield batch


def collect_action_item_deadlines(now, batch_size):
    low, high = _window(now)
    items = (
        ActionItem.objects.open()
        .filter(deadline__gte=low, deadline__lte=high)
        .select_related("workstream")
        .prefetch_related("actors")
    )
    for batch in _keyset_batches(items, batch_size):
        role_pairs = {
            (item.workstream_id, actor.role)
            for item in batch
            for actor in item.actors.all()
            if actor.role
        }
        role_members = registry.policy.resolve_roles(role_pairs) if role_pairs else {}
        occasions = []
        for item in batch:
            today = item.workstream.today(now)
            occasion = occasion_for(item.deadline, today)
            if occasion is None:
                continue
            if (
                occasion == "overdue"
                and (today - item.deadline).days > settings.REMINDER_OVERDUE_LOOKBACK_DAYS
            ):
                continue
            recipients = set()
            for actor in item.actors.all():
                if actor.user_id:
                    recipients.add(actor.user_id)
                else:
                    recipients |= role_members.get((item.workstream_id, actor.role), set())
            context = {
                "action": item.action,
                "deadline": item.deadline.isoformat(),
                "days_left": (item.deadline - today).days,
                "occasion": occasion,
                "workstream": item.workstream.name,
            }
            url = (
                reverse("workstreams:action-items", args=[item.workstream.slug])
                + f"#item-{item.pk}"
            )
            occasions.extend(
                Occasion(
                    recipient_id=user_id,
                    subject=f"actionitem:{item.pk}",
                    # The deadline is part of the occasion: moving it earns fresh reminders.
                    occasion=f"{occasion}:{item.deadline.isoformat()}",
                    url=url,
                    context=context,
                )
                for user_id in sorted(recipients)
            )
        yield occasions


def _one_line(text):
    return " ".join(str(text).split())


def action_item_title(context):
    context = {**context, "action": Truncator(_one_line(context["action"])).chars(120)}
    if context["occasion"] == "overdue":
        return _("Overdue: %(action)s (%(workstream)s)") % context
    days = context["days_left"]
    if days == 0:
        return _("Due today: %(action)s (%(workstream)s)") % context
    return ngettext(
        "Due in %(days)s day: %(action)s (%(workstream)s)",
        "Due in %(days)s days: %(action)s (%(workstream)s)",
        days,
    ) % {**context, "days": days}


def collect_upcoming_milestones(now, batch_size):
    low, high = _window(now)
    milestones = (
        Milestone.objects.current()
        .filter(start__gte=now.date(), start__lte=high)
        .select_related("workstream")
    )
    for batch in _keyset_batches(milestones, batch_size):
        followers = {}
        for user_id, workstream_id in Follow.objects.filter(
            workstream_id__in={m.workstream_id for m in batch}
        ).values_list("user_id", "workstream_id"):
            followers.setdefault(workstream_id, []).append(user_id)
        occasions = []
        for milestone in batch:
            today = milestone.workstream.today(now)
            if milestone.start < today:
                continue
            occasion = occasion_for(milestone.start, today)
            if occasion is None:
                continue
            context = {
                "title": milestone.title,
                "start": milestone.start.isoformat(),
                "days_left": (milestone.start - today).days,
                "workstream": milestone.workstream.name,
            }
            url = reverse("workstreams:timeline", args=[milestone.workstream.slug])
            occasions.extend(
                Occasion(
                    recipient_id=user_id,
                    subject=f"milestone:{milestone.pk}",
                    occasion=f"{occasion}:{milestone.start.isoformat()}",
                    url=url,
                    context=context,
                )
                for user_id in followers.get(milestone.workstream_id, [])
            )
        yield occasions


def milestone_upcoming_title(context):
    if context["days_left"] == 0:
        return _("Today: %(title)s (%(workstream)s)") % context
    days = context["days_left"]
    return ngettext(
        "In %(days)s day: %(title)s (%(workstream)s)",
        "In %(days)s days: %(title)s (%(workstream)s)",
        days,
    ) % {**context, "days": days}


def milestone_added_title(context):
    return _("New on the timeline of %(workstream)s: %(title)s") % context


register_kind(
    ReminderKind(
        key="action_item_deadline",
        category=Category.DEADLINES,
        collect=collect_action_item_deadlines,
        template="action_item_deadline",
        title=action_item_title,
    )
)
register_kind(
    ReminderKind(
        key="milestone_upcoming",
        category=Category.MILESTONES,
        collect=collect_upcoming_milestones,
        template="milestone_upcoming",
        title=milestone_upcoming_title,
    )
)
# Recorded when a milestone is added (news for followers), never by the scheduled job.
register_kind(
    ReminderKind(
        key="milestone_added",
        category=Category.NEWS,
        collect=no_scheduled_occasions,
        template="milestone_added",
        title=milestone_added_title,
    )
)
