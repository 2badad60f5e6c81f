"""Portal-wide periodic tasks (the schedule is CELERY_BEAT_SCHEDULE in settings)."""

from celery import shared_task
from django.core import management
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_CACHE_KEY = "celery:last-heartbeat"


@shared_task
def heartbeat_task():
    """Record that beat scheduled and a worker ran a task, for /health/ and monitoring."""
    now = timezone.now().isoformat()
    # The shared cache (Redis or the database), never process memory: any web process reads it.
    cache.set(HEARTBEAT_CACHE_KEY, now, timeout=None)
    return now


@shared_task
def clear_expired_sessions_task():
    """Remove expired sessions from the database session store."""
    management.call_command("clearsessions")
