"""Every role of the cast against every ideas rule."""

import pytest

from ideahautomo.ideas import permissions, services
from ideahautomo.ideas.models import Idea
from ideahautomo.testing import assert_role_table, expect, rule_check
from ideahautomo.testing.factories import idea_for

pytestmark = pytest.mark.django_db

COMMUNITY = expect(False, member=True, mentor=True, partner=True)


@pytest.fixture
def ideas(cast):
    """The member's members-only idea and the mentor's public one."""
    return {
        "members": idea_for(cast.member),
        "public": idea_for(cast.mentor, visibility=Idea.Visibility.PUBLIC),
    }


def test_who_reads_an_idea_and_sees_its_people(cast, ideas):
    users = cast.users()
    assert_role_table(rule_check(permissions.can_view_idea, users, ideas["public"]), expect(True))
    assert_role_table(rule_check(permissions.can_view_idea, users, ideas["members"]), COMMUNITY)
    assert_role_table(rule_check(permissions.can_see_people, users, ideas["public"]), COMMUNITY)


def test_who_publishes_comments_and_shows_interest(cast, ideas):
    users = cast.users()
    idea = ideas["members"]
    assert_role_table(rule_check(permissions.can_create_idea, users), COMMUNITY)
    assert_role_table(rule_check(permissions.can_comment, users, idea), COMMUNITY)
    assert_role_table(
        rule_check(permissions.can_show_interest, users, idea),
        expect(False, mentor=True, partner=True),
    )


def test_only_the_owner_edits_and_the_team_posts_updates(cast, ideas):
    users = cast.users()
    idea = ideas["members"]
    owner = expect(False, member=True)
    assert_role_table(rule_check(permissions.is_owner, users, idea), owner)
    assert_role_table(rule_check(permissions.can_edit_idea, users, idea), owner)
    assert_role_table(rule_check(permissions.can_post_update, users, idea), owner)
    assert_role_table(
        rule_check(permissions.can_request_to_join, users, idea),
        expect(False, mentor=True, partner=True),
    )


def test_an_archived_idea_takes_no_comments_or_updates(cast, ideas):
    idea = ideas["members"]
    services.idea_archive(actor=cast.member, idea=idea)
    idea.refresh_from_db()
    assert_role_table(rule_check(permissions.can_comment, cast.users(), idea), expect(False))
    assert_role_table(rule_check(permissions.can_post_update, cast.users(), idea), expect(False))
    assert_role_table(
        rule_check(permissions.can_request_to_join, cast.users(), idea), expect(False)
    )
