from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "ideahautomo.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from . import (
            personal_data,  # noqa: F401  (the reports a person sent, in their data download)
            receivers,  # noqa: F401  (a deleted account's reports lose its name)
        )
