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
