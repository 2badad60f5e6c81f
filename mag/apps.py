from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MagConfig(AppConfig):
    """The Multistakeholder Advisory Group: members, terms, liaison duties, meetings."""

    name = "mag"
    verbose_name = _("MAG")

    def ready(self):
        from workstreams.extensions import register_page_panel
        from workstreams.guards import register_transition_guard

        from . import panels, reminders, services

        # R-BPF-3: workstreams asks this without importing mag (dependencies point one way).
        register_transition_guard(services.check_bpf_has_facilitator)
        register_page_panel(panels.mag_duties_panel)
        reminders.register()
