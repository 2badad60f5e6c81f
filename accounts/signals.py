from allauth.account.signals import email_confirmed, user_signed_up
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import translation

from . import services
from .middleware import LANGUAGE_SESSION_KEY
from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    # Every account has a profile, however it was created (signup, admin, a command).
    if created and not raw:
        services.ensure_profile(user=instance)


@receiver(email_confirmed)
def welcome_after_verification(sender, request, email_address, **kwargs):
    services.schedule_welcome_email(user=email_address.user)


@receiver(user_signed_up)
def keep_the_signup_language(sender, request, user, **kwargs):
    # Someone who signs up in Arabic gets their welcome email and reminders in Arabic.
    language = translation.get_language()
    if language in dict(settings.LANGUAGES):
        Profile.objects.filter(user=user, language="").update(language=language)


@receiver(user_logged_in)
def take_the_profile_language_along(sender, request, user, **kwargs):
    # Read afresh at each sign-in: a change made on another device applies here from now on.
    if request is not None and hasattr(request, "session"):
        language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
        request.session[LANGUAGE_SESSION_KEY] = language or ""
