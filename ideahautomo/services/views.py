"""Pages of partner organisations: the list, each organisation's page and its editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ideahautomo.accounts.models import PartnerOrganisation

from . import permissions, selectors, services
from .forms import LogoForm, OrganisationFilterForm, OrganisationForm

ORGANISATIONS_PER_PAGE = 30


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
            "municipalities": form.fields["kunta"].queryset,
            "own_organisation": selectors.own_organisation(request.user),
            "can_create": permissions.can_create_organisation(request.user),
        },
    )


def organisation_detail(request, pk):
    organisation = selectors.organisation_for_page(viewer=request.user, pk=pk)
    return render(
        request,
        "services/organisation_detail.html",
        {
            "organisation": organisation,
            "can_edit": permissions.can_edit_organisation(request.user, organisation),
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
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation's page has been created."))
            return redirect(organisation)
    return render(request, "services/organisation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk):
    organisation = _editable(request, pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, **form.service_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
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
