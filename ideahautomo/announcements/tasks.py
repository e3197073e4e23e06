"""Background work of announcements, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from . import services


@task()
def deliver_announcement(announcement_id):
    """Tell one batch of an announcement's audience, then queue the next batch."""
    more = services.announcement_deliver_batch(announcement_id=announcement_id)
    if more:
        deliver_announcement.enqueue(announcement_id)
    return more
