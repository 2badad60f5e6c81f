"""Who may do what in a workstream: the only place that decides workstream access.

Every check reads the membership rows (and the Secretariat's site role, and django-guardian's
per-object reviewer grants); views and templates ask here and never inspect roles themselves.
"""

from accounts.permissions import is_secretariat

from .models import (
    ApplicationStatus,
    Membership,
    WgInvitation,
    Workstream,
    WorkstreamUserObjectPermission,
)

Role = Membership.Role

# Application statuses in which the applicant may still edit (DC and NRI keep their own sets).
DC_EDITABLE_STATUSES = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED})
NRI_EDITABLE_STATUSES = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED})


def manageable_workstreams(user):
    """The workstreams this person manages: every one for the Secretariat, those they
    coordinate for anyone else (a queryset; empty for signed-out visitors)."""
    if is_secretariat(user):
        return Workstream.objects.order_by("name")
    if not getattr(user, "is_authenticated", False):
        return Workstream.objects.none()
    return Workstream.objects.filter(
        pk__in=Membership.objects.coordinators().filter(user=user).values("workstream_id")
    ).order_by("name")


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


# ---- Dynamic Coalitions: applications and annual reports (R-DC-3, R-DC-4, R-DC-7) ------------


def can_edit_application(user, application):
    """The DC's own coordinators (R-DC-7) and the Secretariat edit a draft or a returned one."""
    return application.status in DC_EDITABLE_STATUSES and can_edit_workstream(
        user, application.workstream
    )


def can_view_application(user, workstream):
    """The application is private to the DC's coordinators, named reviewers and the Secretariat."""
    return can_edit_workstream(user, workstream) or is_reviewer(user, workstream)


def can_decide(user):
    """Recognition decisions are the Secretariat's (R-DC-3)."""
    return is_secretariat(user)


def can_file_report(user, workstream):
    """A DC's coordinators file its annual report (R-DC-7); the Secretariat may too."""
    return can_edit_workstream(user, workstream)


# ---- NRIs: statements and support requests (R-NRI-1 to R-NRI-4, R-NRI-6) ---------------------


def can_start_nri_application(user):
    """Any signed-in person may start an NRI's application; they become its coordinator."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_view_nri_application(user, workstream):
    """The statement is read by the NRI's coordinators and the Secretariat."""
    return workstream.kind == Workstream.Kind.NRI and (
        is_secretariat(user) or role_in(user, workstream) == Membership.Role.COORDINATOR
    )


def can_edit_nri_application(user, application):
    """The NRI's coordinators write the statement while it is a draft or changes are asked."""
    return (
        application.status in NRI_EDITABLE_STATUSES
        and role_in(user, application.workstream) == Membership.Role.COORDINATOR
    )


def can_review_nri_application(user):
    """The Secretariat assesses statements and decides on recognition (R-NRI-2)."""
    return is_secretariat(user)


def can_view_support_requests(user, workstream):
    """An NRI's requests are private to its people and the Secretariat (R-NRI-6)."""
    return workstream.kind == Workstream.Kind.NRI and (
        is_secretariat(user) or role_in(user, workstream) is not None
    )


def can_file_support_request(user, workstream):
    """An NRI's coordinators ask the Secretariat for support (R-NRI-6)."""
    return (
        workstream.kind == Workstream.Kind.NRI
        and role_in(user, workstream) == Membership.Role.COORDINATOR
    )


def can_answer_support_request(user):
    """The Secretariat answers support requests."""
    return is_secretariat(user)


# ---- Workstream spaces: news and the document library (R-DC-7) --------------------------------


def can_view_space(user, workstream):
    """News and the public part of the library are open to whoever may see the workstream."""
    return can_view_workstream(user, workstream)


def can_manage_space(user, workstream):
    """Coordinators run their own space only (R-DC-7); the Secretariat administers all."""
    return can_edit_workstream(user, workstream)


def can_view_private_documents(user, workstream):
    """Private documents are for the workstream's own people and the Secretariat."""
    return is_secretariat(user) or role_in(user, workstream) is not None


def can_download_document(user, document):
    """A public document follows the workstream's visibility; a private one its people's."""
    if document.removed_at is not None:
        return False
    if not can_view_space(user, document.workstream):
        return False
    return document.is_public or can_view_private_documents(user, document.workstream)


# ---- Policy Networks (R-PN-1, R-PN-2, R-PN-7, R-NRI-5) ---------------------------------------


def can_manage_pn(user, workstream):
    """The Secretariat decides the topic, convenes the MWG and contracts the consultant."""
    return workstream.kind == Workstream.Kind.PN and is_secretariat(user)


def can_respond_to_invitation(user, invitation):
    """Only the invited person answers their own open invitation (R-PN-2)."""
    return (
        getattr(user, "is_authenticated", False)
        and invitation.person_id == user.pk
        and invitation.status == WgInvitation.Status.INVITED
    )


def can_name_focal_point(user, from_workstream):
    """A BPF's or DC's coordinators name its focal point; so may the Secretariat (R-PN-7)."""
    return is_secretariat(user) or (role_in(user, from_workstream) == Membership.Role.COORDINATOR)


def can_name_nri_liaison(user, nri):
    """An NRI's coordinators designate its liaisons; so may the Secretariat (R-NRI-5)."""
    return is_secretariat(user) or role_in(user, nri) == Membership.Role.COORDINATOR
