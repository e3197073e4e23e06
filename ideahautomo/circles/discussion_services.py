"""Every write to a circle's discussion: posts, replies, editing and removing them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideahautomo.lib.markdown import render_markdown
from ideahautomo.lib.moderatable import hold_if_needed
from ideahautomo.lib.tasks import enqueue_on_commit

from . import permissions
from .limits import limit
from .models import CirclePost


def _fill(post, *, body, link, link_title):
    post.body = (body or "").strip()
    post.link = (link or "").strip()
    post.link_title = " ".join((link_title or "").split())
    if post.link_title and not post.link:
        raise ValidationError({"link": _("Add the link to the material you named.")})
    post.body_html = render_markdown(post.body)
    post.full_clean(exclude=["circle", "author", "parent"])


def post_create(*, actor, circle, body, link="", link_title="", parent=None):
    """Write in the discussion; a reply to a reply joins its thread (one level deep).
    The other active members are told after the post is saved."""
    from .tasks import notify_post_readers

    if not permissions.can_post(actor, circle):
        raise PermissionDenied
    if parent is not None:
        if parent.circle_id != circle.pk:
            raise ValidationError(_("The message you answered is no longer here."))
        if parent.parent_id is not None:
            parent = CirclePost.objects.get(pk=parent.parent_id)
    post = CirclePost(circle=circle, author=actor, parent=parent)
    _fill(post, body=body, link=link, link_title=link_title)
    limit("post", actor)
    hold_if_needed(post, actor, post.body, post.link, post.link_title)
    with transaction.atomic():
        post.save()
        if post.hidden_at is None:  # a held post is news only once a moderator lets it
            enqueue_on_commit(notify_post_readers, post.pk)
    return post


def post_update(*, actor, post, body, link="", link_title=""):
    if not permissions.can_edit_post(actor, post):
        raise PermissionDenied
    _fill(post, body=body, link=link, link_title=link_title)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "link", "link_title", "edited_at"])
    return post


def post_remove(*, actor, post):
    """Remove a post, and with a thread's first post its replies."""
    if not permissions.can_remove_post(actor, post):
        raise PermissionDenied
    CirclePost.objects.filter(pk=post.pk).delete()


def post_readers_notify(*, post_id):
    """Tell the circle's other active members of a new post; run by the task worker so
    that writing costs the same whatever the size of the circle."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify

    from .models import Membership

    post = CirclePost.objects.select_related("circle", "author").filter(pk=post_id).first()
    if post is None:
        return 0
    readers = (
        Membership.objects.filter(circle=post.circle, status=Membership.Status.ACTIVE)
        .exclude(user=post.author)
        .select_related("user")
    )
    told = 0
    url = f"{post.circle.get_absolute_url()}#viesti-{post.parent_id or post.pk}"
    for membership in readers:
        with transaction.atomic():
            notification = notify(
                recipient=membership.user,
                kind=NotificationKind.CIRCLE_POST,
                actor=post.author,
                target=post.circle,
                text_params={"title": post.circle.name},
                url=url,
                collapse_unread=True,
            )
        told += notification is not None
    return told
