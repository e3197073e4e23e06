"""Ideas and their comments as content members may report (lib.moderatable)."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import plain_text, register_moderatable_kind

from .models import Idea, IdeaComment
from .permissions import can_see_people, can_view_idea


def _idea(pk):
    return Idea.objects.select_related("owner").filter(pk=pk).first()


def _idea_visible(viewer, idea):
    return can_view_idea(viewer, idea) and (
        idea.archived_at is None or (viewer.is_authenticated and viewer.pk == idea.owner_id)
    )


def _comment(pk):
    return (
        IdeaComment.objects.select_related("author", "idea")
        .filter(pk=pk, deleted_at__isnull=True)
        .first()
    )


def _comment_visible(viewer, comment):
    return _idea_visible(viewer, comment.idea) and can_see_people(viewer, comment.idea)


register_moderatable_kind(
    "idea",
    label=_("Idea"),
    model=Idea,
    load=_idea,
    snapshot=lambda idea: (plain_text(idea.title, idea.description), idea.owner),
    url=lambda idea: idea.get_absolute_url(),
    can_see=_idea_visible,
    holds=True,
)
register_moderatable_kind(
    "idea_comment",
    label=_("Comment on an idea"),
    model=IdeaComment,
    load=_comment,
    snapshot=lambda comment: (plain_text(comment.body), comment.author),
    url=lambda comment: f"{comment.idea.get_absolute_url()}#kommentti-{comment.pk}",
    can_see=_comment_visible,
    holds=True,
)
