from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "ideahautomo.profiles"
    verbose_name = _("Profiles")

    def ready(self):
        from . import (
            moderatable,  # noqa: F401  (profiles members may report)
            personal_data,  # noqa: F401  (the person's own data download)
            receivers,  # noqa: F401
        )
