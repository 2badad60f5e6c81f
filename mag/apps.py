from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MagConfig(AppConfig):
    """The Multistakeholder Advisory Group: members, terms, liaison duties, meetings."""

    name = "mag"
    verbose_name = _("MAG")
