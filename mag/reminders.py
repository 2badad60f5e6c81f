"""The reminder kinds mag registers into timelines: an uncovered DCCG liaison duty (R-DC-6)."""

import datetime as dt

from django.db.models import Exists
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import SiteRole
from timelines.models import Category
from timelines.registry import Occasion, ReminderKind, register_kind
from workstreams.models import DccgInvitation

from .models import LiaisonAssignment

DCCG_SUBJECT = "dccg-liaison"


def week_of(now):
    """The ISO week, e.g. 2026-W48: one reminder per week while the duty stays uncovered."""
    year, week, _day = now.astimezone(dt.UTC).isocalendar()
    return f"{year}-W{week:02d}"


def collect_dccg_liaison_uncovered(now, batch_size):
    """Each active Secretariat member, while the DCCG exists and has no MAG liaison: one query."""
    covered = LiaisonAssignment.objects.active().filter(kind=LiaisonAssignment.Kind.DCCG_LIAISON)
    recipients = list(
        SiteRole.objects.active()
        .filter(role=SiteRole.Role.SECRETARIAT, user__is_active=True)
        .filter(Exists(DccgInvitation.objects.all()))
        .exclude(Exists(covered))
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    week = week_of(now)
    url = reverse("mag:dccg")
    occasions = [
        Occasion(
            recipient_id=user_id,
            subject=DCCG_SUBJECT,
            occasion=week,
            url=url,
            context={"week": week},
        )
        for user_id in recipients
    ]
    for start in range(0, len(occasions), batch_size):
        yield occasions[start : start + batch_size]


def dccg_liaison_uncovered_title(context):
    return _("The DC Coordination Group has no MAG liaison (R-DC-6)")


def register():
    register_kind(
        ReminderKind(
            key="dccg_liaison_uncovered",
            category=Category.DUTIES,
            collect=collect_dccg_liaison_uncovered,
            template="dccg_liaison_uncovered",
            title=dccg_liaison_uncovered_title,
        )
    )
