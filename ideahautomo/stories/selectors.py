"""Reads the story pages need, with the visibility rule applied."""

from django.db.models import Q
from django.http import Http404

from ideahautomo.lib.linkable import links_for

from .models import Story
from .permissions import can_see_story


def published_stories():
    """Published stories, newest first, with what a card or the booklet shows."""
    return (
        Story.objects.filter(status=Story.Status.PUBLISHED, hidden_at__isnull=True)
        .select_related("person")
        .order_by("-published_at", "-pk")
    )


def with_source_links(*, viewer, stories):
    """Set story.source_link on each story: the page it came from, if the viewer may see
    it (else None). One query per kind of page at most."""
    stories = list(stories)
    links = links_for(viewer, [(story.source_kind, story.source_id) for story in stories])
    for story in stories:
        story.source_link = links.get((story.source_kind, story.source_id))
    return stories


def story_for_page(*, viewer, pk):
    story = Story.objects.select_related("person", "author").filter(pk=pk).first()
    if story is None or not can_see_story(viewer, story):
        raise Http404
    return with_source_links(viewer=viewer, stories=[story])[0]


def stories_of(user):
    """The stories about the user and those the user wrote, newest first."""
    return (
        Story.objects.filter(Q(person=user) | Q(author=user))
        .select_related("person", "author")
        .order_by("-updated_at", "-pk")
    )


def stories_waiting_for_publishing():
    return (
        Story.objects.filter(status=Story.Status.CONSENTED)
        .select_related("person", "author")
        .order_by("updated_at", "pk")
    )
