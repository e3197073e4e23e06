"""Every role of the cast against every service point rule."""

import pytest

from ideahautomo.points import permissions
from ideahautomo.testing import assert_role_table, expect, rule_check

from .factories import point_in

pytestmark = pytest.mark.django_db

OWN_STAFF = expect(False, contact_person=True, project_manager=True)


def test_who_manages_points(cast):
    assert_role_table(
        rule_check(permissions.can_manage_points, cast.users()),
        expect(False, contact_person=True, other_contact_person=True, project_manager=True),
    )


def test_only_a_points_own_staff_edit_it_and_count_there(cast):
    point = point_in(cast.area)
    users = cast.users()
    assert_role_table(rule_check(permissions.belongs_to_point, users, point), OWN_STAFF)
    assert_role_table(rule_check(permissions.can_edit_point, users, point), OWN_STAFF)
    assert_role_table(rule_check(permissions.can_count_at, users, point), OWN_STAFF)


def test_nobody_counts_at_a_closed_point(cast):
    closed = point_in(cast.area, is_active=False)
    assert_role_table(rule_check(permissions.can_count_at, cast.users(), closed), expect(False))
    assert permissions.can_edit_point(cast.contact_person, closed)
