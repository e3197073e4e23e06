"""Ideas in search: public ones for everyone, members-only ones for members, archived
ones for nobody."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.language import content_language
from ideahautomo.lib.searchable import Audience, Entry, plain, register_kind

from .models import Idea


def idea_entries(idea):
    if idea.archived_at is not None or idea.hidden_at is not None:
        return []
    return [
        Entry(
            title=idea.title,
            body=plain(idea.description_html),
            # Ideas carry no language of their own: their owner's is the best guess.
            language=content_language(idea.owner.language or "fi"),
            url=idea.get_absolute_url(),
            audience=Audience.PUBLIC
            if idea.visibility == Idea.Visibility.PUBLIC
            else Audience.MEMBERS,
            municipality_id=idea.municipality_id,
        )
    ]


register_kind(
    "idea",
    label=_("Ideas"),
    order=10,
    model=Idea,
    entries=idea_entries,
    objects=lambda: Idea.objects.select_related("owner"),
    fields=(
        "title",
        "description",
        "description_html",
        "visibility",
        "municipality",
        "archived_at",
        "hidden_at",
        "owner",
    ),
)
