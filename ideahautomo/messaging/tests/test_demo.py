"""The demo conversation and notifications: created once, in Finnish, between the demo members."""

import pytest
from django.core.management import call_command

from ideahautomo.messaging.models import Conversation, Message, Notification

pytestmark = pytest.mark.django_db


def test_demo_data_has_a_conversation_and_notifications_and_running_again_changes_nothing(
    demo_data,
):
    pairs = {
        frozenset(conversation.participants.values_list("user__email", flat=True))
        for conversation in Conversation.objects.all()
    }
    assert pairs == {
        frozenset({"jasen@demo.ideahautomo.fi", "oksana@demo.ideahautomo.fi"}),
        frozenset({"jasen@demo.ideahautomo.fi", "yhteyshenkilo@demo.ideahautomo.fi"}),
    }
    assert Message.objects.count() == 8
    notifications = Notification.objects.filter(recipient__email="jasen@demo.ideahautomo.fi")
    # message reply, event change, circle place, idea comment, a pooled circle wish and
    # two announcements, a story waiting for consent and the mentor's acceptance
    assert notifications.count() == 10
    assert notifications.filter(read_at__isnull=True).count() == 8
    assert not Notification.objects.exclude(email_state="none").exists()
    before = Notification.objects.count()
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Conversation.objects.count() == 2 and Message.objects.count() == 8
    assert Notification.objects.count() == before
