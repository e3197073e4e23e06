"""The mood kiosk's start button on a service point's page, for those who may start it."""

from ideahautomo.points.sections import register_point_section

from . import permissions


@register_point_section("impact/kiosk/_start.html")
def kiosk_start_section(request, point):
    if not permissions.can_start_kiosk(request.user, point):
        return None
    return {}
