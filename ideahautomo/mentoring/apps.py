from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "ideahautomo.mentoring"
    label = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self):
        from . import (
            personal_data,  # noqa: F401  (the person's own data download)
            receivers,  # noqa: F401  (a deleted account's mentorings go)
        )
