"""Member pages of impact: the monthly check-in, its history, and service feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ideahautomo.lib import ratelimit
from ideahautomo.lib.forms import add_service_errors
from ideahautomo.lib.paging import window

from . import permissions, selectors, services
from .forms import CheckInForm, FeedbackForm

CHECK_INS_PER_PAGE = 12


def _not_for_you(request):
    """Staff-only and other non-member accounts are told plainly why the page is closed."""
    return render(request, "impact/not_a_member.html", status=403)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request):
    if not permissions.can_check_in(request.user):
        return _not_for_you(request)
    month = selectors.month_of()
    earlier = selectors.check_in_for_month(user=request.user, month=month)
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                services.check_in_answer(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you! Your answer was saved."))
                return redirect("impact:history")
    else:
        form = CheckInForm(initial=CheckInForm.initial_from(earlier))
    return render(
        request,
        "impact/check_in.html",
        # Skipping is offered only while the month has no answer, which it would keep.
        {"form": form, "month": month, "can_skip": earlier is None or earlier.skipped},
    )


@login_required
@require_POST
def check_in_skip(request):
    if not permissions.can_check_in(request.user):
        return _not_for_you(request)
    services.check_in_skip(actor=request.user)
    messages.success(request, _("All right. We will ask again next month."))
    return redirect("pages:home")


@login_required
@require_GET
def history(request):
    if not permissions.can_check_in(request.user):
        return _not_for_you(request)
    page = window(
        selectors.check_ins_of(user=request.user),
        request.GET.get("sivu"),
        per_page=CHECK_INS_PER_PAGE,
    )
    for check_in in page.object_list:
        check_in.helped = selectors.helped_labels(check_in)
    return render(
        request,
        "impact/history.html",
        {
            "page": page,
            "due": selectors.check_in_is_due(user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def feedback(request):
    named_allowed = permissions.can_give_named_feedback(request.user)
    if request.method == "POST":
        form = FeedbackForm(request.POST, named_allowed=named_allowed)
        if form.is_valid():
            data = form.cleaned_data
            if data["website"]:
                # A robot filled in the trap: thank it and keep nothing.
                return redirect("impact:feedback_thanks")
            try:
                services.feedback_give(
                    actor=request.user,
                    mood=data["mood"],
                    text=data["text"],
                    anonymous=data.get("anonymous", True),
                    page=data["page"],
                    client=ratelimit.client_ip(request),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("impact:feedback_thanks")
    else:
        form = FeedbackForm(
            named_allowed=named_allowed,
            initial={"page": services.page_clean(request.GET.get("sivu"))},
        )
    return render(request, "impact/feedback.html", {"form": form})


@require_GET
def feedback_thanks(request):
    return render(request, "impact/feedback_thanks.html")
