"""Mentors' reviews of ideas: the owner asks, mentors of the idea's areas see it in their
queue, a review is structured and shown on the idea marked as a mentor's, the owner is
told; nobody reviews their own idea, and only mentors review."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ideahautomo.accounts.models import Role, RoleAssignment
from ideahautomo.ideas import permissions, services
from ideahautomo.ideas.models import Idea, IdeaReview
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.profiles.services import mentor_profile_update
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check, rule_check
from ideahautomo.testing.factories import idea_for

pytestmark = pytest.mark.django_db

REVIEW = {"strengths": "Selkeä asiakas", "risks": "Vuokra <b>kallis</b>", "next_step": "Laskelma"}


def mentor_areas(mentor, **fields):
    values = {"topic_business": False, "skill_names": ["leipominen"], "meets_online": True}
    values.update(fields)
    return mentor_profile_update(actor=mentor, **values)


@pytest.fixture
def asked(cast):
    idea = idea_for(cast.member)
    services.idea_review_ask(actor=cast.member, idea=idea)
    idea.refresh_from_db()
    return idea


def test_who_asks_and_who_reviews(cast, asked):
    mentor_areas(cast.mentor)
    assert_role_table(
        rule_check(permissions.can_ask_for_review, cast.users(), asked), expect(False, member=True)
    )
    assert_role_table(
        rule_check(permissions.can_see_review_queue, cast.users()), expect(False, mentor=True)
    )
    assert_role_table(
        rule_check(permissions.can_review_idea, cast.users(), asked), expect(False, mentor=True)
    )


def test_pages_of_reviews_by_role(cast, client_for, asked):
    mentor_areas(cast.mentor)
    people = cast.by_role()
    assert_role_table(
        page_check(client_for, people, reverse("ideas:review_queue")),
        expect(403, guest=LOGIN, mentor=200),
    )
    assert_role_table(
        page_check(client_for, people, reverse("ideas:review", args=[asked.pk])),
        expect(
            403,
            guest=LOGIN,
            mentor=200,
            contact_person=404,
            other_contact_person=404,
            project_manager=404,
            moderator=404,
            administrator=404,
        ),
    )


def test_an_idea_not_asked_for_cannot_be_reviewed(cast):
    mentor_areas(cast.mentor)
    idea = idea_for(cast.member)
    assert not permissions.can_review_idea(cast.mentor, idea)
    with pytest.raises(PermissionDenied):
        services.idea_review_create(actor=cast.mentor, idea=idea, **REVIEW)


def test_a_mentor_never_reviews_their_own_idea(cast):
    RoleAssignment.objects.create(user=cast.member, role=Role.MENTOR)
    idea = idea_for(cast.member)
    services.idea_review_ask(actor=cast.member, idea=idea)
    idea.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.idea_review_create(actor=cast.member, idea=idea, **REVIEW)
    assert not IdeaReview.objects.exists()


def test_the_queue_holds_ideas_in_the_mentors_areas(cast, client_for, asked):
    other = idea_for(
        cast.partner, title="Ompelimo", skill_names=["ompelu"], category=Idea.Category.LEARNING
    )
    services.idea_review_ask(actor=cast.partner, idea=other)
    mentor_areas(cast.mentor)
    client = client_for(cast.mentor)
    shown = [
        idea.pk for idea in client.get(reverse("ideas:review_queue")).context["page"].object_list
    ]
    assert shown == [asked.pk]
    services.idea_review_create(actor=cast.mentor, idea=asked, **REVIEW)
    shown = [
        idea.pk for idea in client.get(reverse("ideas:review_queue")).context["page"].object_list
    ]
    assert shown == []


def test_a_review_is_shown_marked_and_the_owner_is_told(
    cast, client_for, asked, django_capture_on_commit_callbacks
):
    mentor_areas(cast.mentor)
    client = client_for(cast.mentor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ideas:review", args=[asked.pk]), REVIEW)
    assert response.status_code == 302
    assert Notification.objects.filter(
        recipient=cast.member, kind=NotificationKind.IDEA_REVIEW
    ).exists()
    page = client.get(asked.get_absolute_url()).content.decode()
    assert 'class="badge"' in page and "Selkeä asiakas" in page
    assert "&lt;b&gt;kallis&lt;/b&gt;" in page
    with pytest.raises(ValidationError) as again:
        services.idea_review_create(actor=cast.mentor, idea=asked, **REVIEW)
    assert again.value.code == "duplicate"


def test_an_empty_review_is_explained_and_nothing_saved(cast, client_for, asked):
    mentor_areas(cast.mentor)
    response = client_for(cast.mentor).post(
        reverse("ideas:review", args=[asked.pk]), {"strengths": "", "risks": "x", "next_step": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not IdeaReview.objects.exists()


def test_the_queue_takes_few_queries_as_ideas_grow(cast, client_for, django_assert_max_num_queries):
    from django.core.cache import cache

    mentor_areas(cast.mentor)
    client = client_for(cast.mentor)
    counts = []
    for count in (2, 20):
        for number in range(count):
            cache.clear()
            owner = cast.partner if number % 2 else cast.member
            idea = idea_for(owner, title=f"Idea {number}")
            services.idea_review_ask(actor=owner, idea=idea)
        with django_assert_max_num_queries(10) as queries:
            client.get(reverse("ideas:review_queue"))
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
