"""How often one person may do in circles what creates content or reaches other people.

A flood gets a clear message instead, and nothing is saved.
"""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib import ratelimit

HOUR = 60 * 60
DAY = 24 * HOUR

# kind: (how many, in how many seconds, the message when refused)
LIMITS = {
    "circle": (3, DAY, _("You can start at most %(count)d circles a day. Try again tomorrow.")),
    "post": (
        10,
        10 * 60,
        _("You are posting very fast. Wait a while: %(count)d in %(minutes)d minutes at most."),
    ),
    "invitation": (
        30,
        HOUR,
        _("You can send at most %(count)d circle invitations an hour. Try again later."),
    ),
    "wish": (10, HOUR, _("You can add at most %(count)d wishes an hour. Try again later.")),
    "meeting": (
        20,
        HOUR,
        _(
            "Each change is sent to every member, so you can add, change or cancel meetings "
            "at most %(count)d times an hour. Try again later."
        ),
    ),
}


def limit(kind, actor):
    """Count one `kind` for actor; past its limit raise a ValidationError (rate_limited)."""
    ratelimit.refuse_past_kind_limit(LIMITS, kind, app="circles", identity=actor.pk)
