"""Circles in search: public ones for everyone, members' ones for members, private ones
only for their own members, the people invited to them and the staff of the partner
organisation that organises them."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.searchable import (
    Audience,
    Entry,
    joined,
    plain,
    register_kind,
    standard_visibility,
)
from ideahautomo.profiles.permissions import can_browse_members

from .models import Circle, CircleInvitation, Membership
from .permissions import partner_organisation_id

AUDIENCE = {
    Circle.Visibility.PUBLIC: Audience.PUBLIC,
    Circle.Visibility.MEMBERS: Audience.MEMBERS,
    Circle.Visibility.PRIVATE: Audience.RESTRICTED,
}


def circle_entries(circle):
    return [
        Entry(
            title=circle.name,
            body=joined(circle.topic, plain(circle.description_html), circle.meeting_place),
            language=circle.language,
            url=circle.get_absolute_url(),
            audience=AUDIENCE[circle.visibility],
            municipality_id=circle.municipality_id,
        )
    ]


def circles_visible_to(viewer):
    shown = standard_visibility(viewer, may_browse_members=can_browse_members(viewer))
    if viewer.is_authenticated:
        own = Membership.objects.filter(user=viewer).values("circle_id")
        shown |= Q(audience=Audience.RESTRICTED, object_id__in=own)
        if can_browse_members(viewer):
            invited = CircleInvitation.objects.filter(invitee=viewer).values("circle_id")
            shown |= Q(audience=Audience.RESTRICTED, object_id__in=invited)
            organisation_id = partner_organisation_id(viewer)
            if organisation_id is not None:
                organised = Circle.objects.filter(organiser_organisation_id=organisation_id)
                shown |= Q(audience=Audience.RESTRICTED, object_id__in=organised.values("pk"))
    return shown


register_kind(
    "circle",
    label=_("Study circles"),
    order=20,
    model=Circle,
    entries=circle_entries,
    visible=circles_visible_to,
    fields=(
        "name",
        "topic",
        "description",
        "description_html",
        "language",
        "visibility",
        "municipality",
        "meeting_place",
    ),
)
