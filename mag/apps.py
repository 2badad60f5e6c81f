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

        from timelines.registry import register_calendar_source

        from . import meetings, panels_meetings

        # R-BPF-4: a workstream's page lists its upcoming meetings; each person's iCal feed
        # includes the meetings they are expected at or registered for.
        register_page_panel(panels_meetings.meetings_panel)
        register_calendar_source(meetings.calendar_source)
