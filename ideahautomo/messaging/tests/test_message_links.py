"""Wherever a person the viewer may write to is shown, a link starts a conversation."""

import pytest
from django.urls import reverse

from ideahautomo.circles import services as circle_services
from ideahautomo.circles.models import Circle
from ideahautomo.ideas.models import Idea
from ideahautomo.profiles.services import profile_get_or_create
from ideahautomo.testing.factories import idea_for

from .helpers import committed, old_member

pytestmark = pytest.mark.django_db


def start_link(person):
    return f'href="{reverse("messaging:start")}?kenelle={person.pk}"'


def test_a_members_profile_links_to_a_new_message_but_not_ones_own(client_for):
    aino, oksana = old_member(display_name="Aino"), old_member(display_name="Oksana")
    profile_get_or_create(user=oksana)
    profile_get_or_create(user=aino)
    client = client_for(aino)

    theirs = client.get(reverse("profiles:detail", args=[oksana.pk])).content.decode()
    own = client.get(reverse("profiles:detail", args=[aino.pk])).content.decode()

    assert start_link(oksana) in theirs
    assert start_link(aino) not in own


def test_the_directory_cards_link_to_a_new_message(client_for):
    aino, oksana = old_member(), old_member()
    profile_get_or_create(user=oksana)

    html = client_for(aino).get(reverse("profiles:directory")).content.decode()

    assert start_link(oksana) in html


def test_staff_who_do_not_take_part_in_conversations_get_no_link(cast, client_for):
    with committed():
        idea = idea_for(
            cast.member,
            title="Kahvila",
            description="Kuvaus",
            municipality=None,
            online=True,
            skill_names=[],
            visibility=Idea.Visibility.PUBLIC,
        )
    member = client_for(cast.mentor).get(idea.get_absolute_url()).content.decode()
    staff = client_for(cast.project_manager).get(idea.get_absolute_url()).content.decode()
    guest = client_for(None).get(idea.get_absolute_url()).content.decode()

    assert start_link(cast.member) in member
    assert start_link(cast.member) not in staff
    assert start_link(cast.member) not in guest


def test_a_circles_members_link_to_a_new_message(cast, client_for):
    with committed():
        circle = circle_services.circle_create(
            actor=cast.member,
            name="Suomea arjessa",
            topic="suomen kieli",
            description="Puhutaan",
            language="fi",
            format=Circle.Format.ONLINE,
        )
        circle_services.circle_join(actor=cast.mentor, circle=circle)

    html = client_for(cast.mentor).get(circle.get_absolute_url()).content.decode()

    assert start_link(cast.member) in html
    assert start_link(cast.mentor) not in html
