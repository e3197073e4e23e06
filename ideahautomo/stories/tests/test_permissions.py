"""Every role of the cast against every success stories rule."""

import pytest

from ideahautomo.stories import permissions
from ideahautomo.testing import assert_role_table, expect, rule_check

from .factories import consented_story, drafted_story, own_story, published_story

pytestmark = pytest.mark.django_db

NOBODY = expect(False)
MEMBER = expect(False, member=True)
WRITER = expect(False, contact_person=True)


def test_who_writes_and_drafts_stories(cast):
    users = cast.users()
    assert_role_table(rule_check(permissions.can_write_own_story, users), MEMBER)
    assert_role_table(
        rule_check(permissions.can_draft_stories, users),
        expect(False, contact_person=True, other_contact_person=True, project_manager=True),
    )
    assert_role_table(
        rule_check(permissions.can_draft_story_about, users, cast.member),
        expect(False, contact_person=True, project_manager=True),
    )
    assert_role_table(
        rule_check(permissions.can_see_publishing_queue, users), expect(False, project_manager=True)
    )


def test_a_members_own_story_waits_for_the_project_manager(cast):
    users = cast.users()
    story = own_story(cast.member)
    assert_role_table(
        rule_check(permissions.can_see_story, users, story),
        expect(False, member=True, project_manager=True),
    )
    assert_role_table(rule_check(permissions.can_edit_story, users, story), MEMBER)
    assert_role_table(
        rule_check(permissions.can_publish_story, users, story), expect(False, project_manager=True)
    )
    draft = own_story(cast.member, submit=False)
    assert_role_table(rule_check(permissions.can_see_story, users, draft), MEMBER)


def test_a_draft_waiting_for_consent(cast):
    users = cast.users()
    story = drafted_story(cast.contact_person, cast.member)
    both = expect(False, member=True, contact_person=True)
    assert_role_table(rule_check(permissions.can_see_story, users, story), both)
    assert_role_table(rule_check(permissions.can_edit_story, users, story), WRITER)
    assert_role_table(rule_check(permissions.can_answer_consent, users, story), MEMBER)
    assert_role_table(rule_check(permissions.can_publish_story, users, story), NOBODY)
    assert_role_table(rule_check(permissions.can_withdraw_consent, users, story), NOBODY)


def test_a_consented_story(cast):
    users = cast.users()
    story = consented_story(cast.contact_person, cast.member)
    assert_role_table(
        rule_check(permissions.can_see_story, users, story),
        expect(False, member=True, contact_person=True, project_manager=True),
    )
    assert_role_table(rule_check(permissions.can_edit_story, users, story), WRITER)
    assert_role_table(rule_check(permissions.can_answer_consent, users, story), NOBODY)
    assert_role_table(
        rule_check(permissions.can_publish_story, users, story), expect(False, project_manager=True)
    )
    assert_role_table(rule_check(permissions.can_withdraw_consent, users, story), MEMBER)


def test_a_published_story(cast):
    users = cast.users()
    story = published_story(cast.project_manager, cast.contact_person, cast.member)
    assert_role_table(rule_check(permissions.can_see_story, users, story), expect(True))
    assert_role_table(rule_check(permissions.can_edit_story, users, story), NOBODY)
    assert_role_table(rule_check(permissions.can_publish_story, users, story), NOBODY)
    assert_role_table(rule_check(permissions.can_withdraw_consent, users, story), MEMBER)
