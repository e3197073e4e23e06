"""Messaging joined to the other features: idea events notify, blocks hide people."""

import pytest
from django.urls import reverse

from ideahautomo.ideas import services as idea_services
from ideahautomo.messaging import services
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.profiles import services as profile_services
from ideahautomo.testing.factories import idea_for

pytestmark = pytest.mark.django_db


def test_idea_events_become_notifications(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        idea = idea_for(
            cast.member,
            title="Kahvila",
            description="Kuvaus",
            municipality=None,
            online=True,
            skill_names=[],
        )
    with django_capture_on_commit_callbacks(execute=True):
        request = idea_services.join_request_create(actor=cast.mentor, idea=idea)
    with django_capture_on_commit_callbacks(execute=True):
        idea_services.join_request_decide(actor=cast.member, join_request=request, accept=True)

    owner_note = Notification.objects.get(recipient=cast.member)
    assert owner_note.kind == NotificationKind.IDEA_JOIN_REQUEST
    assert owner_note.url == idea.get_absolute_url()
    assert Notification.objects.get(recipient=cast.mentor).kind == (
        NotificationKind.IDEA_JOIN_ACCEPTED
    )


def test_blocked_people_disappear_from_the_directory_and_suggestions(cast, client_for):
    profile_services.profile_set_skills(
        actor=cast.member, profile=cast.member.profile, relation="wants", names=["kirjanpito"]
    )
    profile_services.profile_set_skills(
        actor=cast.mentor, profile=cast.mentor.profile, relation="has", names=["kirjanpito"]
    )
    services.block_create(actor=cast.mentor, blocked=cast.member)
    client = client_for(cast.member)

    directory = client.get(reverse("profiles:directory"))
    suggestions = client.get(reverse("profiles:suggestions"))

    assert cast.mentor not in [p.user for p in directory.context["page"].object_list]
    people = {kind: items for kind, _label, items in suggestions.context["groups"]}
    assert cast.mentor not in [s.target.user for s in people["people"]]
    assert client.get(reverse("profiles:detail", args=[cast.mentor.pk])).status_code == 404
