"""Who may see and do what in impact: one named rule per function.

Staff see only aggregates (the figures of their area). Everyone, guests included, may
send feedback; a person's check-ins are only ever read through selectors that take that
person, so no page shows anyone else's rows."""

from ideahautomo.accounts.models import Role
from ideahautomo.points.permissions import can_count_at


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


def can_check_in(user):
    """Clients tell how they are doing. Guests have nothing to tell, and staff, mentors and
    partners are not asked even when they are members too: their answers are no outcome."""
    return _signed_in(user) and user.is_client


def can_give_named_feedback(user):
    """Only a signed-in person can put their name to feedback; guests stay anonymous."""
    return _signed_in(user)


def can_start_kiosk(user, point):
    """The mood kiosk of a point is started by the staff who count its visitors: the
    contact persons of its area and the project manager, at an active point."""
    return can_count_at(user, point)


def kiosk_is_open(point):
    """Anyone holding a valid kiosk link may answer, signed in or not, while the point is
    in use: the link itself is the permission."""
    return point.is_active


def can_see_point_figures(user, point):
    """A service point's figures are its area's: the contact persons of that area and the
    project manager see them."""
    return can_see_impact_of_area(user, point.area)
