from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarksConfig(AppConfig):
    """Scale data and measurements (issue 9): `generate_scale_data` and `make bench`."""

    name = "benchmarks"
    verbose_name = _("Benchmarks")
