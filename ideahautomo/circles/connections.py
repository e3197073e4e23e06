"""Members of the same circle count as connected, for profiles shown "only to people in
the same study circles and ideas"."""

from ideahautomo.profiles.connections import register_connection_source

from .models import Membership


@register_connection_source
def same_circle(user_id):
    circles = Membership.objects.filter(user_id=user_id, status=Membership.Status.ACTIVE).values(
        "circle_id"
    )
    return Membership.objects.filter(
        circle_id__in=circles, status=Membership.Status.ACTIVE
    ).values_list("user_id", flat=True)
