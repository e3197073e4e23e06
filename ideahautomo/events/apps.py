from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "ideahautomo.events"
    verbose_name = _("Events")

    def ready(self):
        from ideahautomo.messaging.details import register_email_details
        from ideahautomo.messaging.models import NotificationKind

        from . import (
            moderatable,  # noqa: F401  (events members may report)
            personal_data,  # noqa: F401  (the person's own data download)
            receivers,  # noqa: F401  (a deleted account frees its places)
            searchable,  # noqa: F401  (found by the site's search)
        )
        from .services import reminder_details

        # A reminder's and a change's e-mail tell when, where and how to join.
        for kind in (NotificationKind.EVENT_REMINDER, NotificationKind.EVENT_CHANGE):
            register_email_details(
                kind, template="events/email/reminder_details", context=reminder_details
            )
