"""Every write to a workstream, its roles and its lifecycle. Each one records an event."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from accounts.exceptions import DomainError

from . import permissions
from .guards import check_transition
from .models import Membership, Workstream, WorkstreamEvent, WorkstreamUserObjectPermission
from .workflow import TRANSITIONS

Verb = WorkstreamEvent.Verb
Role = Membership.Role

EDITABLE_FIELDS = (
    "name",
    "short_name",
    "description",
    "methodology",
    "mailing_list",
    "archive_url",
)


def _require(allowed, message=None):
    if not allowed:
        raise PermissionDenied(message or _("You may not do this in this workstream."))


def _locked(workstream):
    # Every role and status change takes the workstream's row lock first, so concurrent
    # requests on one workstream apply one after another and each sees the other's result.
    return Workstream.objects.select_for_update().get(pk=workstream.pk)


def _forget_cached_roles(*users):
    for user in users:
        if user is not None:
            user.__dict__.pop("_workstream_roles", None)


def _record(workstream, actor, verb, **fields):
    return WorkstreamEvent.objects.create(workstream=workstream, actor=actor, verb=verb, **fields)


@transaction.atomic
def create_workstream(*, actor, reason="", **fields):
    """Register a workstream (Secretariat only); it starts as proposed unless a status is given."""
    _require(permissions.can_create_workstream(actor))
    workstream = Workstream(**fields)
    workstream.full_clean()
    workstream.save()
    _record(workstream, actor, Verb.CREATED, to_status=workstream.status, reason=reason)
    return workstream


@transaction.atomic
def update_workstream(*, workstream, actor, changes, reason=""):
    """Change a workstream's public details; the event keeps every old and new value."""
    _require(permissions.can_edit_workstream(actor, workstream))
    workstream = _locked(workstream)
    diff = {}
    for field, value in changes.items():
        if field not in EDITABLE_FIELDS:
            raise DomainError(_("“%(field)s” cannot be changed here.") % {"field": field})
        old = getattr(workstream, field)
        if old != value:
            diff[field] = {"from": old, "to": value}
            setattr(workstream, field, value)
    if not diff:
        return workstream
    workstream.full_clean()
    workstream.save()
    _record(workstream, actor, Verb.UPDATED, details={"changes": diff}, reason=reason)
    return workstream


@transaction.atomic
def apply_transition(*, workstream, action, actor, reason):
    """Apply one lifecycle transition (R-DC-3, R-DC-4): a Secretariat decision, with a reason."""
    _require(
        permissions.can_change_status(actor, workstream),
        _("Only the Secretariat decides a workstream's status."),
    )
    if action not in TRANSITIONS:
        raise DomainError(_("Unknown action “%(action)s”.") % {"action": action}, field="action")
    if not (reason or "").strip():
        raise DomainError(_("Give a reason for this decision; it is recorded."), field="reason")
    workstream = _locked(workstream)
    sources, target, _label = TRANSITIONS[action]
    if workstream.status not in sources:
        raise DomainError(
            _("A workstream that is “%(status)s” cannot be changed with “%(action)s”.")
            % {"status": workstream.get_status_display(), "action": action},
            field="action",
        )
    check_transition(workstream=workstream, action=action, target=target)
    previous = workstream.status
    workstream.status = target
    workstream.save(update_fields=["status", "updated"])
    _record(
        workstream,
        actor,
        Verb.TRANSITION,
        from_status=previous,
        to_status=target,
        details={"action": action},
        reason=reason,
    )
    return workstream


def _active_membership(workstream, user):
    return (
        Membership.objects.active()
        .select_for_update()
        .filter(workstream=workstream, user=user)
        .first()
    )


def _check_not_last_coordinator(workstream, membership, actor):
    # A workstream is never left without a coordinator by one of its own coordinators;
    # the Secretariat may, for instance while a DC hands over.
    if membership.role != Role.COORDINATOR or permissions.is_secretariat(actor):
        return
    if Membership.objects.coordinators().filter(workstream=workstream).count() <= 1:
        raise DomainError(
            _("%(name)s is the only coordinator: appoint another coordinator first.")
            % {"name": membership.user},
            field="user",
        )


@transaction.atomic
def grant_role(*, workstream, user, role, actor, reason=""):
    """Give a person a role in a workstream; coordinators may do so only in their own."""
    _require(permissions.can_manage_members(actor, workstream))
    if role not in Role.values:
        raise DomainError(_("Unknown role “%(role)s”.") % {"role": role}, field="role")
    workstream = _locked(workstream)
    if _active_membership(workstream, user) is not None:
        raise DomainError(
            _("%(name)s already has a role in %(workstream)s; change it instead.")
            % {"name": user, "workstream": workstream},
            field="user",
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                workstream=workstream, user=user, role=role, granted_by=actor, grant_reason=reason
            )
    except IntegrityError as exc:  # a concurrent grant won the race on another database
        raise DomainError(
            _("%(name)s already has a role in %(workstream)s.")
            % {"name": user, "workstream": workstream},
            field="user",
        ) from exc
    _record(
        workstream,
        actor,
        Verb.ROLE_GRANTED,
        subject_user=user,
        details={"role": role},
        reason=reason,
    )
    _forget_cached_roles(user, actor)
    return membership


def _end(membership, actor, reason):
    membership.revoked_at = timezone.now()
    membership.revoked_by = actor
    membership.revoke_reason = reason
    membership.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated"])


@transaction.atomic
def change_role(*, workstream, user, role, actor, reason=""):
    """Move a person to another role; the old membership row is closed, a new one opened."""
    _require(permissions.can_manage_members(actor, workstream))
    if role not in Role.values:
        raise DomainError(_("Unknown role “%(role)s”.") % {"role": role}, field="role")
    workstream = _locked(workstream)
    membership = _active_membership(workstream, user)
    if membership is None:
        raise DomainError(
            _("%(name)s has no role in this workstream.") % {"name": user}, field="user"
        )
    if membership.role == role:
        return membership
    _check_not_last_coordinator(workstream, membership, actor)
    _end(membership, actor, reason)
    new = Membership.objects.create(
        workstream=workstream, user=user, role=role, granted_by=actor, grant_reason=reason
    )
    _record(
        workstream,
        actor,
        Verb.ROLE_CHANGED,
        subject_user=user,
        details={"from_role": membership.role, "role": role},
        reason=reason,
    )
    _forget_cached_roles(user, actor)
    return new


@transaction.atomic
def revoke_role(*, workstream, user, actor, reason):
    """End a person's role in a workstream, with a reason; the row stays as the record."""
    _require(permissions.can_manage_members(actor, workstream))
    if not (reason or "").strip():
        raise DomainError(
            _("Give a reason for removing this person; it is recorded."), field="reason"
        )
    workstream = _locked(workstream)
    membership = _active_membership(workstream, user)
    if membership is None:
        raise DomainError(
            _("%(name)s has no role in this workstream.") % {"name": user}, field="user"
        )
    _check_not_last_coordinator(workstream, membership, actor)
    _end(membership, actor, reason)
    _record(
        workstream,
        actor,
        Verb.ROLE_REVOKED,
        subject_user=user,
        details={"role": membership.role},
        reason=reason,
    )
    _forget_cached_roles(user, actor)
    return membership


@transaction.atomic
def join_workstream(*, workstream, user):
    """A signed-in person joins an active workstream as a member (open membership, R-DC-2)."""
    workstream = _locked(workstream)
    _forget_cached_roles(user)
    _require(
        permissions.can_join_workstream(user, workstream),
        _("You cannot join this workstream now."),
    )
    membership = Membership.objects.create(
        workstream=workstream, user=user, role=Role.MEMBER, granted_by=user
    )
    _record(workstream, user, Verb.JOINED, subject_user=user, details={"role": Role.MEMBER})
    _forget_cached_roles(user)
    return membership


@transaction.atomic
def leave_workstream(*, workstream, user, reason=""):
    """A member or observer leaves; coordinators hand over their role first."""
    workstream = _locked(workstream)
    _forget_cached_roles(user)
    _require(
        permissions.can_leave_workstream(user, workstream),
        _("Coordinators hand their role over before leaving."),
    )
    membership = _active_membership(workstream, user)
    _end(membership, user, reason or _("Left the workstream."))
    _record(workstream, user, Verb.LEFT, subject_user=user, details={"role": membership.role})
    _forget_cached_roles(user)
    return membership


@transaction.atomic
def grant_reviewer_access(*, workstream, user, actor, reason):
    """Let one named person read a workstream's private pages (a django-guardian object grant)."""
    _require(permissions.can_grant_reviewer_access(actor, workstream))
    if not (reason or "").strip():
        raise DomainError(_("Give a reason for this access; it is recorded."), field="reason")
    assign_perm("workstreams.review_workstream", user, workstream)
    _record(workstream, actor, Verb.ACCESS_GRANTED, subject_user=user, reason=reason)


@transaction.atomic
def revoke_reviewer_access(*, workstream, user, actor, reason):
    """Withdraw a named reviewer's access; the grant and its end both stay in the history."""
    _require(permissions.can_grant_reviewer_access(actor, workstream))
    remove_perm("workstreams.review_workstream", user, workstream)
    _record(workstream, actor, Verb.ACCESS_REVOKED, subject_user=user, reason=reason)


@transaction.atomic
def end_all_roles_of(*, user, actor, reason):
    """A closed account: end every membership and reviewer grant `user` holds, each recorded.

    The workstreams are locked first (in one order), as for any role change, so two
    coordinators of one workstream closing their accounts at once cannot leave it without
    one: the second is refused, naming the workstream.
    """
    held = set(
        Membership.objects.active().filter(user=user).values_list("workstream_id", flat=True)
    )
    reviewed = set(
        WorkstreamUserObjectPermission.objects.filter(user=user).values_list(
            "content_object_id", flat=True
        )
    )
    workstreams = list(
        Workstream.objects.select_for_update().filter(pk__in=held | reviewed).order_by("pk")
    )
    _forget_cached_roles(user)
    alone = [
        workstream
        for workstream in workstreams
        if Membership.objects.coordinators().filter(workstream=workstream, user=user).exists()
        and not Membership.objects.coordinators()
        .filter(workstream=workstream)
        .exclude(user=user)
        .exists()
    ]
    if alone:
        raise DomainError(
            _(
                "You are the only coordinator of %(names)s: appoint another coordinator "
                "there first, then close your account."
            )
            % {"names": ", ".join(str(w) for w in alone)}
        )
    by_pk = {workstream.pk: workstream for workstream in workstreams}
    for membership in Membership.objects.active().filter(user=user).select_for_update():
        _end(membership, actor, reason)
        _record(
            by_pk[membership.workstream_id],
            actor,
            Verb.LEFT,
            subject_user=user,
            reason=reason,
            details={"role": membership.role, "account_closed": True},
        )
    for workstream_id in sorted(reviewed):
        remove_perm("workstreams.review_workstream", user, by_pk[workstream_id])
        _record(by_pk[workstream_id], actor, Verb.ACCESS_REVOKED, subject_user=user, reason=reason)
    _forget_cached_roles(user)
