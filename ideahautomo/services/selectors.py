"""Reads that the service map's pages need, with their joins and visibility rules."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from ideahautomo.accounts.models import Municipality, PartnerOrganisation

from .permissions import can_see_organisation, partner_organisation_id


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
