"""Moderators' pages on accounts: suspensions, their appeals and warnings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ideahautomo.lib.forms import add_service_errors

from . import selectors, services
from .forms import AppealDecisionForm, SuspendForm, SuspensionLiftForm, WarnForm
from .models import User
from .permissions import (
    can_decide_suspension_appeal,
    can_lift_suspension,
    can_suspend_user,
    can_suspend_users,
    can_warn_user,
)

SUSPENSIONS_PER_PAGE = 30


def _require_moderator(request):
    if not can_suspend_users(request.user):
        raise PermissionDenied


def _person(user_id):
    return get_object_or_404(User.objects.prefetch_related("role_assignments"), pk=user_id)


@login_required
@require_GET
def suspension_list(request):
    _require_moderator(request)
    appeals_only = request.GET.get("valitukset") == "1"
    page = selectors.suspensions_page(
        appeals_only=appeals_only, number=request.GET.get("sivu"), per_page=SUSPENSIONS_PER_PAGE
    )
    return render(
        request,
        "accounts/moderation/suspension_list.html",
        {
            "page": page,
            "appeals_only": appeals_only,
            "open_appeals": selectors.open_appeal_count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_suspend(request, user_id):
    _require_moderator(request)
    person = _person(user_id)
    if not can_suspend_user(request.user, person):
        raise PermissionDenied
    current = selectors.suspension_active_for(person)
    form = SuspendForm(request.POST or None) if current is None else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            suspension = services.user_suspend(
                user=person,
                by=request.user,
                reason=form.cleaned_data["reason"],
                guideline=form.cleaned_data["guideline"],
                ends_at=form.ends_at(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s's account is suspended and their sessions have ended.")
                % {"name": person.display_name},
            )
            return redirect(suspension)
    return render(
        request,
        "accounts/moderation/user_suspend.html",
        {
            "person": person,
            "form": form,
            "current": current,
            "record": selectors.moderation_record(user=person),
        },
    )


@login_required
@require_GET
def suspension_detail(request, pk):
    _require_moderator(request)
    suspension = selectors.suspension_for_moderator(pk=pk)
    return _detail(request, suspension)


def _detail(request, suspension, *, lift_form=None, decision_form=None, status=200):
    can_lift = can_lift_suspension(request.user, suspension)
    can_decide = can_decide_suspension_appeal(request.user, suspension)
    return render(
        request,
        "accounts/moderation/suspension_detail.html",
        {
            "suspension": suspension,
            "lift_form": (lift_form or SuspensionLiftForm()) if can_lift else None,
            "decision_form": (decision_form or AppealDecisionForm()) if can_decide else None,
            "record": selectors.moderation_record(user=suspension.user),
        },
        status=status,
    )


@login_required
@require_POST
def suspension_lift(request, pk):
    _require_moderator(request)
    suspension = selectors.suspension_for_moderator(pk=pk)
    if not can_lift_suspension(request.user, suspension):
        raise PermissionDenied
    form = SuspensionLiftForm(request.POST)
    if form.is_valid():
        try:
            services.suspension_lift(
                suspension=suspension, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The suspension is lifted."))
            return redirect(suspension)
    return _detail(request, suspension, lift_form=form, status=400)


@login_required
@require_POST
def suspension_appeal_decide(request, pk):
    _require_moderator(request)
    suspension = selectors.suspension_for_moderator(pk=pk)
    if not can_decide_suspension_appeal(request.user, suspension):
        raise PermissionDenied
    form = AppealDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.suspension_appeal_decide(
                suspension=suspension,
                by=request.user,
                lift=form.cleaned_data["decision"] == "lift",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The appeal is decided."))
            return redirect(suspension)
    return _detail(request, suspension, decision_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def user_warn(request, user_id):
    _require_moderator(request)
    person = _person(user_id)
    if not can_warn_user(request.user, person):
        raise PermissionDenied
    form = WarnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_warn(
                user=person,
                by=request.user,
                reason=form.cleaned_data["reason"],
                guideline=form.cleaned_data["guideline"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s has been warned.") % {"name": person.display_name}
            )
            return redirect("accounts:user_warn", user_id=person.pk)
    return render(
        request,
        "accounts/moderation/user_warn.html",
        {"person": person, "form": form, "record": selectors.moderation_record(user=person)},
    )
