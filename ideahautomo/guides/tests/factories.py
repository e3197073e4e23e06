"""Guides made through the service functions, with sensible defaults."""

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import user_with_role
from ideahautomo.guides import services
from ideahautomo.guides.models import Guide


def texts(*languages, title="Keikkatyö ja työttömyysetuus"):
    """A text in each language, each with its language in the title."""
    return {
        language: {
            "title": f"{title} {language}" if language != "fi" else title,
            "summary": f"Lyhyesti ({language}).",
            "body": f"Tekstiä kielellä **{language}**.",
        }
        for language in languages or ("fi",)
    }


def guide_for(*, actor=None, languages=("fi",), publish=True, **fields):
    if actor is None:
        actor = user_with_role(Role.PROJECT_MANAGER)
    values = {"category": Guide.Category.BENEFITS, "texts": texts(*languages)}
    values.update(fields)
    return services.guide_create(actor=actor, publish=publish, **values)
