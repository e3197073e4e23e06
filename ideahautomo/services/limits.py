"""How often one person may change the service map's content.

A flood gets a clear message instead, and nothing is saved.
"""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib import ratelimit

HOUR = 60 * 60

# kind: (how many, in how many seconds, the message when refused)
LIMITS = {
    "organisation": (
        30,
        HOUR,
        _("You can save organisation pages at most %(count)d times an hour. Try again later."),
    ),
    "logo": (10, HOUR, _("You can change a logo at most %(count)d times an hour.")),
    "service": (
        60,
        HOUR,
        _("You can save services at most %(count)d times an hour. Try again later."),
    ),
    "referral": (
        30,
        HOUR,
        _("You can send services to clients at most %(count)d times an hour. Try again later."),
    ),
    "hours": (
        200,
        HOUR,
        _("You can change opening hours at most %(count)d times an hour. Try again later."),
    ),
}


def limit(kind, actor):
    """Count one `kind` for actor; past its limit raise a ValidationError (rate_limited)."""
    ratelimit.refuse_past_kind_limit(LIMITS, kind, app="services", identity=actor.pk)
