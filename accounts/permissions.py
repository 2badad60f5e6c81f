"""Who may do what with accounts. The only place that decides access to people's data."""

from .models import SiteRole


def is_secretariat(user):
    """True for a signed-in person holding the active Secretariat role (or a superuser)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_secretariat", None)
    if cached is None:
        cached = (
            SiteRole.objects.active().filter(user=user, role=SiteRole.Role.SECRETARIAT).exists()
        )
        user._is_secretariat = cached
    return cached


def can_view_private_profile(user, profile):
    """A person sees all of their own profile; the Secretariat sees everyone's."""
    return user.is_authenticated and (profile.user_id == user.pk or is_secretariat(user))


def can_close_account(actor, user):
    """A person closes their own account; the Secretariat may close one on request."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return actor.pk == user.pk or is_secretariat(actor)
