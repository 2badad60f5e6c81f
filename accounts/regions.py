"""UN regional groups and developing-country defaults, read from versioned data files.

The files under accounts/data/ are versioned (their "version" key); changing a country's group
is a data change reviewed like code. Loaded once per process: read-only reference data.
"""

import json
from functools import cache
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

DATA_DIR = Path(__file__).resolve().parent / "data"


class RegionalGroup(models.TextChoices):
    AFRICAN = "AFRICAN", _("African Group")
    ASIA_PACIFIC = "ASIA_PACIFIC", _("Asia-Pacific Group")
    EASTERN_EUROPEAN = "EASTERN_EUROPEAN", _("Eastern European Group")
    GRULAC = "GRULAC", _("Latin American and Caribbean Group")
    WEOG = "WEOG", _("Western European and Others Group")


@cache
def _load(name):
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


def regional_groups_version():
    return _load("un_regional_groups.json")["version"]


def regional_group_for(country_code):
    """The UN regional group code for an ISO 3166-1 alpha-2 code, or "" when it has none."""
    if not country_code:
        return ""
    return _load("un_regional_groups.json")["countries"].get(str(country_code).upper(), "")


def default_developing_countries():
    return frozenset(_load("developing_countries.json")["countries"])
