"""Pages of service points: the list, the form and each point's visitor counter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.lib.actions import call_and_tell
from ideahautomo.lib.forms import call_service
from ideahautomo.lib.hours import hours_action, hours_forms

from . import permissions, selectors, services
from .forms import CountForm, PointExceptionForm, PointForm, PointHoursForm
from .sections import point_sections


def _staff_point(request, pk):
    """The point the signed-in staff member belongs to; 403 for any other staff."""
    if not permissions.can_manage_points(request.user):
        raise PermissionDenied
    point = selectors.point_for_page(pk=pk)
    if point is None:
        raise Http404
    if not permissions.belongs_to_point(request.user, point):
        raise PermissionDenied
    return point


@login_required
def point_list(request):
    if not permissions.can_manage_points(request.user):
        raise PermissionDenied
    return render(request, "points/point_list.html", {"points": selectors.points_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def point_create(request):
    if not permissions.can_manage_points(request.user):
        raise PermissionDenied
    area = request.user.contact_area
    form = PointForm(request.POST or None, initial={"area": area})
    if request.method == "POST" and form.is_valid():
        point = call_service(form, services.point_create, actor=request.user, **form.cleaned_data)
        if point is not None:
            messages.success(
                request, _("The service point has been saved. Add its opening hours next.")
            )
            return redirect("points:edit", point.pk)
    return render(request, "points/point_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def point_edit(request, pk):
    point = _staff_point(request, pk)
    action = request.POST.get("action", "")
    form = PointForm(request.POST if action == "save" else None, instance=point)
    hours_form, exception_form = hours_forms(request, PointHoursForm, PointExceptionForm)
    if request.method == "POST":
        if action == "save":
            done = form.is_valid() and call_service(
                form, services.point_update, actor=request.user, point=point, **form.cleaned_data
            )
        else:
            done = hours_action(
                request,
                hours_form,
                exception_form,
                add=(services.point_hours_add, services.point_exception_add),
                remove=(services.point_hours_remove, services.point_exception_remove),
                actor=request.user,
                point=point,
            )
        if done:
            messages.success(request, _("The service point has been saved."))
            return redirect("points:edit", point.pk)
    return render(
        request,
        "points/point_edit.html",
        {
            "point": point,
            "form": form,
            "hours_form": hours_form,
            "hours": point.hours.all(),
            "exception_form": exception_form,
            "exceptions": selectors.upcoming_exceptions(point),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def point_detail(request, pk):
    """The counter: one tap counts a visitor; today's and the week's totals below."""
    point = _staff_point(request, pk)
    form = CountForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_count_at(request.user, point):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            visit = call_service(
                form,
                services.visitor_count,
                actor=request.user,
                point=point,
                first_visit=data["visit"] == "first",
                purpose=data["purpose"],
                language=data["language"],
            )
            if visit is not None:
                if visit.first_visit:
                    messages.success(request, _("A first-time visitor has been counted."))
                else:
                    messages.success(request, _("A returning visitor has been counted."))
                return redirect("points:detail", point.pk)
    return render(
        request,
        "points/point_detail.html",
        {
            "point": point,
            "form": form,
            "can_count": permissions.can_count_at(request.user, point),
            "can_edit": permissions.can_edit_point(request.user, point),
            "undoable": selectors.undoable_count(actor=request.user, point=point),
            "today": selectors.today_totals(point),
            "week": selectors.week_totals(point),
            "exceptions": selectors.upcoming_exceptions(point),
            "sections": point_sections(request, point),
        },
    )


@login_required
@require_POST
def count_undo(request, pk):
    point = _staff_point(request, pk)
    visit_id = request.POST.get("id", "")
    call_and_tell(
        request,
        services.visitor_count_undo,
        _("The count has been undone."),
        actor=request.user,
        point=point,
        visit_id=int(visit_id) if visit_id.isdigit() else 0,
    )
    return redirect("points:detail", point.pk)
