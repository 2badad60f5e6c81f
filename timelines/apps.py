from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelinesConfig(AppConfig):
    """Milestones, action items, reminders, follows, notifications and calendar feeds.

    Cross-cutting: it imports no domain app. Domain apps register into timelines.registry
    (reminder kinds, actor roles, the workstream policy) and refer to its models freely.
    """

    name = "timelines"
    verbose_name = _("Timelines and reminders")

    def ready(self):
        from . import reminders  # noqa: F401  (registers the built-in reminder kinds)
