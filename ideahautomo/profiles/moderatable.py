"""Profiles as content members may report (lib.moderatable): hiding a profile hides what
its owner wrote about themselves and their photo; the name stays."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import plain_text, register_moderatable_kind

from .models import Profile
from .permissions import can_see_profile

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
    can_see=can_see_profile,
)
