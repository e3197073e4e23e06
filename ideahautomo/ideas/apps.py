from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideahautomo.ideas"
    verbose_name = _("Ideas")

    def ready(self):
        from . import (
            connections,  # noqa: F401  (team mates see "same ideas" profiles)
            personal_data,  # noqa: F401  (the person's own data download)
            receivers,  # noqa: F401  (a deleted account leaves its teams; its ideas go on)
            suggestions,  # noqa: F401  (registers ideas in the members' suggestions)
        )
