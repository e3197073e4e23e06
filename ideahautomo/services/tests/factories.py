import io

from PIL import Image

from ideahautomo.accounts.tests.factories import PartnerOrganisationFactory  # noqa: F401


def image_bytes(size=(1200, 800), image_format="PNG", **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 20)).save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def service_for(organisation, *, actor=None, needs=("job_search",), **fields):
    """A service through the service function, with sensible defaults for the rest."""
    from ideahautomo.accounts.models import Municipality
    from ideahautomo.services import services

    defaults = {
        "title": "Työnhakupiste",
        "summary": "Apua hakemuksiin ja CV:hen.",
        "municipality": Municipality.objects.get(code="091"),
        "channels": ["walk_in"],
        "languages": ["fi"],
    }
    defaults.update(fields)
    if actor is None:
        from ideahautomo.accounts.models import Role
        from ideahautomo.accounts.tests.factories import user_with_role

        actor = user_with_role(Role.PROJECT_MANAGER)
    return services.service_create(
        actor=actor, organisation=organisation, needs=list(needs), **defaults
    )
