"""How often one staff member may count visitors and save points."""

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
    """Count one `kind` for actor; past its limit raise a ValidationError (rate_limited)."""
    ratelimit.refuse_past_kind_limit(LIMITS, kind, app="points", identity=actor.pk)
