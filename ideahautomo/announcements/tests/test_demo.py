"""Demo announcements: sent once, delivered, and running again changes nothing."""

import pytest
from django.core.management import call_command

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.announcements.models import Announcement
from ideahautomo.messaging.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


def test_demo_announcements_are_sent_once_and_reach_the_demo_member(demo_data):
    announcements = Announcement.objects.all()
    assert announcements.count() == 2
    assert all(announcement.is_finished for announcement in announcements)
    assert announcements.filter(area__isnull=False).count() == 1
    told = Notification.objects.filter(
        kind=NotificationKind.ANNOUNCEMENT, recipient__email=f"jasen@{DEMO_DOMAIN}"
    )
    assert told.count() == 2
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Announcement.objects.count() == 2
    assert told.count() == 2
