"""Running writes at the same moment from several threads, for the tests of row locks."""

import threading

import pytest
from django.conf import settings
from django.db import connections

# Skipped before any database work on SQLite, which serialises every writer anyway.
postgresql_only = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="row locks are PostgreSQL's; SQLite serialises every writer anyway",
)


def run_at_once(function, arguments):
    """Call function(argument) for each argument in its own thread, all released
    together; returns the exceptions raised (an empty list when all went well)."""
    barrier = threading.Barrier(len(arguments))
    errors = []

    def run(argument):
        try:
            barrier.wait(timeout=10)
            function(argument)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors
