"""Test set-up shared by every app: quick hashing, e-mail and tasks run at once, a clean cache."""

from io import StringIO

import pytest
from django.core.cache import cache


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


def _restore_in_bulk(self, data):
    """Restores what serialized_rollback saved (municipalities, skills, content types,
    permissions) with one INSERT per table instead of an UPDATE and an INSERT per row:
    the same rows, put back before every transactional test, in a fraction of the time.
    Falls back to Django's own way for anything a plain bulk insert would not restore."""
    from django.core import serializers
    from django.db.transaction import atomic

    connection = self.connection
    cached = _restore_in_bulk.cache.get(connection.alias)
    if cached is None or cached[0] != data:
        groups = []
        for deserialized in serializers.deserialize("json", StringIO(data), using=connection.alias):
            instance = deserialized.object
            model = type(instance)
            if model._meta.parents or any(deserialized.m2m_data.values()):
                return _restore_in_bulk.original(self, data)
            row = {f.attname: getattr(instance, f.attname) for f in model._meta.concrete_fields}
            if not groups or groups[-1][0] is not model:
                groups.append((model, []))
            groups[-1][1].append(row)
        cached = (data, groups)
        _restore_in_bulk.cache[connection.alias] = cached
    groups = cached[1]
    with atomic(using=connection.alias), connection.constraint_checks_disabled():
        with connection.cursor() as cursor:
            # The first test finds the rows the migrations left; the later ones find
            # the tables emptied.
            for model, _ in groups:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (a model's own table)
        for model, rows in groups:
            model._base_manager.using(connection.alias).bulk_create(
                [model(**row) for row in rows], batch_size=500
            )
        connection.check_constraints(table_names={model._meta.db_table for model, _ in groups})


_restore_in_bulk.cache = {}


def _empty_tables_only(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    """PostgreSQL empties tables between transactional tests with one TRUNCATE of every
    table, which costs seconds; deleting the rows of the few tables a test wrote to costs
    milliseconds. Django's foreign keys are deferred to the end of the transaction the
    flush runs in, so the order of the deletes does not matter."""
    if reset_sequences or not tables:
        return _empty_tables_only.original(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    quote = self.quote_name
    probe = " UNION ALL ".join(
        f"(SELECT %s FROM {quote(table)} LIMIT 1)"  # noqa: S608 (Django's table names)
        for table in tables
    )
    with self.connection.cursor() as cursor:
        cursor.execute(probe, list(tables))
        written = [table for (table,) in cursor.fetchall()]
    return [f"DELETE FROM {quote(table)};" for table in written]  # noqa: S608


@pytest.fixture(autouse=True, scope="session")
def _quick_transactional_tests():
    from django.db.backends.base.creation import BaseDatabaseCreation
    from django.db.backends.postgresql.operations import DatabaseOperations

    _restore_in_bulk.original = BaseDatabaseCreation.deserialize_db_from_string
    _empty_tables_only.original = DatabaseOperations.sql_flush
    BaseDatabaseCreation.deserialize_db_from_string = _restore_in_bulk
    DatabaseOperations.sql_flush = _empty_tables_only
    yield
    BaseDatabaseCreation.deserialize_db_from_string = _restore_in_bulk.original
    DatabaseOperations.sql_flush = _empty_tables_only.original


def _settings_for_tests(media_root):
    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "TASKS": {
            "default": {
                "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                "QUEUES": ["default"],
            }
        },
        "SITE_URL": "http://testserver",
        "LANGUAGE_CODE": "fi",
        # Every test's people are new accounts: the tests of the link hold turn it on.
        "MODERATION_HOLD_NEW_ACCOUNT_DAYS": 0,
        # Uploaded files of one run never meet another run's (CI runs two side by side).
        "MEDIA_ROOT": media_root,
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, _media_root):
    for name, value in _settings_for_tests(_media_root).items():
        setattr(settings, name, value)


_demo = {"blocker": None, "emptied": False}


@pytest.fixture(scope="session")
def _demo_database(django_db_setup, django_db_blocker, _media_root):
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import override_settings

    output = StringIO()
    test_settings = override_settings(**_settings_for_tests(_media_root))
    with django_db_blocker.unblock(), test_settings, transaction.atomic():
        call_command("demo_data", stdout=output)
        # As inside a test's own transaction: what would run after commit does not.
        connection.run_on_commit.clear()
    _demo["blocker"] = django_db_blocker
    return output.getvalue()


@pytest.fixture
def demo_data(_demo_database, db):
    """The demo data of `dev.py serve`, made once for all the tests that ask for it (the
    command takes seconds); each test's own changes roll back as usual. These tests run
    together after the other database tests and the database is emptied after the last
    of them. Gives what the command printed."""
    assert not _demo["emptied"], "the tests with demo_data must run one after another"
    return _demo_database


def _demo_database_empty():
    from django.core.management import call_command
    from django.db import connection

    with _demo["blocker"].unblock():
        call_command("flush", interactive=False, verbosity=0)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")
    cache.clear()
    _demo["emptied"] = True


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    if "demo_data" in item.fixturenames and (
        nextitem is None or "demo_data" not in nextitem.fixturenames
    ):
        _demo_database_empty()
    return result


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


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


def _run_order(item):
    if _is_transactional(item):
        return 2
    if item.get_closest_marker("django_db") or "db" in item.fixturenames:
        return 1 if "demo_data" in item.fixturenames else 0
    return 3


def pytest_collection_modifyitems(config, items):
    """Transactional tests empty the database afterwards; with serialized_rollback they
    restore the reference data (municipalities, skills) that migrations loaded. Mixing
    the two kinds breaks the tests that follow, so every transactional test must use it.

    The tests that share the demo data run last of the tests that roll back (pytest-django
    has put those first), so that the database is emptied once after them."""
    items.sort(key=_run_order)
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
