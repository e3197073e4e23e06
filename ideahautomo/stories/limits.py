"""How often one person may write stories or ask others' consent to them.

A flood gets a clear message instead, and nothing is saved.
"""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib import ratelimit

HOUR = 60 * 60

# kind: (how many, in how many seconds, the message when refused)
LIMITS = {
    "own": (10, HOUR, _("You can write at most %(count)d stories an hour. Try again later.")),
    "draft": (
        30,
        HOUR,
        _("You can draft stories about your clients at most %(count)d times an hour."),
    ),
    "save": (60, HOUR, _("You can save stories at most %(count)d times an hour.")),
}


def limit(kind, actor):
    """Count one `kind` for actor; past its limit raise a ValidationError (rate_limited)."""
    ratelimit.refuse_past_kind_limit(LIMITS, kind, app="stories", identity=actor.pk)
