"""Reads the circle pages need, with the visibility rule applied."""

from dataclasses import dataclass

from django.db.models import F, Q
from django.http import Http404

from ideahautomo.profiles.permissions import can_browse_members

from .models import Circle, CircleInvitation, CirclePost, Membership
from .permissions import can_view_circle


@dataclass
class CircleFilters:
    topic: str = ""
    language: str = ""
    format: str = ""
    municipality: object = None
    free_places: bool = False


def circles_for_list(*, viewer, filters):
    """Listed circles: public for everyone, members' ones for members; private never listed."""
    shown = Q(visibility=Circle.Visibility.PUBLIC)
    if can_browse_members(viewer):
        shown |= Q(visibility=Circle.Visibility.MEMBERS)
    circles = Circle.objects.filter(shown)
    if filters.topic:
        circles = circles.filter(
            Q(topic__icontains=filters.topic) | Q(name__icontains=filters.topic)
        )
    if filters.language:
        circles = circles.filter(language=filters.language)
    if filters.format:
        circles = circles.filter(format=filters.format)
    if filters.municipality is not None:
        circles = circles.filter(Q(municipality=filters.municipality) | ~Q(format="in_person"))
    if filters.free_places:
        circles = circles.filter(Q(capacity__isnull=True) | Q(member_count__lt=F("capacity")))
    return circles.select_related("municipality").order_by("-created_at", "-pk")


def circle_for_viewer(*, viewer, pk):
    circle = Circle.objects.select_related("municipality").filter(pk=pk).first()
    if circle is None or not can_view_circle(viewer, circle):
        raise Http404
    return circle


def members_of(circle):
    return list(
        Membership.objects.filter(circle=circle)
        .select_related("user")
        .order_by("-is_organiser", "created_at", "pk")
    )


def discussion_page(circle, page, *, per_page):
    """One page of the discussion, newest threads first, each thread's replies oldest
    first in .thread_replies: two queries whatever the size of the discussion."""
    from ideahautomo.lib.paging import window

    threads = window(
        CirclePost.objects.filter(circle=circle, parent__isnull=True)
        .select_related("author")
        .order_by("-created_at", "-pk"),
        page,
        per_page=per_page,
    )
    by_id = {post.pk: post for post in threads.object_list}
    for post in by_id.values():
        post.thread_replies = []
    if by_id:
        replies = (
            CirclePost.objects.filter(parent_id__in=by_id)
            .select_related("author")
            .order_by("created_at", "pk")
        )
        for reply in replies:
            by_id[reply.parent_id].thread_replies.append(reply)
    return threads


def post_of(circle, pk):
    """A post of this circle (its circle already checked by the caller), or 404."""
    post = CirclePost.objects.select_related("author").filter(circle=circle, pk=pk).first()
    if post is None:
        raise Http404
    post.circle = circle
    return post


def invitable_people(*, viewer, circle, name):
    """At most 10 people the organiser may find in the directory whose shown name
    contains name, leaving out those already in the circle or invited to it."""
    from ideahautomo.profiles.selectors import visible_profiles

    name = " ".join(name.split())
    if len(name) < 2:
        return []
    return list(
        visible_profiles(viewer=viewer)
        .filter(user__display_name__icontains=name)
        .exclude(user_id__in=Membership.objects.filter(circle=circle).values("user_id"))
        .exclude(user_id__in=CircleInvitation.objects.filter(circle=circle).values("invitee_id"))
        .select_related("user")
        .order_by("user__display_name", "pk")[:10]
    )


def invitations_of(circle):
    return list(
        CircleInvitation.objects.filter(circle=circle)
        .select_related("invitee", "invited_by")
        .order_by("created_at", "pk")
    )
