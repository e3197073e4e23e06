from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "ideahautomo.guides"
    label = "guides"
    verbose_name = _("Guides")

    def ready(self):
        from . import searchable  # noqa: F401  (found by the site's search)
