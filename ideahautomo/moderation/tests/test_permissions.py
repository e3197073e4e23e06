"""Every role of the cast against every moderation rule, and every moderation page."""

import pytest
from django.urls import reverse

from ideahautomo.accounts.models import Role
from ideahautomo.lib.moderatable import Guideline, moderatable_kind
from ideahautomo.moderation import permissions, services
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check, rule_check
from ideahautomo.testing.factories import UserFactory, comment_for, report_for, user_with_role

pytestmark = pytest.mark.django_db

COMMUNITY = expect(False, member=True, mentor=True, partner=True)
MODERATOR = expect(False, moderator=True)
NOBODY = expect(False)


@pytest.fixture
def others_comment():
    return comment_for(UserFactory(), body="Tämä on toisen kommentti.")


def _hidden_case(comment, moderator):
    report = report_for(UserFactory(), "idea_comment", comment)
    return services.case_hide(actor=moderator, case=report.case, guideline=Guideline.KINDNESS)


def test_who_reports(cast):
    assert_role_table(rule_check(permissions.can_report, cast.users()), COMMUNITY)


def test_who_reports_someone_elses_comment_and_their_own(cast, others_comment):
    kind = moderatable_kind("idea_comment")
    check = rule_check(
        permissions.can_report_item, cast.users(), kind, others_comment, others_comment.author
    )
    assert_role_table(check, COMMUNITY)
    own = comment_for(cast.member, idea=others_comment.idea)
    assert not permissions.can_report_item(cast.member, kind, own, cast.member)


def test_who_moderates_and_decides(cast, others_comment):
    report = report_for(cast.member, "idea_comment", others_comment)
    assert_role_table(rule_check(permissions.can_moderate, cast.users()), MODERATOR)
    assert_role_table(rule_check(permissions.can_view_case, cast.users(), report.case), MODERATOR)
    assert_role_table(rule_check(permissions.can_decide_case, cast.users(), report.case), MODERATOR)
    assert_role_table(rule_check(permissions.can_restore_case, cast.users(), report.case), NOBODY)


def test_who_appeals_and_who_decides_the_appeal(cast):
    comment = comment_for(cast.member, body="Oma kommentti")
    case = _hidden_case(comment, cast.moderator)
    assert_role_table(
        rule_check(permissions.can_appeal, cast.users(), case), expect(False, member=True)
    )
    assert_role_table(
        rule_check(permissions.can_view_decision, cast.users(), case), expect(False, member=True)
    )
    # Without an appeal any moderator may undo a hiding.
    assert_role_table(rule_check(permissions.can_restore_case, cast.users(), case), MODERATOR)
    appeal = services.appeal_create(actor=cast.member, case=case, text="Katsokaa uudelleen.")
    case.refresh_from_db()
    # The moderator who hid it is out; another moderator decides.
    assert_role_table(rule_check(permissions.can_restore_case, cast.users(), case), NOBODY)
    assert_role_table(rule_check(permissions.can_decide_appeal, cast.users(), appeal), NOBODY)
    other = user_with_role(Role.MODERATOR)
    assert permissions.can_restore_case(other, case)
    assert permissions.can_decide_appeal(other, appeal)
    assert not permissions.can_appeal(cast.member, case)


def test_who_may_open_each_page(cast, client_for, others_comment):
    people = cast.by_role()
    report_url = reverse("moderation:report", args=["idea_comment", others_comment.pk])
    assert_role_table(
        page_check(client_for, people, report_url),
        expect(403, guest=LOGIN, member=200, mentor=200, partner=200),
    )
    assert_role_table(
        page_check(client_for, people, reverse("moderation:queue")),
        expect(403, guest=LOGIN, moderator=200),
    )
    report = report_for(UserFactory(), "idea_comment", others_comment)
    assert_role_table(
        page_check(client_for, people, reverse("moderation:case", args=[report.case_id])),
        expect(403, guest=LOGIN, moderator=200),
    )


def test_who_may_take_each_action(cast, client_for):
    people = cast.by_role()
    for name in ("hide", "warn", "dismiss"):
        comment = comment_for(UserFactory(), body=f"Kommentti {name}")
        case = report_for(UserFactory(), "idea_comment", comment).case
        assert_role_table(
            page_check(
                client_for,
                people,
                reverse(f"moderation:{name}", args=[case.pk]),
                method="post",
                data={"guideline": Guideline.SCAMS},
            ),
            expect(403, guest=LOGIN, moderator=302),
            label=name,
        )


def test_only_the_author_opens_the_decision_and_appeals(cast, client_for):
    comment = comment_for(cast.member, body="Oma kommentti")
    case = _hidden_case(comment, user_with_role(Role.MODERATOR))
    url = reverse("moderation:decision", args=[case.pk])
    assert_role_table(
        page_check(client_for, cast.by_role(), url), expect(404, guest=LOGIN, member=200)
    )
    assert_role_table(
        page_check(client_for, cast.by_role(), url, method="post", data={"text": "Uudelleen"}),
        expect(404, guest=LOGIN, member=302),
    )


def test_only_another_moderator_restores_after_an_appeal(cast, client_for):
    comment = comment_for(cast.member, body="Oma kommentti")
    case = _hidden_case(comment, cast.moderator)
    services.appeal_create(actor=cast.member, case=case, text="Uudelleen")
    url = reverse("moderation:restore", args=[case.pk])
    assert_role_table(
        page_check(client_for, cast.by_role(), url, method="post"),
        expect(403, guest=LOGIN),
    )
    other = user_with_role(Role.MODERATOR)
    assert client_for(other).post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_at is None
