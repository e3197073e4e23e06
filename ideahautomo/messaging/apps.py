from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "ideahautomo.messaging"
    verbose_name = _("Messaging and notifications")

    def ready(self):
        from . import (
            moderatable,  # noqa: F401  (messages members may report)
            personal_data,  # noqa: F401  (the person's own data download)
            receivers,  # noqa: F401  (ideas' events become notifications)
        )
