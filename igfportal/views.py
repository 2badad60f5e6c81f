import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .tasks import HEARTBEAT_CACHE_KEY

logger = logging.getLogger(__name__)


@never_cache
def health(request):
    """Liveness for load balancers and the deployment smoke test: database, cache, last beat."""
    status = {"database": False, "cache": False, "last_heartbeat": None}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = True
    except Exception:  # a health check reports failures; it never raises them
        logger.exception("health check: database unavailable")
    try:
        status["last_heartbeat"] = cache.get(HEARTBEAT_CACHE_KEY)
        status["cache"] = True
    except Exception:
        logger.exception("health check: cache unavailable")
    status["tasks_in_process"] = bool(settings.CELERY_TASK_ALWAYS_EAGER)
    ok = status["database"] and status["cache"]
    return JsonResponse(status, status=200 if ok else 503)
