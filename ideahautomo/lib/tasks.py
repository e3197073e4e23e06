"""Background work shared by every app: queue a task once the write commits, claim rows.

Features write in a transaction and ask the worker to do the slow part afterwards;
workers and sweeps that may run side by side claim each row with a lock the others
skip, so nothing is done twice.
"""

from django.db import connection, transaction
from django.utils import timezone


def enqueue_on_commit(task, *args, run_after=None, **kwargs):
    """Queue task(*args, **kwargs) when the current transaction commits (at once outside one).

    With run_after in the future, the task waits until then where the backend can
    defer; where it cannot, it is queued now and the caller's sweep must cover the
    wait (every deferred task here has one).
    """
    if run_after is not None and run_after > timezone.now() and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def claim(queryset):
    """Lock the rows for the current transaction, skipping rows another worker holds.

    On PostgreSQL a second worker passes over what the first has claimed; SQLite
    writes one transaction at a time, so there the lock is the database's own.
    """
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset
