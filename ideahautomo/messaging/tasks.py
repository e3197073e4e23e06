"""Background work of messaging, run by the task worker: notification e-mails and summaries."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import services

logger = logging.getLogger(__name__)
DIGEST_RETRY_DELAY = timedelta(hours=1)


@task()
def send_notification_email(notification_id):
    """Send one notification's e-mail; failures are counted and retried by the service."""
    return services.notification_email_send(notification_id=notification_id)


@task()
def send_digest(user_id):
    """Send one person's daily summary; if the mail server refuses, try again in an hour."""
    try:
        return services.digest_send(user_id=user_id)
    except Exception:
        logger.exception("Daily summary of person %s failed", user_id)
        if send_digest.get_backend().supports_defer:
            retry_at = timezone.now() + DIGEST_RETRY_DELAY
            send_digest.using(run_after=retry_at).enqueue(user_id)
        return False
