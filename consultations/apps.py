from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Open consultations: calls for contributions, drafts, paragraph comments, outputs."""

    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from . import editorial, notifications, pn

        # A reply to your comment; a comment window closing soon (to editors and followers).
        notifications.register()
        # The disposition of your comment (R-CON-5); an NRI's invitation to give feedback (R-PN-8).
        editorial.register()
        pn.register()
