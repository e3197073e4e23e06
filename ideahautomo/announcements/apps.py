from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "ideahautomo.announcements"
    verbose_name = _("Announcements")

    def ready(self):
        from . import receivers  # noqa: F401  (a deleted account is forgotten here too)
