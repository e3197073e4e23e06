from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ideahautomo.search"
    verbose_name = _("Search")

    def ready(self):
        from ideahautomo.lib.searchable import set_index_handlers

        from . import people  # noqa: F401  (people are found by their profiles)
        from .services import index_object, remove_object

        set_index_handlers(index=index_object, remove=remove_object)
