"""Every consultation service records its decisions here: who, when, what, why."""

from .models import ConsultationEvent


def record(*, consultation, actor, action, subject_user=None, reason="", **details):
    return ConsultationEvent.objects.create(
        consultation=consultation,
        actor=actor,
        action=action,
        subject_user=subject_user,
        reason=reason or "",
        details=details,
    )
