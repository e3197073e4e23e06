"""How often one staff member may count visitors and save points."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib import ratelimit

HOUR = 60 * 60

LIMITS = {
    "count": (
        600,
        HOUR,
        _("You can count at most %(count)d visitors an hour. Try again later."),
    ),
    "point": (
        30,
        HOUR,
        _("You can save service points at most %(count)d times an hour. Try again later."),
    ),
}


def limit(kind, actor):
    count, window, message = LIMITS[kind]
    if not ratelimit.allow(f"points-{kind}", actor.pk, limit=count, window=window):
        raise ValidationError(message % {"count": count}, code="rate_limited")
