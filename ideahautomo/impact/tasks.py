"""Background work of impact, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from .figures import refresh_figures


@task()
def refresh_impact_figures():
    """Recompute the unpublished months' figures and publish ended months, as the nightly
    command does."""
    return refresh_figures()
