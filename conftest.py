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


pytest_plugins = ["ideahautomo.accounts.tests.fixtures"]
