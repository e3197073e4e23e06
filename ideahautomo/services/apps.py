from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "ideahautomo.services"
    label = "services"
    verbose_name = _("Service map")

    def ready(self):
        from ideahautomo.lib.linkable import register_linkable_source

        from . import (
            searchable,  # noqa: F401  (found by the site's search)
            suggestions,  # noqa: F401  (services in the members' suggestions)
        )
        from .selectors import linkable_services

        # A story (or other content) may say it came from a service.
        register_linkable_source(
            "service", label=_("Service"), url_names=("services:detail",), visible=linkable_services
        )
