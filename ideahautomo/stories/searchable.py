"""Success stories in search: published ones, for everyone."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.searchable import Audience, Entry, plain, register_kind

from .models import Story


def story_entries(story):
    if story.status != Story.Status.PUBLISHED or story.hidden_at is not None:
        return []
    return [
        Entry(
            title=story.title,
            body=plain(story.body_html),
            language=story.language,
            url=story.get_absolute_url(),
            audience=Audience.PUBLIC,
        )
    ]


register_kind("story", label=_("Stories"), order=70, model=Story, entries=story_entries)
