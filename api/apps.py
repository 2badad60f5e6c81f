from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public REST API (/api/v1/), its schema and docs, personal tokens, feeds and CSV."""

    name = "api"
    verbose_name = _("API")
