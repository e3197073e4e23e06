"""Every role of the cast against every announcements rule."""

import pytest

from ideahautomo.announcements import permissions
from ideahautomo.announcements.models import Announcement
from ideahautomo.testing import assert_role_table, expect, rule_check

pytestmark = pytest.mark.django_db

SENDERS = expect(False, contact_person=True, other_contact_person=True, project_manager=True)
MANAGER = expect(False, project_manager=True)
OWN_AREA = expect(False, contact_person=True, project_manager=True)


def test_who_may_send_announcements(cast):
    assert_role_table(rule_check(permissions.can_send_announcements, cast.users()), SENDERS)
    assert_role_table(rule_check(permissions.can_announce_to_everyone, cast.users()), MANAGER)


def test_who_may_announce_to_an_area_or_to_everyone(cast):
    users = cast.users()
    assert_role_table(rule_check(permissions.can_announce_to_area, users, cast.area), OWN_AREA)
    assert_role_table(rule_check(permissions.can_announce_to_area, users, None), MANAGER)


def test_who_sees_an_announcement_as_staff(cast):
    users = cast.users()
    to_area = Announcement(area=cast.area)
    to_everyone = Announcement(area=None)
    see = permissions.can_see_announcement_as_staff
    assert_role_table(rule_check(see, users, to_area), OWN_AREA)
    assert_role_table(rule_check(see, users, to_everyone), SENDERS)


def test_who_reads_an_announcement(cast):
    users = cast.users()
    to_area = Announcement(area=cast.area)

    def reads(received):
        return lambda role: permissions.can_read_announcement(
            users[role], to_area, received=received
        )

    assert_role_table(reads(True), expect(True, guest=False))
    assert_role_table(reads(False), OWN_AREA)


def test_a_deactivated_sender_sends_nothing(cast):
    cast.project_manager.is_active = False
    assert not permissions.can_send_announcements(cast.project_manager)
    assert not permissions.can_announce_to_area(cast.project_manager, cast.area)
