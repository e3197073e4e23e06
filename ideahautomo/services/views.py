"""Pages of partner organisations and their services: lists, pages, editing, hours."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.accounts.models import PartnerOrganisation
from ideahautomo.lib.forms import call_service
from ideahautomo.lib.hours import hours_action, hours_forms
from ideahautomo.lib.organisation_sections import organisation_sections
from ideahautomo.messaging.permissions import can_use_messaging
from ideahautomo.messaging.selectors import people_to_share_with

from . import permissions, selectors, services
from .forms import (
    LogoForm,
    OpeningExceptionForm,
    OpeningHoursForm,
    OrganisationFilterForm,
    OrganisationForm,
    ReferralForm,
    ServiceFilterForm,
    ServiceForm,
)
from .models import OpeningHours, helsinki_now, hours_on, is_open_at

ORGANISATIONS_PER_PAGE = 30
SERVICES_PER_PAGE = 20


def service_map(request):
    """The service map: the list is the page; a map is added when tiles are configured."""
    data = request.GET.copy()
    home = getattr(request.user, "municipality_id", None)
    if home and not any(key in data for key in ServiceFilterForm.query_keys.values()):
        data["kunta"] = str(home)  # a signed-in person starts from their own municipality
    form = ServiceFilterForm(data)
    filters = form.filters()
    page = Paginator(selectors.services_for_map(filters=filters), SERVICES_PER_PAGE).get_page(
        request.GET.get("sivu")
    )
    _with_today(page.object_list)
    tile_url = settings.SERVICE_MAP_TILE_URL
    return render(
        request,
        "services/map.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "tile_url": tile_url,
            "tile_attribution": settings.SERVICE_MAP_TILE_ATTRIBUTION,
            "markers": _markers(page.object_list) if tile_url else [],
            "can_see_unchecked": permissions.can_see_unchecked_services(request.user),
            "own_organisation": selectors.own_organisation(request.user),
        },
    )


def _markers(services):
    """The services of the page that have coordinates, as data for the map script."""
    return [
        {
            "lat": float(service.latitude),
            "lng": float(service.longitude),
            "title": service.title,
            "url": service.get_absolute_url(),
        }
        for service in services
        if service.latitude is not None
    ]


def organisation_list(request):
    form = OrganisationFilterForm(request.GET)
    filters = form.filters()
    organisations = selectors.organisations_for_list(filters=filters)
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("sivu"))
    return render(
        request,
        "services/organisation_list.html",
        {
            "page": page,
            "filters": filters,
            "kinds": PartnerOrganisation.Kind.choices,
            "municipalities": form.fields["municipality"].municipalities.values(),
            "own_organisation": selectors.own_organisation(request.user),
            "can_create": permissions.can_create_organisation(request.user),
            "can_see_unchecked": permissions.can_see_unchecked_services(request.user),
        },
    )


def organisation_detail(request, pk):
    organisation = selectors.organisation_for_page(viewer=request.user, pk=pk)
    return render(
        request,
        "services/organisation_detail.html",
        {
            "organisation": organisation,
            "services": _with_today(
                selectors.services_of_organisation(viewer=request.user, organisation=organisation)
            ),
            "can_edit": permissions.can_edit_organisation(request.user, organisation),
            "sections": organisation_sections(request, organisation),
        },
    )


def organisation_logo_file(request, pk):
    """The logo, for everyone who may see the organisation's page."""
    organisation = selectors.organisation_for_page(viewer=request.user, pk=pk)
    if not organisation.logo:
        raise Http404
    response = FileResponse(organisation.logo.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _editable(request, pk):
    """The organisation the signed-in person may edit; 404 for any other."""
    organisation = selectors.organisation_for_page(viewer=request.user, pk=pk)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise Http404
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if not permissions.can_create_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    organisation = (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.organisation_create, actor=request.user, **form.service_fields()
        )
    )
    if organisation:
        messages.success(request, _("The organisation's page has been created."))
        return redirect(organisation)
    return render(request, "services/organisation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk):
    organisation = _editable(request, pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.organisation_update,
            actor=request.user,
            organisation=organisation,
            **form.service_fields(),
        )
    )
    if saved:
        messages.success(request, _("The organisation's page has been saved."))
        return redirect(organisation)
    return render(
        request,
        "services/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_logo(request, pk):
    organisation = _editable(request, pk)
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("poista"):
        services.organisation_remove_logo(actor=request.user, organisation=organisation)
        messages.success(request, _("The logo has been removed."))
        return redirect(organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_set_logo(
                actor=request.user, organisation=organisation, upload=form.cleaned_data["logo"]
            )
        except ValidationError as error:
            form.add_error("logo", error)
        else:
            messages.success(request, _("The logo has been saved."))
            return redirect(organisation)
    return render(
        request, "services/organisation_logo.html", {"form": form, "organisation": organisation}
    )


def _with_today(services):
    """Each service marked with today's hours and whether it is open now (Finnish time)."""
    now = helsinki_now()
    for service in services:
        service.hours_today = hours_on(service, now.date())
        service.open_now = is_open_at(service, now)
    return services


def _week(service, today):
    """The next seven days from today with their hours, exceptions applied."""
    days = []
    for offset in range(7):
        day = today + timedelta(days=offset)
        exception = next((e for e in service.exceptions.all() if e.date == day), None)
        days.append(
            {
                "date": day,
                "weekday": OpeningHours.Weekday(day.weekday()).label,
                "hours": hours_on(service, day),
                "note": exception.note if exception else "",
                "is_exception": exception is not None,
            }
        )
    return days


@login_required
@require_http_methods(["GET", "POST"])
def service_refer(request, pk):
    """A contact person sends the service to one of their clients, with a note."""
    service = selectors.service_for_page(viewer=request.user, pk=pk)
    if not permissions.can_refer_service(request.user, service):
        raise Http404
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_refer(actor=request.user, service=service, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("client_email" if error.code == "not_client" else None, error)
        else:
            messages.success(request, _("The service was sent to the client."))
            return redirect(service)
    return render(
        request,
        "services/service_refer.html",
        {"service": service, "form": form},
        status=400 if form.errors else 200,
    )


def service_detail(request, pk):
    service = selectors.service_for_page(viewer=request.user, pk=pk)
    now = helsinki_now()
    _with_today([service])
    can_edit = permissions.can_edit_service(request.user, service)
    return render(
        request,
        "services/service_detail.html",
        {
            "service": service,
            "week": _week(service, now.date()),
            "weekly_hours": service.hours.all(),
            "can_edit": can_edit,
            "can_refer": permissions.can_refer_service(request.user, service),
            "share_with": list(people_to_share_with(viewer=request.user))
            if can_use_messaging(request.user) and service.is_active
            else [],
            "share_text": settings.SITE_URL + service.get_absolute_url(),
            "needs_checking": service.last_checked_on < now.date() - selectors.CHECK_AFTER,
        },
    )


def _save_service(request, form, *, organisation=None, service=None):
    """Call the service function with the form's data; None and form errors on failure."""
    fields = form.service_fields()
    tags = {name: fields.pop(name) for name in ("needs", "audiences", "languages", "channels")}
    served = fields.pop("municipalities_served")
    try:
        if service is None:
            return services.service_create(
                actor=request.user,
                organisation=organisation,
                municipalities_served=served,
                **tags,
                **fields,
            )
        return services.service_update(
            actor=request.user, service=service, municipalities_served=served, **tags, **fields
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request, pk):
    organisation = _editable(request, pk)
    form = ServiceForm(request.POST or None, initial={"municipality": organisation.municipality})
    if request.method == "POST" and form.is_valid():
        service = _save_service(request, form, organisation=organisation)
        if service is not None:
            messages.success(request, _("The service has been saved. Add its opening hours next."))
            return redirect("services:hours", service.pk)
    return render(
        request, "services/service_form.html", {"form": form, "organisation": organisation}
    )


def _editable_service(request, pk):
    """The service the signed-in person may edit; 404 for any other."""
    service = selectors.service_for_page(viewer=request.user, pk=pk)
    if not permissions.can_edit_service(request.user, service):
        raise Http404
    return service


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, pk):
    service = _editable_service(request, pk)
    form = ServiceForm(request.POST or None, instance=service)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _save_service(request, form, service=service)
    )
    if saved:
        messages.success(request, _("The service has been saved."))
        return redirect(service)
    return render(
        request,
        "services/service_form.html",
        {"form": form, "organisation": service.organisation, "service": service},
    )


@login_required
@require_POST
def service_check(request, pk):
    service = _editable_service(request, pk)
    services.service_mark_checked(actor=request.user, service=service)
    messages.success(request, _("Marked as checked today."))
    return redirect(service)


@login_required
@require_http_methods(["GET", "POST"])
def service_hours(request, pk):
    """Weekly hours and exceptions: each row added or removed with a form of its own."""
    service = _editable_service(request, pk)
    hours_form, exception_form = hours_forms(request, OpeningHoursForm, OpeningExceptionForm)
    if request.method == "POST":
        done = hours_action(
            request,
            hours_form,
            exception_form,
            add=(services.opening_hours_add, services.opening_exception_add),
            remove=(services.opening_hours_remove, services.opening_exception_remove),
            actor=request.user,
            service=service,
        )
        if done:
            messages.success(request, _("The opening hours have been saved."))
            return redirect("services:hours", service.pk)
        if request.POST.get("action", "").startswith("remove_"):
            raise Http404
    return render(
        request,
        "services/service_hours.html",
        {
            "service": service,
            "hours_form": hours_form,
            "exception_form": exception_form,
            "weekly_hours": service.hours.all(),
            "exceptions": service.exceptions.all(),
        },
    )


@login_required
def services_unchecked(request):
    if not permissions.can_see_unchecked_services(request.user):
        raise PermissionDenied
    page = Paginator(selectors.services_unchecked(), 50).get_page(request.GET.get("sivu"))
    return render(request, "services/services_unchecked.html", {"page": page})
