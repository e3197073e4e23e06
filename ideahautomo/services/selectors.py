"""Reads that the service map's pages need, with their joins and visibility rules."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Prefetch
from django.http import Http404

from ideahautomo.accounts.models import Municipality, PartnerOrganisation

from .models import OpeningException, Service, helsinki_now
from .permissions import (
    can_edit_organisation,
    can_see_organisation,
    can_see_service,
    partner_organisation_id,
)

# A service whose details nobody has checked for this long is listed for staff.
CHECK_AFTER = timedelta(days=182)


@dataclass(frozen=True)
class OrganisationFilters:
    kind: str = ""
    municipality: Municipality | None = None


def organisations_for_list(*, filters=OrganisationFilters()):
    """Active organisations by name, each with its home municipality."""
    organisations = PartnerOrganisation.objects.filter(is_active=True).select_related(
        "municipality"
    )
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.municipality is not None:
        organisations = organisations.filter(municipalities_served=filters.municipality)
    return organisations.order_by("name", "pk")


def organisation_for_page(*, viewer, pk):
    """The organisation with the municipalities it serves, or 404 for one the viewer
    may not see."""
    organisation = (
        PartnerOrganisation.objects.select_related("municipality")
        .prefetch_related(
            Prefetch(
                "municipalities_served",
                queryset=Municipality.objects.order_by("name_fi"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if organisation is None or not can_see_organisation(viewer, organisation):
        raise Http404
    return organisation


def own_organisation(user):
    """The organisation a partner's staff member keeps, or None."""
    pk = partner_organisation_id(user)
    return PartnerOrganisation.objects.filter(pk=pk).first() if pk else None


def _with_hours(services, *, today):
    """Services with their tags, weekly hours and exceptions from today on, prefetched."""
    return services.prefetch_related(
        "tags",
        "hours",
        Prefetch("exceptions", queryset=OpeningException.objects.filter(date__gte=today)),
    )


def services_of_organisation(*, viewer, organisation):
    """The organisation's services for its page; hidden ones only for its editors."""
    services = organisation.services.select_related("municipality")
    if not can_edit_organisation(viewer, organisation):
        services = services.filter(is_active=True)
    return _with_hours(services, today=helsinki_now().date()).order_by("title", "pk")


def service_for_page(*, viewer, pk):
    """The service with all its page needs, or 404 for one the viewer may not see."""
    service = (
        _with_hours(
            Service.objects.select_related("organisation", "municipality", "region"),
            today=helsinki_now().date(),
        )
        .prefetch_related(
            Prefetch("municipalities_served", queryset=Municipality.objects.order_by("name_fi"))
        )
        .filter(pk=pk)
        .first()
    )
    if service is None or not can_see_service(viewer, service):
        raise Http404
    return service


def services_unchecked(*, today=None):
    """Shown services whose details were last checked over six months ago, oldest first."""
    today = today or helsinki_now().date()
    return (
        Service.objects.filter(is_active=True, last_checked_on__lt=today - CHECK_AFTER)
        .select_related("organisation")
        .order_by("last_checked_on", "pk")
    )
