"""The header's unread counts for signed-in people: one query, only when the page uses them."""

from django.utils.functional import SimpleLazyObject

from .permissions import can_block_and_report, can_use_messaging
from .selectors import unread_counts


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counts = SimpleLazyObject(
        lambda: dict(zip(("conversations", "notifications"), unread_counts(user), strict=True))
    )
    return {
        "unread": counts,
        "nav_can_use_messaging": can_use_messaging(user),
        "nav_can_block_and_report": can_block_and_report(user),
    }
