"""Who may keep service points and count their visitors."""

from ideahautomo.accounts.models import Role


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def can_manage_points(user):
    """The project manager and contact persons create points (a contact person in their area)."""
    return _signed_in(user) and user.has_role(Role.PROJECT_MANAGER, Role.CONTACT_PERSON)


def belongs_to_point(user, point):
    """Staff of a point: the contact persons of its area, and the project manager everywhere."""
    if not _signed_in(user):
        return False
    if user.has_role(Role.PROJECT_MANAGER):
        return True
    area = user.contact_area
    return area is not None and point.area_id == area.pk


def can_edit_point(user, point):
    return belongs_to_point(user, point)


def can_count_at(user, point):
    """Visitors are counted at an active point by its staff."""
    return point.is_active and belongs_to_point(user, point)
