"""allauth's emails (verification, password reset) in the account's own language."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # The person's chosen language where they have one, else the page's (sign-up).
        user = context.get("user")
        profile = getattr(user, "profile", None) if user is not None else None
        language = (profile.language if profile else "") or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
