from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ideahautomo.search"
    verbose_name = _("Search")

    def ready(self):
        from . import people  # noqa: F401  (people are found by their profiles)
