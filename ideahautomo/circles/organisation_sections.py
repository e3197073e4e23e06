"""What circles add to a partner organisation's public page: the open peer groups and
circles it organises, as the circle list shows them to the viewer."""

from ideahautomo.lib.organisation_sections import register_organisation_section

from .selectors import circles_of_organisation


@register_organisation_section("circles/_organisation_circles.html")
def organisation_circles_section(request, organisation):
    circles = circles_of_organisation(viewer=request.user, organisation=organisation)
    if not circles:
        return None
    return {"circles": circles}
