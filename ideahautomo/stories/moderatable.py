"""Published stories as content members may report (lib.moderatable)."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import plain_text, register_moderatable_kind

from .models import Story


def _published(viewer, story):
    return story.status == Story.Status.PUBLISHED


register_moderatable_kind(
    "story",
    label=_("Success story"),
    model=Story,
    load=lambda pk: Story.objects.select_related("author", "person").filter(pk=pk).first(),
    snapshot=lambda story: (plain_text(story.title, story.body), story.author),
    url=lambda story: story.get_absolute_url(),
    can_see=_published,
)
