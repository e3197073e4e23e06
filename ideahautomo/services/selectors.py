"""Reads that the service map's pages need, with their joins and visibility rules."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404

from ideahautomo.accounts.models import Municipality, PartnerOrganisation

from .models import (
    Channel,
    OpeningException,
    OpeningHours,
    Service,
    ServiceTag,
    helsinki_now,
)
from .permissions import (
    can_edit_organisation,
    can_see_organisation,
    can_see_service,
    partner_organisation_id,
)

# A service whose details nobody has checked for this long is listed for staff.
CHECK_AFTER = timedelta(days=182)
MUNICIPALITIES_CACHE_KEY = "services:active-municipalities:v1"


def active_municipalities():
    """Finland's active municipalities for the filters, read once an hour from the cache
    (they change at the turn of a year at most), as unsaved but complete instances."""
    rows = cache.get(MUNICIPALITIES_CACHE_KEY)
    if rows is None:
        rows = list(
            Municipality.objects.filter(is_active=True)
            .order_by("name_fi")
            .values_list("pk", "code", "name_fi", "name_sv", "region_id")
        )
        cache.set(MUNICIPALITIES_CACHE_KEY, rows, 60 * 60)
    return [
        Municipality(pk=pk, code=code, name_fi=name_fi, name_sv=name_sv, region_id=region_id)
        for pk, code, name_fi, name_sv, region_id in rows
    ]


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


@dataclass(frozen=True)
class ServiceFilters:
    need: str = ""
    municipality: Municipality | None = None
    language: str = ""
    drop_in: bool = False
    open: str = ""  # "now", "today" or "" for any time
    query: str = ""


OPEN_NOW, OPEN_TODAY = "now", "today"


def _tagged(kind, code):
    return Exists(ServiceTag.objects.filter(service=OuterRef("pk"), kind=kind, code=code))


def serves_municipality_q(municipality):
    """Services of the municipality, those that list it or its region, national ones and
    online ones: everything a person living there can use."""
    return (
        Q(municipality=municipality)
        | Q(
            Exists(
                Service.municipalities_served.through.objects.filter(
                    service_id=OuterRef("pk"), municipality_id=municipality.pk
                )
            )
        )
        | Q(region_id=municipality.region_id)
        | Q(serves_whole_finland=True)
        | Q(_tagged(ServiceTag.Kind.CHANNEL, Channel.ONLINE))
    )


def open_q(*, moment=None, now_only):
    """Open at the moment (now_only) or at some time of its day, in Finnish local time:
    a date's exception replaces the weekday's hours."""
    local = helsinki_now(moment)
    day, at = local.date(), local.time().replace(tzinfo=None)
    exception = OpeningException.objects.filter(service=OuterRef("pk"), date=day)
    open_exception = exception.filter(is_closed=False)
    weekly = OpeningHours.objects.filter(service=OuterRef("pk"), weekday=day.weekday())
    if now_only:
        open_exception = open_exception.filter(opens__lte=at, closes__gt=at)
        weekly = weekly.filter(opens__lte=at, closes__gt=at)
    return Q(Exists(open_exception)) | (~Q(Exists(exception)) & Q(Exists(weekly)))


def services_for_map(*, filters=ServiceFilters(), moment=None):
    """Shown services of shown organisations matching the filters, by name, with what
    their cards need: organisation, municipality, tags and hours from today on."""
    services = Service.objects.filter(is_active=True, organisation__is_active=True)
    if filters.need:
        services = services.filter(_tagged(ServiceTag.Kind.NEED, filters.need))
    if filters.language:
        services = services.filter(_tagged(ServiceTag.Kind.LANGUAGE, filters.language))
    if filters.municipality is not None:
        services = services.filter(serves_municipality_q(filters.municipality))
    if filters.drop_in:
        services = services.filter(is_drop_in=True)
    if filters.open:
        services = services.filter(open_q(moment=moment, now_only=filters.open == OPEN_NOW))
    if filters.query:
        services = services.filter(
            Q(title__icontains=filters.query)
            | Q(summary__icontains=filters.query)
            | Q(organisation__name__icontains=filters.query)
        )
    services = services.select_related("organisation", "municipality")
    return _with_hours(services, today=helsinki_now(moment).date()).order_by("title", "pk")


def linkable_services(viewer, ids):
    """{id: (title, address)} of the shown services among ids; other content (such as a
    story) links to a service through lib.linkable."""
    services = Service.objects.filter(
        pk__in=ids, is_active=True, organisation__is_active=True
    ).only("pk", "title")
    return {service.pk: (service.title, service.get_absolute_url()) for service in services}
