from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "ideahautomo.impact"
    verbose_name = _("Impact")

    def ready(self):
        from . import (
            kiosk_sections,  # noqa: F401  (the kiosk's start button on a point's page)
            personal_data,  # noqa: F401  (the person's own data download)
            receivers,  # noqa: F401  (a deleted account takes its answers with it)
        )
