"""Background work of events, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from . import services


@task()
def send_event_reminders(event_id=None):
    """Send the due reminders of one event (or of all events)."""
    return services.reminders_send_due(event_id=event_id)
