"""Test set-up shared by every app: quick hashing, e-mail and tasks run at once, a clean cache."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }
    settings.SITE_URL = "http://testserver"
    settings.LANGUAGE_CODE = "fi"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_must_not_fail(request):
    """Fail a test whose background task failed: the immediate backend only logs it."""
    from django_tasks.base import TaskResultStatus
    from django_tasks.signals import task_finished

    failures = []

    def record(sender, task_result, **kwargs):
        if task_result.status == TaskResultStatus.FAILED:
            failures.append(task_result)

    task_finished.connect(record)
    yield
    task_finished.disconnect(record)
    if failures and not request.node.get_closest_marker("task_failure_expected"):
        errors = "\n".join(error.traceback for result in failures for error in result.errors)
        pytest.fail(f"A background task failed:\n{errors}")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "task_failure_expected: the test makes a background task fail on purpose"
    )


pytest_plugins = ["ideahautomo.accounts.tests.fixtures"]
