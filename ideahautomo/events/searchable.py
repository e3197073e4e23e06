"""Events in search: published ones; members-only ones for those signed in, as the list."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.searchable import Audience, Entry, joined, plain, register_kind

from .models import Event


def event_entries(event):
    if event.status != Event.Status.PUBLISHED or event.hidden_at is not None:
        return []
    return [
        Entry(
            title=event.title,
            body=joined(plain(event.description_html), event.venue_name),
            language="fi",
            url=event.get_absolute_url(),
            audience=Audience.PUBLIC if event.is_public else Audience.SIGNED_IN,
            municipality_id=event.municipality_id,
        )
    ]


register_kind(
    "event",
    label=_("Events"),
    order=30,
    model=Event,
    entries=event_entries,
    fields=(
        "hidden_at",
        "title",
        "description",
        "description_html",
        "venue_name",
        "status",
        "is_public",
        "municipality",
    ),
)
