"""Who may do what in a workstream: the only place that decides workstream access.

Every check reads the membership rows (and the Secretariat's site role, and django-guardian's
per-object reviewer grants); views and templates ask here and never inspect roles themselves.
"""

from accounts.permissions import is_secretariat

from .models import Membership, WorkstreamUserObjectPermission

Role = Membership.Role


def role_in(user, workstream):
    """The person's active role in the workstream, or None. One query, memoised per request."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = user.__dict__.setdefault("_workstream_roles", {})
    if workstream.pk not in cache:
        cache[workstream.pk] = (
            Membership.objects.active()
            .filter(user=user, workstream=workstream)
            .values_list("role", flat=True)
            .first()
        )
    return cache[workstream.pk]


def is_reviewer(user, workstream):
    """A per-object grant that no role expresses: a named reviewer of one workstream."""
    if not getattr(user, "is_authenticated", False):
        return False
    return WorkstreamUserObjectPermission.objects.filter(
        user=user, content_object=workstream, permission__codename="review_workstream"
    ).exists()


def can_view_workstream(user, workstream):
    """Public workstreams are open to all; a proposed one only to its people and reviewers."""
    return (
        workstream.is_public
        or is_secretariat(user)
        or role_in(user, workstream) is not None
        or is_reviewer(user, workstream)
    )


def can_view_members(user, workstream):
    """The member list is private to the workstream's own people, reviewers and the Secretariat."""
    return (
        is_secretariat(user)
        or role_in(user, workstream) is not None
        or is_reviewer(user, workstream)
    )


def can_view_history(user, workstream):
    """The decision history is for coordinators, reviewers and the Secretariat."""
    return (
        is_secretariat(user)
        or role_in(user, workstream) == Role.COORDINATOR
        or is_reviewer(user, workstream)
    )


def can_edit_workstream(user, workstream):
    """Coordinators run their own workstream's space (R-DC-7); the Secretariat administers all."""
    return is_secretariat(user) or role_in(user, workstream) == Role.COORDINATOR


def can_manage_members(user, workstream):
    """Coordinators grant and revoke roles in their own workstream only; so may the Secretariat."""
    return is_secretariat(user) or role_in(user, workstream) == Role.COORDINATOR


def can_change_status(user, workstream):
    """Recognition and lifecycle decisions are the Secretariat's (R-DC-3)."""
    return is_secretariat(user)


def can_create_workstream(user):
    """Only the Secretariat registers a workstream directly."""
    return is_secretariat(user)


def can_grant_reviewer_access(user, workstream):
    """Per-object reviewer grants are given by the Secretariat."""
    return is_secretariat(user)


def can_join_workstream(user, workstream):
    """Any signed-in person may join an active workstream as a member (open membership)."""
    return (
        getattr(user, "is_authenticated", False)
        and workstream.status == workstream.Status.ACTIVE
        and role_in(user, workstream) is None
    )


def can_leave_workstream(user, workstream):
    """Members and observers may leave; a coordinator hands over first."""
    return role_in(user, workstream) in {Role.MEMBER, Role.OBSERVER}
