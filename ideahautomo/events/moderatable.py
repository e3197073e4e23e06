"""Events as content members may report (lib.moderatable)."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import plain_text, register_moderatable_kind

from .models import Event
from .permissions import can_see_event

register_moderatable_kind(
    "event",
    label=_("Event"),
    model=Event,
    load=lambda pk: Event.objects.select_related("created_by").filter(pk=pk).first(),
    snapshot=lambda event: (plain_text(event.title, event.description), event.created_by),
    url=lambda event: event.get_absolute_url(),
    can_see=can_see_event,
)
