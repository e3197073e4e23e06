"""Background work of study circles, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from . import discussion_services


@task()
def notify_post_readers(post_id):
    """Tell the other active members of a circle about a new post in its discussion."""
    return discussion_services.post_readers_notify(post_id=post_id)
