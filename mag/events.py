"""The MAG's record of decisions: every mag service writes one MagEvent per decision."""

from .models import MagEvent


def record(*, actor, action, subject_user=None, cycle=None, meeting=None, reason="", **details):
    """Write one event: who (actor), what (action + details), about whom, why (reason)."""
    return MagEvent.objects.create(
        actor=actor,
        action=action,
        subject_user=subject_user,
        cycle=cycle,
        meeting=meeting,
        reason=reason or "",
        details=details,
    )
