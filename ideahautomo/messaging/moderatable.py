"""Messages as content members may report (lib.moderatable): only a conversation's own
participants see, and so report, its messages; moderators read only the reported text.
A person met here (permissions.can_report_person) is reported through their profile."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import (
    moderatable_also_visible,
    plain_text,
    register_moderatable_kind,
)

from . import selectors
from .models import Message
from .permissions import can_report_person


def _can_see(viewer, message):
    return (
        viewer.is_authenticated
        and selectors.message_for_reporter(viewer=viewer, pk=message.pk) is not None
    )


register_moderatable_kind(
    "message",
    label=_("Message"),
    model=Message,
    load=lambda pk: Message.objects.select_related("sender").filter(pk=pk).first(),
    snapshot=lambda message: (plain_text(message.body), message.sender),
    url=lambda message: None,
    can_see=_can_see,
)

moderatable_also_visible("profile", lambda viewer, profile: can_report_person(viewer, profile.user))
