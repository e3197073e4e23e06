"""Background work of impact, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from .figures import refresh_figures


@task()
def refresh_impact_figures(months=2):
    """Recompute the recent months' dashboard figures; the nightly command does the same."""
    return refresh_figures(months=months)
