"""How often one person may write stories or ask others' consent to them.

A flood gets a clear message instead, and nothing is saved.
"""

from django.core.exceptions import ValidationError
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
    count, window, message = LIMITS[kind]
    if not ratelimit.allow(f"stories-{kind}", actor.pk, limit=count, window=window):
        raise ValidationError(message % {"count": count}, code="rate_limited")
