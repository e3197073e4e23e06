"""Who may see the impact figures: one named rule per function."""

from ideahautomo.accounts.models import Role


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def can_see_impact(user):
    """Contact persons see their own area's figures; the project manager every area's."""
    return _signed_in(user) and user.has_role(Role.CONTACT_PERSON, Role.PROJECT_MANAGER)


def can_see_impact_of_all_areas(user):
    return _signed_in(user) and user.has_role(Role.PROJECT_MANAGER)


def can_see_impact_of_area(user, area):
    if area is None or not can_see_impact(user):
        return False
    return can_see_impact_of_all_areas(user) or user.contact_area == area
