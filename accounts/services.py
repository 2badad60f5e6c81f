"""Writes about people: profiles, portal-wide roles, account emails."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .exceptions import DomainError
from .models import Profile, SiteRole, User

logger = logging.getLogger(__name__)


def language_for(user):
    """The language of what the portal sends `user`: their profile's choice, else the site's."""
    profile = getattr(user, "profile", None) if user is not None else None
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


def ensure_profile(*, user, display_name=""):
    """Every account has a profile; create it on first need with a neutral display name."""
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"display_name": display_name or user.email.split("@")[0][:100]}
    )
    return profile


@transaction.atomic
def grant_site_role(*, user, role, actor, reason=""):
    """Give a person a portal-wide role (Secretariat staff), recording who granted it and why."""
    if SiteRole.objects.active().filter(user=user, role=role).exists():
        raise DomainError(_("%(user)s already holds this role.") % {"user": user}, field="user")
    site_role = SiteRole.objects.create(user=user, role=role, granted_by=actor, grant_reason=reason)
    if role == SiteRole.Role.SECRETARIAT and not user.is_staff:
        # The Django admin requires is_staff; what staff may do there is decided by the role.
        User.objects.filter(pk=user.pk).update(is_staff=True)
        user.is_staff = True
    user.__dict__.pop("_is_secretariat", None)
    return site_role


@transaction.atomic
def revoke_site_role(*, user, role, actor, reason):
    """End a portal-wide role; the row stays as the record of who held it, and until when."""
    if not reason.strip():
        raise DomainError(_("Give a reason for revoking the role."), field="reason")
    site_role = SiteRole.objects.active().select_for_update().filter(user=user, role=role).first()
    if site_role is None:
        raise DomainError(_("%(user)s does not hold this role.") % {"user": user}, field="user")
    site_role.revoked_at = timezone.now()
    site_role.revoked_by = actor
    site_role.revoke_reason = reason
    site_role.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated"])
    if role == SiteRole.Role.SECRETARIAT and not user.is_superuser:
        User.objects.filter(pk=user.pk).update(is_staff=False)
        user.is_staff = False
    user.__dict__.pop("_is_secretariat", None)
    return site_role


def schedule_welcome_email(*, user):
    """Send the welcome email once the current transaction has committed."""
    from .tasks import send_welcome_email_task

    transaction.on_commit(lambda: send_welcome_email_task.delay(user.pk))


def send_welcome_email(*, user_id):
    """Send the welcome email exactly once: the profile row is locked and marked on success."""
    with transaction.atomic():
        profile = (
            Profile.objects.select_for_update()
            .select_related("user")
            .filter(user_id=user_id)
            .first()
        )
        if profile is None or profile.welcome_sent_at is not None:
            return False
        context = {
            "profile": profile,
            "site_name": settings.SITE_NAME,
            "home_url": settings.SITE_URL + reverse("home"),
            "profile_url": settings.SITE_URL + reverse("accounts:profile-edit"),
        }
        with translation.override(profile.language or settings.LANGUAGE_CODE):
            message = EmailMultiAlternatives(
                subject=_("Welcome to the %(site)s") % {"site": settings.SITE_NAME},
                body=render_to_string("accounts/emails/welcome.txt", context),
                to=[profile.user.email],
            )
            message.attach_alternative(
                render_to_string("accounts/emails/welcome.html", context), "text/html"
            )
        # Sent inside the lock: a second worker waits, then sees welcome_sent_at and stops.
        message.send()
        profile.welcome_sent_at = timezone.now()
        profile.save(update_fields=["welcome_sent_at", "updated"])
    logger.info("welcome email sent to user %s", user_id)
    return True
