"""Reads the circle pages need, with the visibility rule applied."""

from dataclasses import dataclass

from django.db.models import F, Q
from django.http import Http404

from ideahautomo.profiles.permissions import can_browse_members

from .models import Circle, Membership
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
