"""Background work of study circles, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from . import discussion_services, session_services


@task()
def notify_post_readers(post_id):
    """Tell the other active members of a circle about a new post in its discussion."""
    return discussion_services.post_readers_notify(post_id=post_id)


@task()
def send_session_reminders(session_id=None):
    """Send the due reminders of one circle meeting (or of all meetings)."""
    return session_services.session_reminders_send_due(session_id=session_id)
