from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Open consultations: calls for contributions, drafts, paragraph comments, outputs."""

    name = "consultations"
    verbose_name = _("Consultations")
