"""Who may send and read announcements: one named rule per function."""

from ideahautomo.accounts.models import Role


def _signed_in(user):
    return user.is_authenticated and user.is_active


def can_send_announcements(user):
    """The project manager announces to anyone; a contact person to their own area."""
    return _signed_in(user) and user.has_role(Role.PROJECT_MANAGER, Role.CONTACT_PERSON)


def can_announce_to_everyone(user):
    return _signed_in(user) and user.has_role(Role.PROJECT_MANAGER)


def can_announce_to_area(user, area):
    """An announcement limited to area (None: every area, the project manager's alone)."""
    if not can_send_announcements(user):
        return False
    if can_announce_to_everyone(user):
        return True
    return area is not None and area == user.contact_area


def can_see_announcement_as_staff(user, announcement):
    """Staff see, with its counts, what was sent to everyone or to an area they may announce to."""
    if announcement.area_id is None:
        return can_send_announcements(user)
    return can_announce_to_area(user, announcement.area)


def can_read_announcement(user, announcement, *, received):
    """A person reads an announcement they were sent (received: a delivery row exists)."""
    if not _signed_in(user):
        return False
    return received or can_see_announcement_as_staff(user, announcement)
