"""Every kind of content through the registry: messages and circle posts reported by those
who see them, hidden from the others with the placeholder, shown to their author."""

import pytest
from django.urls import reverse

from ideahautomo.circles import discussion_services
from ideahautomo.circles import services as circle_services
from ideahautomo.lib.moderatable import Guideline, moderatable_kind
from ideahautomo.messaging.tests.helpers import conversation, old_member
from ideahautomo.moderation import services
from ideahautomo.testing.factories import UserFactory, circle_for, report_for

pytestmark = pytest.mark.django_db

PLACEHOLDER = "Moderaattori on piilottanut tämän sisällön."


def in_language(client, language="fi"):
    client.cookies["django_language"] = language
    return client


def test_every_kind_of_content_is_registered():
    for key in ("idea", "idea_comment", "circle_post", "event", "profile", "story", "message"):
        assert moderatable_kind(key) is not None, key


def test_a_hidden_message_is_a_placeholder_for_the_other_participant(cast, client_for):
    sender = old_member(display_name="Sanna Lähettäjä")
    reader = old_member(display_name="Raili Lukija")
    chat = conversation(sender, reader, body="Lähetä minulle rahaa.")
    message = chat.messages.get()
    outsider = old_member()
    assert (
        in_language(client_for(outsider))
        .get(reverse("moderation:report", args=["message", message.pk]))
        .status_code
        == 404
    )
    report = report_for(reader, "message", message)
    assert report.snapshot == "Lähetä minulle rahaa."
    services.case_hide(actor=cast.moderator, case=report.case, guideline=Guideline.SCAMS)
    url = reverse("messaging:conversation", args=[chat.pk])
    page = in_language(client_for(reader)).get(url).content.decode()
    assert "Lähetä minulle rahaa." not in page and PLACEHOLDER in page
    listing = in_language(client_for(reader)).get(reverse("messaging:conversations"))
    assert "Lähetä minulle rahaa." not in listing.content.decode()
    assert "Lähetä minulle rahaa." in in_language(client_for(sender)).get(url).content.decode()


def test_a_circle_post_is_reported_only_by_the_circles_members(cast, client_for):
    circle = circle_for()
    member = UserFactory()
    circle_services.circle_join(actor=member, circle=circle)
    author = UserFactory()
    circle_services.circle_join(actor=author, circle=circle)
    post = discussion_services.post_create(actor=author, circle=circle, body="Loukkaus")
    url = reverse("moderation:report", args=["circle_post", post.pk])
    assert client_for(cast.member).get(url).status_code == 404
    assert client_for(member).get(url).status_code == 200
    report = report_for(member, "circle_post", post)
    services.case_hide(actor=cast.moderator, case=report.case, guideline=Guideline.KINDNESS)
    post.refresh_from_db()
    assert post.hidden_from(member) and not post.hidden_from(author)


def _hide(cast, kind, obj, reporter=None):
    report = report_for(reporter or cast.member, kind, obj)
    return services.case_hide(actor=cast.moderator, case=report.case, guideline=Guideline.SCAMS)


def test_a_hidden_event_leaves_the_list_and_shows_the_placeholder(cast, client_for):
    from ideahautomo.events.tests.factories import EventFactory

    organiser = UserFactory()
    event = EventFactory(title="Ihmeellinen sijoitusilta", created_by=organiser)
    _hide(cast, "event", event)
    client = in_language(client_for(cast.mentor))
    assert "Ihmeellinen sijoitusilta" not in client.get(reverse("events:list")).content.decode()
    page = client.get(event.get_absolute_url()).content.decode()
    assert PLACEHOLDER in page and "Ihmeellinen sijoitusilta" not in page.split("<main", 1)[1]
    own = in_language(client_for(organiser)).get(event.get_absolute_url()).content.decode()
    assert "Ihmeellinen sijoitusilta" in own


def test_a_hidden_story_leaves_the_list_and_shows_the_placeholder(cast, client_for):
    from ideahautomo.stories import services as story_services
    from ideahautomo.stories.tests.factories import own_story

    writer = UserFactory()
    story = story_services.story_publish(
        actor=cast.project_manager, story=own_story(writer, title="Tarinani huijauksesta")
    )
    _hide(cast, "story", story)
    guest = in_language(client_for(None))
    assert "Tarinani huijauksesta" not in guest.get(reverse("stories:list")).content.decode()
    page = guest.get(story.get_absolute_url()).content.decode()
    assert PLACEHOLDER in page


def test_a_hidden_profile_keeps_only_the_name(cast, client_for):
    from ideahautomo.profiles.models import Profile

    person = UserFactory(display_name="Pekka Profiili")
    Profile.objects.filter(pk=person.pk).update(introduction_html="<p>Myyn kelloja</p>")
    _hide(cast, "profile", Profile.objects.get(pk=person.pk))
    page = (
        in_language(client_for(cast.mentor))
        .get(reverse("profiles:detail", args=[person.pk]))
        .content.decode()
    )
    assert "Pekka Profiili" in page and PLACEHOLDER in page and "Myyn kelloja" not in page
