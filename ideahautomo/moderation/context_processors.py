"""Whether the header shows the moderators' queue."""

from .permissions import can_moderate


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_can_moderate": can_moderate(user)}
