from celery import shared_task

from . import services


@shared_task
def send_reminders_task():
    """Beat's reminder tick: record what is due, then send. Safe to run twice at once."""
    recorded = services.collect_due_reminders()
    sent, failed = services.deliver_pending()
    return {"recorded": recorded, "sent": sent, "failed": failed}


@shared_task(bind=True, max_retries=10, retry_backoff=True)
def deliver_notifications_task(self):
    """Send pending emails; rows that failed stay pending and are retried with backoff."""
    sent, failed = services.deliver_pending()
    if failed:
        raise self.retry(countdown=min(60 * 2**self.request.retries, 3600))
    return sent


@shared_task
def send_digests_task():
    return services.send_digests()
