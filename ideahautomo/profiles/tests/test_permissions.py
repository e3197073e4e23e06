"""Every role of the cast against every profiles rule."""

import pytest

from ideahautomo.profiles import permissions
from ideahautomo.profiles.models import Profile
from ideahautomo.testing import assert_role_table, expect, rule_check

pytestmark = pytest.mark.django_db

COMMUNITY = expect(False, member=True, mentor=True, partner=True)


def test_who_browses_members_and_has_a_profile(cast):
    users = cast.users()
    assert_role_table(rule_check(permissions.can_browse_members, users), COMMUNITY)
    assert_role_table(rule_check(permissions.can_have_profile, users), COMMUNITY)
    assert_role_table(
        lambda role: role != "guest" and permissions.has_community_role(users[role]), COMMUNITY
    )


@pytest.mark.parametrize(
    ("visibility", "table"),
    [
        (Profile.Visibility.MEMBERS, COMMUNITY),
        (Profile.Visibility.CONNECTIONS, expect(False, member=True)),
        (Profile.Visibility.HIDDEN, expect(False, member=True)),
    ],
)
def test_who_sees_the_members_profile(cast, visibility, table):
    """The member's own profile: they always see it; others as it is shown."""
    profile = cast.member.profile
    profile.visibility = visibility
    assert_role_table(rule_check(permissions.can_see_profile, cast.users(), profile), table)


def test_only_the_owner_edits_a_profile(cast):
    profile = cast.member.profile
    assert_role_table(
        rule_check(permissions.can_edit_profile, cast.users(), profile), expect(False, member=True)
    )
    cast.member.is_active = False
    assert not permissions.can_edit_profile(cast.member, profile)


def test_only_mentors_have_a_mentor_profile(cast):
    mentors = expect(False, mentor=True)
    assert_role_table(rule_check(permissions.is_mentor, cast.users()), mentors)
    assert_role_table(rule_check(permissions.can_edit_mentor_profile, cast.users()), mentors)
