"""Dynamic Coalitions: applications for recognition, DCCG invitations and annual reports.

R-DC-1 and R-DC-2 are checked when an application is submitted (through the shared engine in
applications.py); R-DC-3's decisions go through the same engine, and recognition activates the
workstream and invites the DC to the DC Coordination Group (R-DC-5). Annual reports (R-DC-4)
are opened per cycle by the Secretariat, reminded through the timelines registry, and a report
filed by an inactive DC restores it. This module also registers the DC source of the review
queue and the `dc_annual_report_due` reminder kind (imported from WorkstreamsConfig.ready).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.exceptions import DomainError
from accounts.permissions import is_secretariat
from timelines import registry as timeline_registry
from timelines.models import Category
from timelines.registry import Occasion, ReminderKind, register_kind
from timelines.reminders import occasion_for

from . import permissions, services
from .applications import Workflow, apply_application_transition
from .guards import check_transition
from .models import (
    ApplicationStatus,
    DcAnnualReport,
    DcApplication,
    DccgInvitation,
    DcRepresentative,
    IgfCycle,
    Membership,
    Workstream,
    WorkstreamEvent,
)
from .review import ReviewSource, register_review_source

Verb = WorkstreamEvent.Verb
Status = ApplicationStatus

WORKFLOW_KEY = "dc_application"
REPORT_WORKFLOW_KEY = "dc_annual_report"
MIN_STAKEHOLDER_GROUPS = 3
EDITABLE_STATUSES = permissions.DC_EDITABLE_STATUSES
APPLICATION_FIELDS = (
    "need",
    "action_plan",
    "mailing_list",
    "contact_name",
    "contact_email",
    "open_membership",
    "open_mailing_list",
    "open_archives",
)
ATTESTATIONS = {
    "open_membership": gettext_lazy("open membership"),
    "open_mailing_list": gettext_lazy("an open mailing list"),
    "open_archives": gettext_lazy("open archives"),
}
# Route segments under /workstreams/ that a DC's slug must not take (urls_dc comes first).
RESERVED_SLUGS = frozenset({"apply", "review", "dc-reports", "new", "support"})
# Statuses of a recognised DC that is expected to report each cycle (R-DC-4).
REPORTING_STATUSES = (Workstream.Status.ACTIVE, Workstream.Status.INACTIVE)


# ---- Starting and editing an application (R-DC-1, R-DC-2) -----------------------------------


def _unique_slug(name):
    base = slugify(name)
    # "Dynamic Coalition on Open Data" -> dc-open-data, like the DCs already registered.
    for prefix in ("dynamic-coalition-on-", "dynamic-coalition-for-", "dynamic-coalition-"):
        base = base.removeprefix(prefix)
    base = base[:70].strip("-") or "coalition"
    if not base.startswith("dc-"):
        base = f"dc-{base}"[:74].strip("-")
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Workstream.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def start_dc_application(*, applicant, name):
    """Open a proposed DC with a draft application; the applicant becomes its coordinator."""
    if not getattr(applicant, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to apply for recognition."))
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Give the coalition's name."), field="name")
    if Workstream.objects.filter(name__iexact=name).exists():
        raise DomainError(
            _("A workstream named “%(name)s” already exists.") % {"name": name}, field="name"
        )
    # Applying is the applicant's own act, so the workstream and the coordinator role are
    # created here (services.create_workstream is the Secretariat's direct registration).
    workstream = Workstream(
        kind=Workstream.Kind.DC,
        name=name,
        slug=_unique_slug(name),
        status=Workstream.Status.PROPOSED,
    )
    workstream.full_clean()
    workstream.save()
    WorkstreamEvent.objects.create(
        workstream=workstream,
        actor=applicant,
        verb=Verb.CREATED,
        to_status=workstream.status,
        reason=_("Application for recognition as a Dynamic Coalition started."),
    )
    Membership.objects.create(
        workstream=workstream,
        user=applicant,
        role=Membership.Role.COORDINATOR,
        granted_by=applicant,
        grant_reason=_("Applicant for recognition."),
    )
    WorkstreamEvent.objects.create(
        workstream=workstream,
        actor=applicant,
        verb=Verb.ROLE_GRANTED,
        subject_user=applicant,
        details={"role": Membership.Role.COORDINATOR},
        reason=_("Applicant for recognition."),
    )
    applicant.__dict__.pop("_workstream_roles", None)
    return DcApplication.objects.create(workstream=workstream, created_by=applicant)


@transaction.atomic
def save_dc_application(*, application, actor, fields, representatives):
    """Save a draft (or a returned application): every typed value is kept, nothing checked.

    `representatives` is a list of dicts with name, organisation and stakeholder_group; it
    replaces the rows held so far. R-DC-1 and R-DC-2 are checked on submission, not here.
    """
    application = (
        DcApplication.objects.select_for_update()
        .select_related("workstream")
        .get(pk=application.pk)
    )
    if not permissions.can_edit_workstream(actor, application.workstream):
        raise PermissionDenied(_("Only the DC's coordinators edit its application (R-DC-7)."))
    if application.status not in EDITABLE_STATUSES:
        raise DomainError(
            _("An application that is “%(status)s” can no longer be edited.")
            % {"status": application.get_status_display()}
        )
    for field, value in fields.items():
        if field not in APPLICATION_FIELDS:
            raise DomainError(_("“%(field)s” cannot be changed here.") % {"field": field})
        setattr(application, field, value)
    application.full_clean(exclude=["workstream", "created_by", "submitted_by"])
    application.save()
    application.representatives.all().delete()
    DcRepresentative.objects.bulk_create(
        DcRepresentative(
            application=application,
            name=row["name"],
            organisation=row.get("organisation", ""),
            stakeholder_group=row["stakeholder_group"],
        )
        for row in representatives
    )
    return application


def submission_problems(application):
    """Every rule a submission would break, each a DomainError naming it (R-DC-1, R-DC-2)."""
    problems = []
    missing = []
    if not application.need.strip():
        missing.append(_("the need for the coalition"))
    if not application.action_plan.strip():
        missing.append(_("an action plan"))
    if not application.mailing_list.strip():
        missing.append(_("a mailing list"))
    if not (application.contact_name.strip() and application.contact_email.strip()):
        missing.append(_("a contact person (name and email address)"))
    groups = len({rep.stakeholder_group_id for rep in application.representatives.all()})
    if groups == 0:
        missing.append(_("representatives from at least three stakeholder groups"))
    if missing:
        problems.append(
            DomainError(
                _("the application is missing: %(items)s.") % {"items": ", ".join(missing)},
                rule="R-DC-1",
            )
        )
    if 0 < groups < MIN_STAKEHOLDER_GROUPS:
        problems.append(
            DomainError(
                _(
                    "representatives from at least three stakeholder groups are required; "
                    "found %(count)s"
                )
                % {"count": groups},
                field="representatives",
                rule="R-DC-1",
            )
        )
    unattested = [label for field, label in ATTESTATIONS.items() if not getattr(application, field)]
    if unattested:
        problems.append(
            DomainError(
                _("a Dynamic Coalition must attest before submission that it has %(items)s.")
                % {"items": ", ".join(str(label) for label in unattested)},
                field="attestations",
                rule="R-DC-2",
            )
        )
    return problems


def missing_fields(application):
    """The form fields a submission still needs, to mark each one beside its input."""
    fields = [
        field
        for field in ("need", "action_plan", "mailing_list", "contact_name", "contact_email")
        if not getattr(application, field).strip()
    ]
    fields += [field for field in ATTESTATIONS if not getattr(application, field)]
    return fields


def _rules(application, action):
    if action == "submit":
        problems = submission_problems(application)
        if problems:
            raise problems[0]


def _effects(application, action, actor, reason):
    if action == "recognise":
        workstream = services.apply_transition(
            workstream=application.workstream, action="activate", actor=actor, reason=reason
        )
        invite_to_dccg(workstream=workstream, actor=actor)


WORKFLOW = Workflow(key=WORKFLOW_KEY, rules=_rules, effects=_effects)


def submit_dc_application(*, application, actor):
    """Submit for the Secretariat's review, refused while R-DC-1 or R-DC-2 is not met."""
    return apply_application_transition(
        workflow=WORKFLOW, application=application, action="submit", actor=actor
    )


def decide_dc_application(*, application, action, actor, reason):
    """Recognise, reject or ask for changes: the Secretariat decides, with a reason (R-DC-3)."""
    if action == "submit":
        raise DomainError(_("Choose a decision."), field="action")
    return apply_application_transition(
        workflow=WORKFLOW, application=application, action=action, actor=actor, reason=reason
    )


@transaction.atomic
def invite_to_dccg(*, workstream, actor):
    """Record a recognised DC's invitation to the DC Coordination Group and its list (R-DC-5)."""
    invitation, created = DccgInvitation.objects.get_or_create(
        workstream=workstream, defaults={"invited_by": actor}
    )
    if created:
        WorkstreamEvent.objects.create(
            workstream=workstream,
            actor=actor,
            verb=Verb.UPDATED,
            workflow="dccg",
            details={"dccg_invitation": invitation.pk},
            reason=_("Invited to the DC Coordination Group and its mailing list (R-DC-5)."),
        )
    return invitation


def last_decision(workstream):
    """The latest recorded decision on the DC's application (shown to the applicants)."""
    return (
        WorkstreamEvent.objects.filter(
            workstream=workstream,
            workflow=WORKFLOW_KEY,
            to_status__in=[Status.CHANGES_REQUESTED, Status.RECOGNISED, Status.REJECTED],
        )
        .select_related("actor__profile")
        .order_by("-created", "-pk")
        .first()
    )


# ---- Annual reports (R-DC-4) ------------------------------------------------------------------


@transaction.atomic
def open_reporting_round(*, cycle, due_date, actor):
    """Ask every recognised DC for its annual report for a cycle (R-DC-4). Returns the new rows.

    Inactive DCs are asked too: filing the report is how they are restored.
    """
    if not is_secretariat(actor):
        raise PermissionDenied(_("Only the Secretariat opens a reporting round."))
    dcs = list(
        Workstream.objects.select_for_update()
        .filter(kind=Workstream.Kind.DC, status__in=REPORTING_STATUSES)
        .exclude(annual_reports__cycle=cycle)
        .order_by("pk")
    )
    reports = DcAnnualReport.objects.bulk_create(
        DcAnnualReport(workstream=dc, cycle=cycle, due_date=due_date) for dc in dcs
    )
    reason = _("Annual report for %(cycle)s requested, due %(date)s.") % {
        "cycle": cycle,
        "date": date_format(due_date, "DATE_FORMAT"),
    }
    WorkstreamEvent.objects.bulk_create(
        WorkstreamEvent(
            workstream=dc,
            actor=actor,
            verb=Verb.UPDATED,
            workflow=REPORT_WORKFLOW_KEY,
            details={"cycle": cycle.year, "due_date": due_date.isoformat()},
            reason=reason,
        )
        for dc in dcs
    )
    return reports


@transaction.atomic
def file_annual_report(*, report, actor, text):
    """File a DC's annual report (R-DC-4); an inactive DC is restored by it, recorded as such."""
    report = (
        DcAnnualReport.objects.select_for_update()
        .select_related("workstream", "cycle")
        .get(pk=report.pk)
    )
    workstream = report.workstream
    if not permissions.can_file_report(actor, workstream):
        raise PermissionDenied(_("Only the DC's coordinators file its annual report (R-DC-7)."))
    if report.submitted_at is not None:
        raise DomainError(
            _("The report for %(cycle)s has already been filed.") % {"cycle": report.cycle},
            rule="R-DC-4",
        )
    if not (text or "").strip():
        raise DomainError(_("Write the report before filing it."), field="text", rule="R-DC-4")
    report.text = text
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save(update_fields=["text", "submitted_at", "submitted_by", "updated"])
    WorkstreamEvent.objects.create(
        workstream=workstream,
        actor=actor,
        verb=Verb.UPDATED,
        workflow=REPORT_WORKFLOW_KEY,
        details={"cycle": report.cycle.year, "filed": True},
        reason=_("Annual report filed for %(cycle)s.") % {"cycle": report.cycle},
    )
    if workstream.status == Workstream.Status.INACTIVE:
        _restore_by_report(workstream=workstream, actor=actor, cycle=report.cycle)
    return report


def _restore_by_report(*, workstream, actor, cycle):
    # R-DC-4: "a report lets it be restored". The lifecycle's "reactivate" is otherwise the
    # Secretariat's decision (services.apply_transition), so this is the one path where a
    # coordinator's act changes the status: the report itself is the condition, and the
    # event names the coordinator and the report as its reason.
    workstream = Workstream.objects.select_for_update().get(pk=workstream.pk)
    if workstream.status != Workstream.Status.INACTIVE:
        return workstream
    check_transition(workstream=workstream, action="reactivate", target=Workstream.Status.ACTIVE)
    workstream.status = Workstream.Status.ACTIVE
    workstream.save(update_fields=["status", "updated"])
    WorkstreamEvent.objects.create(
        workstream=workstream,
        actor=actor,
        verb=Verb.TRANSITION,
        from_status=Workstream.Status.INACTIVE,
        to_status=Workstream.Status.ACTIVE,
        details={"action": "reactivate", "by": "annual_report", "rule": "R-DC-4"},
        reason=_("Annual report filed for IGF %(year)s") % {"year": cycle.year},
    )
    return workstream


def current_report(workstream):
    """The DC's report for the latest cycle it was asked about, or None."""
    return workstream.annual_reports.select_related("cycle").order_by("-cycle__year").first()


def report_rows(cycle):
    """Every recognised DC with its report for a cycle, in two queries (the reports page)."""
    dcs = list(
        Workstream.objects.filter(kind=Workstream.Kind.DC, status__in=REPORTING_STATUSES).order_by(
            "name"
        )
    )
    reports = {
        report.workstream_id: report
        for report in DcAnnualReport.objects.filter(cycle=cycle, workstream__in=dcs)
    }
    rows = []
    for dc in dcs:
        report = reports.get(dc.pk)
        rows.append(
            {
                "workstream": dc,
                "report": report,
                "overdue": bool(report and report.is_overdue(dc.today())),
            }
        )
    return rows


def default_cycle():
    """The cycle of the current year if it exists, else the latest."""
    return IgfCycle.objects.filter(year=timezone.now().year).first() or IgfCycle.objects.first()


# ---- The reminder kind: annual report due (R-DC-4) ------------------------------------------


def _window(now):
    utc_today = now.astimezone(dt.UTC).date()
    ahead = max(settings.REMINDER_DAYS_BEFORE, default=0) + 2
    behind = settings.REMINDER_OVERDUE_LOOKBACK_DAYS + 2
    return utc_today - dt.timedelta(days=behind), utc_today + dt.timedelta(days=ahead)


def collect_report_reminders(now, batch_size):
    """Coordinators of DCs whose report is due in 7 or 1 days, or overdue; batch by batch."""
    low, high = _window(now)
    reports = DcAnnualReport.objects.filter(
        submitted_at__isnull=True,
        due_date__gte=low,
        due_date__lte=high,
        workstream__kind=Workstream.Kind.DC,
        workstream__status__in=REPORTING_STATUSES,
    ).select_related("workstream", "cycle")
    last = 0
    while True:
        batch = list(reports.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        last = batch[-1].pk
        coordinators = timeline_registry.policy.resolve_roles(
            {(report.workstream_id, Membership.Role.COORDINATOR) for report in batch}
        )
        occasions = []
        for report in batch:
            today = report.workstream.today(now)
            occasion = occasion_for(report.due_date, today)
            if occasion is None:
                continue
            if (
                occasion == "overdue"
                and (today - report.due_date).days > settings.REMINDER_OVERDUE_LOOKBACK_DAYS
            ):
                continue
            context = {
                "workstream": report.workstream.name,
                "cycle": report.cycle.year,
                "due_date": report.due_date.isoformat(),
                "days_left": (report.due_date - today).days,
                "occasion": occasion,
            }
            url = reverse("workstreams:dc-annual-report", args=[report.workstream.slug])
            recipients = coordinators.get((report.workstream_id, Membership.Role.COORDINATOR), ())
            occasions.extend(
                Occasion(
                    recipient_id=user_id,
                    subject=f"dcreport:{report.pk}",
                    # The due date is part of the occasion: moving it earns fresh reminders.
                    occasion=f"{occasion}:{report.due_date.isoformat()}",
                    url=url,
                    context=context,
                )
                for user_id in sorted(recipients)
            )
        yield occasions


def report_reminder_title(context):
    if context["occasion"] == "overdue":
        return _("Annual report overdue: %(workstream)s (IGF %(cycle)s)") % context
    days = context["days_left"]
    if days == 0:
        return _("Annual report due today: %(workstream)s (IGF %(cycle)s)") % context
    return ngettext(
        "Annual report due in %(days)s day: %(workstream)s (IGF %(cycle)s)",
        "Annual report due in %(days)s days: %(workstream)s (IGF %(cycle)s)",
        days,
    ) % {**context, "days": days}


REMINDER_KIND = register_kind(
    ReminderKind(
        key="dc_annual_report_due",
        category=Category.DEADLINES,
        collect=collect_report_reminders,
        template="dc_annual_report_due",
        title=report_reminder_title,
    )
)


# ---- The review queue's DC source (R-DC-3) -------------------------------------------------


def _pending_applications(statuses):
    return DcApplication.objects.filter(status__in=statuses).select_related("workstream")


def _review_url(application):
    return reverse("workstreams:dc-application-review", args=[application.workstream.slug])


REVIEW_SOURCE = register_review_source(
    ReviewSource(
        key=Workstream.Kind.DC.value,
        label=gettext_lazy("Dynamic Coalition"),
        applications=_pending_applications,
        review_url=_review_url,
    )
)
