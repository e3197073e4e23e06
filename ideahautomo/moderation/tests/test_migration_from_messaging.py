"""The data migration that moves messaging's old reports into the one queue."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("moderation", "0001_initial"), ("messaging", "0009_mentoring_notification_kinds")]
AFTER = [("moderation", "0002_reports_from_messaging")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_reports_become_cases_and_reports_of_the_one_queue():
    apps = _migrate(BEFORE)
    try:
        User = apps.get_model("accounts", "User")
        Conversation = apps.get_model("messaging", "Conversation")
        Message = apps.get_model("messaging", "Message")
        OldReport = apps.get_model("messaging", "Report")
        aino = User.objects.create(email="aino@example.fi", display_name="Aino")
        troll = User.objects.create(email="troll@example.fi", display_name="Topi Trolli")
        moderator = User.objects.create(email="mod@example.fi", display_name="Moderaattori")
        chat = Conversation.objects.create(created_by=troll)
        message = Message.objects.create(conversation=chat, sender=troll, body="Anna rahaa")
        then = timezone.now() - timedelta(days=3)
        OldReport.objects.create(
            reporter=aino,
            reported_user=troll,
            message=message,
            message_body="Anna rahaa",
            reason="scam",
            details="Pyytää rahaa",
            created_at=then,
        )
        OldReport.objects.create(
            reporter=aino,
            reported_user=troll,
            reason="harassment",
            created_at=then,
            handled_at=then + timedelta(hours=1),
            handled_by=moderator,
        )

        apps = _migrate(AFTER)
        Case = apps.get_model("moderation", "Case")
        Report = apps.get_model("moderation", "Report")
        on_message = Case.objects.get(kind="message")
        assert (on_message.object_id, on_message.author_id, on_message.state) == (
            message.pk,
            troll.pk,
            "open",
        )
        assert on_message.snapshot == "Anna rahaa"
        report = Report.objects.get(case=on_message)
        assert (report.reporter_id, report.reason, report.details, report.created_at) == (
            aino.pk,
            "scam",
            "Pyytää rahaa",
            then,
        )
        on_person = Case.objects.get(kind="profile")
        assert (on_person.object_id, on_person.state, on_person.decided_by_id) == (
            troll.pk,
            "dismissed",
            moderator.pk,
        )
        assert on_person.snapshot == "Topi Trolli"
        assert Report.objects.get(case=on_person).reason == "harassment"
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
