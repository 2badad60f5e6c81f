from allauth.account.signals import email_confirmed
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import services


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    # Every account has a profile, however it was created (signup, admin, a command).
    if created and not raw:
        services.ensure_profile(user=instance)


@receiver(email_confirmed)
def welcome_after_verification(sender, request, email_address, **kwargs):
    services.schedule_welcome_email(user=email_address.user)
