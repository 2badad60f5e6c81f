from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data built from the public IGF documents in ../shared/seeds, with fictional people.

    Cross-cutting: it imports every domain app; no domain app imports it.
    """

    name = "demo"
    verbose_name = "Demo data"
