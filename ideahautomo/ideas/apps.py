from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideahautomo.ideas"
    verbose_name = _("Ideas")

    def ready(self):
        from ideahautomo.lib.linkable import register_linkable_source

        from . import (
            connections,  # noqa: F401  (team mates see "same ideas" profiles)
            moderatable,  # noqa: F401  (ideas and comments members may report)
            personal_data,  # noqa: F401  (the person's own data download)
            receivers,  # noqa: F401  (a deleted account leaves its teams; its ideas go on)
            searchable,  # noqa: F401  (found by the site's search)
            suggestions,  # noqa: F401  (registers ideas in the members' suggestions)
        )
        from .selectors import linkable_ideas

        # A story (or other content) may say it came from an idea.
        register_linkable_source(
            "idea",
            label=_("Idea"),
            url_names=("ideas:detail", "ideas:detail_short"),
            visible=linkable_ideas,
        )
