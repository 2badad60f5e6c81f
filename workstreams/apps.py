from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkstreamsConfig(AppConfig):
    name = "workstreams"
    verbose_name = _("Workstreams")

    def ready(self):
        from . import (
            dc,  # noqa: F401  (DC review source, dc_annual_report_due reminder kind)
            nri,  # noqa: F401  (registers the NRI source of the review queue)
            timeline_policy,
        )

        timeline_policy.register()
        from . import spaces  # noqa: F401 - registers the workstream_news notification kind
