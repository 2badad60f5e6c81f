from celery import shared_task

from . import services


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def send_welcome_email_task(self, user_id):
    """Thin wrapper: idempotent, so a retry or a duplicate delivery sends nothing twice."""
    return services.send_welcome_email(user_id=user_id)
