"""Celery tasks of consultations: thin wrappers that take ids and call the services."""

from celery import shared_task
from django.db import OperationalError

from . import outputs


@shared_task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def render_output_task(self, output_id):
    """R-CON-6: render an output to HTML and PDF; idempotent by content hash, so a duplicate
    delivery or a retry renders nothing twice. Returns the render status."""
    return outputs.render_output(output_id).render_status


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_distribution_task(self, output_id):
    """Send the published output to its distribution list; each entity is told once."""
    from .models import Output

    return outputs.notify_distribution(Output.objects.get(pk=output_id))
