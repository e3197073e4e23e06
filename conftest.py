"""Test set-up shared by every app: quick hashing, e-mail and tasks run at once, a clean cache."""

import pytest
from django.core.cache import cache


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _test_settings(settings, _media_root):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }
    settings.SITE_URL = "http://testserver"
    settings.LANGUAGE_CODE = "fi"
    # Uploaded files of one run never meet another run's (CI runs two side by side).
    settings.MEDIA_ROOT = _media_root


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests start with the reference data that migrations load
    (municipalities, curated skills), whatever emptied the database before them."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from ideahautomo.accounts.models import Municipality
    from ideahautomo.accounts.reference_data import municipalities_load
    from ideahautomo.profiles.reference_data import curated_skills_load

    if not Municipality.objects.exists():
        municipalities_load()
        curated_skills_load()


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


def pytest_collection_modifyitems(config, items):
    """Transactional tests empty the database afterwards; with serialized_rollback they
    restore the reference data (municipalities, skills) that migrations loaded. Mixing
    the two kinds breaks the tests that follow, so every transactional test must use it."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "task_failure_expected: the test makes a background task fail on purpose"
    )


pytest_plugins = ["ideahautomo.testing.cast"]
