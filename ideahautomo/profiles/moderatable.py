"""Profiles as content members may report (lib.moderatable): hiding a profile hides what
its owner wrote about themselves and their photo; the name stays."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import plain_text, register_moderatable_kind

from .models import Profile
from .permissions import can_see_profile
from .selectors import blocked_user_ids


def _can_see(viewer, profile):
    """As the profile page (selectors.profile_for_viewer): not across a block."""
    if not can_see_profile(viewer, profile):
        return False
    return profile.user_id == viewer.pk or profile.user_id not in blocked_user_ids(viewer.pk)


register_moderatable_kind(
    "profile",
    label=_("Profile"),
    model=Profile,
    load=lambda pk: Profile.objects.select_related("user").filter(pk=pk).first(),
    snapshot=lambda profile: (
        plain_text(
            profile.user.display_name,
            profile.real_name,
            profile.introduction,
            profile.can_help_with,
            profile.looking_for,
        ),
        profile.user,
    ),
    url=lambda profile: profile.get_absolute_url(),
    can_see=_can_see,
)
