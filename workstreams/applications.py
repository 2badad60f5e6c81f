"""The recognition workflow shared by DC applications and NRI statements (R-DC-3, R-NRI-2).

States and transitions are data; one service applies any transition: it locks the row,
checks who may act and the source state, asks the kind's rules, records an event on the
workstream's history, and applies the kind's effects (recognition activates the workstream).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.exceptions import DomainError
from accounts.permissions import is_secretariat

from . import permissions
from .models import ApplicationStatus, WorkstreamEvent
from .notifications import notify_transition

Status = ApplicationStatus

# action: (allowed from, to, label)
TRANSITIONS = {
    "submit": ({Status.DRAFT, Status.CHANGES_REQUESTED}, Status.SUBMITTED, gettext_lazy("Submit")),
    "request_changes": (
        {Status.SUBMITTED},
        Status.CHANGES_REQUESTED,
        gettext_lazy("Ask for changes"),
    ),
    "recognise": ({Status.SUBMITTED}, Status.RECOGNISED, gettext_lazy("Recognise")),
    "reject": ({Status.SUBMITTED}, Status.REJECTED, gettext_lazy("Reject")),
}
# Decisions are the Secretariat's, each with the reason it is taken for (R-DC-3).
SECRETARIAT_ACTIONS = frozenset({"request_changes", "recognise", "reject"})
IRREVERSIBLE_ACTIONS = frozenset({"recognise", "reject"})


def decisions_from(status):
    """The Secretariat's possible decisions from a status, in a stable order."""
    return [
        (action, label)
        for action, (sources, _to, label) in TRANSITIONS.items()
        if action in SECRETARIAT_ACTIONS and status in sources
    ]


@dataclass(frozen=True)
class Workflow:
    """What differs between kinds of application."""

    key: str  # recorded on each event, e.g. "dc_application"
    # rules(application, action) raises DomainError (naming the rule) to refuse
    rules: Callable = lambda application, action: None
    # effects(application, action, actor, reason) runs after the status change
    effects: Callable = lambda application, action, actor, reason: None


@transaction.atomic
def apply_application_transition(*, workflow, application, action, actor, reason=""):
    """Apply one transition of a recognition workflow, recorded with who, when and why."""
    if action not in TRANSITIONS:
        raise DomainError(_("Unknown action “%(action)s”.") % {"action": action}, field="action")
    model = type(application)
    application = (
        model.objects.select_for_update().select_related("workstream").get(pk=application.pk)
    )
    workstream = application.workstream
    if action in SECRETARIAT_ACTIONS:
        if not is_secretariat(actor):
            raise PermissionDenied(_("Only the Secretariat decides on an application."))
        if not (reason or "").strip():
            raise DomainError(
                _("Give the reason for this decision; it is recorded and shown to the applicants."),
                field="reason",
                rule="R-DC-3",
            )
    elif not permissions.can_edit_workstream(actor, workstream):
        raise PermissionDenied(_("Only the applicants can submit this application."))
    sources, target, _label = TRANSITIONS[action]
    if application.status not in sources:
        raise DomainError(
            _("An application that is “%(status)s” cannot be changed with “%(action)s”.")
            % {"status": application.get_status_display(), "action": action},
            field="action",
        )
    workflow.rules(application, action)
    previous = application.status
    application.status = target
    now = timezone.now()
    if action == "submit":
        application.submitted_at, application.submitted_by = now, actor
    else:
        application.decided_at = now
    application.save()
    WorkstreamEvent.objects.create(
        workstream=workstream,
        actor=actor,
        verb=WorkstreamEvent.Verb.TRANSITION,
        workflow=workflow.key,
        from_status=previous,
        to_status=target,
        details={"action": action},
        reason=reason,
    )
    workflow.effects(application, action, actor, reason)
    notify_transition(
        workflow_key=workflow.key,
        application=application,
        action=action,
        label=TRANSITIONS[action][2],
        actor=actor,
        reason=reason,
    )
    return application
