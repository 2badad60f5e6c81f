"""How workstreams plug into timelines: who manages timelines, and which roles can act."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import permissions
from .models import Membership

ACTOR_ROLES = [
    (Membership.Role.COORDINATOR, _("The workstream's coordinators")),
    (Membership.Role.MEMBER, _("The workstream's members")),
]


def resolve_roles(pairs):
    """{(workstream_id, role): set(user_ids)} for many pairs, in one query."""
    condition = Q()
    for workstream_id, role in pairs:
        condition |= Q(workstream_id=workstream_id, role=role)
    members = {}
    if not condition:
        return members
    rows = (
        Membership.objects.active()
        .filter(condition)
        .values_list("workstream_id", "role", "user_id")
    )
    for workstream_id, role, user_id in rows:
        members.setdefault((workstream_id, role), set()).add(user_id)
    return members


def roles_of(user):
    """{(workstream_id, role)} this person holds, in one query."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.active().filter(user=user).values_list("workstream_id", "role"))


def register():
    from timelines.registry import register_workstream_policy

    register_workstream_policy(
        can_manage=permissions.can_edit_workstream,
        can_view=permissions.can_view_workstream,
        actor_roles=ACTOR_ROLES,
        resolve_roles=resolve_roles,
        roles_of=roles_of,
    )
