"""Every role of the cast against every study circles rule."""

import pytest

from ideahautomo.circles import permissions, services
from ideahautomo.circles.models import Circle
from ideahautomo.testing import assert_role_table, expect, rule_check
from ideahautomo.testing.factories import circle_for

pytestmark = pytest.mark.django_db

COMMUNITY = expect(False, member=True, mentor=True, partner=True)
NOBODY = expect(False)
ORGANISER = expect(False, member=True)
IN_THE_CIRCLE = expect(False, member=True, mentor=True)


@pytest.fixture
def circle(cast):
    """The member's circle for members, which the mentor has joined."""
    circle = circle_for(cast.member)
    services.circle_join(actor=cast.mentor, circle=circle)
    return Circle.objects.get(pk=circle.pk)


def test_who_starts_circles_wishes_for_them_and_sees_the_demand(cast):
    users = cast.users()
    assert_role_table(rule_check(permissions.can_create_circle, users), COMMUNITY)
    assert_role_table(rule_check(permissions.can_wish_for_circles, users), COMMUNITY)
    assert_role_table(
        rule_check(permissions.can_see_circle_demand, users),
        expect(False, contact_person=True, other_contact_person=True, project_manager=True),
    )
    assert_role_table(
        rule_check(permissions.can_see_demand_of_all_areas, users),
        expect(False, project_manager=True),
    )


def test_a_circle_for_members(cast, circle):
    users = cast.users()
    rules = {
        "can_view_circle": COMMUNITY,
        "can_see_members": COMMUNITY,
        "can_view_sessions": COMMUNITY,
        "can_join": expect(False, partner=True),
        "is_active_member": IN_THE_CIRCLE,
        "can_see_meeting_link": IN_THE_CIRCLE,
        "can_subscribe_to_sessions": IN_THE_CIRCLE,
        "can_read_discussion": IN_THE_CIRCLE,
        "can_post": IN_THE_CIRCLE,
        "is_organiser": ORGANISER,
        "can_manage_circle": ORGANISER,
        "can_answer_invitation": NOBODY,
    }
    for name, table in rules.items():
        assert_role_table(rule_check(getattr(permissions, name), users, circle), table, label=name)


def test_a_public_circle_is_seen_by_everyone(cast):
    public = circle_for(cast.member, visibility=Circle.Visibility.PUBLIC)
    assert_role_table(rule_check(permissions.can_view_circle, cast.users(), public), expect(True))
    assert_role_table(rule_check(permissions.can_see_members, cast.users(), public), COMMUNITY)


def test_a_private_circle_is_only_for_its_members_and_invitees(cast):
    private = circle_for(
        cast.member, visibility=Circle.Visibility.PRIVATE, policy=Circle.Policy.INVITE
    )
    users = cast.users()
    fresh = Circle.objects.get(pk=private.pk)
    assert_role_table(rule_check(permissions.can_view_circle, users, fresh), ORGANISER)
    assert_role_table(rule_check(permissions.can_join, users, fresh), NOBODY)

    services.circle_invitation_create(actor=cast.member, circle=private, invitee=cast.partner)

    invited = Circle.objects.get(pk=private.pk)
    assert_role_table(
        rule_check(permissions.can_view_circle, users, invited),
        expect(False, member=True, partner=True),
    )
    assert_role_table(
        rule_check(permissions.can_answer_invitation, users, invited), expect(False, partner=True)
    )
    assert_role_table(rule_check(permissions.can_join, users, invited), expect(False, partner=True))
