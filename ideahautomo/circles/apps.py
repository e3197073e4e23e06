from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "ideahautomo.circles"
    verbose_name = _("Study circles")

    def ready(self):
        from ideahautomo.lib import ics
        from ideahautomo.lib.linkable import register_linkable_source
        from ideahautomo.messaging.details import register_email_details
        from ideahautomo.messaging.models import NotificationKind

        from . import (
            connections,  # noqa: F401  (circle members see "same circles" profiles)
            moderatable,  # noqa: F401  (posts members may report)
            organisation_sections,  # noqa: F401  (an organisation's page lists its groups)
            personal_data,  # noqa: F401  (the person's own data download)
            receivers,  # noqa: F401  (a deleted account frees its places)
            searchable,  # noqa: F401  (found by the site's search)
            suggestions,  # noqa: F401  (registers circles in the members' suggestions)
        )
        from .selectors import linkable_circles
        from .session_selectors import calendar_entries_of
        from .session_services import reminder_details

        # Circle meetings appear in each member's own calendar feed.
        ics.register_personal_source(calendar_entries_of)
        # A meeting reminder's e-mail tells when, where and how to join.
        register_email_details(
            NotificationKind.CIRCLE_REMINDER,
            template="circles/email/reminder_details",
            context=reminder_details,
        )
        # A story (or other content) may say it came from a circle.
        register_linkable_source(
            "circle",
            label=_("Study circle"),
            url_names=("circles:detail",),
            visible=linkable_circles,
        )
