"""A workstream's lifecycle as data: states and the transitions the Secretariat may apply.

Recognition workflows for each kind (DC applications, NRI statements, BPF selection, PN
convening) decide when a workstream becomes active; this table is the lifecycle they feed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    CONCLUDED = "concluded", _("Concluded")


# A proposed workstream is not yet recognised: only its people and the Secretariat see it.
PUBLIC_STATUSES = frozenset({Status.ACTIVE, Status.INACTIVE, Status.CONCLUDED})

# action: (allowed from, to, label)
TRANSITIONS = {
    "activate": ({Status.PROPOSED}, Status.ACTIVE, _("Activate")),
    "deactivate": ({Status.ACTIVE}, Status.INACTIVE, _("Record as inactive")),
    "reactivate": ({Status.INACTIVE}, Status.ACTIVE, _("Restore as active")),
    "conclude": ({Status.ACTIVE, Status.INACTIVE}, Status.CONCLUDED, _("Conclude")),
}


def available_transitions(status):
    """The actions that may be applied from a status, in a stable order."""
    return [
        (action, label)
        for action, (sources, _to, label) in TRANSITIONS.items()
        if status in sources
    ]
