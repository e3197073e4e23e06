"""Organisers' pages: editing the circle, inviting people and caring for the members;
and the invitee's answer to an invitation.

Private circles answer 404 to everyone outside them; other circles answer 403 to
everyone who does not organise them.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import model_to_dict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ideahautomo.lib.forms import add_service_errors

from . import permissions, selectors, services
from .forms import CircleForm, InviteSearchForm
from .models import Membership


def _circle_to_manage(request, pk):
    """(circle, None) for its organisers; (None, sign-in redirect) for guests of circles
    they may see; 404 when the viewer may not see the circle; 403 otherwise."""
    circle = selectors.circle_for_viewer(viewer=request.user, pk=pk)
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    if not permissions.can_manage_circle(request.user, circle):
        raise PermissionDenied
    return circle, None


def _error_message(request, error):
    messages.error(request, " ".join(error.messages))


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    circle, response = _circle_to_manage(request, pk)
    if response:
        return response
    initial = model_to_dict(circle, fields=CircleForm.Meta.fields)
    initial["other_languages"] = circle.other_language_codes
    form = CircleForm(request.POST or None, initial=initial, user=request.user, circle=circle)
    if request.method == "POST" and form.is_valid():
        try:
            services.circle_update(actor=request.user, circle=circle, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(circle)
    return render(request, "circles/edit.html", {"circle": circle, "form": form})


@require_GET
def members(request, pk):
    circle, response = _circle_to_manage(request, pk)
    if response:
        return response
    search = InviteSearchForm(request.GET or None)
    found = None
    if search.is_valid():
        found = selectors.invitable_people(
            viewer=request.user, circle=circle, name=search.cleaned_data["name"]
        )
    everyone = selectors.members_of(circle)
    return render(
        request,
        "circles/members.html",
        {
            "circle": circle,
            "members": [m for m in everyone if m.status == Membership.Status.ACTIVE],
            "waiting": [m for m in everyone if m.status != Membership.Status.ACTIVE],
            "invitations": selectors.invitations_of(circle),
            "search": search,
            "found": found,
        },
    )


def _members_page(circle):
    return redirect(reverse("circles:members", args=[circle.pk]))


@require_POST
def invite(request, pk):
    circle, response = _circle_to_manage(request, pk)
    if response:
        return response
    user_id = request.POST.get("kayttaja", "")
    invitee = None
    if user_id.isdigit() and len(user_id) < 12:
        invitee = get_user_model().objects.filter(pk=int(user_id)).first()
    if invitee is None:
        messages.error(request, _("This person cannot be invited."))
        return _members_page(circle)
    try:
        services.circle_invitation_create(actor=request.user, circle=circle, invitee=invitee)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(
            request,
            _("%(name)s was invited. They will see the invitation on the circle’s page.")
            % {"name": invitee.display_name},
        )
    return _members_page(circle)


def _act_on_member(request, pk, membership_pk, action, done_text):
    """Run an organiser's action on one membership of their circle and say how it went."""
    circle, response = _circle_to_manage(request, pk)
    if response:
        return response
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, circle=circle
    )
    membership.circle = circle
    try:
        action(actor=request.user, membership=membership)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, done_text % {"name": membership.user.display_name})
    return _members_page(circle)


@require_POST
def member_remove(request, pk, membership_pk):
    return _act_on_member(
        request,
        pk,
        membership_pk,
        services.member_remove,
        _("%(name)s is no longer in the circle."),
    )


@require_POST
def organiser_add(request, pk, membership_pk):
    return _act_on_member(
        request,
        pk,
        membership_pk,
        services.organiser_add,
        _("%(name)s is now an organiser too."),
    )


@require_POST
def invitation_answer(request, pk):
    circle = selectors.circle_for_viewer(viewer=request.user, pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(circle.get_absolute_url())
    try:
        if request.POST.get("decision") == "accept":
            membership = services.circle_invitation_accept(actor=request.user, circle=circle)
            if membership.status == Membership.Status.ACTIVE:
                messages.success(request, _("Welcome to the circle!"))
            else:
                messages.success(
                    request,
                    _(
                        "The circle is full: you are on the waitlist and will be told "
                        "when a place opens."
                    ),
                )
        else:
            services.circle_invitation_decline(actor=request.user, circle=circle)
            messages.success(request, _("You declined the invitation."))
            if not permissions.can_view_circle(request.user, circle):
                return redirect("circles:list")
    except ValidationError as error:
        _error_message(request, error)
    return redirect(circle)
