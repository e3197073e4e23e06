from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "ideahautomo.events"
    verbose_name = _("Events")

    def ready(self):
        from . import (
            export,  # noqa: F401  (the person's own data download)
            receivers,  # noqa: F401  (a deleted account frees its places)
        )
