"""The home page on a phone: a member sees their next meeting; every role's page passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ideahautomo.accounts.models import Municipality, Role
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from ideahautomo.circles import services as circle_services
from ideahautomo.circles.models import Circle, CircleSession, Membership
from ideahautomo.events.models import Event, Registration
from ideahautomo.events.tests.factories import EventFactory
from ideahautomo.ideas.models import Idea, IdeaComment, JoinRequest
from ideahautomo.moderation.models import Case

from .conftest import PHONE, WITH_PLAIN_FINNISH, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = WITH_PLAIN_FINNISH


@pytest.fixture
def community(db):
    member = UserFactory(email="jasen@example.fi", display_name="Aino Jäsen")
    organiser = UserFactory(display_name="Olli Ohjaaja")
    partner = user_with_role(Role.PARTNER, email="kumppani@example.fi")
    circle = circle_services.circle_create(
        actor=organiser,
        name="Suomea arjessa",
        topic="Suomen kieli",
        description="Harjoitellaan.",
        language="fi",
        level="A1",
        format=Circle.Format.HYBRID,
        municipality=Municipality.objects.get(code="091"),
        meeting_place="Kirjasto",
        online_link="https://meet.example.fi/suomea",
        capacity=8,
        policy=Circle.Policy.OPEN,
        visibility=Circle.Visibility.MEMBERS,
    )
    Membership.objects.create(circle=circle, user=member, status=Membership.Status.ACTIVE)
    starts = timezone.localtime().replace(hour=17, minute=0, second=0) + timedelta(days=2)
    CircleSession.objects.create(
        circle=circle,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Kirjasto",
        online_link="https://meet.example.fi/suomea",
    )
    event = EventFactory(
        title="CV-työpaja",
        organisation=partner.roles[Role.PARTNER].organisation,
        online_url="https://meet.example.fi/cv",
    )
    Registration.objects.create(event=event, user=member, status=Registration.Status.CONFIRMED)
    EventFactory(title="Ehdotettu retki", status=Event.Status.PROPOSED, created_by=member)
    idea = Idea.objects.create(
        owner=member, title="Pyöräkorjaamo", description="Korjataan.", category="earning"
    )
    IdeaComment.objects.create(idea=idea, author=organiser, body="Olen mukana!")
    JoinRequest.objects.create(idea=idea, user=organiser)
    Case.objects.create(kind="profile", object_id=organiser.pk)
    return {
        "member": member,
        "partner": partner,
        "project_manager": user_with_role(Role.PROJECT_MANAGER, email="pp@example.fi"),
        "moderator": user_with_role(Role.MODERATOR, email="moderaattori@example.fi"),
    }


def test_a_member_sees_their_next_meeting_first_on_a_phone(new_page, community):
    page = new_page(javascript=False, language="en")
    sign_in(page, "jasen@example.fi", PASSWORD)
    page.goto("/")
    coming = page.locator("section[aria-labelledby=h-next]")
    assert "Suomea arjessa" in coming.inner_text()
    assert "CV-työpaja" in coming.inner_text()
    join = coming.locator("a[href='https://meet.example.fi/suomea']")
    assert join.text_content() == "Join the meeting online: Suomea arjessa"
    assert coming.bounding_box()["y"] < PHONE["height"]  # on the first screen
    news = page.locator("section[aria-labelledby=h-news]").inner_text()
    assert "Pyöräkorjaamo" in news and "1 new comment" in news and "1 person wants to join" in news
    coming.locator("li.home-meeting > a").first.click()
    page.wait_for_load_state()
    assert f"/opintopiirit/{Circle.objects.get().pk}/tapaamiset/" in page.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_roles_home_page_is_accessible(new_page, community, language):
    for role in ("member", "partner", "project_manager", "moderator"):
        page = new_page(language=language)
        sign_in(page, community[role].email, PASSWORD)
        page.goto("/")
        assert_accessible(page)
