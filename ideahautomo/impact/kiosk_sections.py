"""What impact adds to a service point's page: the mood kiosk's start button and a link
to the point's figures, each for those who may use it."""

from ideahautomo.points.sections import register_point_section

from . import permissions


@register_point_section("impact/kiosk/_start.html")
def kiosk_start_section(request, point):
    if not permissions.can_start_kiosk(request.user, point):
        return None
    return {}


@register_point_section("impact/_point_figures_link.html")
def point_figures_section(request, point):
    if not permissions.can_see_point_figures(request.user, point):
        return None
    return {}
