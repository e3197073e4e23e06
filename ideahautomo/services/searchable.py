"""Services of the service map in search: active ones, for everyone."""

from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.searchable import Audience, Entry, joined, plain, register_kind

from .models import Service


def service_entries(service):
    if not service.is_active:
        return []
    return [
        Entry(
            title=service.title,
            body=joined(
                service.summary, plain(service.description_html), service.organisation.name
            ),
            language="fi",
            url=service.get_absolute_url(),
            audience=Audience.PUBLIC,
            municipality_id=service.municipality_id,
        )
    ]


register_kind(
    "service",
    label=_("Services"),
    order=50,
    model=Service,
    entries=service_entries,
    objects=lambda: Service.objects.select_related("organisation"),
)
