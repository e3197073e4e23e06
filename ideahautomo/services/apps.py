from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "ideahautomo.services"
    label = "services"
    verbose_name = _("Service map")

    def ready(self):
        from . import suggestions  # noqa: F401  (services in the members' suggestions)
