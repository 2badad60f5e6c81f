"""Who may do what in a consultation: the only place in consultations/ that decides access.

The consultation's workstream is the tenant: its coordinators and the Secretariat manage it;
approved editors edit drafts and give dispositions; any verified person comments while a
window is open (R-CON-2; the window itself is checked by the comment service).
"""

from allauth.account.models import EmailAddress

from accounts.permissions import is_secretariat
from workstreams import permissions as workstream_permissions

from .models import Consultation, Editor


def _signed_in(user):
    return getattr(user, "is_authenticated", False) and user.is_active


def has_verified_email(user):
    """R-CON-2: "any registered person" means a signed-in person with a verified address."""
    if not _signed_in(user):
        return False
    cached = user.__dict__.get("_has_verified_email")
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user.__dict__["_has_verified_email"] = cached
    return cached


def can_manage_consultation(user, consultation=None, workstream=None):
    """The Secretariat, and the coordinators of the owning workstream only (tenancy)."""
    if is_secretariat(user):
        return True
    workstream = consultation.workstream if consultation is not None else workstream
    return workstream is not None and workstream_permissions.can_edit_workstream(user, workstream)


def is_editor(user, consultation):
    """An approved member of the consultation's editorial group (R-CON-5), memoised."""
    if not _signed_in(user):
        return False
    cache = user.__dict__.setdefault("_editor_of", {})
    if consultation.pk not in cache:
        cache[consultation.pk] = Editor.objects.filter(
            consultation=consultation, user=user, status=Editor.Status.APPROVED
        ).exists()
    return cache[consultation.pk]


def can_view_consultation(user, consultation):
    """A consultation under way or closed is seen wherever its workstream is; one being
    prepared only by those who manage it and its editors."""
    if consultation.status == Consultation.Status.PREPARING:
        return can_manage_consultation(user, consultation) or is_editor(user, consultation)
    return workstream_permissions.can_view_workstream(user, consultation.workstream)


def can_edit_drafts(user, consultation):
    """Editors write drafts; those who manage the consultation too."""
    return can_manage_consultation(user, consultation) or is_editor(user, consultation)


def can_publish_draft(user, consultation):
    return can_manage_consultation(user, consultation)


def can_comment(user, consultation):
    """Who may comment at all; whether a window is open is the comment service's check."""
    return has_verified_email(user) and can_view_consultation(user, consultation)


def can_contribute(user, consultation):
    return has_verified_email(user) and can_view_consultation(user, consultation)


def can_moderate(user, consultation):
    """Hide comments and contributions with a reason; resolve flags."""
    return can_manage_consultation(user, consultation) or is_editor(user, consultation)


def can_give_disposition(user, consultation):
    return is_editor(user, consultation) or can_manage_consultation(user, consultation)


def can_ask_to_join_editors(user, consultation):
    """R-CON-5: anyone signed in may ask to join the editorial group."""
    return _signed_in(user) and can_view_consultation(user, consultation)


def can_decide_editor_requests(user, consultation):
    """A coordinator of the owning workstream or the Secretariat approves (R-CON-5)."""
    return can_manage_consultation(user, consultation)


def can_manage_messages(user, consultation):
    return can_edit_drafts(user, consultation)


def can_publish_output(user, consultation):
    return can_manage_consultation(user, consultation)


def can_manage_entities(user):
    """The directory of fora and entities is kept by the Secretariat (R-CON-6, R-PN-9)."""
    return is_secretariat(user)


def can_view_entities(user):
    """Contacts are personal data: the Secretariat's directory, not a public page."""
    return is_secretariat(user)


def can_view_participation(user, consultation):
    """Who took part, in aggregate (counts by group, region, gender): public with the
    consultation; no individual is identified."""
    return can_view_consultation(user, consultation)


def can_download_contribution(user, contribution):
    """A visible contribution's file is public with the consultation (R-CON-4); a hidden or
    withdrawn one only its author and the moderators may still open."""
    from .models import Contribution

    consultation = contribution.consultation
    if not can_view_consultation(user, consultation):
        return False
    if contribution.status == Contribution.Status.VISIBLE:
        return True
    return getattr(user, "pk", None) == contribution.author_id or can_moderate(user, consultation)


def can_answer_nri_invitation(user, invitation):
    """R-PN-8: an NRI's coordinators and members send its feedback (or the Secretariat)."""
    from workstreams.models import Membership

    if not has_verified_email(user):
        return False
    if is_secretariat(user):
        return True
    return (
        Membership.objects.active()
        .filter(
            workstream_id=invitation.nri_id,
            user=user,
            role__in=[Membership.Role.COORDINATOR, Membership.Role.MEMBER],
        )
        .exists()
    )


def can_view_dispositions(user, consultation):
    """The disposition register is public with the consultation (R-CON-5): it is published
    with the output anyway; only editors write in it."""
    return can_view_consultation(user, consultation)


def can_use_markdown_editor(user):
    """markdownx's preview and image upload: editors of some consultation, and those who could
    manage one (the Secretariat, coordinators of a workstream that owns one). Others: 403."""
    if not _signed_in(user):
        return False
    if is_secretariat(user):
        return True
    from workstreams.models import Membership

    return (
        Editor.objects.filter(user=user, status=Editor.Status.APPROVED).exists()
        or Membership.objects.coordinators()
        .filter(user=user, workstream__consultations__isnull=False)
        .exists()
    )
