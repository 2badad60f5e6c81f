"""NRI recognition (R-NRI-1 to R-NRI-4) and support requests (R-NRI-6): services.

An NRI's written statement runs through the shared recognition engine
(workstreams.applications); this module supplies the NRI's rules and effects, the writes
around it (starting an application, assessing each core principle, support requests) and
registers the NRI source of the Secretariat's review queue.

Who may do what (can_start_nri_application, can_edit_nri_application, ...) is decided in
workstreams.permissions; the services here call those checks.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError

from . import permissions, services
from .applications import Workflow, apply_application_transition
from .guards import register_transition_guard
from .models import (
    ApplicationStatus,
    CorePrinciple,
    Membership,
    NriApplication,
    PrincipleAssessment,
    SupportRequest,
    Workstream,
    WorkstreamEvent,
)
from .review import ReviewSource, register_review_source

Verb = WorkstreamEvent.Verb
Level = Workstream.NriLevel
WORKFLOW_KEY = "nri_application"

# A "detailed written statement" (R-NRI-1): a line or two is not one.
MIN_STATEMENT_LENGTH = 200
MAX_STATEMENT_LENGTH = 20_000
# Paths under /workstreams/ that a workstream's slug must never shadow.
RESERVED_SLUGS = frozenset({"new", "apply", "support"})


# ---- Rules shared by the forms and the registry import -----------------------------------


def nri_place_errors(*, nri_level, country, region_name, un_regional_group):
    """Where an NRI works, by level (R-NRI-3): {field: message} for what is wrong."""
    errors = {}
    if nri_level == Level.NATIONAL:
        if not country:
            errors["country"] = _("A national initiative names its country.")
        if region_name:
            errors["region_name"] = _(
                "A national initiative is placed by its country; leave the region empty."
            )
    elif nri_level in (Level.SUB_REGIONAL, Level.REGIONAL):
        if not region_name:
            errors["region_name"] = _("Name the region, for example “West Africa”.")
        if country:
            errors["country"] = _(
                "A (sub-)regional initiative is placed by its region; leave the country empty."
            )
        if nri_level == Level.SUB_REGIONAL and not un_regional_group:
            errors["un_regional_group"] = _(
                "Choose the UN regional group the sub-region belongs to."
            )
    return errors


def statement_errors(statement):
    """R-NRI-1: the detailed written statement an NRI submits; None when it is acceptable."""
    length = len((statement or "").strip())
    if length >= MIN_STATEMENT_LENGTH:
        return None
    if length == 0:
        return _(
            "A detailed written statement is required to seek recognition; write at least "
            "%(minimum)d characters."
        ) % {"minimum": MIN_STATEMENT_LENGTH}
    return _(
        "The written statement must be detailed: at least %(minimum)d characters "
        "(it has %(length)d)."
    ) % {"minimum": MIN_STATEMENT_LENGTH, "length": length}


def missing_principles(application):
    """The core principles not yet assessed, and those assessed as not met (R-NRI-2)."""
    assessed = {a.principle: a.meets for a in application.assessments.all()}
    not_assessed = [str(p.label) for p in CorePrinciple if p.value not in assessed]
    not_met = [str(p.label) for p in CorePrinciple if assessed.get(p.value) is False]
    return not_assessed, not_met


# ---- The recognition workflow ------------------------------------------------------------


def _rules(application, action):
    if action == "submit":
        problem = statement_errors(application.statement)
        if problem:
            raise DomainError(problem, field="statement", rule="R-NRI-1")
    if action == "recognise":
        not_assessed, not_met = missing_principles(application)
        if not_assessed or not_met:
            parts = []
            if not_assessed:
                parts.append(_("not yet assessed: %(list)s") % {"list": ", ".join(not_assessed)})
            if not_met:
                parts.append(_("assessed as not met: %(list)s") % {"list": ", ".join(not_met)})
            raise DomainError(
                _("Recognition needs all six core principles assessed as met; %(parts)s.")
                % {"parts": "; ".join(parts)},
                field="action",
                rule="R-NRI-2",
            )


def _effects(application, action, actor, reason):
    # Recognition makes the NRI active, and so public (R-NRI-4): the lifecycle service
    # records that transition with the same reason.
    if action == "recognise" and application.workstream.status == Workstream.Status.PROPOSED:
        services.apply_transition(
            workstream=application.workstream,
            action="activate",
            actor=actor,
            reason=_("Recognised as an NRI: %(reason)s") % {"reason": reason},
        )


WORKFLOW = Workflow(key=WORKFLOW_KEY, rules=_rules, effects=_effects)


def _activation_follows_recognition(*, workstream, action, target):
    # The lifecycle's "activate" must not bypass the assessment: an NRI that applied through
    # the portal becomes active only by recognising its statement (which runs this same
    # transition after the application is saved as recognised). NRIs registered or imported
    # without an application are the Secretariat's existing decisions and pass.
    if workstream.kind != Workstream.Kind.NRI or action != "activate":
        return
    status = (
        NriApplication.objects.filter(workstream=workstream)
        .values_list("status", flat=True)
        .first()
    )
    if status is not None and status != ApplicationStatus.RECOGNISED:
        raise DomainError(
            _(
                "This NRI applied for recognition: it becomes active when its statement is "
                "recognised, after all six core principles are assessed as met."
            ),
            field="action",
            rule="R-NRI-2",
        )


register_transition_guard(_activation_follows_recognition)


# ---- Services ----------------------------------------------------------------------------


def _unique_slug(name):
    base = f"nri-{slugify(name)}".strip("-")[:72].strip("-") or "nri"
    slug, n = base, 1
    while Workstream.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _record(workstream, actor, verb, **fields):
    return WorkstreamEvent.objects.create(workstream=workstream, actor=actor, verb=verb, **fields)


@transaction.atomic
def start_nri_application(
    *, actor, name, nri_level, country="", region_name="", un_regional_group="", is_youth=False
):
    """Propose an NRI and open its draft statement; the applicant coordinates it (R-NRI-3)."""
    if not permissions.can_start_nri_application(actor):
        raise PermissionDenied(_("Sign in to apply for recognition."))
    errors = nri_place_errors(
        nri_level=nri_level,
        country=country,
        region_name=region_name,
        un_regional_group=un_regional_group,
    )
    if nri_level not in Level.values:
        errors["nri_level"] = _("Choose national, sub-regional or regional.")
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError(message, field=field, rule="R-NRI-3")
    workstream = Workstream(
        kind=Workstream.Kind.NRI,
        status=Workstream.Status.PROPOSED,
        name=name,
        slug=_unique_slug(name),
        nri_level=nri_level,
        country=country,
        region_name=region_name,
        un_regional_group=un_regional_group,
        is_youth=is_youth,
    )
    workstream.full_clean()
    try:
        with transaction.atomic():
            workstream.save()
    except IntegrityError as exc:  # a concurrent application took the name or the slug
        raise DomainError(
            _("An initiative called “%(name)s” is already registered.") % {"name": name},
            field="name",
        ) from exc
    _record(
        workstream,
        actor,
        Verb.CREATED,
        to_status=workstream.status,
        details={"nri_application": True},
        reason=_("Applied for recognition as an NRI."),
    )
    application = NriApplication.objects.create(workstream=workstream, created_by=actor)
    Membership.objects.create(
        workstream=workstream,
        user=actor,
        role=Membership.Role.COORDINATOR,
        granted_by=actor,
        grant_reason=_("Started the NRI's application."),
    )
    _record(
        workstream,
        actor,
        Verb.ROLE_GRANTED,
        subject_user=actor,
        details={"role": Membership.Role.COORDINATOR},
        reason=_("Started the NRI's application."),
    )
    actor.__dict__.pop("_workstream_roles", None)
    return application


def _locked(application):
    return (
        NriApplication.objects.select_for_update()
        .select_related("workstream")
        .get(pk=application.pk)
    )


@transaction.atomic
def save_nri_statement(*, application, actor, statement, committee_groups):
    """The coordinators write the statement and name the committee's stakeholder groups."""
    application = _locked(application)
    if not permissions.can_edit_nri_application(actor, application):
        raise PermissionDenied(_("Only the NRI's coordinators edit a statement not under review."))
    groups = list(committee_groups)
    before_groups = sorted(application.committee_groups.values_list("slug", flat=True))
    after_groups = sorted(group.slug for group in groups)
    changed = application.statement != statement or before_groups != after_groups
    if not changed:
        return application
    application.statement = statement
    application.save(update_fields=["statement", "updated"])
    application.committee_groups.set(groups)
    _record(
        application.workstream,
        actor,
        Verb.UPDATED,
        workflow=WORKFLOW_KEY,
        details={
            "statement_length": len(statement),
            "committee_groups": after_groups,
        },
    )
    return application


def submit_nri_application(*, application, actor):
    """Submit the statement for the Secretariat's review (R-NRI-1: a detailed statement)."""
    return apply_application_transition(
        workflow=WORKFLOW, application=application, action="submit", actor=actor
    )


def decide_nri_application(*, application, action, actor, reason):
    """Recognise, reject or ask for changes (R-NRI-2: recognition needs all six met)."""
    return apply_application_transition(
        workflow=WORKFLOW, application=application, action=action, actor=actor, reason=reason
    )


@transaction.atomic
def assess_principle(*, application, principle, meets, notes, actor):
    """Record the Secretariat's assessment of one core principle, with notes (R-NRI-2)."""
    if not permissions.can_review_nri_application(actor):
        raise PermissionDenied(_("Only the Secretariat assesses a statement."))
    if principle not in CorePrinciple.values:
        raise DomainError(
            _("“%(principle)s” is not a core principle.") % {"principle": principle},
            field="principle",
        )
    if not (notes or "").strip():
        raise DomainError(
            _("Give notes for this assessment; they are recorded."), field="notes", rule="R-NRI-2"
        )
    application = _locked(application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise DomainError(
            _("Only a submitted statement is assessed; this one is “%(status)s”.")
            % {"status": application.get_status_display()},
            field="principle",
        )
    assessment = PrincipleAssessment.objects.filter(
        application=application, principle=principle
    ).first()
    previous = None
    if assessment is None:
        assessment = PrincipleAssessment(application=application, principle=principle)
    else:
        previous = {"meets": assessment.meets, "notes": assessment.notes}
        if previous == {"meets": meets, "notes": notes}:
            return assessment
    assessment.meets, assessment.notes, assessment.assessed_by = meets, notes, actor
    assessment.save()
    details = {"principle": principle, "meets": meets}
    if previous is not None:
        details["previously"] = previous["meets"]
    _record(
        application.workstream,
        actor,
        Verb.UPDATED,
        workflow=WORKFLOW_KEY,
        details=details,
        reason=notes,
    )
    return assessment


@transaction.atomic
def file_support_request(*, workstream, actor, subject, body):
    """An NRI's coordinator asks the Secretariat for support; it stays open until answered."""
    if not permissions.can_file_support_request(actor, workstream):
        raise PermissionDenied(_("Only the NRI's coordinators ask for support."))
    if not subject.strip() or not body.strip():
        raise DomainError(_("Give a subject and say what support you need."), field="body")
    return SupportRequest.objects.create(
        workstream=workstream, subject=subject, body=body, requested_by=actor
    )


@transaction.atomic
def answer_support_request(*, support_request, actor, answer):
    """The Secretariat answers a request; who answered and when are recorded (R-NRI-6)."""
    if not permissions.can_answer_support_request(actor):
        raise PermissionDenied(_("Only the Secretariat answers support requests."))
    if not (answer or "").strip():
        raise DomainError(_("Write the answer."), field="answer", rule="R-NRI-6")
    support_request = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if support_request.status != SupportRequest.Status.OPEN:
        raise DomainError(_("This request has already been answered."), field="answer")
    support_request.answer = answer
    support_request.answered_by = actor
    support_request.answered_at = timezone.now()
    support_request.status = SupportRequest.Status.ANSWERED
    support_request.save()
    return support_request


# ---- The review queue's NRI source -------------------------------------------------------


def _pending(statuses):
    return (
        NriApplication.objects.filter(status__in=statuses)
        .select_related("workstream")
        .order_by("submitted_at", "pk")
    )


def _review_url(application):
    return reverse("workstreams:nri-review", args=[application.workstream.slug])


REVIEW_SOURCE = register_review_source(
    ReviewSource(
        key=Workstream.Kind.NRI.value,
        label=Workstream.Kind.NRI.label,
        applications=_pending,
        review_url=_review_url,
    )
)
