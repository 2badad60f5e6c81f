"""Demo Dynamic Coalition applications and annual reports (idempotent; called by seed_demo).

Everything goes through workstreams.dc as the applicants and the Secretariat would, so each
DC's history shows the real steps: a submitted application ready to recognise (three stakeholder
groups), a draft that R-DC-1 refuses (two groups), one returned for changes, and the IGF 2026
reporting round with one report filed and one overdue (R-DC-4). People are fictional.
"""

import datetime as dt

from django.utils import timezone

from accounts.models import StakeholderGroup
from workstreams import dc
from workstreams.models import DcAnnualReport, DcApplication, IgfCycle, Workstream

from .clock import backdate

SUBMITTED_SLUG = "dc-digital-skills-older-persons"
SUBMITTED_BY = "ilka.morrow-sande@example.org"
DRAFT_NAME = "Dynamic Coalition on Data Literacy"
DRAFT_BY = "member@example.org"
RETURNED_NAME = "Dynamic Coalition on Rural Connectivity Finance"
RETURNED_BY = "jorinde.vebaek@example.org"
RETURN_REASON = (
    "Please name a contact person and describe how the mailing list archives can be read "
    "by anyone; the rest of the application is complete."
)
REPORT_CYCLE = 2026
FILED_SLUG, FILED_BY = "dc-internet-rights-principles", "dc-coordinator@example.org"
OVERDUE_SLUG = "dc-child-online-safety"
REPORT_TEXT = (
    "This cycle the coalition translated the Charter into two more languages, held four open "
    "calls and organised a session at the annual meeting. Next cycle: a review of the Charter's "
    "ten principles with the DCCG."
)


def _fields(name, **overrides):
    return {
        "need": f"{name} brings together people who work on the topic in different "
        "stakeholder groups and have no other common forum in the IGF.",
        "action_plan": "Open calls every two months; a short paper for the annual meeting; "
        "a session proposal for the IGF programme.",
        "mailing_list": f"{dc._unique_slug(name)}@lists.example.org",
        "contact_name": "Demo Contact",
        "contact_email": "contact@example.org",
        "open_membership": True,
        "open_mailing_list": True,
        "open_archives": True,
        **overrides,
    }


def _representatives(groups):
    people = [
        ("Amara Okafor", "Ministry of Communications", "government"),
        ("Lena Fischer", "Open Knowledge Circle", "civil-society"),
        ("Ravi Menon", "Regional Network Operators' Group", "technical-community"),
    ]
    by_slug = {group.slug: group for group in StakeholderGroup.objects.all()}
    return [
        {"name": name, "organisation": org, "stakeholder_group": by_slug[slug]}
        for name, org, slug in people[:groups]
    ]


def _application_of(name, applicant):
    workstream = Workstream.objects.filter(name=name).first()
    if workstream is not None:
        return DcApplication.objects.filter(workstream=workstream).first(), False
    return dc.start_dc_application(applicant=applicant, name=name), True


def seed(*, secretariat, people, workstreams, stdout):
    created = []

    # A submitted application with three stakeholder groups, ready to recognise.
    proposed = workstreams.get(SUBMITTED_SLUG)
    if proposed is not None and not DcApplication.objects.filter(workstream=proposed).exists():
        applicant = people[SUBMITTED_BY]
        since = timezone.now()
        application = DcApplication.objects.create(workstream=proposed, created_by=applicant)
        dc.save_dc_application(
            application=application,
            actor=applicant,
            fields=_fields(proposed.name, contact_name="Ilka Morrow-Sande"),
            representatives=_representatives(3),
        )
        dc.submit_dc_application(application=application, actor=applicant)
        backdate(proposed, since=since, days=12)
        created.append("a submitted DC application")

    # A draft with two stakeholder groups only: submitting it shows the R-DC-1 message.
    application, new = _application_of(DRAFT_NAME, people[DRAFT_BY])
    if new:
        dc.save_dc_application(
            application=application,
            actor=people[DRAFT_BY],
            fields=_fields(DRAFT_NAME),
            representatives=_representatives(2),
        )
        created.append("a draft DC application with two stakeholder groups")

    # Returned for changes by the Secretariat.
    since = timezone.now()
    application, new = _application_of(RETURNED_NAME, people[RETURNED_BY])
    if new:
        dc.save_dc_application(
            application=application,
            actor=people[RETURNED_BY],
            fields=_fields(RETURNED_NAME),
            representatives=_representatives(3),
        )
        dc.submit_dc_application(application=application, actor=people[RETURNED_BY])
        dc.decide_dc_application(
            application=application,
            action="request_changes",
            actor=secretariat,
            reason=RETURN_REASON,
        )
        backdate(application.workstream, since=since, days=20)
        created.append("a DC application returned for changes")

    # The reporting round of the current cycle: one report filed, one overdue.
    cycle = IgfCycle.objects.filter(year=REPORT_CYCLE).first()
    if cycle is not None and not DcAnnualReport.objects.filter(cycle=cycle).exists():
        today = timezone.localdate()
        dc.open_reporting_round(
            cycle=cycle, due_date=today + dt.timedelta(days=21), actor=secretariat
        )
        # This coalition was asked earlier (its reminder went out); its date has passed.
        DcAnnualReport.objects.filter(cycle=cycle, workstream__slug=OVERDUE_SLUG).update(
            due_date=today - dt.timedelta(days=10)
        )
        filed = DcAnnualReport.objects.filter(cycle=cycle, workstream__slug=FILED_SLUG).first()
        if filed is not None and FILED_BY in people:
            dc.file_annual_report(report=filed, actor=people[FILED_BY], text=REPORT_TEXT)
        created.append(f"the {cycle} reporting round of Dynamic Coalitions")

    if created:
        stdout.write("Dynamic Coalitions: " + "; ".join(created) + ".")
    return created
