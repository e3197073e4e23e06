"""How often one person may ask for mentoring or write meeting notes and feedback.

A flood gets a clear message instead, and nothing is saved.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib import ratelimit

HOUR = 60 * 60
DAY = 24 * HOUR

# At most this many requests waiting for an answer at once, per member.
MAX_OPEN_REQUESTS = 3

# kind: (how many, in how many seconds, the message when refused)
LIMITS = {
    "request": (
        10,
        DAY,
        _("You can ask for mentoring at most %(count)d times a day. Try again tomorrow."),
    ),
    "meeting": (
        20,
        HOUR,
        _("You can add meetings at most %(count)d times an hour. Try again later."),
    ),
    "write": (
        30,
        HOUR,
        _("You can save at most %(count)d times an hour. Try again later."),
    ),
}


def limit(kind, actor):
    """Count one `kind` for actor; past its limit raise a ValidationError (rate_limited)."""
    count, window, message = LIMITS[kind]
    if not ratelimit.allow(f"mentoring-{kind}", actor.pk, limit=count, window=window):
        raise ValidationError(message % {"count": count}, code="rate_limited")
