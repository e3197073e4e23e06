"""Who may see and edit profiles: one named rule per function."""

from ideahautomo.accounts.models import Role

from .connections import connected_user_ids
from .models import Profile

COMMUNITY_ROLES = (Role.MEMBER, Role.MENTOR, Role.PARTNER)


def can_browse_members(user):
    """Members, mentors and partners see each other; guests and staff-only accounts do
    not: staff follow the service through statistics."""
    return user.is_authenticated and user.is_active and user.has_role(*COMMUNITY_ROLES)


def has_community_role(user):
    """Members, mentors and partners have profiles others may see; a staff-only account
    (contact person, project manager, moderator, administrator) has none, as in the
    directory."""
    return user.is_active and user.has_role(*COMMUNITY_ROLES)


def can_see_profile(viewer, profile):
    if viewer.is_authenticated and viewer.pk == profile.user_id:
        return True
    if not can_browse_members(viewer) or not has_community_role(profile.user):
        return False
    if profile.visibility == Profile.Visibility.MEMBERS:
        return True
    if profile.visibility == Profile.Visibility.CONNECTIONS:
        return profile.user_id in connected_user_ids(viewer.pk)
    return False


def can_edit_profile(viewer, profile):
    return viewer.is_authenticated and viewer.is_active and viewer.pk == profile.user_id


def can_have_profile(user):
    return can_browse_members(user)


def is_mentor(user):
    """An active person holding the mentor role."""
    return user.is_authenticated and user.is_active and user.has_role(Role.MENTOR)


def can_edit_mentor_profile(user):
    """Only mentors describe what they offer; the mark and the directory follow from it."""
    return is_mentor(user)
