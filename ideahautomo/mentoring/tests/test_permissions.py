"""Every role of the cast against every mentoring rule, plus the two parties."""

import pytest

from ideahautomo.mentoring import permissions
from ideahautomo.mentoring.models import Mentoring
from ideahautomo.testing import assert_role_table, expect, rule_check

from .factories import member, mentor_profile_for, mentor_with_profile, mentoring_for

pytestmark = pytest.mark.django_db

COMMUNITY = expect(False, member=True, mentor=True, partner=True)


def test_who_finds_mentors_and_asks_for_mentoring(cast):
    mentor_profile_for(cast.mentor)
    assert_role_table(rule_check(permissions.can_find_mentors, cast.users()), COMMUNITY)
    assert_role_table(
        rule_check(permissions.can_ask_for_mentoring, cast.users()), expect(False, member=True)
    )
    assert_role_table(
        rule_check(permissions.can_request_mentor, cast.users(), cast.mentor),
        expect(False, member=True),
    )
    assert not permissions.can_request_mentor(cast.member, cast.member)


@pytest.mark.parametrize(
    "status",
    [Mentoring.Status.REQUESTED, Mentoring.Status.ACTIVE, Mentoring.Status.ENDED],
)
def test_nobody_but_the_two_sees_a_mentoring(cast, status):
    """A mentoring of two people outside the cast is theirs alone: every role of the cast,
    staff included, is refused every rule; the two parties see it."""
    mentee, mentor = member(), mentor_with_profile()
    theirs = mentoring_for(mentee, mentor)
    Mentoring.objects.filter(pk=theirs.pk).update(status=status)
    theirs.refresh_from_db()
    for rule in (
        permissions.can_see_mentoring,
        permissions.can_answer_request,
        permissions.can_work_on_mentoring,
        permissions.can_end_mentoring,
        permissions.can_give_feedback,
        permissions.can_withdraw_request,
    ):
        assert_role_table(
            rule_check(rule, cast.users(), theirs), expect(False), label=rule.__name__
        )
    assert permissions.can_see_mentoring(mentee, theirs)
    assert permissions.can_see_mentoring(mentor, theirs)


def test_what_each_party_may_do_by_status(cast):
    mentor_profile_for(cast.mentor)
    mentoring = mentoring_for(cast.member, cast.mentor)
    mentee, mentor = cast.member, cast.mentor
    assert permissions.can_answer_request(mentor, mentoring)
    assert not permissions.can_answer_request(mentee, mentoring)
    assert permissions.can_withdraw_request(mentee, mentoring)
    assert not permissions.can_withdraw_request(mentor, mentoring)
    assert not permissions.can_work_on_mentoring(mentee, mentoring)
    mentoring.status = Mentoring.Status.ACTIVE
    for person in (mentee, mentor):
        assert permissions.can_work_on_mentoring(person, mentoring)
        assert permissions.can_end_mentoring(person, mentoring)
        assert not permissions.can_give_feedback(person, mentoring)
    mentoring.status = Mentoring.Status.ENDED
    for person in (mentee, mentor):
        assert not permissions.can_work_on_mentoring(person, mentoring)
        assert permissions.can_give_feedback(person, mentoring)
