"""Posts of circles' discussions as content members may report (lib.moderatable): only
the circle's own members see, and so report, them."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import plain_text, register_moderatable_kind

from .models import CirclePost
from .permissions import can_read_discussion


def _post(pk):
    return CirclePost.objects.select_related("author", "circle").filter(pk=pk).first()


register_moderatable_kind(
    "circle_post",
    label=_("Post in a circle's discussion"),
    model=CirclePost,
    load=_post,
    snapshot=lambda post: (
        plain_text(post.body, post.link_title, post.link),
        post.author,
    ),
    url=lambda post: f"{post.circle.get_absolute_url()}#viesti-{post.pk}",
    can_see=lambda viewer, post: can_read_discussion(viewer, post.circle),
    holds=True,
)
