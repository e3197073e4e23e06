"""Floods in circles are refused with a clear message and nothing is saved: one test for
each limit on what creates content or reaches other people."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.circles import discussion_services, limits, services, session_services
from ideahautomo.circles.models import (
    Circle,
    CircleInvitation,
    CirclePost,
    CircleSession,
    CircleWish,
)
from ideahautomo.profiles.models import Skill

from .sessions_kit import schedule, start_circle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def allowed(kind):
    return limits.LIMITS[kind][0]


def refused(call):
    with pytest.raises(ValidationError) as excinfo:
        call()
    assert excinfo.value.code == "rate_limited"
    return " ".join(excinfo.value.messages)


def test_starting_circles_is_limited_per_day(cast):
    for number in range(allowed("circle")):
        start_circle(cast.member, name=f"Piiri {number}")
    message = refused(lambda: start_circle(cast.member, name="Yksi liikaa"))
    assert "at most 3 circles a day" in message
    assert Circle.objects.count() == allowed("circle")
    assert not Circle.objects.filter(name="Yksi liikaa").exists()


def test_posts_and_replies_are_limited_and_the_page_says_so(cast, english_client_for):
    circle = start_circle(cast.member)
    first = discussion_services.post_create(actor=cast.member, circle=circle, body="Hei")
    for number in range(allowed("post") - 1):
        discussion_services.post_create(
            actor=cast.member, circle=circle, body=f"Vastaus {number}", parent=first
        )
    url = reverse("circles:post_reply", args=[circle.pk, first.pk])
    response = english_client_for(cast.member).post(url, {"body": "Yksi liikaa"})
    assert response.status_code == 200
    assert "You are posting very fast" in response.content.decode()
    assert CirclePost.objects.count() == allowed("post")
    assert not CirclePost.objects.filter(body="Yksi liikaa").exists()


def test_circle_invitations_are_limited_and_the_page_says_so(cast, english_client_for):
    circle = start_circle(cast.member, policy=Circle.Policy.INVITE)
    for _number in range(allowed("invitation")):
        services.circle_invitation_create(actor=cast.member, circle=circle, invitee=UserFactory())
    one_more = UserFactory()
    response = english_client_for(cast.member).post(
        reverse("circles:invite", args=[circle.pk]), {"kayttaja": one_more.pk}, follow=True
    )
    assert "circle invitations an hour" in response.content.decode()
    assert CircleInvitation.objects.count() == allowed("invitation")
    assert not one_more.notifications.exists()


def test_wishes_for_circles_are_limited_even_when_removed_between(cast):
    skill = Skill.objects.filter(is_curated=True).first()

    def wish():
        return services.wish_create(actor=cast.member, skill=skill, language="fi", online_ok=True)

    for _number in range(allowed("wish")):
        services.wish_remove(actor=cast.member, wish=wish())
    message = refused(wish)
    assert "wishes an hour" in message
    assert not CircleWish.objects.exists()


@pytest.mark.parametrize("action", ["schedule", "change", "cancel"])
def test_scheduling_changing_and_cancelling_meetings_are_limited_together(cast, action):
    """Each tells every member, so an organiser cannot flood them."""
    circle = start_circle(cast.member)
    [meeting] = schedule(circle, cast.member)
    for _number in range(allowed("meeting") - 1):
        schedule(circle, cast.member)
    later = timezone.now() + timedelta(days=9)
    calls = {
        "schedule": lambda: schedule(circle, cast.member, starts_at=later),
        "change": lambda: session_services.session_update(
            actor=cast.member,
            session=meeting,
            starts_at=later,
            ends_at=later + timedelta(hours=1),
            place="",
            online_link="",
            agenda="Muutettu",
        ),
        "cancel": lambda: session_services.session_cancel(actor=cast.member, session=meeting),
    }
    message = refused(calls[action])
    assert "meetings at most 20 times an hour" in message
    assert CircleSession.objects.count() == allowed("meeting")
    meeting.refresh_from_db()
    assert meeting.agenda == "" and meeting.cancelled_at is None
