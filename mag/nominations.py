"""Every write about MAG nominations and the selection (R-MAG-4).

The Secretariat records nominees with what each agreed to publish, proposes a selection,
records it as submitted to and then appointed by the UN Secretary-General, and decides
whether the nominee list is published. Each decision is a MagEvent; nothing is deleted.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError

from . import events, permissions, services
from .models import MagSelection, MagTerm, Nomination

Status = Nomination.Status
SelectionStatus = MagSelection.Status

NOMINATION_FIELDS = (
    "name",
    "email",
    "organisation",
    "stakeholder_group",
    "country",
    "gender",
    "developing_country",
    "biography",
    "nominated_by",
    "publish_listing",
    "public_fields",
)

# action: (allowed from, to). Nominees are proposed and withdrawn while nominations are open.
TRANSITIONS = {
    "propose": ({Status.NOMINATED}, Status.PROPOSED),
    "unpropose": ({Status.PROPOSED}, Status.NOMINATED),
    "withdraw": ({Status.NOMINATED, Status.PROPOSED}, Status.WITHDRAWN),
    "reinstate": ({Status.WITHDRAWN}, Status.NOMINATED),
}


def _require(allowed):
    if not allowed:
        raise PermissionDenied(_("Only the Secretariat may do this."))


def selection_for(cycle, *, lock=False):
    """The cycle's selection record, created on first use (nominations open, list published)."""
    selection, _created = MagSelection.objects.get_or_create(cycle=cycle)
    if lock:
        selection = MagSelection.objects.select_for_update().get(pk=selection.pk)
    return selection


def _require_open(selection):
    if selection.status != SelectionStatus.OPEN:
        raise DomainError(
            _("the selection for %(cycle)s has been %(status)s; nominations can no longer change.")
            % {"cycle": selection.cycle, "status": selection.get_status_display().lower()},
            rule="R-MAG-4",
        )


def _clean_public_fields(value):
    unknown = set(value or []) - set(Nomination.PUBLIC_FIELDS)
    if unknown:
        raise DomainError(
            _("“%(fields)s” cannot be published.") % {"fields": ", ".join(sorted(unknown))},
            field="public_fields",
        )
    # Stored in the model's order so the record reads the same whatever the form sent.
    return [name for name in Nomination.PUBLIC_FIELDS if name in (value or [])]


def _check_consent(nomination):
    """R-MAG-4: nothing about a nominee is published without their agreement to be listed."""
    if nomination.public_fields and not nomination.publish_listing:
        raise DomainError(
            _(
                "these are published only with the nominee's agreement to be listed; record "
                "that agreement or publish nothing."
            ),
            field="public_fields",
            rule="R-MAG-4",
        )


def _account_for(email):
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()


def _save(nomination, field="email"):
    nomination.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as exc:
        raise DomainError(
            _("%(email)s is already nominated for %(cycle)s.")
            % {"email": nomination.email, "cycle": nomination.cycle},
            field=field,
        ) from exc


def _duplicate(cycle, email, exclude=None):
    others = Nomination.objects.filter(cycle=cycle, email__iexact=email)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise DomainError(
            _("%(email)s is already nominated for %(cycle)s.") % {"email": email, "cycle": cycle},
            field="email",
        )


@transaction.atomic
def add_nomination(*, actor, cycle, reason="", **fields):
    """Record a nominee and what they agreed to publish; only while nominations are open."""
    _require(permissions.can_manage_mag(actor))
    selection = selection_for(cycle, lock=True)
    _require_open(selection)
    unknown = set(fields) - set(NOMINATION_FIELDS)
    if unknown:
        raise DomainError(_("“%(field)s” cannot be set here.") % {"field": sorted(unknown)[0]})
    fields["email"] = (fields.get("email") or "").strip().lower()
    fields["public_fields"] = _clean_public_fields(fields.get("public_fields"))
    if fields.get("developing_country") is None:
        fields["developing_country"] = services.default_developing_country(fields.get("country"))
    _duplicate(cycle, fields["email"])
    nomination = Nomination(
        cycle=cycle, user=_account_for(fields["email"]), created_by=actor, **fields
    )
    _check_consent(nomination)
    _save(nomination)
    events.record(
        actor=actor,
        action="nomination_added",
        subject_user=nomination.user,
        cycle=cycle,
        reason=reason,
        nomination=nomination.pk,
        publish_listing=nomination.publish_listing,
        public_fields=nomination.public_fields,
    )
    return nomination


@transaction.atomic
def update_nomination(*, actor, nomination, reason="", **changes):
    """Correct a nominee's record or what they agree to publish, while nominations are open."""
    _require(permissions.can_manage_mag(actor))
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    _require_open(selection_for(nomination.cycle, lock=True))
    unknown = set(changes) - set(NOMINATION_FIELDS)
    if unknown:
        raise DomainError(_("“%(field)s” cannot be changed here.") % {"field": sorted(unknown)[0]})
    if "email" in changes:
        changes["email"] = (changes["email"] or "").strip().lower()
        _duplicate(nomination.cycle, changes["email"], exclude=nomination)
    if "public_fields" in changes:
        changes["public_fields"] = _clean_public_fields(changes["public_fields"])
    if changes.get("developing_country", False) is None:
        changes["developing_country"] = services.default_developing_country(
            changes.get("country", nomination.country)
        )
    changed = sorted(name for name, value in changes.items() if getattr(nomination, name) != value)
    for name, value in changes.items():
        setattr(nomination, name, value)
    if "email" in changed:
        nomination.user = _account_for(nomination.email)
    _check_consent(nomination)
    _save(nomination)
    # Which fields changed, not their values: the log is no second copy of personal data.
    events.record(
        actor=actor,
        action="nomination_changed",
        subject_user=nomination.user,
        cycle=nomination.cycle,
        reason=reason,
        nomination=nomination.pk,
        changed=changed,
        publish_listing=nomination.publish_listing,
        public_fields=nomination.public_fields,
    )
    return nomination


@transaction.atomic
def change_nomination_status(*, actor, nomination, action, reason=""):
    """Propose a nominee for the selection, take them out of it, or record a withdrawal."""
    _require(permissions.can_manage_mag(actor))
    if action not in TRANSITIONS:
        raise DomainError(_("Unknown action “%(action)s”.") % {"action": action}, field="action")
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    _require_open(selection_for(nomination.cycle, lock=True))
    allowed, target = TRANSITIONS[action]
    if nomination.status not in allowed:
        raise DomainError(
            _("%(name)s is “%(status)s”; that cannot change this way.")
            % {"name": nomination.name, "status": nomination.get_status_display()},
            field="action",
        )
    before = nomination.status
    nomination.status = target
    nomination.save(update_fields=["status", "updated"])
    events.record(
        actor=actor,
        action=f"nomination_{action}",
        subject_user=nomination.user,
        cycle=nomination.cycle,
        reason=reason,
        nomination=nomination.pk,
        status_from=before,
        status_to=target,
    )
    return nomination


@transaction.atomic
def set_publish_nominees(*, actor, cycle, publish, reason=""):
    """The Secretariat's setting: publish the nominee list (on by default, R-MAG-4)."""
    _require(permissions.can_manage_mag(actor))
    selection = selection_for(cycle, lock=True)
    publish = bool(publish)
    if selection.publish_nominees != publish:
        selection.publish_nominees = publish
        selection.updated_by = actor
        selection.save(update_fields=["publish_nominees", "updated_by", "updated"])
        events.record(
            actor=actor,
            action="nominee_list_published" if publish else "nominee_list_unpublished",
            cycle=cycle,
            reason=reason,
        )
    return selection


@transaction.atomic
def submit_selection(*, actor, cycle, submitted_on, reason=""):
    """Record the proposed selection as submitted to the UN Secretary-General (R-MAG-4)."""
    _require(permissions.can_manage_mag(actor))
    selection = selection_for(cycle, lock=True)
    _require_open(selection)
    proposed = list(
        Nomination.objects.select_for_update()
        .filter(cycle=cycle, status=Status.PROPOSED)
        .values_list("pk", flat=True)
    )
    if not proposed:
        raise DomainError(
            _("the proposed selection is empty; propose at least one nominee first."),
            rule="R-MAG-4",
        )
    selection.status = SelectionStatus.SUBMITTED
    selection.submitted_on = submitted_on
    selection.updated_by = actor
    selection.save(update_fields=["status", "submitted_on", "updated_by", "updated"])
    events.record(
        actor=actor,
        action="selection_submitted",
        cycle=cycle,
        reason=reason,
        submitted_on=submitted_on.isoformat(),
        nominations=proposed,
    )
    return selection


@transaction.atomic
def record_appointment(
    *,
    actor,
    cycle,
    appointed_on,
    appointed,
    term_start,
    term_end,
    announcement_url="",
    reason="",
):
    """Record the members the UN Secretary-General appointed from the submitted selection
    (R-MAG-4). Each appointed nominee with a portal account gets a MAG term for the cycle
    (R-MAG-1, refused past three years by R-MAG-2); the others are marked appointed, and
    every submitted nominee not appointed is marked not selected."""
    _require(permissions.can_manage_mag(actor))
    selection = selection_for(cycle, lock=True)
    if selection.status != SelectionStatus.SUBMITTED:
        raise DomainError(
            _("record the submission to the Secretary-General before the appointment."),
            rule="R-MAG-4",
        )
    if selection.submitted_on and appointed_on < selection.submitted_on:
        raise DomainError(
            _("The appointment comes on or after the submission."), field="appointed_on"
        )
    if term_end < term_start:
        raise DomainError(_("A term ends on or after the day it starts."), field="term_end")
    submitted = list(
        Nomination.objects.select_for_update(of=("self",))
        .filter(cycle=cycle, status=Status.PROPOSED)
        .select_related("user", "stakeholder_group")
    )
    chosen = {n.pk for n in appointed}
    unknown = chosen - {n.pk for n in submitted}
    if unknown:
        raise DomainError(
            _("Only nominees in the submitted selection can be appointed."), field="appointed"
        )
    if not chosen:
        raise DomainError(_("Choose the nominees who were appointed."), field="appointed")
    terms = []
    for nomination in submitted:
        if nomination.pk in chosen:
            nomination.status = Status.APPOINTED
            user = nomination.user or _account_for(nomination.email)
            nomination.user = user
            has_term = user and MagTerm.objects.filter(user=user, cycle=cycle).exists()
            if user is not None and not has_term:
                terms.append(
                    services.create_mag_term(
                        actor=actor,
                        user=user,
                        cycle=cycle,
                        start=term_start,
                        end=term_end,
                        stakeholder_group=nomination.stakeholder_group,
                        country=nomination.country,
                        gender=nomination.gender,
                        developing_country=nomination.developing_country,
                        reason=_("Appointed by the UN Secretary-General."),
                    )
                )
        else:
            nomination.status = Status.NOT_SELECTED
        nomination.save(update_fields=["status", "user", "updated"])
        events.record(
            actor=actor,
            action=f"nomination_{nomination.status}",
            subject_user=nomination.user,
            cycle=cycle,
            nomination=nomination.pk,
        )
    selection.status = SelectionStatus.APPOINTED
    selection.appointed_on = appointed_on
    selection.announcement_url = announcement_url or ""
    selection.updated_by = actor
    selection.full_clean()
    selection.save()
    events.record(
        actor=actor,
        action="selection_appointed",
        cycle=cycle,
        reason=reason,
        appointed_on=appointed_on.isoformat(),
        appointed=sorted(chosen),
        terms=[term.pk for term in terms],
    )
    return selection
