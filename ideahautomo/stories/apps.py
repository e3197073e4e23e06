from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "ideahautomo.stories"
    label = "stories"
    verbose_name = _("Success stories")

    def ready(self):
        from . import (
            moderatable,  # noqa: F401  (published stories members may report)
            personal_data,  # noqa: F401  (the person's own data download)
            receivers,  # noqa: F401  (a deleted account takes the stories about the person)
            searchable,  # noqa: F401  (found by the site's search)
        )
