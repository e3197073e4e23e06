"""Guides in search: published ones, for everyone, each text in its own language. The
guide services index a guide again whenever its texts or status change."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.searchable import Audience, Entry, joined, plain, register_kind

from .models import Guide


def guide_entries(guide):
    if guide.status != Guide.Status.PUBLISHED:
        return []
    url = guide.get_absolute_url()
    return [
        Entry(
            title=text.title,
            body=joined(text.summary, plain(text.body_html)),
            language=text.language,
            url=url,
            audience=Audience.PUBLIC,
        )
        for text in guide.texts.all()
    ]


register_kind(
    "guide",
    label=_("Guides"),
    order=60,
    model=Guide,
    entries=guide_entries,
    objects=lambda: Guide.objects.prefetch_related("texts"),
    fields=("status",),
)
