"""Every role of the cast against every impact rule."""

import pytest

from ideahautomo.accounts.models import Role, RoleAssignment
from ideahautomo.impact import permissions
from ideahautomo.testing import assert_role_table, expect, rule_check

pytestmark = pytest.mark.django_db


def test_who_sees_the_figures(cast):
    users = cast.users()
    assert_role_table(
        rule_check(permissions.can_see_impact, users),
        expect(False, contact_person=True, other_contact_person=True, project_manager=True),
    )
    assert_role_table(
        rule_check(permissions.can_see_impact_of_all_areas, users),
        expect(False, project_manager=True),
    )
    assert_role_table(
        rule_check(permissions.can_see_impact_of_area, users, cast.area),
        expect(False, contact_person=True, project_manager=True),
    )
    assert_role_table(rule_check(permissions.can_see_impact_of_area, users, None), expect(False))


def test_only_clients_check_in_and_only_the_signed_in_give_named_feedback(cast):
    users = cast.users()
    assert_role_table(rule_check(permissions.can_check_in, users), expect(False, member=True))
    assert_role_table(
        rule_check(permissions.can_give_named_feedback, users), expect(True, guest=False)
    )


def test_a_member_who_is_also_staff_is_not_asked_to_check_in(cast):
    RoleAssignment.objects.create(user=cast.member, role=Role.MODERATOR)
    cast.member.refresh_from_db()
    assert not permissions.can_check_in(cast.member)
