"""Demo stories: published with a name, a pseudonym and anonymously, linked to the demo
idea, circle and service, and one waiting for the demo member's consent; once only."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.lib.linkable import links_for
from ideahautomo.stories.models import Shown, Story

pytestmark = pytest.mark.django_db


def test_demo_stories_cover_each_way_of_showing_and_are_made_once(demo_data):
    call_command("demo_data", stdout=io.StringIO())

    published = Story.objects.filter(status=Story.Status.PUBLISHED)
    assert published.count() == 3
    assert {story.shown_as for story in published} == set(Shown.values)
    assert all(story.consents.filter(withdrawn_at__isnull=True).exists() for story in published)
    assert {story.source_kind for story in published} == {"idea", "circle", "service"}
    pairs = [(story.source_kind, story.source_id) for story in published]
    assert len(links_for(AnonymousUser(), pairs)) == 3

    waiting = Story.objects.get(status=Story.Status.WAITING)
    assert waiting.person.email == f"jasen@{DEMO_DOMAIN}"
    assert waiting.person.notifications.filter(kind="story_consent_asked").exists()
