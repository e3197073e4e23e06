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


def many_guides(count, *, prefix="ohje", category=Guide.Category.BENEFITS, languages=("fi", "sv")):
    """count published guides with texts, made with bulk inserts (for tests at size)."""
    from ideahautomo.guides.models import GuideText

    guides = Guide.objects.bulk_create(
        [
            Guide(slug=f"{prefix}-{number}", category=category, status=Guide.Status.PUBLISHED)
            for number in range(count)
        ]
    )
    if guides and guides[0].pk is None:  # databases that do not return ids of bulk inserts
        guides = list(Guide.objects.filter(slug__startswith=f"{prefix}-").order_by("pk"))
    GuideText.objects.bulk_create(
        [
            GuideText(
                guide=guide,
                language=language,
                title=f"Ohje {guide.slug} {language}",
                summary="Lyhyesti.",
                body="Teksti.",
                body_html="<p>Teksti.</p>",
            )
            for guide in guides
            for language in languages
        ]
    )
    return guides
