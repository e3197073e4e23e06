"""A new account's first posts with links wait for a moderator
(MODERATION_HOLD_NEW_ACCOUNT_DAYS)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.models import AuditAction, AuditEvent
from ideahautomo.lib.moderatable import Guideline, held_for_review
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.moderation.models import Case
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check
from ideahautomo.testing.factories import UserFactory, comment_for, idea_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def hold(settings):
    settings.MODERATION_HOLD_NEW_ACCOUNT_DAYS = 7


def test_only_a_new_accounts_text_with_a_link_is_held(hold, settings, cast):
    new = UserFactory()
    old = UserFactory(date_joined=timezone.now() - timedelta(days=8))
    assert held_for_review(new, "Katso https://example.com")
    assert held_for_review(new, "Katso www.example.com")
    assert not held_for_review(new, "Ei linkkejä tässä.")
    assert not held_for_review(old, "Katso https://example.com")
    assert not held_for_review(cast.contact_person, "https://example.com")
    settings.MODERATION_HOLD_NEW_ACCOUNT_DAYS = 0
    assert not held_for_review(new, "Katso https://example.com")


def test_a_held_comment_waits_hidden_and_a_moderator_lets_it(hold, cast, client_for):
    author = UserFactory()
    comment = comment_for(author, body="Halpoja kelloja: www.kellot.example")
    assert comment.hidden_at is not None and comment.hidden_guideline == ""
    idea_url = comment.idea.get_absolute_url()
    assert "kellot.example" not in client_for(cast.member).get(idea_url).content.decode()
    queue = client_for(cast.moderator).get(reverse("moderation:queue")).content.decode()
    assert "kellot.example" in queue
    url = reverse("moderation:held_approve", args=["idea_comment", comment.pk])
    assert client_for(cast.moderator).post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert AuditEvent.objects.filter(action=AuditAction.HELD_APPROVED).exists()
    assert "kellot.example" in client_for(cast.member).get(idea_url).content.decode()


def test_a_held_post_kept_hidden_becomes_a_case_the_author_may_appeal(hold, cast, client_for):
    author = UserFactory()
    comment = comment_for(author, body="Sijoita nyt: https://huijaus.example")
    url = reverse("moderation:held_decline", args=["idea_comment", comment.pk])
    client_for(cast.moderator).post(url, {"guideline": Guideline.SCAMS})
    comment.refresh_from_db()
    assert comment.hidden_guideline == Guideline.SCAMS
    case = Case.objects.get()
    assert (case.state, case.hidden_by, case.author) == (Case.State.HIDDEN, cast.moderator, author)
    assert Notification.objects.get(recipient=author).kind == NotificationKind.CONTENT_HIDDEN
    held = client_for(cast.moderator).get(reverse("moderation:queue")).content.decode()
    assert "huijaus.example" not in held


def test_keeping_a_held_post_hidden_needs_a_guideline(hold, cast, client_for):
    comment = comment_for(UserFactory(), body="https://example.com")
    url = reverse("moderation:held_decline", args=["idea_comment", comment.pk])
    client_for(cast.moderator).post(url, {"guideline": ""})
    comment.refresh_from_db()
    assert comment.hidden_at is not None and comment.hidden_guideline == ""
    assert not Case.objects.exists()


def test_who_may_let_a_held_post_be_seen(hold, cast, client_for):
    comment = comment_for(UserFactory(), body="https://example.com/kurssi")
    url = reverse("moderation:held_approve", args=["idea_comment", comment.pk])
    assert_role_table(
        page_check(client_for, cast.by_role(), url, method="post"),
        expect(403, guest=LOGIN, moderator=302),
    )
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_who_may_keep_a_held_post_hidden(hold, cast, client_for):
    comment = comment_for(UserFactory(), body="https://example.com/kurssi")
    url = reverse("moderation:held_decline", args=["idea_comment", comment.pk])
    assert_role_table(
        page_check(client_for, cast.by_role(), url, method="post", data={"guideline": "scams"}),
        expect(403, guest=LOGIN, moderator=302),
    )
    comment.refresh_from_db()
    assert comment.hidden_guideline == Guideline.SCAMS


def test_an_idea_with_a_link_by_a_new_account_is_held(hold):
    idea = idea_for(UserFactory(), description="Lisää: https://example.com")
    assert idea.hidden_at is not None


def test_what_is_not_held_is_not_approved(cast, client_for):
    comment = comment_for(UserFactory(), body="Tavallinen kommentti")
    url = reverse("moderation:held_approve", args=["idea_comment", comment.pk])
    assert client_for(cast.moderator).post(url).status_code == 404
