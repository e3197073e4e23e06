"""Study circle pages: the list, one circle, starting one, joining and leaving, wishes
for circles, and the staff's view of the demand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.accounts.models import EmploymentArea, Municipality
from ideahautomo.lib.actions import call_and_tell
from ideahautomo.lib.forms import add_service_errors
from ideahautomo.lib.paging import window

from . import permissions, selectors, services
from .discussion_views import discussion_context
from .forms import CircleFilterForm, CircleForm, CircleWishForm, circle_form_initial
from .models import CircleWish, Membership
from .session_views import sessions_summary

CIRCLES_PER_PAGE = 20


def circle_list(request):
    form = CircleFilterForm(request.GET or None)
    filters = form.filters(selectors.CircleFilters)
    page = window(
        selectors.circles_for_list(viewer=request.user, filters=filters),
        request.GET.get("sivu"),
        per_page=CIRCLES_PER_PAGE,
    )
    return render(
        request,
        "circles/list.html",
        {
            "form": form,
            "page": page,
            "filtered": bool(request.GET) and any(vars(filters).values()),
            "can_create": permissions.can_create_circle(request.user),
        },
    )


def detail(request, pk):
    circle = selectors.circle_for_viewer(viewer=request.user, pk=pk)
    membership = permissions.membership_of(request.user, circle)
    show_members = permissions.can_see_members(request.user, circle)
    members = selectors.members_of(circle) if show_members else []
    return render(
        request,
        "circles/detail.html",
        {
            "circle": circle,
            "membership": membership,
            "members": [m for m in members if m.status == Membership.Status.ACTIVE],
            "waiting": [m for m in members if m.status != Membership.Status.ACTIVE],
            "show_members": show_members,
            "can_join": permissions.can_join(request.user, circle),
            "can_manage": permissions.can_manage_circle(request.user, circle),
            "show_link": permissions.can_see_meeting_link(request.user, circle),
            **sessions_summary(request, circle),
            "invitation": (
                permissions.invitation_of(request.user, circle)
                if permissions.can_answer_invitation(request.user, circle)
                else None
            ),
            **discussion_context(request, circle),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not permissions.can_create_circle(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = CircleForm(request.POST, user=request.user)
    else:
        form = CircleForm(initial=circle_form_initial(request.GET), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            circle = services.circle_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your circle has started. Invite people to join!"))
            return redirect(circle)
    return render(request, "circles/form.html", {"form": form})


@login_required
@require_POST
def join(request, pk):
    circle = selectors.circle_for_viewer(viewer=request.user, pk=pk)
    try:
        membership = services.circle_join(actor=request.user, circle=circle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        texts = {
            Membership.Status.ACTIVE: _("Welcome to the circle!"),
            Membership.Status.WAITLISTED: _(
                "The circle is full: you are on the waitlist and will be told when a place opens."
            ),
            Membership.Status.REQUESTED: _("Your request was sent to the organisers."),
        }
        messages.success(request, texts[membership.status])
    return redirect(circle)


@login_required
@require_POST
def leave(request, pk):
    circle = selectors.circle_for_viewer(viewer=request.user, pk=pk)
    call_and_tell(
        request, services.circle_leave, _("You left the circle."), actor=request.user, circle=circle
    )
    return redirect(circle)


@login_required
@require_POST
def decide(request, membership_pk):
    membership = get_object_or_404(Membership.objects.select_related("circle"), pk=membership_pk)
    circle = selectors.circle_for_viewer(viewer=request.user, pk=membership.circle_id)
    if not permissions.can_manage_circle(request.user, circle):
        raise PermissionDenied
    try:
        services.request_decide(
            actor=request.user,
            membership=membership,
            approve=request.POST.get("decision") == "approve",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(circle)


@login_required
@require_http_methods(["GET", "POST"])
def wishes(request):
    """The member's wishes for circles, the circles that already answer them, and a form."""
    if not permissions.can_wish_for_circles(request.user):
        raise PermissionDenied
    form = CircleWishForm(
        request.POST or None,
        initial={"municipality": request.user.municipality_id, "online_ok": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.wish_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your wish is saved. When enough people wish for the same, "
                    "you will be told, so you can start a circle together."
                ),
            )
            return redirect("circles:wishes")
    wishes = selectors.wishes_of(request.user)
    matches = selectors.circles_for_wishes(viewer=request.user, wishes=wishes)
    return render(
        request,
        "circles/wishes.html",
        {"form": form, "wishes": [(wish, matches.get(wish.pk, [])) for wish in wishes]},
    )


@login_required
@require_POST
def wish_remove(request, pk):
    wish = get_object_or_404(CircleWish, pk=pk, user=request.user)
    services.wish_remove(actor=request.user, wish=wish)
    messages.success(request, _("The wish was removed."))
    return redirect("circles:wishes")


@login_required
def demand(request):
    """Unmet demand for circles by place, for the employment services' staff."""
    if not permissions.can_see_circle_demand(request.user):
        raise PermissionDenied
    areas, area = None, None
    if permissions.can_see_demand_of_all_areas(request.user):
        areas = list(EmploymentArea.objects.all())
        chosen = request.GET.get("alue", "")
        area = next((a for a in areas if str(a.pk) == chosen), None)
    else:
        area = request.user.contact_area
    municipalities = None
    if area is not None:
        municipalities = Municipality.objects.filter(employment_area=area)
    return render(
        request,
        "circles/demand.html",
        {
            "pools": selectors.unmet_demand(area_municipalities=municipalities),
            "areas": areas,
            "area": area,
        },
    )
